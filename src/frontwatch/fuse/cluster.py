"""The Fuser: incremental, order-independent cross-document fusion.

Canonical events are the connected components of the graph whose edges are report pairs that
``similarity.match`` accepts (candidates from ``blocking``). The pair decision depends only on
the two reports and the blocking finds every pair ``match`` could accept, so the components -
and the canonical events built from them by ``canonical.build`` - depend only on the set of
reports, never on the order they arrived in: adding reports one by one gives the same result as
fusing them all at once. A new report can join an event or merge several; events never split.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from frontwatch.fuse.blocking import BlockIndex
from frontwatch.fuse.canonical import build, canonical_id
from frontwatch.fuse.changelog import ChangeLog
from frontwatch.fuse.records import CanonicalEvent, Report
from frontwatch.fuse.similarity import match


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Fuser:
    """Owns the reports, their components, the canonical events and the change log."""

    def __init__(self, clock: Callable[[], datetime] = _now, changelog: bool = True) -> None:
        self.clock = clock
        self.reports: list[Report] = []
        self.changelog: ChangeLog | None = ChangeLog() if changelog else None
        self._by_key: dict[str, int] = {}
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}
        self._cid: dict[int, str] = {}             # root -> canonical id (after finalising)
        self._events: dict[str, CanonicalEvent] = {}
        self._pending: dict[int, set[str]] = {}    # dirty root -> ids it replaces
        self._index = BlockIndex()
        self.comparisons = 0

    # ------------------------------------------------------------------ union-find
    def _find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _insert(self, r: Report) -> None:
        if r.key in self._by_key:
            return
        i = len(self.reports)
        self.reports.append(r)
        self._by_key[r.key] = i
        self._parent.append(i)
        reports = self.reports
        cands = self._index.candidates(r)
        roots: set[int] = set()
        find = self._find
        for j in cands:
            root = find(j)
            # a report already joined to this root adds no connection: skip the comparison
            if root not in roots:
                self.comparisons += 1
                if match(r, reports[j]):
                    roots.add(root)
        self._index.add(i, r)
        olds: set[str] = set()
        members = [i]
        for root in roots:
            if root in self._pending:
                olds |= self._pending.pop(root)
            elif root in self._cid:
                olds.add(self._cid[root])
            self._cid.pop(root, None)
            m = self._members.pop(root)
            members = m + members if len(m) > len(members) else members + m
        new_root = min(roots | {i})
        for root in roots | {i}:
            self._parent[root] = new_root
        self._members[new_root] = members
        self._pending[new_root] = olds

    def _finalise(self, at: datetime) -> None:
        log = self.changelog
        for root, olds in sorted(self._pending.items()):
            reps = [self.reports[j] for j in self._members[root]]
            cid = canonical_id(reps)
            ev = build(reps, cid)
            for old in olds:
                self._events.pop(old, None)
            self._events[cid] = ev
            self._cid[root] = cid
            if log is None:
                continue
            data = ev.to_dict()
            if not olds:
                log.record(cid, "created", at, data)
            elif olds == {cid}:
                log.record(cid, "updated", at, data)
            else:
                for old in sorted(olds - {cid}):
                    log.record(old, "deleted", at, merged_into=cid)
                log.record(cid, "merged", at, data, merged_from=sorted(olds - {cid}))
        self._pending.clear()

    # ------------------------------------------------------------------ public
    def add(self, report: Report, at: datetime | None = None) -> str:
        """Fuse one report; returns the id of the canonical event it now belongs to."""
        self._insert(report)
        self._finalise(at or self.clock())
        return self._cid[self._find(self._by_key[report.key])]

    def add_all(self, reports: Iterable[Report], at: datetime | None = None) -> list[str]:
        """Fuse many reports in canonical order and log one change per touched event."""
        reports = list(reports)
        for r in sorted(reports, key=lambda r: r.sort_key):
            self._insert(r)
        self._finalise(at or self.clock())
        return [self.canonical_of(r.key) for r in reports]

    def preload(self, reports: Iterable[Report]) -> None:
        """Take in reports that are already fused and stored, without building their canonical
        events (only those that later reports touch get rebuilt) and without logging changes:
        the same union-find state ``add_all`` leaves, minus ``build``, which dominates its cost."""
        for r in sorted(reports, key=lambda r: r.sort_key):
            self._insert(r)
        for root in self._pending:
            self._cid[root] = canonical_id(self.reports[j] for j in self._members[root])
        self._pending.clear()

    def canonical_of(self, report_key: str) -> str:
        return self._cid[self._find(self._by_key[report_key])]

    def events(self) -> list[CanonicalEvent]:
        """All canonical events, sorted by (first date, id)."""
        return sorted(self._events.values(), key=lambda e: (e.date_start or datetime.max.date(), e.id))

    def event(self, cid: str) -> CanonicalEvent:
        return self._events[cid]

    def clusters(self) -> list[list[str]]:
        """Report keys per canonical event (sorted), for evaluation."""
        out = [sorted(self.reports[j].key for j in m) for m in self._members.values()]
        return sorted(out)


def fuse(reports: Iterable[Report]) -> list[CanonicalEvent]:
    """Batch fusion without a change log."""
    f = Fuser(changelog=False)
    f.add_all(reports)
    return f.events()
