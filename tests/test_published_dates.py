"""Publication dates as publishers write them (issue 16, item 5): JSON/JSONL, feeds and sidecars
read ISO 8601, RFC 822 and the common news forms; the day is the one written (its own time
zone); an unreadable value is an error for that record only, named with its line; an undated
article takes the date of its dateline or byline, recorded with its evidence."""
from __future__ import annotations

import json
from datetime import date

import pytest

from frontwatch.errors import InvalidDateError
from frontwatch.ingest import read_sources
from frontwatch.ingest.published import dateline_date, parse_published
from frontwatch.records import Article
from frontwatch.settings import Settings

# The TR-News forms named in the issue, then real-world forms from news sites, feeds and APIs.
FORMS = [
    ("3:58 PM ET, Wed December 14, 2016", date(2016, 12, 14)),
    ("DEC. 14, 2016, 2:54 AM EST", date(2016, 12, 14)),
    ("11/28/2016", date(2016, 11, 28)),
    ("17 December 2016 GMT", date(2016, 12, 17)),
    ("2016 Oct 10", date(2016, 10, 10)),
    ("2016-12-14", date(2016, 12, 14)),
    ("2016-12-14T23:30:00-05:00", date(2016, 12, 14)),  # the day as written, not moved to UTC
    ("2019-07-15T10:00:00.000Z", date(2019, 7, 15)),
    ("2017-05-11 08:15:00", date(2017, 5, 11)),
    ("20161214", date(2016, 12, 14)),
    ("Wed, 14 Dec 2016 23:58:00 GMT", date(2016, 12, 14)),
    ("Tuesday, 10 Oct 2016 09:00:00 +0300", date(2016, 10, 10)),
    ("Thu May 11 2017 10:00:00 GMT+0000 (UTC)", date(2017, 5, 11)),
    ("Updated 2:54 AM EST, Wed December 14, 2016", date(2016, 12, 14)),
    ("December 14th, 2016 at 3:58 pm", date(2016, 12, 14)),
    ("Sept. 5, 2017", date(2017, 9, 5)),
    ("5 Sept 2017", date(2017, 9, 5)),
    ("2016/12/14", date(2016, 12, 14)),
    ("Monday 12 December 2016 18.39 GMT", date(2016, 12, 12)),
    ("Dec 14 2016", date(2016, 12, 14)),
    ("14-Dec-2016", date(2016, 12, 14)),
    ("May 11, 2017 10:04 a.m. ET", date(2017, 5, 11)),
    ("Published: 11 May 2017", date(2017, 5, 11)),
    ("12/14/16", date(2016, 12, 14)),
    ("28/11/2016", date(2016, 11, 28)),  # cannot be month/day: day/month
    ("14.12.2016", date(2016, 12, 14)),
    ("October 10, 2016 / 9:00 AM", date(2016, 10, 10)),
    ("Posted on 2 March 2018, 10:31", date(2018, 3, 2)),
]


@pytest.mark.parametrize("written, day", FORMS)
def test_written_forms(written, day):
    assert parse_published(written) == day


@pytest.mark.parametrize("bad", ["last week", "yesterday", "2016-13-45", "31 February 2016", 2016, "n/a"])
def test_unreadable_dates_are_named_errors(bad):
    with pytest.raises(InvalidDateError):
        parse_published(bad, "f.jsonl:3")


def read(*sources):
    return list(read_sources([str(s) for s in sources], settings=Settings()))


