"""Do two reports describe the same event? A pure, symmetric pair decision (``match``).

Hard conditions: date ranges within DATE_SLACK_DAYS of each other, compatible PLOVER types, places
close enough (precise places: <= MAX_KM; province/country-level: same region). Then a transparent
score (weights below) must reach THRESHOLD. A report with no date at all (no date in its text and
no publication date) is compared on everything but the date and joins another only when the two
evidence sentences share UNDATED_QUOTE_WORDS consecutive words (a wire sentence or an official
statement reused verbatim): a place, a type and actors alone do not tie an undated report to one
day rather than another. Because the decision depends only
on the two reports, fused events (connected components) do not depend on input order.
"""
from __future__ import annotations

import math
import re

from frontwatch.fuse.records import Report
from frontwatch.records import ACLED_TYPES

DATE_SLACK_DAYS = 2
MAX_KM = 50.0          # precise places further apart never fuse
SAME_PLACE_KM = 2.0    # closer than this counts as the same place
THRESHOLD = 5.0
W_SAME_TYPE, W_COMPATIBLE_TYPE = 2.0, 1.0
W_SAME_PLACE, W_OTHER_PLACE, W_REGION_PLACE, W_COUNTRY_PLACE, W_NO_PLACE = 2.0, -1.0, -1.0, -2.0, -2.0
W_SHARED_ACTOR, W_DISJOINT_ACTORS = 1.0, -2.0   # per shared actor (max 2) / no actor in common
W_SHARED_NUMBER = 1.0
W_EVIDENCE = 3.0       # times the Jaccard of evidence content words
W_DATE_OVERLAP, W_DATE_GAP = 1.0, -3.0  # overlap: 1 same day, 0.5 ranges <= 7 days wide, 0 wider
W_TERRITORY_GAP = -1.0  # a place changes hands once: reports of it a day or two apart differ less
W_SAME_SUB_TYPE = 1.0  # the same specific ACLED sub-event type ("Air/drone strike", ...)
W_QUOTE = 2.0          # the evidence sentences share a verbatim run of QUOTE_WORDS words
QUOTE_WORDS = 8
UNDATED_QUOTE_WORDS = 12  # longer than a stock attribution ("the Syrian Observatory for Human Rights, a ...")
W_OTHER_SUB_CLASS = -2.0  # specific sub-types of different classes (a capture vs. an air strike)

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


TERRITORIAL_TYPES = frozenset({"RETREAT", "CONCEDE", "AGREE"})


def is_territorial(r: Report) -> bool:
    """A change of control: a withdrawal/handover type or a territorial ACLED sub-type."""
    return r.event.event_type in TERRITORIAL_TYPES or r.event.acled_sub_event_type in TERRITORIAL_SUB_TYPES


_FAMILY = {t: min(g) for g in COMPATIBLE_TYPES for t in g}
_FAMILY.update({t: "territorial" for t in TERRITORIAL_TYPES})


def type_families(r: Report) -> tuple[str, ...]:
    """Blocking keys for the type: two reports ``type_score`` accepts share at least one."""
    t = r.event.event_type
    fam = _FAMILY.get(t, t)
    if fam != "territorial" and r.event.acled_sub_event_type in TERRITORIAL_SUB_TYPES:
        return (fam, "territorial")
    return (fam,)


def type_score(a: Report, b: Report) -> float | None:
    """Weight of the PLOVER type agreement, None when the types cannot be the same event."""
    ta, tb = a.event.event_type, b.event.event_type
    if ta == tb:
        return W_SAME_TYPE
    if any(ta in g and tb in g for g in COMPATIBLE_TYPES):
        return W_COMPATIBLE_TYPE
    territorial = TERRITORIAL_TYPES
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


def actor_score(a: Report, b: Report) -> float:
    """+1 per shared actor (max 2); an actor of one report named in the other's evidence counts as
    shared. -2 when both name specific actors with no shared name word; else 0. Generic names
    ("forces", "militants") are never taken as a difference."""
    shared = len(a.actors & b.actors)
    if shared < 2:
        for x, y in ((a, b), (b, a)):
            for name, forms in x.actor_mentions:
                if name not in y.actors and any(" " + f + " " in y.evidence_norm for f in forms):
                    shared += 1
    if shared:
        return W_SHARED_ACTOR * min(shared, 2)
    if a.actor_mentions and b.actor_mentions and not (a.actor_words & b.actor_words):
        return W_DISJOINT_ACTORS
    return 0.0


