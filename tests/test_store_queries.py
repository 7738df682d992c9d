"""Store.events filters: date-range overlap, type, status, actor, place, country, bbox, paging."""
from __future__ import annotations

import os
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from frontwatch.records import Actor, Article, Event, EventDate, Evidence, Location
from frontwatch.store import Store
from frontwatch.store.schema import TABLES

def ev(article_id, name, start=None, end=None, *, type_="ASSAULT", status="occurred",
       actor1=None, actor2=None, loc=None, offset=0):
    """An event whose evidence text is its name (so tests can read results by name)."""
    return Event(
        article_id=article_id, event_type=type_, status=status,
        evidence=Evidence(name, offset, offset + len(name)),
        actor1=Actor(actor1, actor1) if actor1 else None,
        actor2=Actor(actor2, actor2) if actor2 else None,
        location=loc,
        date=EventDate("text", start, end, "day" if start == end else "month") if start else None,
    )


RAQQA = Location("Raqqa", "Ar Raqqah", 163915, 35.95, 39.01, "SY", "Raqqa", 1)
MOSUL = Location("Mosul", "Mosul", 99072, 36.34, 43.13, "IQ", "Nineveh", 1)
FIJI = Location("Taveuni", "Taveuni", 1, -16.85, 179.97, "FJ", None, 3)  # east of 180
SAMOA = Location("Apia", "Apia", 2, -13.83, -171.76, "WS", None, 1)  # west of 180
UNPLACED = Location("the front", None, None, None, None, None, None, None)


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    a = Article(id="b-article", text="article b")
    b = Article(id="a-article", text="article a")
    s.add(a, [
        ev(a.id, "raqqa-march", date(2017, 3, 1), date(2017, 3, 31), actor1="SDF",
           actor2="Islamic State", loc=RAQQA, offset=50),
        ev(a.id, "mosul-day", date(2017, 3, 20), date(2017, 3, 20), type_="COERCE",
           actor1="Iraqi Security Forces", loc=MOSUL, offset=10),
        ev(a.id, "undated", loc=RAQQA, status="threatened", offset=5),
    ])
    s.add(b, [
        ev(b.id, "fiji-day", date(2017, 3, 20), date(2017, 3, 20), actor1="Fiji Police",
           loc=FIJI, offset=99),
        ev(b.id, "samoa-open", date(2017, 4, 2), None, type_="PROTEST", status="planned",
           actor2="Ümit Demonstrators", loc=SAMOA),
        ev(b.id, "nowhere", date(2016, 12, 31), date(2016, 12, 31), loc=UNPLACED),
    ])
    yield s
    s.close()


def names(events):
    return [e.evidence.text for e in events]


def test_deterministic_order_date_then_article_then_evidence(store):
    assert names(store.events()) == [
        "nowhere", "raqqa-march", "fiji-day", "mosul-day", "samoa-open", "undated"]


def test_since_until_keep_events_whose_range_overlaps(store):
    assert names(store.events(since="2017-03-25")) == ["raqqa-march", "samoa-open"]
    assert names(store.events(until=date(2017, 3, 1))) == ["nowhere", "raqqa-march"]
    assert names(store.events(since="2017-03-10", until="2017-03-15")) == ["raqqa-march"]
    # an open end counts as the start day
    assert names(store.events(since="2017-04-02", until="2017-04-02")) == ["samoa-open"]
    assert names(store.events(since="2017-04-03")) == []
    with pytest.raises(ValueError, match="since"):
        store.events(since="last week")


def test_type_status_country_article(store):
    assert names(store.events(type="COERCE")) == ["mosul-day"]
    assert names(store.events(type=["protest", "COERCE"])) == ["mosul-day", "samoa-open"]
    assert names(store.events(status="threatened")) == ["undated"]
    assert names(store.events(status=["planned", "threatened"])) == ["samoa-open", "undated"]
    assert names(store.events(country="sy")) == ["raqqa-march", "undated"]
    assert names(store.events(article_id="a-article")) == ["nowhere", "fiji-day", "samoa-open"]
    assert store.events(type="AGREE") == []


def test_actor_and_place_substrings_ignore_case(store):
    assert names(store.events(actor="islamic")) == ["raqqa-march"]
    assert names(store.events(actor="FORCES")) == ["mosul-day"]
    assert names(store.events(actor="ümit")) == ["samoa-open"]
    assert names(store.events(actor="ÜMIT")) == ["samoa-open"]
    assert names(store.events(place="raqqah")) == ["raqqa-march", "undated"]
    assert names(store.events(place="the FRONT")) == ["nowhere"]


def test_bbox_in_lon_lat_order_and_across_the_antimeridian(store):
    syria_iraq = (35.0, 30.0, 45.0, 40.0)
    assert names(store.events(bbox=syria_iraq)) == ["raqqa-march", "mosul-day", "undated"]
    assert names(store.events(bbox=(38.0, 35.0, 40.0, 36.5))) == ["raqqa-march", "undated"]
    assert store.events(bbox=(30.0, 35.0, 40.0, 36.5)) != store.events(bbox=(35.0, 30.0, 36.5, 40.0))
    pacific = (170.0, -20.0, -170.0, -10.0)  # min_lon > max_lon: crosses 180°
    assert names(store.events(bbox=pacific)) == ["fiji-day", "samoa-open"]
    combined = store.events(bbox=syria_iraq, since="2017-03-01", until="2017-03-31",
                            type="ASSAULT", actor="sdf")
    assert names(combined) == ["raqqa-march"]
    with pytest.raises(ValueError):
        store.events(bbox=(0, 10, 1, 5))
    with pytest.raises(ValueError):
        store.events(bbox=(0, 1, 2))


def test_limit_and_offset_page_through_the_same_order(store):
    every = names(store.events())
    pages = [names(store.events(limit=2, offset=o)) for o in (0, 2, 4)]
    assert sum(pages, []) == every
    assert names(store.events(limit=1, type="ASSAULT")) == ["nowhere"]


def test_count_events_matches_the_filtered_list(store):
    assert store.count_events() == 6
    assert store.count_events(type="ASSAULT", limit=1) == len(store.events(type="ASSAULT")) == 4
    assert store.count_events(bbox=(170.0, -20.0, -170.0, -10.0)) == 2
