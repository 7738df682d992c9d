"""Issue 15's probe inputs on the ingest side, each a regression test: bad dates, texts over
the pipeline's limit, ids shared by different texts, credentials in URLs, control characters,
impossible fatality records (the web side and the fetch side have their own files)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from frontwatch import Monitor
from frontwatch.errors import (DateOutOfRangeError, InvalidDateError, InvalidRecordError,
                               TextTooLongError)
from frontwatch.ingest import read_sources
from frontwatch.records import (DATE_MAX, DATE_MIN, MAX_TEXT_CHARS, Article, Fatalities,
                                canonical_url, shift_date)
from frontwatch.settings import Settings

PROBE = "Rebels attacked Homs on Monday, killing five soldiers, officials said."
OTHER = "Government forces shelled Aleppo on Tuesday, killing two civilians, activists said."


@pytest.fixture(scope="module")
def nlp():
    return Monitor().nlp


@pytest.fixture
def monitor(nlp, store_url):
    m = Monitor(db=store_url)
    m.__dict__["nlp"] = nlp  # one pipeline for the module
    yield m
    m.close()


def read(*sources, **kw):
    return list(read_sources([str(s) for s in sources], settings=Settings(), **kw))


# --------------------------------------------------------------------------- 1. bad dates
@pytest.mark.parametrize("bad", ["9999-12-31", "0001-01-01", "0025-05-01", "1899-12-31", "2100-01-01"])
def test_a_date_outside_the_sane_range_is_an_error_for_that_record_only(tmp_path, bad):
    path = tmp_path / "probe.json"
    path.write_text(json.dumps([{"id": "y", "text": PROBE, "published": bad},
                                {"id": "z", "text": OTHER, "published": "2016-05-10"}]))
    got = read(path)
    assert isinstance(got[0], DateOutOfRangeError) and bad in str(got[0])
    assert got[0].source == f"{path}#1"
    assert isinstance(got[1], Article) and got[1].published == date(2016, 5, 10)


def test_every_entry_point_checks_the_range(tmp_path):
    with pytest.raises(DateOutOfRangeError):
        Article(id="a", text=PROBE, published="9999-12-31")  # the API and the Python API
    with pytest.raises(InvalidDateError):
        Article(id="a", text=PROBE, published="not a date")
    (tmp_path / "a.txt").write_text(PROBE)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": OTHER}) + "\n")
    got = read(tmp_path / "a.txt", tmp_path / "b.jsonl", published=date(1, 1, 1))  # --published
    assert [type(x) for x in got] == [DateOutOfRangeError, DateOutOfRangeError]
    side = tmp_path / "side"
    side.mkdir()
    (side / "a.txt").write_text(PROBE)
    (side / "b.txt").write_text(OTHER)
    (side / "index.jsonl").write_text(json.dumps({"id": "a.txt", "published": "9999-12-31"}) + "\n"
                                      + json.dumps({"id": "b.txt", "published": "2016-05-10"}) + "\n")
    got = read(side)
    assert isinstance(got[0], DateOutOfRangeError) and "index.jsonl" in str(got[0])
    assert got[1].published == date(2016, 5, 10)
    feed = tmp_path / "f.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        "<item><link>https://e.org/1</link><description>" + PROBE + "</description>"
        "<pubDate>Fri, 31 Dec 9999 10:00:00 GMT</pubDate></item>"
        "<item><link>https://e.org/2</link><description>" + OTHER + "</description>"
        "<pubDate>Tue, 10 May 2016 10:00:00 GMT</pubDate></item></channel></rss>")
    got = read(feed)
    assert isinstance(got[0], DateOutOfRangeError) and got[1].published == date(2016, 5, 10)


def test_date_arithmetic_clamps_at_the_calendar_edges():
    assert shift_date(date.max, 7) == date.max and shift_date(date.min, -7) == date.min
    assert shift_date(date(2016, 1, 1), -1) == date(2015, 12, 31)
    assert DATE_MIN < DATE_MAX


@pytest.mark.slow
def test_one_stored_report_at_the_calendar_edge_never_blocks_fusion(monitor, tmp_path):
    """A store written before the range check held such rows; ingest and fusion go on."""
    for n, edge in enumerate((date.max, date.min)):
        bad = Article(id=f"y{n}", text=PROBE + " " * n + f"({n})")
        bad.published = edge  # as an older frontwatch stored it
        events = monitor.extract(Article(id=bad.id, text=bad.text, published="2016-05-10"))
        for ev in events:
            if ev.date is not None:
                ev.date.start = ev.date.end = edge
        assert monitor.store.add(bad, events)
    monitor.fuse()
    path = tmp_path / "good.json"
    path.write_text(json.dumps([{"id": "g", "text": OTHER, "published": "2016-05-10"}]))
    report = monitor.ingest([str(path)])
    assert report.stored == ["g"] and not report.errors
    assert report.fusion is not None


# --------------------------------------------------------------------------- 3. text length
def test_a_text_over_the_pipeline_limit_is_refused_per_item(tmp_path, monitor):
    (tmp_path / "a_huge.txt").write_text("Rebels attacked. " * (MAX_TEXT_CHARS // 17 + 10))
    (tmp_path / "b_good.txt").write_text(PROBE)
    got = read(tmp_path)
    assert isinstance(got[0], TextTooLongError) and got[0].source.endswith("a_huge.txt")
    assert isinstance(got[1], Article)
    with pytest.raises(TextTooLongError):
        Article(id="x", text="x" * (MAX_TEXT_CHARS + 1))
    report = monitor.ingest([str(tmp_path)])
    assert report.stored == ["b_good.txt"] and isinstance(report.errors[0], TextTooLongError)


# --------------------------------------------------------------------------- 5. identity
def test_different_texts_under_one_id_are_both_stored(tmp_path, monitor):
    for folder, text in (("a", PROBE), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text)
    report = monitor.ingest([str(tmp_path / "a"), str(tmp_path / "b")], fuse=False)
    assert len(report.stored) == 2 and not report.duplicates, report
    assert report.stored[0] == "report.txt" and report.stored[1].startswith("report.txt~")
    texts = {monitor.store.article(i).text for i in report.stored}
    assert texts == {PROBE, OTHER}
    lines = tmp_path / "same_id.jsonl"
    third = "Militants ambushed a convoy near Palmyra on Sunday, killing four guards."
    lines.write_text("\n".join(json.dumps({"id": "x1", "text": t})
                               for t in (third, third + " More later.", third)) + "\n")
    report = monitor.ingest([str(lines)], fuse=False)
    assert len(report.stored) == 2 and len(report.duplicates) == 1  # same text: stored once
    again = monitor.ingest([str(tmp_path / "b")], fuse=False)  # the same file again: a duplicate
    assert again.duplicates == ["report.txt"] and not again.stored


def test_same_url_is_still_one_article(tmp_path, monitor):
    lines = tmp_path / "u.jsonl"
    lines.write_text("\n".join(json.dumps({"id": f"i{n}", "text": t, "url": "https://e.org/a"})
                               for n, t in enumerate((PROBE, OTHER))) + "\n")
    report = monitor.ingest([str(lines)], fuse=False)
    assert report.stored == ["i0"] and report.duplicates == ["i1"]


# --------------------------------------------------------------------------- 7. weak spots
def test_credentials_are_stripped_from_urls():
    a = Article(id="a", text=PROBE, url="https://user:secret@Example.org/x?y=1")
    assert a.url == "https://Example.org/x?y=1" and "secret" not in a.key
    assert canonical_url("http://u:p@example.org/a") == "http://example.org/a"


def test_control_characters_are_removed_from_titles_and_text(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c\x1b[31m", "title": "Homs\x00 attack\x1b[2J\x07",
                                "outlet": "Out\x00let", "text": "Rebels\x00 attacked\x08 Homs\x0b."}) + "\n")
    [a] = read(path)
    assert a.title == "Homs attack [2J" and a.outlet == "Out let"
    assert a.text == "Rebels attacked Homs\n." and "\x1b" not in a.id


def test_fatalities_with_min_over_max_cannot_exist():
    f = Fatalities(min=20, max=15)  # the probe's record: stored as the range of both claims
    assert (f.min, f.max) == (15, 20)
    with pytest.raises(InvalidRecordError):
        Fatalities(min=-1, max=None)
    assert Fatalities(min=20, max=None).min == 20


# --------------------------------------------------------------------------- the API's entry
@pytest.mark.slow
def test_the_api_answers_4xx_for_a_bad_date_or_a_too_long_text(nlp, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from frontwatch.web import tokens
    from frontwatch.web.app import create_app

    monitor = Monitor(db=f"sqlite:///{tmp_path / 'api.db'}")  # SQLite: the token table stays here
    monitor.__dict__["nlp"] = nlp
    app = create_app(monitor, rate_per_minute=1000)
    with TestClient(app) as client:
        auth = {"Authorization": f"Bearer {tokens.create_token(app.state.engine, 't')}"}
        for bad in ("9999-12-31", "0001-01-01", "0025-05-01"):
            res = client.post("/api/articles", json={"text": PROBE, "published": bad}, headers=auth)
            assert res.status_code == 422 and "outside" in res.text, res.text
        res = client.post("/api/articles", json={"text": "Rebels attacked. " * 70_000}, headers=auth)
        assert res.status_code in (413, 422) and "characters" in res.text, res.text
        res = client.post("/api/articles", json={"text": OTHER, "published": "2016-05-10"}, headers=auth)
        assert res.status_code == 201, res.text
    monitor.close()
