"""One key per party: aliases share a key (nlp/actor_keys.py); the store keeps the keys of
actor1/actor2 (schema version 6) so that an actor query finds every alias; control timelines and
canonical events treat aliases as one party. Store tests run on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, select, text

from frontwatch.fuse import ControlClaim, control_timeline
from frontwatch.nlp.actor_keys import actor_key, one_name_per_party, same_party
from frontwatch.records import Actor, Article, Event, EventDate, Evidence
from frontwatch.store import SCHEMA_VERSION, Store
from frontwatch.store import schema as st
from frontwatch.store.engine import make_engine
from frontwatch.store.fused import filter_records

from test_fuse_factories import D, event, loc


@pytest.mark.parametrize("a, b", [
    ("ISIL", "ISIS"), ("Daesh", "Islamic State group"), ("IS", "the Islamic State"),
    ("SDF", "Syrian Democratic Forces"), ("Malian army", "FAMa"),
    ("the NAF rebel forces", "NAF forces"), ("TPLF", "Tigray People's Liberation Front"),
])
def test_aliases_share_a_key(a, b):
    assert actor_key(a) == actor_key(b) is not None
    assert same_party(a, b)


@pytest.mark.parametrize("a, b", [
    ("ISIS", "ISWAP"), ("Malian forces", "Malian police"), ("SDF", "Syrian government forces"),
    ("Security forces", "Civilians"), ("Al Sham Corps", "Ahrar al-Sham"),
])
def test_distinct_parties_keep_distinct_keys(a, b):
    assert actor_key(a) != actor_key(b)
    assert not same_party(a, b)


def test_no_name_has_no_key():
    assert actor_key(None) is None and actor_key("  ") is None and not same_party(None, None)


def test_one_name_per_party_is_the_most_frequent_name():
    shown = one_name_per_party(["ISIL", "Daesh", "Daesh", "SDF", None, "Syrian Democratic Forces", "SDF"])
    assert shown == {"ISIL": "Daesh", "Daesh": "Daesh", "SDF": "SDF", "Syrian Democratic Forces": "SDF"}


# --------------------------------------------------------------------------- control and fusion

def test_control_of_a_town_by_one_party_under_two_names_is_one_controller():
    capture = event("cap", "ASSAULT", "Tabqa", D, "Daesh captured Tabqa from the SDF.", "Daesh", "SDF",
                    sub="Non-state actor overtakes territory")
    claim = ControlClaim(place=loc("Tabqa"), actor="ISIL", since=date(2013, 6, 1), since_precision="year",
                         evidence="Tabqa has been under ISIL control since 2013.", article_id="bf",
                         as_of=date(2017, 5, 11))
    periods = control_timeline([capture], [claim])
    assert len(periods) == 1 and periods[0].controller in ("Daesh", "ISIL")
    assert len(periods[0].evidence) == 2


def test_fused_records_filter_finds_an_alias():
    records = [{"id": "c1", "event_type": "ASSAULT", "status": "occurred", "actor1": "ISIS", "actor2": None,
                "date_start": "2017-05-10", "date_end": "2017-05-10", "location": None, "reports": []}]
    assert [r["id"] for r in filter_records(records, actor="Daesh")] == ["c1"]
    assert filter_records(records, actor="SDF") == []


# --------------------------------------------------------------------------- store

TEXT = "Daesh fighters shelled Tabqa on Wednesday. The NAF rebel forces fired on Avdiivka."


def _article() -> tuple[Article, list[Event]]:
    article = Article(id="keys-1", text=TEXT, published=date(2017, 5, 11))

    def ev(start, end, a1, a2=None):
        return Event(article_id="keys-1", event_type="ASSAULT", status="occurred",
                     evidence=Evidence(TEXT[start:end], start, end), actor1=a1, actor2=a2,
                     date=EventDate("on Wednesday", date(2017, 5, 10), date(2017, 5, 10), "day"))
    return article, [ev(0, 42, Actor("Daesh fighters", "ISIS", "ISIS"), Actor("Tabqa", "Tabqa")),
                     ev(43, len(TEXT), Actor("The NAF rebel forces", "NAF rebel forces"))]


def test_actor_query_finds_every_alias_of_a_party(store_url):
    article, events = _article()
    with Store(store_url) as store:
        assert store.add(article, events)
        with store._read() as conn:
            keys = conn.execute(select(st.events.c.actor1_key, st.events.c.actor2_key)
                                .order_by(st.events.c.ordinal)).all()
        assert [tuple(k) for k in keys] == [("isis", "tabqa"), ("naf", None)]
        assert [e.actor1.name for e in store.events(actor="Islamic State")] == ["ISIS"]
        assert [e.actor1.name for e in store.events(actor="ISIL")] == ["ISIS"]
        assert [e.actor1.name for e in store.events(actor="NAF forces")] == ["NAF rebel forces"]
        assert [e.actor1.name for e in store.events(actor="rebel")] == ["NAF rebel forces"]  # substrings still work
        assert store.events(actor="Hezbollah") == []
        assert store.events()[0].actor1 == Actor("Daesh fighters", "ISIS", "ISIS")  # the record round-trips


def _as_version_5(url: str) -> None:
    """Make a version-6 store look like one written by version 5: no key columns or indexes."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in ("events", "fused_events"):
                for column in ("actor1_key", "actor2_key"):
                    conn.execute(text(f"DROP INDEX IF EXISTS ix_{table}_{column}"))
                    conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0005'"))
            conn.execute(st.meta.update().where(st.meta.c.key == "schema_version").values(value="5"))
            assert "actor1_key" not in {c["name"] for c in inspect(conn).get_columns("events")}
    finally:
        engine.dispose()


def test_version_5_store_gains_the_keys_of_its_events(store_url):
    article, events = _article()
    with Store(store_url) as store:
        assert store.add(article, events)
    _as_version_5(store_url)
    with Store(store_url) as store:
        assert store.migrated_from == 5 and store.schema_version == SCHEMA_VERSION == 6
        with store._read() as conn:
            keys = conn.execute(select(st.events.c.actor1_key).order_by(st.events.c.ordinal)).scalars().all()
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("events")}
        assert keys == ["isis", "naf"]
        assert {"ix_events_actor1_key", "ix_events_actor2_key"} <= indexes
        assert [e.actor1.name for e in store.events(actor="Daesh")] == ["ISIS"]
        assert store.counts()["events"] == 2
    with Store(store_url) as again:
        assert again.migrated_from == SCHEMA_VERSION
