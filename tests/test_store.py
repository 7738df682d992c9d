"""Store: round trips, de-duplication, one transaction per article, hostile text, errors."""
from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from frontwatch.errors import StoreError
from frontwatch.records import (
    Actor, Article, Attribution, Event, EventDate, Evidence, Fatalities, Location, PlaceMention,
)
from frontwatch.store import Store
from frontwatch.store.schema import TABLES

@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


TEXT = ("Coalition aircraft struck Islamic State positions near Raqqa on Monday, killing at "
        "least 12 fighters, the monitoring group said.\nCivilians fled toward Tabqa.")


def make_article(n: int = 1, text_: str = TEXT, **kw) -> Article:
    return Article(
        id=kw.pop("id", f"article-{n}"), text=f"{text_} ({n})",
        title=kw.pop("title", f"Report {n}"),
        url=kw.pop("url", f"https://www.example.org/news/{n}"),
        outlet=kw.pop("outlet", "Example News"), published=date(2017, 3, 20),
        fetched_at=datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc), **kw,
    )


def rich_event(article: Article, **kw) -> Event:
    sentence = article.text.split("\n")[0]
    values = dict(
        article_id=article.id, event_type="ASSAULT", status="occurred", mode="aerial",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        evidence=Evidence(sentence, 0, len(sentence)), trigger=Evidence("struck", 19, 25),
        actor1=Actor("Coalition aircraft", "Global Coalition against Daesh"),
        actor2=Actor("Islamic State", "Islamic State (ISIS)"),
        location=Location("Raqqa", "Ar Raqqah", 163915, 35.95283, 39.00788, "SY",
                          "Ar Raqqah Governorate", 2),
        date=EventDate("on Monday", date(2017, 3, 20), date(2017, 3, 20), "day"),
        fatalities=Fatalities(12, None), quantities={"fighters": 12, "aircraft": 3},
        attribution=Attribution("the monitoring group", "Syrian Observatory for Human Rights"),
    )
    values.update(kw)
    return Event(**values)


def places_of(article: Article) -> list[PlaceMention]:
    return [
        PlaceMention(article.id, "Raqqa", 55, 60, "Ar Raqqah", 163915, 35.95283, 39.00788,
                     "SY", "Ar Raqqah Governorate", "place", 1),
        PlaceMention(article.id, "Tabqa", 123, 128),  # unresolved: only the mention
    ]


def test_rich_event_and_places_round_trip(store):
    article = make_article()
    event = rich_event(article)
    bare = Event(article_id=article.id, event_type="THREATEN", status="threatened",
                 evidence=Evidence("Civilians fled toward Tabqa.", 130, 158))
    assert store.add(article, [event, bare], places_of(article)) is True

    assert [e.to_dict() for e in store.events()] == [event.to_dict(), bare.to_dict()]
    assert store.events()[0] == event
    assert store.places(article.id) == places_of(article)
    assert store.places() == places_of(article)
    assert store.article(article.id).to_dict() == article.to_dict()
    assert store.article(article.key) == article
    assert store.article("nope") is None
    assert [a.id for a in store.articles()] == [article.id]
    assert store.counts() == {"articles": 1, "sources": 1, "events": 2, "events_located": 1,
                              "places": 2}


def test_duplicate_by_key_and_by_content_hash_stored_once(store):
    first = make_article(1)
    assert store.add(first, [rich_event(first)], places_of(first))

    same_url = make_article(2, url="HTTPS://WWW.EXAMPLE.ORG/news/1/?utm_source=feed#top", id="other-id")
    assert same_url.key == first.key and same_url.content_hash != first.content_hash
    assert store.has_article(same_url)
    assert store.add(same_url, [rich_event(same_url)], []) is False

    same_text = Article(id="copy", text=first.text.replace(" ", "  "), url="https://mirror.example/x")
    assert same_text.content_hash == first.content_hash and same_text.key != first.key
    assert store.has_article(same_text)
    assert store.add(same_text, [], []) is False

    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1
    assert not store.has_article(make_article(3))


