"""Fusion over the store: incremental after each ingest, and a full re-fuse.

``FusionService(store).update()`` fuses the stored per-article events that no canonical event
holds yet. It reads back only the canonical events those reports could join (``_probe`` /
``store.fused.neighbour_ids``: a superset of what ``similarity.match`` can accept, so the result is
exact), fuses the new reports into them and persists, in one transaction, a version of every
touched canonical event, the report mapping and the control periods of the touched places.
``refuse()`` fuses every stored report from scratch and records the differences to what is
stored (created / updated / split / deleted): with unchanged rules it records nothing, because
fusion does not depend on the order or batching of reports (docs/fusion.md).
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone

from sqlalchemy.exc import IntegrityError

from ..records import shift_date
from ..store import fused as db
from .changelog import ChangeLog, Version
from .cluster import Fuser
from .control import control_at, control_timeline
from .records import CanonicalEvent, ControlPeriod, FatalityClaim, reports_from
from .similarity import DATE_SLACK_DAYS, MAX_KM, is_precise


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class FusionResult:
    """What one fusion run changed."""

    reports: int = 0      # per-article events fused in this run
    loaded: int = 0       # already fused reports read back to fuse them with (the neighbourhood)
    created: int = 0
    updated: int = 0
    merged: int = 0
    split: int = 0
    deleted: int = 0
    events: int = 0       # canonical events after the run
    periods: int = 0      # control periods (re)built by the run

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _count(result: FusionResult, versions: Iterable[Version]) -> FusionResult:
    for v in versions:
        setattr(result, v.kind, getattr(result, v.kind) + 1)
    return result


def _plain(data: dict) -> dict:
    """The record as it reads back from JSON (for comparing stored and fresh records)."""
    return json.loads(json.dumps(data, sort_keys=True))


def canonical_from_record(rec: dict) -> CanonicalEvent:
    """A CanonicalEvent back from its stored record (``CanonicalEvent.to_dict()``)."""
    d = {k: rec.get(k) for k in CanonicalEvent.field_names()}
    for k in ("date_start", "date_end"):
        d[k] = date.fromisoformat(d[k]) if isinstance(d[k], str) else d[k]
    d["fatality_claims"] = [FatalityClaim(**c) for c in rec.get("fatality_claims") or []]
    for k in ("event_types", "source_groups", "attributions", "grade_reasons", "reports"):
        d[k] = d[k] or []
    return CanonicalEvent(**d)


def _probe(r) -> dict:
    """Where the reports that may match ``r`` lie (see ``store.fused.neighbour_ids``)."""
    if r.day_start is None:  # no date at all: may match a report of any date (a shared quote)
        probe = {"lo": None, "hi": None, "cc": None, "box": None}
    else:
        # clamped: a report dated at the calendar's edge must never stop fusion (OverflowError)
        probe = {"lo": shift_date(date.fromordinal(r.day_start), -DATE_SLACK_DAYS),
                 "hi": shift_date(date.fromordinal(r.day_end), DATE_SLACK_DAYS),
                 "cc": None, "box": None}
    loc = r.location
    if loc is not None and loc.country_code:
        probe["cc"] = loc.country_code
    if is_precise(r):
        dlat = MAX_KM / 110.0 + 0.01
        dlon = min(180.0, dlat / max(0.01, math.cos(math.radians(min(89.0, abs(loc.latitude))))))
        lo_lon, hi_lon = loc.longitude - dlon, loc.longitude + dlon
        if lo_lon < -180 or hi_lon > 180:  # crosses the antimeridian: any longitude
            lo_lon, hi_lon = -180.0, 180.0
        probe["box"] = (loc.latitude - dlat, loc.latitude + dlat, lo_lon, hi_lon)
    return probe


class FusionService:
    """Fusion runs over one store; see the module docstring."""

    def __init__(self, store, clock: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.clock = clock

    def _period_rows(self, events: list[CanonicalEvent], claims: list) -> list[dict]:
        texts: dict[object, set[str]] = defaultdict(set)
        for ev in events:
            for r in ev.reports:
                loc = r.get("location") or {}
                if loc.get("text"):
                    texts[loc.get("geonameid") or loc.get("name")].add(loc["text"])
        for c in claims:
            if c.place is not None and c.place.text:
                texts[c.place.geonameid or c.place.name].add(c.place.text)
        return [db.period_row(p, texts.get(p.geonameid or p.place, ()))
                for p in control_timeline(events, claims)]

    # ------------------------------------------------------------------ runs
    def update(self, at: datetime | None = None) -> FusionResult:
        """Fuse the stored events not fused yet (one version per touched canonical event).
        Fusion runs are serialised by ``store.fused.fusion_lock``; should two still collide
        (e.g. a store without row locks), the run starts again once."""
        try:
            return self._update(at)
        except IntegrityError:
            return self._update(at)

    def _update(self, at: datetime | None) -> FusionResult:
        with db.fusion_lock(self.store) as lock:
            result = self._update_locked(at, lock)
        result.events = db.count_canonical(self.store)  # once committed
        return result

    def _update_locked(self, at: datetime | None, lock) -> FusionResult:
        store = self.store
        pending, articles = db.report_rows(store, fused=False)
        claim_keys = db.unapplied_claim_keys(store)
        if not pending and not claim_keys:
            return FusionResult()
        reports = reports_from([e for _, e in pending], articles)
        # Only the canonical events that a new report could join are loaded (with all their reports).
        cids = db.neighbour_ids(store, [_probe(r) for r in reports])
        near, near_articles = db.report_rows(store, fused=True, canonical_ids=cids) if cids else ([], {})
        fuser = Fuser(clock=self.clock, changelog=False)
        fuser.preload(reports_from([e for _, e in near], near_articles))
        fuser.changelog = log = ChangeLog()
        fuser.add_all(reports, at or self.clock())
        new = list(log)
        prev = {v.event_id: v for v in db.open_versions(store, ids={v.event_id for v in new})}
        for v in new:  # continue each id's numbering from the store
            v.version = prev[v.event_id].version + 1 if v.event_id in prev else 1
        by_id = {e.id: e for e in fuser.events()}  # the touched canonical events only
        changed = {v.event_id for v in new}
        keys = set(claim_keys)
        keys.update(db.place_key(p.data.get("location")) for p in prev.values() if p.data)
        keys.update(db.place_key(by_id[i].location) for i in changed if i in by_id)
        keys.discard(None)
        events = [canonical_from_record(r) for r in db.control_records(store, keys) if r["id"] not in changed]
        events += [by_id[i] for i in sorted(changed) if i in by_id and db.place_key(by_id[i].location) in keys]
        periods = self._period_rows(events, db.claims(store, place_keys=keys))
        mapping = [(pk, fuser.canonical_of(r.key), r.key) for (pk, _), r in zip(pending, reports)]
        db.save(lock, new, by_id, mapping, periods, period_keys=keys)
        return _count(FusionResult(len(pending), loaded=len(near), periods=len(periods)), new)

    def refuse(self, at: datetime | None = None) -> FusionResult:
        """Fuse every stored report from scratch; record what differs from the stored events."""
        with db.fusion_lock(self.store) as lock:
            return self._refuse_locked(at, lock)

    def _refuse_locked(self, at: datetime | None, lock) -> FusionResult:
        done, articles = db.report_rows(self.store, fused=True)
        pending, more = db.report_rows(self.store, fused=False)
        articles.update(more)
        rows = done + pending
        reports = reports_from([e for _, e in rows], articles)
        fresh = Fuser(clock=self.clock, changelog=False)
        fresh.add_all(reports)
        new = {e.id: e for e in fresh.events()}
        old = db.stored_records(self.store)
        old_map = db.report_map(self.store)
        new_map = {pk: fresh.canonical_of(r.key) for (pk, _), r in zip(rows, reports)}
        flows: dict[str, set[str]] = defaultdict(set)  # old id -> new ids its reports went to
        for pk, cid in old_map.items():
            if pk in new_map:
                flows[cid].add(new_map[pk])
        log = ChangeLog(db.open_versions(self.store))
        start, when = len(log), at or self.clock()
        for cid in sorted(new):
            data = new[cid].to_dict()
            if cid not in old:
                log.record(cid, "created", when, data)
            elif _plain(data) != _plain(old[cid]):
                log.record(cid, "split" if len(flows.get(cid, ())) > 1 else "updated", when, data)
        for cid in sorted(set(old) - set(new)):
            targets = sorted(flows.get(cid, ()))
            if len(targets) == 1:
                log.record(cid, "deleted", when, merged_into=targets[0])
            else:
                log.record(cid, "split" if targets else "deleted", when)
        changes = list(log[start:])
        events = fresh.events()
        periods = self._period_rows(events, db.claims(self.store))
        mapping = [(pk, new_map[pk], r.key) for (pk, _), r in zip(rows, reports)]
        db.save(lock, changes, new, mapping, periods, period_keys=None, replace_reports=True)
        return _count(FusionResult(len(rows), loaded=len(rows), events=len(events), periods=len(periods)),
                      changes)

    # ------------------------------------------------------------------ control
    def control(self, place: str | None = None, at: date | str | None = None,
                bbox: Iterable[float] | None = None) -> list[dict]:
        """Control periods (records) of places matching ``place`` / inside ``bbox``; with ``at``
        only those possibly covering that day, each with ``certain``."""
        periods: list[ControlPeriod] = db.periods(self.store, place=place, at=at, bbox=bbox)
        if at is None:
            return [p.to_dict() for p in periods]
        day = at.date() if isinstance(at, datetime) else at if isinstance(at, date) \
            else date.fromisoformat(str(at)[:10])
        return control_at(periods, day)

