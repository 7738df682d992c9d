"""Do two reports describe the same event? A pure, symmetric pair decision (``match``).

Hard conditions: both dated, date ranges within DATE_SLACK_DAYS of each other, compatible PLOVER
types, places close enough (precise places: <= MAX_KM; province/country-level: same region).
Then a transparent score (weights below) must reach THRESHOLD. Because the decision depends only
on the two reports, fused events (connected components) do not depend on input order.
"""
from __future__ import annotations

import math

from frontwatch.fuse.records import Report

DATE_SLACK_DAYS = 2
MAX_KM = 50.0          # precise places further apart never fuse
SAME_PLACE_KM = 2.0    # closer than this counts as the same place
THRESHOLD = 5.0
W_SAME_TYPE, W_COMPATIBLE_TYPE = 2.0, 1.0
W_SAME_PLACE, W_OTHER_PLACE, W_REGION_PLACE, W_COUNTRY_PLACE, W_NO_PLACE = 2.0, -1.0, -1.0, -2.0, -2.0
W_SHARED_ACTOR, W_DISJOINT_ACTORS = 1.0, -2.0   # per shared actor (max 2) / no actor in common
W_SHARED_NUMBER = 1.0
W_EVIDENCE = 3.0       # times the Jaccard of evidence content words
W_DATE_OVERLAP, W_DATE_GAP = 1.0, -3.0  # overlap: 1 same day, 0.5 within a week, 0 wider

TERRITORIAL_SUB_TYPES = frozenset({
    "Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
})
# Types that can describe one event from different sides (a handover is a retreat by one party,
# a concession, an agreement; an attack may be reported as coercion).
COMPATIBLE_TYPES = (
    frozenset({"RETREAT", "CONCEDE", "AGREE"}),
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"SUPPORT", "COOPERATE", "AID"}),
    frozenset({"CONSULT", "REQUEST"}),
    frozenset({"ACCUSE", "REJECT"}),
)
PRECISE = (1, 2)


def type_score(a: Report, b: Report) -> float | None:
    """Weight of the PLOVER type agreement, None when the types cannot be the same event."""
    ta, tb = a.event.event_type, b.event.event_type
    if ta == tb:
        return W_SAME_TYPE
    if any(ta in g and tb in g for g in COMPATIBLE_TYPES):
        return W_COMPATIBLE_TYPE
    territorial = {"RETREAT", "CONCEDE", "AGREE"}
    sa, sb = a.event.acled_sub_event_type, b.event.acled_sub_event_type
    if (ta in territorial and sb in TERRITORIAL_SUB_TYPES) or (tb in territorial and sa in TERRITORIAL_SUB_TYPES):
        return W_COMPATIBLE_TYPE
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def is_precise(r: Report) -> bool:
    loc = r.location
    return (loc is not None and loc.latitude is not None and loc.longitude is not None
            and (loc.precision in PRECISE or loc.precision is None))


def region_of(r: Report) -> tuple[str, str]:
    """(country code, admin1) of a report's place; ('', '') when unknown."""
    loc = r.location
    if loc is None or not loc.country_code:
        return ("", "")
    return (loc.country_code, loc.admin1 or "")


def place_score(a: Report, b: Report) -> float | None:
    """Weight of place agreement, None when the places rule the pair out."""
    la, lb = a.location, b.location
    pa, pb = is_precise(a), is_precise(b)
    if pa and pb:
        if la.geonameid is not None and la.geonameid == lb.geonameid:
            return W_SAME_PLACE
        d = haversine_km(la.latitude, la.longitude, lb.latitude, lb.longitude)
        if d > MAX_KM:
            return None
        return W_SAME_PLACE if d <= SAME_PLACE_KM else W_OTHER_PLACE
    ra, rb = region_of(a), region_of(b)
    if ra == ("", "") or rb == ("", ""):
        return W_NO_PLACE if (ra == rb and not pa and not pb) else None
    if ra[0] != rb[0]:
        return None
    coarse_a = not pa and (la.precision == 4 or not ra[1])
    coarse_b = not pb and (lb.precision == 4 or not rb[1])
    if coarse_a or coarse_b or ra[1] == rb[1]:  # country-level matches any region of its country
        if not pa and not pb and la.geonameid is not None and la.geonameid == lb.geonameid:
            return W_SAME_PLACE - 1.0
        return W_COUNTRY_PLACE if (coarse_a or coarse_b) else W_REGION_PLACE
    return None


def date_gap(a: Report, b: Report) -> int | None:
    """Days between the two date ranges (<= 0: they overlap); None when either is undated."""
    if a.day_start is None or b.day_start is None:
        return None
    return max(a.day_start, b.day_start) - min(a.day_end, b.day_end)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def score(a: Report, b: Report) -> float | None:
    """The pair score, or None when a hard condition fails."""
    gap = date_gap(a, b)
    if gap is None or gap > DATE_SLACK_DAYS:
        return None
    t = type_score(a, b)
    if t is None:
        return None
    p = place_score(a, b)
    if p is None:
        return None
    if gap > 0:
        s = t + p + W_DATE_GAP
    else:  # overlap earns less the less precise the wider range is
        width = max(a.day_end - a.day_start, b.day_end - b.day_start)
        s = t + p + (W_DATE_OVERLAP if width == 0 else W_DATE_OVERLAP / 2 if width < 7 else 0.0)
    shared = len(a.actors & b.actors)
    if shared:
        s += W_SHARED_ACTOR * min(shared, 2)
    elif a.actors and b.actors:
        s += W_DISJOINT_ACTORS
    if a.numbers & b.numbers:
        s += W_SHARED_NUMBER
    return s + W_EVIDENCE * jaccard(a.tokens, b.tokens)


def match(a: Report, b: Report) -> bool:
    """True when the two reports are taken to describe the same event."""
    s = score(a, b)
    return s is not None and s >= THRESHOLD
