"""Fusion persisted in the store: canonical events, reports, versions, as-of and updated-since,
incremental fusion == full re-fuse, ingest order, and the in-place v1 -> v2 upgrade.
Real SQLite files (and PostgreSQL databases when FRONTWATCH_TEST_POSTGRES_URL is set);
hand-built per-article events (no spaCy)."""
from __future__ import annotations

import json
import os
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from frontwatch.fuse.service import FusionService
from frontwatch.store import SCHEMA_VERSION, Store
from frontwatch.store import fused
from frontwatch.store.engine import WRITE, make_engine
from frontwatch.store.migrate import MIGRATIONS, migrate, read_version

from test_fuse_factories import article, event

D = date(2017, 5, 10)
WIRE = ("About 70 fighters withdrew from Tabqa on Wednesday after talks with the SDF, officials said, "
        "ending a two-month battle for the city and the nearby dam on the Euphrates river. The fighters "
        "left their heavy weapons behind and removed explosives from around the dam, a statement said.")


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("FRONTWATCH_TEST_POSTGRES_URL") else [])


@pytest.fixture(params=BACKENDS)
def new_url(request, tmp_path):
    """A factory of URLs of fresh, empty databases (SQLite files, or PostgreSQL databases)."""
    made = []

    def make(name: str) -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / name}"
        server = make_url(os.environ["FRONTWATCH_TEST_POSTGRES_URL"])
        db = f"fw_{uuid.uuid4().hex[:12]}"
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{db}"'))
        engine.dispose()
        made.append(db)
        return server.set(database=db).render_as_string(hide_password=False)

    yield make
    if made:
        engine = create_engine(make_url(os.environ["FRONTWATCH_TEST_POSTGRES_URL"]), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for db in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        engine.dispose()


class Clock:
    """A controllable UTC clock: each call advances one minute."""

    def __init__(self, start=datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)):
        self.now = start

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


def corpus():
    """(article, events) pairs: one withdrawal reported by 3 outlets (two are copies of one
    wire story), a strike a day later elsewhere, and a separate report that joins later."""
    arts = [
        (article("a1", "Wire Agency", date(2017, 5, 11), "Withdrawal from the city\n\n" + WIRE),
         [event("a1", "RETREAT", "Tabqa", D, "About 70 fighters withdrew from Tabqa", "ISIS", "SDF")]),
        (article("a2", "Daily Reposter", date(2017, 5, 11), "Fighters hand over city\n\n" + WIRE),
         [event("a2", "RETREAT", "Tabqa", D, "About 70 fighters withdrew from Tabqa", "ISIS", "SDF")]),
        (article("a3", "Independent Post", date(2017, 5, 12),
                 "The SDF took control of Tabqa after ISIS fighters pulled out on Wednesday."),
         [event("a3", "RETREAT", "Tabqa", D, "ISIS fighters pulled out of Tabqa", "ISIS", "SDF", start=5)]),
        (article("a4", "Independent Post", date(2017, 5, 13),
                 "Coalition aircraft struck near Hajin on Thursday, destroying two vehicles."),
         [event("a4", "ASSAULT", "Hajin", D + timedelta(days=1), "Coalition aircraft struck near Hajin",
                "Coalition", "ISIS")]),
    ]
    return arts


def store_with(new_url, name, items, clock=None):
    st = Store(new_url(name))
    svc = FusionService(st, clock=clock or Clock())
    for art, evs in items:
        assert st.add(art, evs)
    return st, svc


def canon(records):
    return json.dumps(sorted(records, key=lambda r: r["id"]), sort_keys=True)


def test_reports_fuse_and_wire_copies_count_once(new_url):
    st, svc = store_with(new_url, "a.db", corpus())
    result = svc.update()
    assert result.reports == 4 and result.created == 2 and result.events == 2
    evs = fused.events(st)
    withdrawal = next(e for e in evs if e["event_type"] == "RETREAT")
    assert len(withdrawal["reports"]) == 3
    assert withdrawal["sources"] == 2  # a1 and a2 are one wire story
    assert sorted(map(sorted, withdrawal["source_groups"])) == [["Daily Reposter", "Wire Agency"], ["Independent Post"]]
    # the UI filters
    assert [e["id"] for e in fused.events(st, min_sources=2)] == [withdrawal["id"]]
    assert [e["event_type"] for e in fused.events(st, bbox=(40, 34, 41.5, 35))] == ["ASSAULT"]
    assert fused.events(st, type="ASSAULT", actor="coalition", since=D + timedelta(days=1), until=D + timedelta(days=1))
    assert fused.count_events(st, place="tabqa") == 1
    assert len(fused.reports_of(st, withdrawal["id"])) == 3
    st.close()