def test_same_id_different_article_is_refused_not_mixed(store):
    first = make_article(1)
    assert store.add(first, [rich_event(first)])
    clash = make_article(2, id=first.id)
    assert not store.has_article(clash)  # different key and text ...
    assert store.add(clash, [rich_event(clash)]) is False  # ... but the id is taken
    assert store.counts()["articles"] == 1 and store.counts()["events"] == 1


class ExplodingEvent(Event):
    def to_dict(self):
        raise RuntimeError("boom while serialising")


def _state(url: str) -> tuple[int, int, int]:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "events", "places"))
    finally:
        con.close()


def test_failure_after_events_leaves_no_partial_article(store, store_url):
    earlier = make_article(1)
    assert store.add(earlier, [rich_event(earlier)], places_of(earlier))
    before = store.counts()

    # 1. a place that violates the span constraint: rejected after the events were inserted
    broken = make_article(2)
    bad_place = PlaceMention(broken.id, "Raqqa", 60, 55)
    with pytest.raises(StoreError, match="article-2"):
        store.add(broken, [rich_event(broken), rich_event(broken)], [bad_place])
    # 2. an event that cannot be serialised, after a good one
    good = rich_event(broken)
    exploding = ExplodingEvent(**{k: getattr(good, k) for k in Event.field_names()})
    with pytest.raises(StoreError, match="boom"):
        store.add(broken, [good, exploding], places_of(broken))
    # 3. an event outside the contract vocabulary
    with pytest.raises(StoreError, match="PLOVER"):
        store.add(broken, [good, rich_event(broken, event_type="KILL")], [])

    assert store.counts() == before
    assert not store.has_article(broken)
    assert store.article(broken.id) is None
    assert store.events(article_id=earlier.id) == [rich_event(earlier)]
    if store_url.startswith("sqlite"):
        assert _state(store_url) == (1, 1, 2)  # seen by a second, plain sqlite3 connection
    # the article can still be stored once the data is right
    assert store.add(broken, [good], places_of(broken))
    assert store.counts()["articles"] == 2


