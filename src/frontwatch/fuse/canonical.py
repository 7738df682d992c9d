"""Building one CanonicalEvent from the reports of one real event (a pure function of the set)."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date

from frontwatch.fuse.grading import grade
from frontwatch.fuse.records import CanonicalEvent, FatalityClaim, Report, flat
from frontwatch.fuse.syndication import source_groups
from frontwatch.nlp.actor_keys import one_name_per_party
from frontwatch.records import DATE_PRECISIONS, PLOVER_TYPES, STATUSES

# Tie-break among equally frequent types: the more specific account first.
TYPE_PRECEDENCE = ("ASSAULT", "RETREAT", "CONCEDE", "COERCE", "MOBILIZE", "AGREE") + tuple(
    t for t in PLOVER_TYPES if t not in {"ASSAULT", "RETREAT", "CONCEDE", "COERCE", "MOBILIZE", "AGREE"})


def canonical_id(reports: Iterable[Report]) -> str:
    """Stable id: a hash of the first report in canonical order (earliest publication)."""
    first = min(reports, key=lambda r: r.sort_key)
    return "ce-" + hashlib.sha1(first.key.encode("utf-8")).hexdigest()[:16]


def _majority(values: Iterable, order: Iterable | None = None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    rank = {v: i for i, v in enumerate(order)} if order is not None else {}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), str(v)))


def _party_majority(names: Iterable[str | None]) -> str | None:
    """The majority party of the reports (aliases of one party vote together), under its most
    frequent name."""
    names = [n for n in names if n]
    shown = one_name_per_party(names)
    return _majority(shown[n] for n in names)


def _location(reports: list[Report]) -> dict | None:
    located = [r.location for r in reports if r.location is not None]
    if not located:
        return None
    ids = Counter(loc.geonameid for loc in located if loc.geonameid is not None)
    best = min(located, key=lambda loc: (loc.precision or 5, -ids.get(loc.geonameid, 0),
                                         loc.geonameid or 0, loc.name or "", loc.text))
    return flat(best)


def _dates(reports: list[Report]) -> tuple[date | None, date | None, str | None, bool]:
    """Intersection of the dated reports' ranges when consistent, else the widest range + conflict."""
    dated = [r for r in reports if r.event.date is not None and r.day_start is not None]
    pool = dated or [r for r in reports if r.day_start is not None]
    if not pool:
        return None, None, None, False
    lo, hi = max(r.day_start for r in pool), min(r.day_end for r in pool)
    precisions = [r.event.date.precision for r in dated if r.event.date.precision in DATE_PRECISIONS]
    rank = {p: i for i, p in enumerate(DATE_PRECISIONS)}
    if lo <= hi:
        precision = min(precisions, key=rank.get) if precisions else None
        if precision and hi - lo > 0 and precision == "day":
            precision = "week" if hi - lo < 7 else "month"
        return date.fromordinal(lo), date.fromordinal(hi), precision, False
    lo, hi = min(r.day_start for r in pool), max(r.day_end for r in pool)
    precision = max(precisions, key=rank.get) if precisions else None
    return date.fromordinal(lo), date.fromordinal(hi), precision, True


def _fatalities(reports: list[Report]) -> tuple[int | None, int | None, list[FatalityClaim]]:
    claims = []
    for r in reports:
        f = r.event.fatalities
        if f is None or (f.min is None and f.max is None):
            continue
        att = r.event.attribution
        claims.append(FatalityClaim(r.article_id, r.outlet, f.min, f.max, att.name if att else None))
    if not claims:
        return None, None, []
    lows = [c.min if c.min is not None else c.max for c in claims]
    highs = [c.max if c.max is not None else c.min for c in claims]
    return min(lows), max(highs), claims


def build(reports: Iterable[Report], cid: str | None = None) -> CanonicalEvent:
    """The canonical event of a set of reports; the result does not depend on their order."""
    reps = sorted(reports, key=lambda r: r.sort_key)
    evs = [r.event for r in reps]
    groups = source_groups(reps)
    status = _majority((e.status for e in evs), STATUSES) or "occurred"
    d_start, d_end, d_prec, d_conflict = _dates(reps)
    f_min, f_max, claims = _fatalities(reps)
    conflicts = []
    if d_conflict:
        conflicts.append("dates")
    if len({(c.min, c.max) for c in claims}) > 1:
        conflicts.append("fatalities")
    code, reasons = grade(groups, status, conflicts)
    attributions = sorted({r.attribution_label() for r in reps})
    return CanonicalEvent(
        id=cid or canonical_id(reps),
        event_type=_majority((e.event_type for e in evs), TYPE_PRECEDENCE),
        event_types=sorted({e.event_type for e in evs}),
        status=status,
        acled_event_type=_majority(e.acled_event_type for e in evs),
        acled_sub_event_type=_majority(e.acled_sub_event_type for e in evs),
        actor1=_party_majority(e.actor1.name if e.actor1 else None for e in evs),
        actor2=_party_majority(e.actor2.name if e.actor2 else None for e in evs),
        location=_location(reps),
        date_start=d_start, date_end=d_end, date_precision=d_prec, date_conflict=d_conflict,
        fatalities_min=f_min, fatalities_max=f_max, fatality_claims=claims,
        sources=len(groups),
        source_groups=[sorted({r.outlet or r.source_key for r in g}) for g in groups],
        attributions=attributions,
        grade=code, grade_reasons=reasons,
        reports=[r.to_dict() for r in reps],
    )