def date_score(a: Report, b: Report, gap: int) -> float:
    """Weight of date agreement for ranges `gap` days apart (<= 0: overlapping)."""
    if gap > 0:
        return W_TERRITORY_GAP if (is_territorial(a) and is_territorial(b)) else W_DATE_GAP
    width = max(a.day_end - a.day_start, b.day_end - b.day_start)
    if width == 0 or (a.undated and b.undated and a.day_end == b.day_end):
        return W_DATE_OVERLAP  # one day, or two reports published the same day
    return W_DATE_OVERLAP / 2 if width <= 7 else 0.0


_SUB_CLASS = {sub: kind for kind, subs in ACLED_TYPES.items() for sub in subs}
_SUB_CLASS.update({sub: "territory" for sub in TERRITORIAL_SUB_TYPES})
UNSPECIFIC_SUB_TYPES = frozenset({"Other", "Armed clash"})  # what an extractor falls back to


def sub_class(r: Report) -> str | None:
    """The ACLED event type of a report's specific sub-type ('territory' for control changes)."""
    sub = r.event.acled_sub_event_type
    return None if not sub or sub in UNSPECIFIC_SUB_TYPES else _SUB_CLASS.get(sub)


def sub_type_score(a: Report, b: Report) -> float:
    """+1 for the same specific ACLED sub-type, -2 for specific sub-types of different classes."""
    sa, sb = a.event.acled_sub_event_type, b.event.acled_sub_event_type
    if sa and sa == sb and sa != "Other":
        return W_SAME_SUB_TYPE
    ca, cb = sub_class(a), sub_class(b)
    return W_OTHER_SUB_CLASS if ca and cb and ca != cb else 0.0


_QUOTE_WORD = re.compile(r"[0-9a-z]+")


def _runs(text: str, n: int = QUOTE_WORDS) -> set[tuple[str, ...]]:
    words = _QUOTE_WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def shares_quote(a: Report, b: Report, n: int = QUOTE_WORDS) -> bool:
    """True when the two evidence sentences share ``n`` consecutive words (a quoted statement, a
    wire sentence). Computed only for pairs the quote could lift over the threshold."""
    ra = _runs(a.event.evidence.text, n)
    return bool(ra) and not ra.isdisjoint(_runs(b.event.evidence.text, n))


def _content_score(a: Report, b: Report) -> float | None:
    """Everything but the date and the quote (type, place, actors, sub-type, numbers, wording);
    None when the types or the places rule the pair out."""
    t = type_score(a, b)
    if t is None:
        return None
    p = place_score(a, b)
    if p is None:
        return None
    s = t + p + actor_score(a, b) + sub_type_score(a, b)
    if a.numbers & b.numbers:
        s += W_SHARED_NUMBER
    return s + W_EVIDENCE * jaccard(a.tokens, b.tokens)


def undated_score(a: Report, b: Report) -> float | None:
    """The pair score when either report has no date at all: no date term, and None unless the
    evidence sentences (of two articles) share UNDATED_QUOTE_WORDS consecutive words."""
    if a.article_id == b.article_id:
        return None
    s = _content_score(a, b)
    if s is None or s + W_QUOTE < THRESHOLD or not shares_quote(a, b, UNDATED_QUOTE_WORDS):
        return None
    return s + W_QUOTE


def score(a: Report, b: Report) -> float | None:
    """The pair score, or None when a hard condition fails. The quote term is only added when it
    decides the outcome (a score in [THRESHOLD - W_QUOTE, THRESHOLD)), so ``match`` is exact."""
    gap = date_gap(a, b)
    if gap is None:
        return undated_score(a, b)
    if gap > DATE_SLACK_DAYS:
        return None
    s = _content_score(a, b)
    if s is None:
        return None
    s += date_score(a, b, gap)
    if THRESHOLD - W_QUOTE <= s < THRESHOLD and a.article_id != b.article_id and shares_quote(a, b):
        s += W_QUOTE
    return s


def match(a: Report, b: Report) -> bool:
    """True when the two reports are taken to describe the same event."""
    s = score(a, b)
    return s is not None and s >= THRESHOLD
