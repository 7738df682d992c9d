"""Full-text ``q`` filter (store/fts.py): word-prefix matching through the FTS5 / tsvector
index on every backend, for per-article and canonical events, kept in step on insert and
delete, and built for the rows of a version-2 store upgraded in place."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert, text

from frontwatch.records import Article, Event, EventDate, Evidence
from frontwatch.store import SCHEMA_VERSION, Store
from frontwatch.store import queries as sq
from frontwatch.store import schema as st
from frontwatch.store.engine import WRITE, make_engine
from frontwatch.store.migrate import MIGRATIONS, migrate

SENTENCES = [
    "Militants attacked a checkpoint near the town, killing 12 soldiers, officials said.",
    "Government forces shelled rebel-held districts overnight.",
    "Protesters gathered in the square, demanding the release of détenus.",
    "Gunmen killed two policemen; the ministry said 120 people fled.",
    "A car bomb exploded outside the skilled workers' union office.",
]


def article_with(n: int, sentence: str) -> tuple[Article, Event]:
    article = Article(id=f"fts-{n}", text=sentence, published=date(2020, 1, 1 + n))
    event = Event(article_id=article.id, event_type="ASSAULT", status="occurred",
                  evidence=Evidence(sentence, 0, len(sentence)),
                  date=EventDate(None, date(2020, 1, 1 + n), date(2020, 1, 1 + n), "day"))
    return article, event


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        for n, sentence in enumerate(SENTENCES):
            article, event = article_with(n, sentence)
            assert s.add(article, [event])
        yield s


def found(store: Store, q: str) -> list[int]:
    """Indexes (in SENTENCES) of the events whose evidence matches q."""
    with store._read() as conn:
        recs = conn.execute(sq.events_query(q=q)).scalars().all()
    return sorted(SENTENCES.index(r["evidence"]["text"]) for r in recs)


@pytest.mark.parametrize("q, expected", [
    ("killing", [0]),
    ("KILL", [0, 3]),              # a word prefix, any case
    ("killing 12", [0]),           # a phrase
    ("killing 1", [0]),            # whose last word may be unfinished
    ("12 soldiers,", [0]),         # punctuation in q must be in the evidence too
    ("soldiers said", []),         # words not next to each other
    ("illing", []),                # not the middle of a word: documented
    ("rebel-held", [1]),
    ("120", [3]),
    ("12", [0, 3]),                # "12" and "120"
    ("workers' union", [4]),
    ("détenus", [2]),
    ("checkpoint near", [0]),
    ("nowhere", []),
    (",", [0, 2]),                # no word: plain substring scan
])
def test_q_matches_words_and_prefixes_on_every_backend(store, q, expected):
    assert found(store, q) == expected


def test_index_follows_inserts_and_cascaded_deletes(store):
    more, event = article_with(9, "Airstrikes hit Ghazni province at dawn.")
    assert found(store, "ghazni") == []
    assert store.add(more, [event])
    with store._read() as conn:
        assert [r["article_id"] for r in conn.execute(sq.events_query(q="ghazni")).scalars()] \
            == ["fts-9"]
    with store._write() as conn:
        conn.execute(st.articles.delete().where(st.articles.c.id == "fts-9"))  # cascades to events
    assert found(store, "ghazni") == []
    if store._engine.dialect.name == "sqlite":
        with store._read() as conn:
            n_fts = conn.execute(text("SELECT count(*) FROM events_fts")).scalar_one()
            n_events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        assert n_fts == n_events == len(SENTENCES)


def test_q_runs_on_the_index_not_a_scan(store):
    query = sq.events_query(q="killing")
    with store._read() as conn:
        if store._engine.dialect.name == "sqlite":
            sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "VIRTUAL TABLE INDEX" in plan and "events_fts" in plan, plan
            assert "SEARCH events USING INTEGER PRIMARY KEY" in plan, plan  # no scan of events
        else:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # 5 rows: force an index
            conn.exec_driver_sql("SET LOCAL enable_indexscan = off")  # and one that has a qual
            sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
            assert "ix_events_evidence_tsv" in plan, plan


def test_q_on_canonical_events_matches_any_report(store):
    now = datetime(2024, 1, 1)
    with store._write() as conn:
        pks = dict(conn.execute(text("SELECT a.id, e.pk FROM events e JOIN articles a "
                                     "ON a.pk = e.article_pk")).all())
        for cid, reports in (("c-killing", ["fts-0", "fts-1"]), ("c-protest", ["fts-2"])):
            conn.execute(insert(st.fused_events).values(
                id=cid, version=1, event_type="ASSAULT", status="occurred", sources=len(reports),
                grade="B", updated_at=now, record={"id": cid}))
            conn.execute(insert(st.fused_reports), [
                {"event_pk": pks[a], "canonical_id": cid, "report_key": a} for a in reports])
    e = st.fused_events.c

    def canonical(q):
        from sqlalchemy import and_, select
        with store._read() as conn:
            return sorted(conn.execute(select(e.id).where(and_(*sq.event_filters(e, q=q)))).scalars())

    assert canonical("shelled rebel") == ["c-killing"]   # the second report's evidence
    assert canonical("square") == ["c-protest"]
    assert canonical("killed two") == []                 # fts-3 is in no canonical event
    assert canonical("the") == ["c-killing", "c-protest"]


def test_version_2_store_is_indexed_when_upgraded_in_place(store_url):
    engine = make_engine(store_url)
    try:
        with engine.connect().execution_options(**WRITE) as conn, conn.begin():
            assert migrate(conn, MIGRATIONS[:2]) == (0, 2)  # a store as version 2 built it
            for n, sentence in enumerate(SENTENCES):
                article, event = article_with(n, sentence)
                pk = conn.execute(insert(st.articles).values(sq.article_row(article, None))
                                  ).inserted_primary_key[0]
                conn.execute(insert(st.events).values(sq.event_row(event, article, pk, 0)))
    finally:
        engine.dispose()
    with Store(store_url) as store:
        assert store.migrated_from == 2 and store.schema_version == SCHEMA_VERSION
        assert found(store, "kill") == [0, 3]
        assert found(store, "protesters gathered") == [2]
        assert store.counts()["events"] == len(SENTENCES)