def test_an_unreadable_published_is_an_error_for_its_line_and_the_run_goes_on(tmp_path):
    path = tmp_path / "tr.jsonl"
    rows = [{"id": "a", "text": "Troops shelled the town on Monday.", "published": "3:58 PM ET, Wed December 14, 2016"},
            {"id": "b", "text": "Rebels attacked a checkpoint.", "published": "sometime soon"},
            {"id": "c", "text": "Talks resumed in the capital.", "published": "11/28/2016"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    a, b, c = read(path)
    assert a.published == date(2016, 12, 14) and c.published == date(2016, 11, 28)
    assert isinstance(b, InvalidDateError) and b.source == f"{path}:2" and "sometime soon" in str(b)


def test_feed_dates_keep_the_day_written(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        "<item><link>https://e.org/1</link><description>Troops shelled the town.</description>"
        "<pubDate>Wed, 14 Dec 2016 23:30:00 -0500</pubDate></item>"
        "<item><link>https://e.org/2</link><description>Rebels attacked a post.</description>"
        "<pubDate>DEC. 15, 2016, 2:54 AM EST</pubDate></item>"
        "<item><link>https://e.org/3</link><description>Talks resumed.</description>"
        "<pubDate>not a date</pubDate></item></channel></rss>")
    a, b, c = read(feed)
    assert a.published == date(2016, 12, 14)  # UTC would say the 15th
    assert b.published == date(2016, 12, 15)
    assert isinstance(c, InvalidDateError) and c.source == f"{feed}#3"


def test_sidecar_published_in_news_form(tmp_path):
    (tmp_path / "a.txt").write_text("Troops shelled the town on Monday.")
    (tmp_path / "index.jsonl").write_text(json.dumps({"id": "a.txt", "published": "17 December 2016 GMT"}) + "\n")
    (a,) = read(tmp_path)
    assert a.published == date(2016, 12, 17) and a.published_evidence is None


DATELINES = [
    ("WASHINGTON, May 11, 2017 \u2014 The Senate voted on Thursday.", date(2017, 5, 11), "May 11, 2017"),
    ("Five killed in clash\n\nBy A. Writer\n\nMay 14, 2018, 7:24 pm\n\nCITY -- Five were killed.",
     date(2018, 5, 14), "May 14, 2018"),
    ("Dead as gunmen storm camp\n\nPublished on 17.03.2019 at 21h54 by AFP\n\nGunmen killed eight.",
     date(2019, 3, 17), "17.03.2019"),
    ("Officers killed in ambush\n\nThe officers were shot.\n\nTuesday 15 October 2019 11:20, UK\n\nAt least 13 died.",
     date(2019, 10, 15), "15 October 2019"),
    ("KABUL, 3 March 2016 (Reuters) - A bomb exploded.", date(2016, 3, 3), "3 March 2016"),
]


@pytest.mark.parametrize("text, day, written", DATELINES)
def test_an_undated_article_takes_its_dateline(tmp_path, text, day, written):
    (tmp_path / "a.txt").write_text(text)
    (a,) = read(tmp_path / "a.txt")
    assert a.published == day
    ev = a.published_evidence
    assert ev.text == written and a.text[ev.start:ev.end] == written
    assert a.to_dict()["published_evidence"] == {"text": written, "start": ev.start, "end": ev.end}


@pytest.mark.parametrize("text", [
    "The army said on May 11, 2017 that it had retaken the town.",  # a date in the prose
    "Rebels attacked the town.\n\nIn May 2017 the army came back.",  # no day
    "ISLAMABAD, Feb 5 (KUNA) -- Ten policemen were killed.",  # no year
])
def test_no_dateline_no_date(tmp_path, text):
    assert dateline_date(text) is None
    (tmp_path / "a.txt").write_text(text)
    (a,) = read(tmp_path / "a.txt")
    assert a.published is None and a.published_evidence is None


def test_metadata_and_the_users_date_come_before_or_after_the_dateline(tmp_path):
    text = "WASHINGTON, May 11, 2017 \u2014 The Senate voted."
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "m", "text": text, "published": "2017-05-12"}) + "\n")
    (a,) = read(path)
    assert a.published == date(2017, 5, 12) and a.published_evidence is None  # metadata first
    (tmp_path / "b.txt").write_text(text)
    (b,) = list(read_sources([str(tmp_path / "b.txt")], settings=Settings(), published=date(2020, 1, 1)))
    assert b.published == date(2017, 5, 11)  # the text's own date before --published
    round_trip = Article.from_dict(b.to_dict())
    assert round_trip.published_evidence == b.published_evidence
