"""Stores made before Alembic (schema versions 1 and 2: tables and ``meta.schema_version``
only) are stamped and upgraded in place by ``Store()`` on SQLite and PostgreSQL, keeping
their data; several processes opening one at once upgrade it once."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, insert, select

from frontwatch.records import Article, Event, EventDate, Evidence, Location, PlaceMention
from frontwatch.store import SCHEMA_VERSION, Store
from frontwatch.store import queries as sq
from frontwatch.store import schema as st
from frontwatch.store.engine import make_engine
from frontwatch.store.migrate import MIGRATIONS, read_version, stored_revision

from store_threads import open_at_once

TEXT = "Rebels shelled the airport of Kandahar on Friday, killing three guards."


def old_article() -> tuple[Article, Event, PlaceMention]:
    article = Article(id="old-1", text=TEXT, title="Old report", url="https://example.org/old",
                      outlet="Example", published=date(2016, 5, 6),
                      fetched_at=datetime(2016, 5, 6, 12, 0, tzinfo=timezone.utc))  # fixed: compared after a reload
    event = Event(article_id="old-1", event_type="ASSAULT", status="occurred",
                  evidence=Evidence(TEXT, 0, len(TEXT)),
                  location=Location("Kandahar", "Kandahar", None, 31.61, 65.71, "AF", None, 2),
                  date=EventDate("on Friday", date(2016, 5, 6), date(2016, 5, 6), "day"))
    place = PlaceMention("old-1", "Kandahar", 30, 38)
    return article, event, place


def build_pre_alembic_store(url: str, version: int) -> None:
    """What frontwatch's own migrations (before Alembic) left: the tables of ``version``, its
    number in ``meta``, no alembic_version table; with one article, event and place."""
    article, event, place = old_article()
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            st.create_tables(conn, st.TABLES_V1 + (st.TABLES_V2 if version >= 2 else ()))
            conn.execute(st.meta.insert().values(key="schema_version", value=str(version)))
            src = conn.execute(insert(st.sources).values(name="Example", domain="example.org")
                               ).inserted_primary_key[0]
            pk = conn.execute(insert(st.articles).values(sq.article_row(article, src))
                              ).inserted_primary_key[0]
            conn.execute(insert(st.events).values(sq.event_row(event, article, pk, 0)))
            conn.execute(insert(st.places).values(sq.place_row(place, article, pk, 0)))
            if version >= 2:
                conn.execute(insert(st.fused_events).values(
                    id="c-old", version=1, event_type="ASSAULT", status="occurred", sources=1,
                    grade="C", updated_at=datetime(2024, 1, 1), record={"id": "c-old"}))
                event_pk = conn.execute(select(st.events.c.pk)).scalar_one()
                conn.execute(insert(st.fused_reports).values(
                    event_pk=event_pk, canonical_id="c-old", report_key="old-1"))
            assert "alembic_version" not in set(conn.dialect.get_table_names(conn))
    finally:
        engine.dispose()


@pytest.mark.parametrize("version", [1, 2])
def test_pre_alembic_store_is_upgraded_in_place_with_its_data(store_url, version):
    build_pre_alembic_store(store_url, version)
    article, event, place = old_article()
    with Store(store_url) as store:
        assert store.migrated_from == version and store.schema_version == SCHEMA_VERSION
        with store._read() as conn:
            assert read_version(conn) == SCHEMA_VERSION == len(MIGRATIONS)
            assert stored_revision(conn) == MIGRATIONS[-1]
            # the events already stored are in the new full-text index
            assert [r["article_id"] for r in conn.execute(sq.events_query(q="kandahar")).scalars()] \
                == ["old-1"]
            fused = conn.execute(select(func.count()).select_from(st.fused_events)).scalar_one()
        assert fused == (1 if version >= 2 else 0)
        assert store.article("old-1") == article
        assert store.events() == [event]
        assert store.places() == [place]
        assert store.sources()[0]["name"] == "Example"
        new = Article(id="new-1", text="Protesters marched in Herat.", published=date(2024, 1, 2))
        new_event = Event(article_id="new-1", event_type="PROTEST", status="occurred",
                          evidence=Evidence("Protesters marched in Herat.", 0, 28))
        assert store.add(new, [new_event])
        with store._read() as conn:
            assert [r["article_id"] for r in conn.execute(sq.events_query(q="herat")).scalars()] \
                == ["new-1"]
    with Store(store_url) as again:
        assert again.migrated_from == SCHEMA_VERSION  # nothing left to do
        assert again.counts()["events"] == 2


def test_pre_alembic_store_opened_by_many_at_once_is_upgraded_once(store_url):
    build_pre_alembic_store(store_url, 1)
    migrated_from, failures = open_at_once(store_url, 6)
    assert not failures, failures[0]
    assert sorted(migrated_from) == [1] + [SCHEMA_VERSION] * 5
    with Store(store_url) as store:
        assert store.counts()["events"] == 1