HOSTILE = [
    "Robert'); DROP TABLE events;--",
    "\" OR 1=1 -- ' OR ''='",
    "<script>alert('x')</script>",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "100% _wild_ %s {0} \\ \\n",
    "Ünïcödé — حلب — 阿勒颇 — 🚀",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stored_and_read_back_verbatim(store, hostile):
    article = make_article(1, text_=hostile + " attacked.", id=hostile, title=hostile, outlet=hostile)
    event = rich_event(article, actor1=Actor(hostile, hostile),
                       location=Location(hostile, hostile, None, 1.0, 2.0, "SY", hostile, 1),
                       quantities={hostile: 1})
    place = PlaceMention(article.id, hostile, 0, len(hostile), hostile, admin1=hostile)
    assert store.add(article, [event], [place])
    assert store.article(hostile) == article
    assert store.events(actor=hostile) == [event]
    assert store.events(place=hostile) == [event]
    assert store.events(article_id=hostile) == [event]
    assert store.places(hostile) == [place]
    assert store.sources()[0]["name"] == hostile
    assert store.counts()["events"] == 1


def test_substring_filters_treat_wildcards_literally(store):
    a = make_article(1)
    store.add(a, [rich_event(a, actor1=Actor("x", "Brigade 100%"))])
    b = make_article(2)
    store.add(b, [rich_event(b, actor1=Actor("x", "Brigade 1000"))])
    assert [e.article_id for e in store.events(actor="100%")] == [a.id]
    assert [e.article_id for e in store.events(actor="_")] == []


def test_sources_one_row_per_outlet(store):
    store.add(make_article(1), [])
    store.add(make_article(2), [])
    store.add(make_article(3, outlet=None, url="https://www.other.example/a"), [])
    store.add(make_article(4, outlet=None, url=None), [])
    assert store.sources() == [
        {"name": "Example News", "domain": "example.org", "articles": 2},
        {"name": "other.example", "domain": "other.example", "articles": 1},
    ]
    assert store.counts()["sources"] == 2


def test_articles_iterates_every_page_in_order_and_by_id(store):
    ids = [make_article(n).id for n in range(450)]
    for n in range(450):
        assert store.add(make_article(n), [])
    assert [a.id for a in store.articles()] == ids
    found = store.articles_by_id(ids[::7] + ["missing"])
    assert sorted(found) == sorted(ids[::7])
    assert found[ids[7]] == make_article(7)


def test_two_stores_on_one_file_see_each_other(store_url):
    with Store(store_url) as one, Store(store_url) as two:
        a = make_article(1)
        assert one.add(a, [rich_event(a)])
        assert two.has_article(a)
        assert two.add(a, [rich_event(a)]) is False
        assert two.events() == [rich_event(a)]


def test_sqlite_pragmas(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Store(url) as store:
        with store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_unopenable_stores_raise_store_error(tmp_path):
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(f"sqlite:///{not_db}")
    with pytest.raises(StoreError, match="not a database URL"):
        Store("::nonsense::")
    with pytest.raises(StoreError, match="driver"):
        Store("nosuchdb://user:secret@localhost/x")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(f"sqlite:///{blocker / 'sub' / 'x.db'}")


def test_error_messages_hide_passwords():
    with pytest.raises(StoreError) as info:
        Store("nosuchdb://user:secret@localhost/x")
    assert "secret" not in str(info.value)


def test_concurrent_writers_store_each_article_once(store_url):
    from concurrent.futures import ThreadPoolExecutor

    Store(store_url).close()  # create the schema once
    batch = [make_article(n) for n in range(30)]

    def writer(_):
        with Store(store_url) as s:
            return sum(s.add(a, [rich_event(a)], places_of(a)) for a in batch)

    with ThreadPoolExecutor(3) as pool:
        stored = list(pool.map(writer, range(3)))
    assert sum(stored) == 30
    with Store(store_url) as s:
        assert s.counts() == {"articles": 30, "sources": 1, "events": 30, "events_located": 30,
                              "places": 60}


_counter = iter(range(10**9))
_texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_texts, sentence=_texts, number=st.integers(0, 10**6),
       lat=st.floats(-90, 90), lon=st.floats(-180, 180))
def test_any_text_and_numbers_round_trip(store, name, sentence, number, lat, lon):
    n = next(_counter)
    article = make_article(n, text_=sentence, id=f"{n}:{name}", outlet=name or None)
    event = rich_event(article, actor2=Actor(name, name), quantities={name: number},
                       evidence=Evidence(sentence, 0, len(sentence)),
                       location=Location(name, name, number, lat, lon, "SY", name, 2),
                       fatalities=Fatalities(number, None))
    place = PlaceMention(article.id, name, 0, len(name), name, number, lat, lon, "SY", name, "admin", 3)
    assert store.add(article, [event], [place])
    assert [e.to_dict() for e in store.events(article_id=article.id)] == [event.to_dict()]
    assert store.places(article.id) == [place]
    assert store.article(article.id) == article


def test_control_claims_are_stored_with_their_article_or_not_at_all(store):
    from frontwatch.fuse.records import ControlClaim
    from frontwatch.store import fused

    place = Location(text="Raqqa", name="Ar Raqqah", geonameid=172955, latitude=35.95,
                     longitude=39.01, country_code="SY", admin1="Ar-Raqqah", precision=1)
    art = make_article(7)
    claim = ControlClaim(place=place, actor="ISIS", since=date(2014, 1, 1), evidence="held since 2014",
                         article_id=art.id, as_of=date(2017, 3, 20))
    assert store.add(art, [rich_event(art)], places_of(art), [claim])
    assert fused.claims(store, art.id) == [claim]

    class ExplodingClaim(ControlClaim):
        def to_dict(self):
            raise ValueError("boom")

    broken = make_article(8)
    bad = ExplodingClaim(**{k: getattr(claim, k) for k in ControlClaim.field_names()})
    before = store.counts()
    with pytest.raises(StoreError, match="boom"):
        store.add(broken, [rich_event(broken)], places_of(broken), [claim, bad])
    assert store.counts() == before and not store.has_article(broken)
    assert fused.claims(store, broken.id) == []
