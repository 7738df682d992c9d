"""Fusion over the store: incremental after each ingest, and a full re-fuse.

``FusionService(store)`` keeps one ``Fuser`` in memory, rebuilt from the store's already fused
reports when first used (or when another process fused meanwhile). ``update()`` fuses the stored
per-article events that no canonical event holds yet and persists, in one transaction, the new
versions of every touched canonical event, the report mapping and the control periods.
``refuse()`` fuses every stored report from scratch and records the differences to what is
stored (created / updated / split / deleted): with unchanged rules it records nothing, because
fusion does not depend on the order or batching of reports (docs/fusion.md).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone

from sqlalchemy.exc import IntegrityError

from ..store import fused as db
from .changelog import ChangeLog, Version
from .cluster import Fuser
from .control import control_at, control_timeline
from .records import CanonicalEvent, ControlPeriod, reports_from


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class FusionResult:
    """What one fusion run changed."""

    reports: int = 0      # per-article events fused in this run
    created: int = 0
    updated: int = 0
    merged: int = 0
    split: int = 0
    deleted: int = 0
    events: int = 0       # canonical events after the run
    periods: int = 0      # control periods after the run

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _count(result: FusionResult, versions: Iterable[Version]) -> FusionResult:
    for v in versions:
        setattr(result, v.kind, getattr(result, v.kind) + 1)
    return result


def _plain(data: dict) -> dict:
    """The record as it reads back from JSON (for comparing stored and fresh records)."""
    return json.loads(json.dumps(data, sort_keys=True))


class FusionService:
    """Owns the in-memory Fuser of one store; see the module docstring."""

    def __init__(self, store, clock: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.clock = clock
        self.fuser: Fuser | None = None
        self._rows = 0  # fused report rows the in-memory Fuser holds

    # ------------------------------------------------------------------ state
    def _load(self) -> Fuser:
        rows, articles = db.report_rows(self.store, fused=True)
        fuser = Fuser(clock=self.clock, changelog=False)
        fuser.add_all(reports_from([e for _, e in rows], articles))
        fuser.changelog = ChangeLog(db.open_versions(self.store))
        self.fuser, self._rows = fuser, len(rows)
        return fuser

    def _current(self) -> Fuser:
        if self.fuser is None or db.count_reports(self.store) != self._rows:
            return self._load()
        return self.fuser

    def _period_rows(self, events: list[CanonicalEvent]) -> list[dict]:
        claims = db.claims(self.store)
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
        When another process fused the same events first, reload from the store and retry once."""
        try:
            return self._update(at)
        except IntegrityError:
            return self._update(at)

    def _update(self, at: datetime | None) -> FusionResult:
        fuser = self._current()
        pending, articles = db.report_rows(self.store, fused=False)
        if not pending:
            return FusionResult(events=len(fuser.events()))
        reports = reports_from([e for _, e in pending], articles)
        log = fuser.changelog
        start = len(log)
        try:
            fuser.add_all(reports, at or self.clock())
            new = list(log[start:])
            events = fuser.events()
            by_id = {e.id: e for e in events}
            mapping = [(pk, fuser.canonical_of(r.key), r.key) for (pk, _), r in zip(pending, reports)]
            periods = self._period_rows(events)
            db.save(self.store, new, by_id, mapping, periods)
        except BaseException:
            self.fuser = None  # memory is ahead of the store: rebuild on next use
            raise
        self._rows += len(pending)
        return _count(FusionResult(len(pending), events=len(events), periods=len(periods)), new)

    def refuse(self, at: datetime | None = None) -> FusionResult:
        """Fuse every stored report from scratch; record what differs from the stored events."""
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
        periods = self._period_rows(events)
        try:
            mapping = [(pk, new_map[pk], r.key) for (pk, _), r in zip(rows, reports)]
            db.save(self.store, changes, new, mapping, periods, replace_reports=True)
        except BaseException:
            self.fuser = None
            raise
        fresh.changelog = log
        self.fuser, self._rows = fresh, len(rows)
        return _count(FusionResult(len(rows), events=len(events), periods=len(periods)), changes)

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

