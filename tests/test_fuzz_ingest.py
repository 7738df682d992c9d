"""Fuzzing as tests (hypothesis, derandomized: the same examples on every run).

Every parser on the ingest side gets arbitrary and near-valid input: it returns a result or
raises one of the named errors (``FrontwatchError``), never anything else, and what it returns
keeps the contract (dates in range, no control characters in metadata, offsets that point at
their text). Whole articles go through ``Monitor.extract`` with the event invariants checked.
The worst time per KB over such articles is measured by benchmarks/robustness.py --fuzz N.
"""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontwatch.errors import FrontwatchError
from frontwatch.ingest.feeds import feed_articles
from frontwatch.ingest.html import html_article, strip_markup
from frontwatch.ingest.jsonl import json_articles, jsonl_articles
from frontwatch.ingest.published import dateline_date, parse_published
from frontwatch.ingest.web import is_public_address
from frontwatch.nlp.dates import find_time_expressions
from frontwatch.nlp.numbers import fatalities_in
from frontwatch.records import (DATE_MAX, DATE_MIN, Article, canonical_url, in_range,
                                strip_credentials)

FAST = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# -------------------------------------------------------------------- building blocks
WORDS = ("rebels", "attacked", "government", "forces", "shelled", "killing", "killed", "soldiers",
         "civilians", "at least", "dozens of", "officials", "said", "on", "Monday", "Tuesday",
         "last week", "yesterday", "in", "near", "the", "town", "of", "Homs", "Aleppo", "Mosul",
         "Kabul", "Idlib", "army", "militants", "Islamic State", "airstrike", "bombing",
         "wounded", "captured", "withdrew", "between", "and", "to", "some", "more than", "ago",
         "May", "March", "2016", "2017", "9999", "0025", "1,000,000", "20", "15", "three", "-",
         "\u2014", "'", "\"", "(", ")", ",", ";", ":", "!", "?", "\n", "\n\n", "\t", "\x00",
         "\u202e", "\ufeff", "caf\u00e9", "\u0627\u0644\u0631\u0642\u0629")
word = st.sampled_from(WORDS) | st.text(max_size=8)
sentence = st.lists(word, min_size=1, max_size=25).map(lambda ws: " ".join(ws).strip() + ".")
ANY_DATE = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
SANE_DATE = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def article_texts(max_sentences: int = 40) -> st.SearchStrategy[str]:
    """Article-like texts: sentences of conflict-report words, numbers, dates, stray marks,
    in paragraphs or not (the strategy the robustness benchmark draws from, too)."""
    return st.lists(sentence, min_size=1, max_size=max_sentences).flatmap(
        lambda ss: st.lists(st.sampled_from([" ", " ", "\n\n", "\n"]), min_size=len(ss),
                            max_size=len(ss)).map(lambda seps: "".join(s + p for s, p in zip(ss, seps))))


def written(day: date) -> st.SearchStrategy[str]:
    """``day`` as publishers write it (one of many forms)."""
    m = MONTHS[day.month - 1]
    forms = [day.isoformat(), f"{day.isoformat()}T23:30:00-05:00", f"{m} {day.day}, {day.year}",
             f"{day.day} {m} {day.year} GMT", f"{day.year} {m[:3]} {day.day}",
             f"{m[:3].upper()}. {day.day}, {day.year}, 2:54 AM EST",
             f"3:58 PM ET, Wed {m} {day.day}, {day.year}", f"{day.month}/{day.day}/{day.year}",
             f"{day.day:02d}.{day.month:02d}.{day.year}",
             f"Wed, {day.day:02d} {m[:3]} {day.year} 15:58:00 +0300"]
    return st.sampled_from(forms)


# -------------------------------------------------------------------- published dates
@FAST
@given(st.text(max_size=80) | st.integers() | st.floats() | st.none())
def test_published_parser_returns_a_date_or_a_named_error(value):
    try:
        day = parse_published(value, "x.jsonl:1")
    except FrontwatchError:
        return
    assert day is None or isinstance(day, date)


@FAST
@given(SANE_DATE.flatmap(lambda d: st.tuples(st.just(d), written(d))))
def test_every_written_form_gives_back_its_day(pair):
    day, text = pair
    assert parse_published(text) == day


@FAST
@given(st.text(max_size=120), st.one_of(st.none(), SANE_DATE))
def test_dateline_offsets_point_at_the_date_they_read(prefix, day):
    text = prefix if day is None else f"CITY, {MONTHS[day.month - 1]} {day.day}, {day.year} \u2014 {prefix}"
    found = dateline_date(text)
    if day is not None and found is not None and found[1] == 6:
        assert found[0] == day
    if found is not None:
        got, start, end = found
        assert parse_published(text[start:end]) == got


@FAST
@given(st.text(max_size=200) | st.tuples(st.integers(0, 10**30), st.sampled_from(
    ["days", "weeks", "months", "years"])).map(lambda p: f"It happened {p[0]} {p[1]} ago."), ANY_DATE)
@example("It happened 99999999 days ago.", date(2016, 5, 10))  # OverflowError before
@example("99999999999999999999 weeks ago", date(2016, 5, 10))
@example("3000 years ago", date(2016, 5, 10))  # ValueError before
@example("500 years ago", date(2016, 5, 10))  # 1516: outside the range, left unresolved
def test_time_expressions_resolve_in_range_or_not_at_all(text, published):
    for t in find_time_expressions(text, published if in_range(published) else None):
        assert text[t.start:t.end] == t.text
        if t.date_start is not None:
            assert t.date_end is not None and t.date_start <= t.date_end
            assert in_range(t.date_start) and in_range(t.date_end)