def test_incremental_equals_full_refuse(new_url):
    items = corpus()
    clock = Clock()
    st, svc = store_with(new_url, "inc.db", items[:1], clock)
    svc.update()
    for art, evs in items[1:]:  # one ingest at a time
        st.add(art, evs)
        svc.update()
    incremental = fused.events(st)
    changes = svc.refuse()
    assert (changes.created, changes.updated, changes.merged, changes.split, changes.deleted) == (0, 0, 0, 0, 0)
    # a second process re-fusing the whole store from scratch agrees too
    st2, svc2 = store_with(new_url, "batch.db", items)
    svc2.refuse()
    assert canon(fused.events(st2)) == canon(incremental)
    st.close(), st2.close()


def test_ingest_order_does_not_change_the_result(new_url):
    items = corpus()
    results = []
    for i, order in enumerate([items, items[::-1], [items[2], items[0], items[3], items[1]]]):
        st, svc = store_with(new_url, f"o{i}.db", [])
        for art, evs in order:
            st.add(art, evs)
            svc.update()
        results.append(canon(fused.events(st)))
        st.close()
    assert results[0] == results[1] == results[2]


def test_versions_as_of_and_updated_since(new_url):
    items = corpus()
    clock = Clock()
    st, svc = store_with(new_url, "v.db", [items[2]], clock)
    svc.update()                      # t1: created from a3 (published 12 May)
    t1 = clock.now
    st.add(*items[3])
    svc.update()                      # t2: Hajin strike created
    t2 = clock.now
    st.add(*items[0])
    svc.update()                      # t3: a1 (published 11 May) joins: the id changes -> old id deleted
    t3 = clock.now
    evs = {e["event_type"]: e for e in fused.events(st)}
    retreat_now = evs["RETREAT"]
    old = fused.as_of(st, t1)
    assert len(old) == 1 and old[0]["event_type"] == "RETREAT" and len(old[0]["reports"]) == 1
    old_id = old[0]["id"]
    assert old_id != retreat_now["id"]
    assert [r["event_type"] for r in fused.as_of(st, t2)] == ["RETREAT", "ASSAULT"]
    assert fused.as_of(st, t1 - timedelta(seconds=1)) == []
    assert canon(fused.as_of(st, t3)) == canon(fused.events(st))
    changes = fused.updated_since(st, t2)
    assert list(changes["changed"]) == [retreat_now["id"]]
    assert changes["deleted"] == {old_id: retreat_now["id"]}
    assert fused.updated_since(st, t3) == {"changed": {}, "deleted": {}}
    kinds = [v.kind for v in fused.history(st, old_id)]
    assert kinds == ["created", "deleted"]
    assert [v.kind for v in fused.history(st, retreat_now["id"])] == ["merged"]
    # the versions survive a restart: a new service continues the numbering
    st.add(*items[1])
    FusionService(st, clock=clock).update()
    hist = fused.history(st, retreat_now["id"])
    assert [(v.version, v.kind) for v in hist] == [(1, "merged"), (2, "updated")]
    assert hist[0].valid_to == hist[1].valid_from
    # as_of with filters, in memory
    assert fused.filter_records(fused.as_of(st, clock.now), min_sources=2)[0]["id"] == retreat_now["id"]
    st.close()


def test_a_version_1_store_upgrades_in_place(new_url):
    url = new_url("old.db")
    engine = make_engine(url)
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        assert migrate(conn, MIGRATIONS[:1]) == (0, 1)
    with engine.connect() as conn:
        assert "fused_events" not in inspect(conn).get_table_names()
    engine.dispose()
    art, evs = corpus()[2]
    # write a v1 store with an article through the v1 tables only
    v1 = Store.__new__(Store)
    v1.url, v1._engine = url, make_engine(url)
    assert v1.add(art, evs)
    v1.close()
    st = Store(url)
    assert st.migrated_from == 1 and SCHEMA_VERSION >= 2
    with st._engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION
        assert {"fused_events", "fused_reports", "fused_versions", "control_claims",
                "control_periods"} <= set(inspect(conn).get_table_names())
    assert st.counts()["events"] == 1
    assert FusionService(st).update().created == 1
    st.close()


