"""Versioned canonical events: created/updated/merged/deleted, as_of and updated_since."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from frontwatch.fuse import ChangeLog, Fuser, Version, as_of, updated_since

from test_fuse_factories import D, article, event, report, surrender_cluster

T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


def t(i: int) -> datetime:
    return T0 + timedelta(hours=i)


def _bridge():
    """a (day D) and b (day D+2) do not match each other; c (a week spanning both) matches both."""
    txt = "SDF fighters clashed with ISIS on the edge of the town."
    a = report(event("a", "ASSAULT", "Tabqa", D, txt, "SDF", "ISIS"), article("a", "A", D, "a"))
    b = report(event("b", "ASSAULT", "Tabqa", D + timedelta(days=2), "Fighting went on.", "SDF", "ISIS"),
               article("b", "B", D + timedelta(days=3), "b"))
    c = report(event("c", "ASSAULT", "Tabqa", (D - timedelta(days=1), D + timedelta(days=3)), txt, "SDF", "ISIS"),
               article("c", "C", D + timedelta(days=4), "c"))
    return a, b, c


def test_sequence_of_additions_versions_and_snapshots():
    s = surrender_cluster()
    f = Fuser()
    cid = f.add(s[0], at=t(1))
    assert f.add(s[1], at=t(2)) == cid
    x = report(event("x", "ASSAULT", "Hajin", D, "Strikes in Hajin.", "Coalition", "ISIS"), article("x", "X", D, "x"))
    other = f.add(x, at=t(3))
    assert other != cid
    kinds = [(v.event_id, v.version, v.kind) for v in f.changelog]
    assert kinds == [(cid, 1, "created"), (cid, 2, "updated"), (other, 1, "created")]
    assert as_of(f.changelog, t(0)) == {}
    assert len(as_of(f.changelog, t(1))[cid]["reports"]) == 1
    snap = as_of(f.changelog, t(2) + timedelta(minutes=5))
    assert list(snap) == [cid] and snap[cid]["sources"] == 2
    assert set(as_of(f.changelog, t(3))) == {cid, other}
    since = updated_since(f.changelog, t(1) + timedelta(minutes=1))
    assert set(since["changed"]) == {cid, other} and since["deleted"] == {}
    assert set(updated_since(f.changelog, t(2))["changed"]) == {other}
    assert updated_since(f.changelog, t(3)) == {"changed": {}, "deleted": {}}


def test_bridging_report_merges_two_events_and_leaves_a_tombstone():
    a, b, c = _bridge()
    f = Fuser()
    ida, idb = f.add(a, at=t(1)), f.add(b, at=t(2))
    assert ida != idb
    idc = f.add(c, at=t(3))
    assert idc == ida  # the earliest-published report names the event
    last = {v.event_id: v for v in f.changelog if v.valid_to is None}
    assert last[ida].kind == "merged" and last[ida].merged_from == [idb]
    assert last[idb].kind == "deleted" and last[idb].merged_into == ida
    assert set(as_of(f.changelog, t(2))) == {ida, idb}
    assert set(as_of(f.changelog, t(3))) == {ida}
    since = updated_since(f.changelog, t(2))
    assert set(since["changed"]) == {ida} and since["deleted"] == {idb: ida}
    assert len(f.events()) == 1 and len(f.events()[0].reports) == 3


def test_changelog_roundtrips_as_plain_data():
    a, b, c = _bridge()
    f = Fuser()
    for i, r in enumerate((a, b, c)):
        f.add(r, at=t(i))
    data = json.loads(json.dumps([v.to_dict() for v in f.changelog]))
    restored = [Version.from_dict(d) for d in data]
    for when in (t(0), t(1), t(2), t(5)):
        assert as_of(restored, when) == json.loads(json.dumps(as_of(f.changelog, when)))
    assert updated_since(data, t(1))["deleted"] == updated_since(f.changelog, t(1))["deleted"]


def test_times_must_not_go_backwards():
    log = ChangeLog()
    log.record("e", "created", t(2), {})
    with pytest.raises(ValueError):
        log.record("e", "updated", t(1), {})
    with pytest.raises(ValueError):
        log.record("e", "renamed", t(3), {})
