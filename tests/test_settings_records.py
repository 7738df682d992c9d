from datetime import date

import pytest

from frontwatch.records import Article, Event, EventDate, Evidence, Location, canonical_url, content_hash
from frontwatch.settings import Settings, describe


def test_every_setting_has_help_and_default():
    rows = describe()
    assert rows
    for name, default, text in rows:
        assert text and len(text) > 10, name
        assert default is not None, name


def test_env_overrides_default_and_explicit_overrides_env(monkeypatch):
    monkeypatch.setenv("FRONTWATCH_MAX_BYTES", "123")
    monkeypatch.setenv("FRONTWATCH_ALLOW_PRIVATE_URLS", "yes")
    s = Settings.from_env()
    assert s.max_bytes == 123 and s.allow_private_urls is True
    assert Settings.from_env(max_bytes=7).max_bytes == 7


@pytest.mark.parametrize("db,url", [
    ("events.db", "sqlite:///events.db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
])
def test_db_setting_accepts_paths_and_urls(db, url):
    assert Settings(db=db).db_url == url


def test_article_key_prefers_url_and_hash_ignores_whitespace():
    a = Article(id="a", text="Hello  world\n", url="HTTPS://Example.org/x/?utm_source=y#frag")
    assert a.key == "url:https://example.org/x"
    b = Article(id="b", text="Hello world")
    assert b.key == "sha256:" + content_hash("Hello world")
    assert a.content_hash == b.content_hash
    assert canonical_url("http://A.com/p?q=1&utm_medium=z") == "http://a.com/p?q=1"


def test_event_round_trips_through_dict():
    ev = Event(article_id="a", event_type="ASSAULT", evidence=Evidence("x", 0, 1),
               location=Location(text="X", name="X", latitude=1.0, longitude=2.0, precision=1),
               date=EventDate(text="on Thursday", start=date(2016, 5, 19), end=date(2016, 5, 19),
                              precision="day"), quantities={"fighters": 70})
    d = ev.to_dict()
    assert d["date"]["start"] == "2016-05-19"
    assert Event.from_dict(d) == ev
