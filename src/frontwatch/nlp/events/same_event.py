"""One scored decision: are two reports of an article the same event?

The features of a pair of drafts (``merge.Draft``) are general facts — same PLOVER type and
reality, compatible dates, weapon modes, how their places relate, their actors, trigger words and
tolls. Their weights and the threshold are data (``data/event_merge.json``); ``same_event_score``
sums them, and ``merge.dedupe`` merges a report into the best-scoring earlier event whose score
reaches the threshold.

    >>> features(kept, report)                    # doctest: +SKIP
    {'place_same': True, 'same_trigger_lemma': True, ...}
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...records import Event

if TYPE_CHECKING:
    from .merge import Draft

DATA = Path(__file__).resolve().parents[2] / "data" / "event_merge.json"
SAME_DEVICE = ({"grenade", "explosives"}, {"suicide-attack", "explosives"})  # "a grenade ... the explosion"
INFERRED_KM = 60.0
VICTIM_MODES = (None, "firearms")
WEAPON_MODES = frozenset("chemical suicide-attack drone aerial heavy-weapons explosives grenade firearms".split())
COUNTRY = 4  # Location.precision of a country


@dataclass(frozen=True)
class MergeWeights:
    weights: dict[str, float]      # reports across the article
    bias: float
    threshold: float
    in_sentence: dict[str, float]  # triggers of one sentence (``merge.trigger_pair_features``)
    sentence_bias: float = 0.0

    def score(self, facts: dict[str, bool], weights: dict[str, float] | None = None) -> float:
        """bias + the weights of the facts that hold (``weights``: the cross-report table unless given)."""
        table = self.weights if weights is None else weights
        bias = self.bias if weights is None else self.sentence_bias
        return bias + sum(table.get(name, 0.0) for name, on in facts.items() if on)


@lru_cache(maxsize=4)
def merge_weights(path: str | None = None) -> MergeWeights:
    """The weights table (``data/event_merge.json`` unless ``path``)."""
    raw = json.loads(Path(path or DATA).read_text("utf-8"))
    sentence = raw.get("in_sentence", {})
    return MergeWeights({k: float(v) for k, v in raw["weights"].items()}, float(raw.get("bias", 0.0)),
                        float(raw.get("threshold", 0.0)),
                        {k: float(v) for k, v in sentence.get("weights", {}).items()}, float(sentence.get("bias", 0.0)))


def km_between(a: Event, b: Event) -> float:
    """Distance between two events' locations (0 when either is unknown)."""
    la, lb = a.location, b.location
    if la is None or lb is None or None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        return 0.0
    p1, p2 = math.radians(la.latitude), math.radians(lb.latitude)
    dp, dl = p2 - p1, math.radians(lb.longitude - la.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_key(ev: Event):
    loc = ev.location
    if loc is None:
        return None
    return loc.geonameid or (loc.name or loc.text).lower()


def dates_compatible(a: Event, b: Event) -> bool:
    """Date ranges overlap (or either is unknown); two single days may differ by one (a night, a
    time zone), a range already states how far it reaches ("earlier this month")."""
    if a.date is None or b.date is None or a.date.start is None or b.date.start is None:
        return True
    single = (a.date.end or a.date.start) == a.date.start and (b.date.end or b.date.start) == b.date.start
    slack = timedelta(days=1 if single else 0)
    return a.date.start <= (b.date.end or b.date.start) + slack and b.date.start <= (a.date.end or a.date.start) + slack


def generic_actor(actor) -> bool:
    """"the militants", "forces": a common-noun mention that may stand for any named actor."""
    words = [w for w in (actor.text or "").split() if w.lower() not in ("the", "a", "an", "its", "their")]
    return bool(words) and all(w[:1].islower() for w in words)


def actors_compatible(a: Event, b: Event) -> bool:
    if a.actor1 is None or b.actor1 is None:
        return True
    return a.actor1.name == b.actor1.name or generic_actor(a.actor1) or generic_actor(b.actor1)


def country_holds(a: Event, b: Event) -> bool:
    """One report is placed at a country only, the other at a finer place in that country."""
    la, lb = a.location, b.location
    if la is None or lb is None or not la.country_code or la.country_code != lb.country_code:
        return False
    pa, pb = la.precision or COUNTRY, lb.precision or COUNTRY
    return (pa >= COUNTRY) != (pb >= COUNTRY)


def victims_only(group) -> bool:
    """Every trigger of the group (``roles.Trigger``) reports victims, not the act: "die", or a
    passive without an agent ("were killed", "20 others wounded")."""
    def victim(trig) -> bool:
        tok = trig.token
        if trig.entry.victim:
            return True
        passive = tok.tag_ == "VBN" and (any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
                                         or tok.dep_ in ("conj", "acl", "advcl"))
        return tok.pos_ == "VERB" and passive and not any(c.dep_ == "agent" for c in tok.children)
    return bool(group) and all(victim(t) for t in group)


def _weak_mode(d: "Draft") -> bool:
    """No stated means: no mode, or the default of a report of victims only ("were killed")."""
    return d.event.mode is None or (d.victim and d.event.mode in VICTIM_MODES)


def stated_means(d: "Draft") -> bool:
    """The report states how the act was done (not just that people were killed)."""
    return not _weak_mode(d)


def tally(ev: Event) -> bool:
    """"conducted 12 strikes": the report counts two or more of its own trigger noun."""
    trig = ev.trigger.text.lower() if ev.trigger else ""
    return (ev.quantities or {}).get(trig, 0) >= 2


def _one_country_level(a: Event, b: Event) -> bool:
    pa = (a.location.precision or COUNTRY) if a.location else COUNTRY
    pb = (b.location.precision or COUNTRY) if b.location else COUNTRY
    return (pa >= COUNTRY) != (pb >= COUNTRY)


def features(da: "Draft", db: "Draft") -> dict[str, bool]:
    """The facts about the pair (``da`` reported first) that the weights table scores."""
    a, b = da.event, db.event
    f: dict[str, bool] = {}
    f["type_differs"] = a.event_type != b.event_type
    f["reality_differs"] = (a.status == "occurred") != (b.status == "occurred")
    same_dates = a.date is not None and b.date is not None and a.date.start is not None \
        and (a.date.start, a.date.end) == (b.date.start, b.date.end)
    # "a strike on Jan. 1" after "airstrikes this week": another strike (unless the same day)
    f["fresh_report_other_date"] = db.fresh and not same_dates
    # a date taken from context or a reporting clause does not keep reports apart
    f["dates_conflict"] = not (da.date_weak or db.date_weak) and not dates_compatible(a, b)
    modes_differ = a.mode != b.mode and {a.mode, b.mode} not in SAME_DEVICE
    # "firearms" is all a bare "were killed" gets: only stated means conflict
    # (a victims-only report gives way to a weapon, not to a riot, an abduction or a withdrawal)
    weak_a = _weak_mode(da) and (b.mode is None or b.mode in WEAPON_MODES)
    weak_b = _weak_mode(db) and (a.mode is None or a.mode in WEAPON_MODES)
    f["modes_conflict"] = modes_differ and not weak_a and not weak_b
    f["mode_stated_once"] = modes_differ and weak_a != weak_b
    same_attacker = (a.actor1 is not None and b.actor1 is not None and a.actor1.name == b.actor1.name) \
        or (a.actor1 is None and b.actor1 is None)
    # (a death and a blast in one place, neither with a stated attacker: one event)
    f["mode_one_sided_attackers_differ"] = modes_differ and not f["modes_conflict"] \
        and a.event_type == "ASSAULT" and not same_attacker
    inferred = da.place_inferred or db.place_inferred
    f["inferred_place_far"] = inferred and km_between(a, b) > INFERRED_KM
    ka = None if da.place_inferred else place_key(a)
    kb = None if db.place_inferred else place_key(b)
    if ka is None or kb is None or a.status == "occurred":
        f["actors_conflict"] = not actors_compatible(a, b)
    f["place_unknown"] = ka is None or kb is None
    f["place_same"] = not f["place_unknown"] and ka == kb
    f["place_country_holds_other"] = not f["place_unknown"] and not f["place_same"] and country_holds(a, b)
    # one report only at a country (often a neighbour named in "near the border with X"), the other
    # at a town of another country
    f["place_country_elsewhere"] = not (f["place_unknown"] or f["place_same"] or f["place_country_holds_other"]) \
        and _one_country_level(a, b)
    f["places_differ"] = not (f["place_unknown"] or f["place_same"] or f["place_country_holds_other"]
                              or f["place_country_elsewhere"])
    f["same_actor1"] = a.actor1 is not None and b.actor1 is not None and a.actor1.name == b.actor1.name
    f["same_trigger_lemma"] = bool(da.lemma) and da.lemma == db.lemma
    # "12 strikes in Syria" is not "one strike near X" in Syria
    f["country_tally_and_single"] = (f["place_country_holds_other"] or f["place_country_elsewhere"]) \
        and tally(a) != tally(b)
    fa, fb = a.fatalities, b.fatalities
    if fa is not None and fb is not None and fa.min is not None and fb.min is not None:
        f["same_fatalities"] = (fa.min, fa.max) == (fb.min, fb.max)
        f["fatalities_differ"] = not f["same_fatalities"]
    return f


def same_event_score(da: "Draft", db: "Draft", table: MergeWeights | None = None) -> float:
    """bias + the weights of the pair's features that hold."""
    table = table or merge_weights()
    return table.score(features(da, db))


def best_match(kept: list["Draft"], draft: "Draft", table: MergeWeights | None = None) -> int | None:
    """Index of the earlier event that ``draft`` reports again (best score at or above the
    threshold; the earliest on ties), or None when it is a new event."""
    table = table or merge_weights()
    best, best_score = None, table.threshold
    for i, other in enumerate(kept):
        score = same_event_score(other, draft, table)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = i, score
    return best
