"""Territorial control timelines from control-changing events and explicit control statements.

Control changes (status "occurred" only):
- RETREAT: actor1 leaves; actor2, when present, takes over;
- ASSAULT (any type) with ACLED sub-type "Government regains territory" or "Non-state actor
  overtakes territory": actor1 takes the place from actor2;
- ACLED sub-type "Non-violent transfer of territory": for RETREAT/CONCEDE/AGREE actor2 receives
  the place from actor1, for any other type actor1 takes it.
A ControlClaim ("X has been held by A since 2013") starts a period of A at `since` (a range for
month/year precision; unknown when None). Periods of one place are ordered by their start and
each one ends where the next controller's begins. Tiers: `control` (an event reported by >= 2
sources or the outlet's own/independent account), `claimed` (only a party's claim), `contested`
(two controllers whose start ranges overlap, so their order is unknown).
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from frontwatch.fuse.grading import classify_attribution
from frontwatch.fuse.records import CanonicalEvent, ControlClaim, ControlPeriod
from frontwatch.nlp.actor_keys import one_name_per_party
from frontwatch.records import Event, Location

TAKEOVER_SUB_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
TRANSFER_SUB_TYPE = "Non-violent transfer of territory"
GIVING_TYPES = frozenset({"RETREAT", "CONCEDE", "AGREE"})


@dataclass
class _Assertion:
    place: dict
    controller: str | None          # None: `loser` left and nobody is known to take over
    loser: str | None
    start: date | None
    end: date | None
    tier: str
    evidence: list[dict] = field(default_factory=list)


def _who(event_type: str, sub: str | None, a1: str | None, a2: str | None) -> tuple[str | None, str | None] | None:
    """(new controller, previous controller) of a control change, None when it is not one."""
    if sub == TRANSFER_SUB_TYPE:
        return (a2, a1) if event_type in GIVING_TYPES else (a1, a2)
    if sub in TAKEOVER_SUB_TYPES:
        return (a1, a2)
    if event_type == "RETREAT":
        return (a2, a1)
    return None


def _place(loc: Location | dict | None) -> dict | None:
    if loc is None:
        return None
    d = loc if isinstance(loc, dict) else loc.to_dict()
    if d.get("geonameid") is None and not (d.get("name") or d.get("text")):
        return None
    return d


def _from_event(ev: Event | CanonicalEvent) -> _Assertion | None:
    if ev.status != "occurred":
        return None
    if isinstance(ev, CanonicalEvent):
        a1, a2, start, end = ev.actor1, ev.actor2, ev.date_start, ev.date_end
        tier = "control" if int(ev.grade[1:]) <= 2 or ev.sources >= 2 else "claimed"
        evidence = [{"canonical_id": ev.id, "article_id": r["article_id"], "text": r["evidence"]}
                    for r in ev.reports]
        loc = ev.location
    else:
        a1 = ev.actor1.name if ev.actor1 else None
        a2 = ev.actor2.name if ev.actor2 else None
        start = ev.date.start if ev.date else None
        end = (ev.date.end or ev.date.start) if ev.date else None
        actors = [a for a in (a1, a2) if a]
        party = classify_attribution(ev.attribution.name if ev.attribution else None, actors) == "party"
        tier = "claimed" if party else "control"
        evidence = [{"article_id": ev.article_id, "text": ev.evidence.text}]
        loc = ev.location
    who = _who(ev.event_type, ev.acled_sub_event_type, a1, a2)
    place = _place(loc)
    if who is None or place is None or start is None or (who[0] is None and who[1] is None):
        return None
    return _Assertion(place, who[0], who[1], start, end or start, tier, evidence)


def _since_range(since: date | None, precision: str) -> tuple[date | None, date | None]:
    if since is None:
        return None, None
    if precision == "year":
        return date(since.year, 1, 1), date(since.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(since.year, since.month)[1]
        return date(since.year, since.month, 1), date(since.year, since.month, last)
    return since, since


def _from_claim(c: ControlClaim) -> _Assertion | None:
    place = _place(c.place)
    if place is None or not c.actor:
        return None
    start, end = _since_range(c.since, c.since_precision)
    party = classify_attribution(c.attribution, [c.actor]) == "party"
    return _Assertion(place, c.actor, None, start, end, "claimed" if party else "control",
                      [{"article_id": c.article_id, "text": c.evidence, "claim": True,
                        "as_of": c.as_of.isoformat() if c.as_of else None}])


def _place_key(place: dict) -> str:
    return f"g:{place['geonameid']}" if place.get("geonameid") is not None else \
        "n:" + (place.get("name") or place.get("text") or "").lower()


def _period(place: dict, a: _Assertion) -> ControlPeriod:
    return ControlPeriod(place=place.get("name") or place.get("text"), geonameid=place.get("geonameid"),
                         latitude=place.get("latitude"), longitude=place.get("longitude"),
                         controller=a.controller, from_start=a.start, from_end=a.end,
                         to_start=None, to_end=None, tier=a.tier, evidence=list(a.evidence))


def _timeline(assertions: list[_Assertion]) -> list[ControlPeriod]:
    place = next((a.place for a in assertions if a.place.get("latitude") is not None), assertions[0].place)
    ordered = sorted(assertions, key=lambda a: (a.start or date.min, a.end or date.min,
                                                a.controller or "", str(a.evidence)))
    periods: list[ControlPeriod] = []
    cur: ControlPeriod | None = None
    for a in ordered:
        if a.controller is None:  # a withdrawal with no known successor ends the loser's period
            if cur is not None and cur.controller == a.loser:
                cur.to_start, cur.to_end = a.start, a.end
                cur.evidence += a.evidence
                periods.append(cur)
                cur = None
            continue
        if cur is not None and cur.controller == a.controller:
            cur.evidence += a.evidence
            if a.start is not None and (cur.from_start is None or a.start < cur.from_start):
                cur.from_start = a.start
            if a.end is not None and (cur.from_end is None or a.end < cur.from_end):
                cur.from_end = a.end
            if a.tier == "control" and cur.tier == "claimed":
                cur.tier = "control"
            continue
        new = _period(place, a)
        if cur is not None:
            cur.to_start, cur.to_end = a.start, a.end
            if a.start is not None and cur.from_end is not None and a.start < cur.from_end:
                cur.tier = new.tier = "contested"
            periods.append(cur)
        cur = new
    if cur is not None:
        periods.append(cur)
    return periods


def control_timeline(events: Iterable[Event | CanonicalEvent] = (),
                     claims: Iterable[ControlClaim] = ()) -> list[ControlPeriod]:
    """Control periods of every place named by a control-changing event or a control claim,
    sorted by place and start."""
    by_place: dict[str, list[_Assertion]] = defaultdict(list)
    found = [a for a in [_from_event(e) for e in events] + [_from_claim(c) for c in claims] if a is not None]
    party = one_name_per_party([n for a in found for n in (a.controller, a.loser)])
    for a in found:  # one party, one controller: aliases of a party are shown under one name
        a.controller, a.loser = party.get(a.controller, a.controller), party.get(a.loser, a.loser)
        by_place[_place_key(a.place)].append(a)
    out: list[ControlPeriod] = []
    for key in sorted(by_place):
        out += _timeline(by_place[key])
    return out


def control_at(periods: Iterable[ControlPeriod], day: date,
               bbox: tuple[float, float, float, float] | None = None) -> list[dict]:
    """Who held what on `day`: periods possibly covering the day, `certain` when both bounds are
    known to enclose it. bbox = (min_lon, min_lat, max_lon, max_lat)."""
    out = []
    for p in periods:
        if bbox is not None:
            if p.latitude is None or not (bbox[0] <= p.longitude <= bbox[2] and bbox[1] <= p.latitude <= bbox[3]):
                continue
        if p.from_start is not None and day < p.from_start:
            continue
        if p.to_end is not None and day >= p.to_end:
            continue
        started = (p.from_end is not None and p.from_end <= day) or (p.from_start is None and p.from_end is None)
        not_ended = p.to_start is None or day < p.to_start
        d = p.to_dict()
        d["certain"] = bool(started and not_ended and p.tier != "contested")
        out.append(d)
    return out


def control_geojson(periods: Iterable[ControlPeriod], day: date | None = None) -> dict:
    """A GeoJSON FeatureCollection of points: every period, or who held what on `day`."""
    rows = control_at(periods, day) if day is not None else [p.to_dict() for p in periods]
    feats = [{"type": "Feature",
              "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
              "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")}}
             for r in rows if r.get("latitude") is not None and r.get("longitude") is not None]
    return {"type": "FeatureCollection", "features": feats}