def test_refuse_with_changed_rules_records_splits_and_keeps_history(new_url, monkeypatch):
    clock = Clock()
    st, svc = store_with(new_url, "split.db", corpus(), clock)
    svc.update()
    before = clock.now
    (withdrawal,) = fused.events(st, type="RETREAT")
    assert len(withdrawal["reports"]) == 3
    monkeypatch.setattr("frontwatch.fuse.similarity.THRESHOLD", 100.0)  # stricter rules: nothing fuses
    result = svc.refuse()
    assert result.split == 1 and result.created == 2 and result.events == 4
    assert [v.kind for v in fused.history(st, withdrawal["id"])] == ["created", "split"]
    assert len(fused.events(st, type="RETREAT")) == 3
    assert canon(fused.as_of(st, before)) == canon([withdrawal] + fused.events(st, type="ASSAULT"))
    assert set(fused.updated_since(st, before)["changed"]) == {e["id"] for e in fused.events(st, type="RETREAT")}
    assert svc.refuse().to_dict()["split"] == 0  # stable under the same rules


def test_incremental_update_reads_only_the_neighbourhood(new_url):
    st, svc = store_with(new_url, "near.db", corpus())
    svc.update()
    far = article("far", "Far Times", date(2019, 3, 1), "Protest in a distant town.")
    st.add(far, [event("far", "PROTEST", "Khasham", date(2019, 3, 1), "Protest in Khasham")])
    assert svc.update().loaded == 0
    late = article("late", "Late Herald", date(2017, 5, 11), "Reports say the jihadists left the city under a local deal.")
    st.add(late, [event("late", "RETREAT", "Tabqa", D, "Fighters withdrew from Tabqa", "ISIS", "SDF")])
    result = svc.update()
    # the withdrawal's three reports and the strike a day later in the same country; not the 2019 protest
    assert result.loaded == 4 and result.updated == 1
    assert fused.events(st, type="RETREAT")[0]["sources"] == 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_ingests_incremental_equals_batch(new_url, seed):
    """Random reports (precise, province- and country-level places, none; dated, undated, and with
    no date at all) fused one article at a time equal a batch fusion of the same store."""
    import random

    rnd = random.Random(seed)
    places = ["Tabqa", "Jarniyah", "Hajin", "Khasham", "Deir ez-Zor province", "Syria", None]
    items = []
    for i in range(40):
        day = D + timedelta(days=rnd.randrange(6))
        when = rnd.choice([day, day, (day, day + timedelta(days=3)), None])
        kind = rnd.choice(["ASSAULT", "ASSAULT", "RETREAT", "COERCE"])
        place = rnd.choice(places)
        text = f"{kind.lower()} near {place} by {rnd.choice(['ISIS', 'SDF'])} number {rnd.randrange(3)}"
        if rnd.random() < 0.3:  # a wire sentence several outlets reuse: undated reports join on it
            text = f"{text}, {WIRE.split('. ')[0].lower()}"
        published = day + timedelta(days=rnd.randrange(2))
        if when is None and rnd.random() < 0.5:
            published = None  # no date at all
        art = article(f"r{i}", f"Outlet {rnd.randrange(8)}", published, f"Story {i}: {text}.")
        items.append((art, [event(f"r{i}", kind, place, when, text, rnd.choice(["ISIS", "SDF", None]), None)]))
    st, svc = store_with(new_url, "rand.db", [])
    for art, evs in items:
        st.add(art, evs)
        svc.update()
    changes = svc.refuse()
    assert (changes.created, changes.updated, changes.merged, changes.split, changes.deleted) == (0, 0, 0, 0, 0)
    assert len(fused.events(st)) < 40


def test_two_processes_fusing_at_once_agree_with_a_batch(new_url):
    """Two stores (as two processes) on one database add matching reports and fuse at the same
    time, round after round: fusion runs are serialised, so nothing is left unfused or split."""
    import threading

    url = new_url("race.db")
    stores = [Store(url), Store(url)]
    services = [FusionService(s) for s in stores]
    errors = []
    for day in range(4):
        when = D + timedelta(days=3 * day)
        barrier = threading.Barrier(2)

        def work(i, when=when, barrier=barrier, day=day):
            try:
                aid = f"p{i}-{day}"
                words = ["Clashes were reported around the town overnight.", "Residents described heavy gunfire."][i]
                art = article(aid, f"Paper {i}", when, f"Report {day}. {words}")
                stores[i].add(art, [event(aid, "ASSAULT", "Tabqa", when, "Fighting in Tabqa", "ISIS", "SDF")])
                barrier.wait()
                services[i].update()
            except Exception as exc:  # noqa: BLE001 (reported below)
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    assert not errors, errors
    evs = fused.events(stores[0])
    assert len(evs) == 4 and all(e["sources"] == 2 for e in evs)
    changes = services[0].refuse()
    assert (changes.created, changes.updated, changes.merged, changes.split, changes.deleted) == (0, 0, 0, 0, 0)
    for s in stores:
        s.close()
