"""Versioned canonical events: every change is a Version with a validity interval.

A change log is a plain list of Versions (``to_dict``/``from_dict`` for storage). For one event
id the versions form a chain: each new version closes the previous one (its ``valid_to`` = the
new ``valid_from``). Kinds: created, updated, merged (this id absorbed other ids; they get a
``deleted`` tombstone with ``merged_into``), split (reserved for re-fusing with changed rules),
deleted. ``as_of`` rebuilds what was known at an instant; ``updated_since`` lists what a client
holding a copy from an instant must change or delete.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from frontwatch.records import Record

KINDS = ("created", "updated", "merged", "split", "deleted")


@dataclass
class Version(Record):
    event_id: str
    version: int
    kind: str
    valid_from: datetime
    valid_to: datetime | None = None
    data: dict | None = None  # the CanonicalEvent.to_dict(); None for a deletion
    merged_into: str | None = None
    merged_from: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "version": self.version, "kind": self.kind,
                "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "data": self.data, "merged_into": self.merged_into, "merged_from": list(self.merged_from)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Version":
        d = dict(d)
        for k in ("valid_from", "valid_to"):
            if isinstance(d.get(k), str):
                d[k] = datetime.fromisoformat(d[k])
        return cls(**{k: d[k] for k in cls.field_names() if k in d})


class ChangeLog(list):
    """A list of Versions plus the open (latest) version of every event id."""

    def __init__(self, versions: list[Version] | None = None) -> None:
        super().__init__()
        self._open: dict[str, Version] = {}
        for v in versions or ():
            self.append(v)
            self._open[v.event_id] = v

    def record(self, event_id: str, kind: str, at: datetime, data: dict | None = None,
               merged_into: str | None = None, merged_from: list[str] | None = None) -> Version:
        if kind not in KINDS:
            raise ValueError(f"unknown change kind {kind!r}")
        prev = self._open.get(event_id)
        if prev is not None:
            if prev.valid_from > at:
                raise ValueError("change times must not go backwards")
            prev.valid_to = at
        v = Version(event_id, (prev.version + 1) if prev else 1, kind, at, None, data,
                    merged_into, sorted(merged_from or []))
        self.append(v)
        self._open[event_id] = v
        return v

    def current(self, event_id: str) -> Version | None:
        return self._open.get(event_id)


def _versions(changelog) -> list[Version]:
    return [v if isinstance(v, Version) else Version.from_dict(v) for v in changelog]


def as_of(changelog, when: datetime) -> dict[str, dict]:
    """Every canonical event as it stood at `when`: {event id: data}."""
    out = {}
    for v in _versions(changelog):
        if v.valid_from <= when and (v.valid_to is None or when < v.valid_to) and v.data is not None:
            out[v.event_id] = v.data
    return dict(sorted(out.items()))


def updated_since(changelog, when: datetime) -> dict[str, Any]:
    """What changed after `when`: {'changed': {id: latest data}, 'deleted': {id: merged_into}}.
    An id created and deleted after `when` is listed as deleted (harmless for the client)."""
    latest: dict[str, Version] = {}
    for v in _versions(changelog):
        if v.valid_from > when:
            cur = latest.get(v.event_id)
            if cur is None or (v.valid_from, v.version) > (cur.valid_from, cur.version):
                latest[v.event_id] = v
    changed = {k: v.data for k, v in sorted(latest.items()) if v.kind != "deleted"}
    deleted = {k: v.merged_into for k, v in sorted(latest.items()) if v.kind == "deleted"}
    return {"changed": changed, "deleted": deleted}
