"""Matching predictions to gold: events (greedy, one-to-one) and toponyms; distances and dates.

Rules are those of GOLD.md; the choices GOLD.md leaves open are stated in each docstring
and in tests/gold/README.md.
"""
from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from ..records import Event, PlaceMention

EARTH_RADIUS_KM = 6371.0088
TOWN_KM = 50.0          # gold precision 1 or 2
REGION_KM = 150.0       # gold precision 3
TOPONYM_KM = 161.0      # accuracy@161km
SLACK = timedelta(days=1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def normalise_name(text: str | None) -> str:
    """Case-, diacritic- and punctuation-insensitive form: "U.S." -> "us", "Ālbū Kamāl" -> "albu kamal"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[.'’‘`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def normalise_text(text: str) -> str:
    """Toponym surface text: white space folded, case and spelling kept."""
    return " ".join(text.split())


# Generic words around a place name that annotators include or leave out ("the United States",
# "Nangarhar province"); only these words are compared case-insensitively and may be dropped.
_DESIGNATORS = {"the", "province", "governorate", "district", "city", "town", "village", "region", "county",
                "area", "state"}


def toponym_core(text: str) -> str:
    """The toponym text without leading/trailing generic designators ("the", "province", ...)."""
    words = normalise_text(text).split()
    while len(words) > 1 and words[0].casefold() in _DESIGNATORS:
        words.pop(0)
    while len(words) > 1 and words[-1].casefold() in _DESIGNATORS:
        words.pop()
    return " ".join(words)


def same_toponym(gold_text: str, predicted_text: str) -> bool:
    """Same text after white space folding (case-sensitive), or the same once generic designators
    are dropped from either end ("Nangarhar" ~ "Nangarhar province", "the United States" ~ "United States")."""
    g, p = normalise_text(gold_text), normalise_text(predicted_text)
    return g == p or toponym_core(g) == toponym_core(p)


# ----------------------------------------------------------------------------- dates

def partial_range(value: str | None) -> tuple[date, date] | None:
    """"2013" -> whole year, "2013-05" -> whole month, "2013-05-10" -> that day, None -> None."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


def ranges_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Overlap with one day of slack; an unknown range (None) agrees with anything."""
    if a is None or b is None:
        return True
    return a[0] - SLACK <= b[1] and b[0] - SLACK <= a[1]


def gold_range(gold_date: dict | None) -> tuple[date, date] | None:
    if not gold_date:
        return None
    return date.fromisoformat(gold_date["start"]), date.fromisoformat(gold_date["end"])


def pred_range(event: Event) -> tuple[date, date] | None:
    """The predicted date range; a range with one end unknown is that one day; none -> None."""
    d = event.date
    if d is None:
        return None
    start, end = _as_date(d.start), _as_date(d.end)
    if start is None and end is None:
        return None
    start, end = start or end, end or start
    return (start, end) if start <= end else (end, start)


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.date() if hasattr(value, "hour") else value
    return date.fromisoformat(str(value)[:10])


# ----------------------------------------------------------------------------- events

def plover_types(gold_event: dict) -> set[str]:
    value = gold_event["plover"]
    return set(value) if isinstance(value, list) else {value}


def is_real(status: str | None) -> bool:
    return status == "occurred"


def is_town_level(place: dict | None) -> bool:
    return place is not None and place.get("precision") in (1, 2)


def place_distance(gold_place: dict | None, event: Event) -> tuple[bool, float | None]:
    """(places agree, distance km or None).

    Gold place null: any prediction agrees. Precision 4: same country code (the prediction's
    ``location.country_code``; coordinates not needed). Precision 1-2: within 50 km; 3: within
    150 km; a prediction without coordinates never agrees with a gold place of precision 1-3.
    """
    loc = event.location
    has_coords = loc is not None and loc.latitude is not None and loc.longitude is not None
    if gold_place is None:
        return True, None
    dist = None
    if has_coords and gold_place.get("lat") is not None:
        dist = haversine_km(gold_place["lat"], gold_place["lon"], loc.latitude, loc.longitude)
    precision = gold_place["precision"]
    if precision == 4:
        code = (loc.country_code or "").upper() if loc else ""
        return code == gold_place["country"].upper(), dist
    if dist is None:
        return False, None
    return dist <= (REGION_KM if precision == 3 else TOWN_KM), dist


def event_compatible(gold_event: dict, event: Event) -> tuple[bool, float | None]:
    """(the prediction may match the gold event, place distance km)."""
    if event.event_type not in plover_types(gold_event):
        return False, None
    if is_real(gold_event["status"]) != is_real(event.status):
        return False, None
    ok, dist = place_distance(gold_event.get("place"), event)
    if not ok:
        return False, dist
    if not ranges_overlap(gold_range(gold_event.get("date")), pred_range(event)):
        return False, dist
    return True, dist


def match_events(gold_events: list[dict], events: list[Event]) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, prediction index) pairs.

    Candidate pairs are taken in this order: required (non-optional) gold events before optional
    ones; gold events with a town-level place (precision 1-2) before the others; shorter distance
    first (unknown distance last); core before non-core; then the better fitting pair (``pair_fit``);
    then file order.
    """
    candidates = []
    for gi, gold in enumerate(gold_events):
        for pi, event in enumerate(events):
            ok, dist = event_compatible(gold, event)
            if ok:
                key = (bool(gold.get("optional")), not is_town_level(gold.get("place")),
                       math.inf if dist is None else dist, not gold.get("core"), -pair_fit(gold, event), gi, pi)
                candidates.append((key, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def pair_fit(gold_event: dict, event: Event) -> int:
    """Tie-breaker among equally near pairs: dates known on both sides and overlapping, plus one
    point each for actor1, actor2 and the ACLED pair agreeing."""
    both_dated = gold_event.get("date") is not None and pred_range(event) is not None
    return (int(both_dated) + actor_correct(gold_event.get("actor1"), event.actor1)
            + actor_correct(gold_event.get("actor2"), event.actor2) + acled_correct(gold_event, event))


# ----------------------------------------------------------------------------- matched-pair checks

def actor_correct(gold_actor: dict | None, pred_actor: Any) -> bool:
    """Null vs null is correct; else the predicted name or text equals the gold name or an alias
    (case-, diacritic- and punctuation-insensitive)."""
    if gold_actor is None or pred_actor is None:
        return gold_actor is None and pred_actor is None
    accepted = {normalise_name(n) for n in [gold_actor["name"], *gold_actor.get("aliases", [])]}
    said = {normalise_name(getattr(pred_actor, "name", None)), normalise_name(getattr(pred_actor, "text", None))}
    return bool(accepted & (said - {""}))


_ATTRIBUTION_STOP = {"the", "a", "an", "of", "said", "according", "to"}


def attribution_correct(gold: str | None, pred: Any) -> bool:
    """Null vs null is correct; else the predicted attribution's name or text matches the gold one:
    after normalise_name and dropping {the, a, an, of, said, according, to}, either the token sets
    are equal, or one is contained in the other and covers at least half of its tokens, or the
    strings are at least 0.8 similar (difflib ratio)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g = [t for t in normalise_name(gold).split() if t not in _ATTRIBUTION_STOP]
    for said in (getattr(pred, "name", None), getattr(pred, "text", None)):
        p = [t for t in normalise_name(said).split() if t not in _ATTRIBUTION_STOP]
        if not p or not g:
            continue
        gs, ps = set(g), set(p)
        small, large = (gs, ps) if len(gs) <= len(ps) else (ps, gs)
        if small <= large and len(small) * 2 >= len(large):
            return True
        if SequenceMatcher(None, " ".join(g), " ".join(p)).ratio() >= 0.8:
            return True
    return False


def acled_correct(gold_event: dict, event: Event) -> bool:
    return [event.acled_event_type, event.acled_sub_event_type] == list(gold_event["acled"])


def date_exact(gold_event: dict, event: Event) -> bool:
    """Start and end equal; a null gold date is matched only by a prediction without a date."""
    return gold_range(gold_event.get("date")) == pred_range(event)


def fatalities_correct(gold_event: dict, event: Event) -> bool:
    """min and max equal; null gold is matched by no prediction (or one with min and max unknown)."""
    gold, pred = gold_event.get("fatalities"), event.fatalities
    pred_pair = None if pred is None or (pred.min is None and pred.max is None) else (pred.min, pred.max)
    gold_pair = None if gold is None else (gold["min"], gold["max"])
    return gold_pair == pred_pair


# ----------------------------------------------------------------------------- toponyms

@dataclass
class ToponymResult:
    text: str
    kind: str
    found: bool             # a predicted mention with the same text exists
    correct: bool           # ... and it resolves within 161 km / to the same country
    error_km: float | None  # place toponyms with a resolved mention: best distance


def score_toponym(gold: dict, places: list[PlaceMention]) -> ToponymResult:
    """Mentions with the same text (``same_toponym``); the best resolution counts.

    ``place``: correct when the nearest such mention with coordinates is within 161 km.
    ``admin`` / ``country``: correct when any such mention has the gold country code.
    """
    same = [p for p in places if same_toponym(gold["text"], p.text)]
    error = None
    if gold["kind"] == "place":
        dists = [haversine_km(gold["lat"], gold["lon"], p.latitude, p.longitude)
                 for p in same if p.latitude is not None and p.longitude is not None]
        error = min(dists) if dists else None
        correct = error is not None and error <= TOPONYM_KM
    else:
        correct = any((p.country_code or "").upper() == gold["country"].upper() for p in same)
    return ToponymResult(gold["text"], gold["kind"], bool(same), correct, error)