# -------------------------------------------------------------------- JSON / JSONL
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
records = st.fixed_dictionaries(
    {"text": st.one_of(sentence, st.text(max_size=60), json_values)},
    optional={"id": json_values, "title": st.text(max_size=40) | json_values,
              "published": st.one_of(ANY_DATE.map(str), ANY_DATE.flatmap(written), json_values),
              "url": st.text(max_size=40) | st.just("https://u:p@example.org/a"),
              "outlet": st.text(max_size=20)})


def check_items(items) -> None:
    for item in items:
        assert isinstance(item, (Article, FrontwatchError)), item
        if isinstance(item, Article):
            assert in_range(item.published)
            for value in (item.title, item.outlet, item.id):
                assert value is None or not CONTROL.search(value)
            assert "\x00" not in item.text and item.text
            assert item.url is None or "u:p@" not in item.url
            if item.published_evidence is not None:
                ev = item.published_evidence
                assert item.text[ev.start:ev.end] == ev.text


@FAST
@given(st.lists(records | json_values, max_size=5))
def test_json_and_jsonl_records(recs):
    text = json.dumps(recs)
    check_items(json_articles(text, source="f.json", name="f.json"))
    lines = "\n".join(json.dumps(r) for r in recs)
    check_items(jsonl_articles(lines, source="f.jsonl", name="f.jsonl"))


@FAST
@given(st.text(max_size=300))
def test_json_parsers_on_arbitrary_text(text):
    check_items(json_articles(text, source="f.json", name="f.json"))
    check_items(jsonl_articles(text, source="f.jsonl", name="f.jsonl"))


# -------------------------------------------------------------------- feeds and HTML
def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@FAST
@given(st.lists(st.tuples(sentence, st.text(max_size=30), st.one_of(ANY_DATE.flatmap(written), st.text(max_size=20))),
                max_size=4), st.booleans())
def test_feeds(entries, atom):
    if atom:
        body = "".join(f"<entry><id>urn:x:{i}</id><title>{_xml(t)}</title><updated>{_xml(d)}</updated>"
                       f"<content type='html'>{_xml(s)}</content></entry>" for i, (s, t, d) in enumerate(entries))
        doc = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>{body}</feed>"
    else:
        body = "".join(f"<item><link>https://e.org/{i}</link><title>{_xml(t)}</title><pubDate>{_xml(d)}</pubDate>"
                       f"<description>{_xml(s)}</description></item>" for i, (s, t, d) in enumerate(entries))
        doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{body}</channel></rss>"
    check_items(feed_articles(doc.encode("utf-8", "surrogatepass"), source="f.rss"))


@FAST
@given(st.binary(max_size=300))
def test_feeds_on_arbitrary_bytes(data):
    check_items(feed_articles(data, source="f.rss"))


@FAST
@given(st.lists(sentence, min_size=1, max_size=6), st.text(max_size=40), st.text(max_size=40))
def test_html_pages(paragraphs, title, noise):
    html = (f"<html><head><title>{_xml(title)}</title></head><body>{noise}<article>"
            + "".join(f"<p>{_xml(p)}</p>" for p in paragraphs) + "</article></body></html>")
    try:
        item = html_article(html, source="p.html", article_id="p.html")
    except FrontwatchError:
        return
    check_items([item])
    assert isinstance(strip_markup(noise + html), str)


# -------------------------------------------------------------------- URLs and numbers
@FAST
@given(st.text(max_size=60), st.sampled_from(["http://", "https://", "", "http://u:p@", "http://["]))
def test_urls(rest, scheme):
    url = scheme + rest
    clean = strip_credentials(url)
    assert clean is None or isinstance(clean, str)
    assert isinstance(canonical_url(url), str)
    article = Article(id="a", text="x", url=url) if url.strip() else None
    assert article is None or "u:p@" not in (article.url or "")
    assert is_public_address(rest) in (True, False)


@FAST
@given(st.text(max_size=120) | sentence)
def test_fatality_numbers(text):
    found = fatalities_in(text)
    if found is not None:
        lo, hi = found
        assert lo is None or lo >= 0
        assert hi is None or hi >= 0


# -------------------------------------------------------------------- whole articles
@pytest.fixture(scope="module")
def monitor():
    from frontwatch import Monitor

    return Monitor()


@pytest.mark.slow
@settings(max_examples=15, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=article_texts(), published=st.one_of(st.none(), SANE_DATE))
def test_whole_articles_through_extract(monitor, text, published):
    try:
        article = Article(id="fuzz", text=text, published=published)
    except FrontwatchError:
        return
    for ev in monitor.extract(article):
        assert ev.article_id == "fuzz"
        assert article.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        if ev.trigger is not None:
            assert ev.evidence.start <= ev.trigger.start <= ev.trigger.end <= ev.evidence.end
            assert article.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        if ev.fatalities is not None and None not in (ev.fatalities.min, ev.fatalities.max):
            assert ev.fatalities.min <= ev.fatalities.max
        if ev.date is not None:
            for day in (ev.date.start, ev.date.end):
                assert day is None or in_range(day)
