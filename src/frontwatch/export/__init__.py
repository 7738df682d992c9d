"""Event exporters: ACLED-profile CSV, GeoJSON, JSON Lines and JSON.

``write_events(events, fmt, stream, articles=None)`` writes to a text stream and returns
the number of events written. ``articles`` ({Article.id: Article}, e.g. from
``Store.articles_by_id``) fills the CSV's ``source`` and ``article_url`` columns.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO

from ..records import Article, Event
from .acled_csv import COLUMNS as CSV_COLUMNS
from .acled_csv import write_csv
from .common import event_id
from .fused import control_feature_collection, write_fused
from .geojson import feature_collection, write_geojson
from .jsonl import read_jsonl, write_json, write_jsonl, write_records

FORMATS = ("csv", "jsonl", "geojson", "json")


def write_events(events: Iterable[Event], fmt: str, stream: IO[str],
                 articles: Mapping[str, Article] | None = None) -> int:
    """Write events in ``fmt`` (one of FORMATS) to ``stream``; return how many."""
    fmt = fmt.lower()
    if fmt == "csv":
        return write_csv(events, stream, articles)
    if fmt == "jsonl":
        return write_jsonl(events, stream)
    if fmt == "json":
        return write_json(events, stream)
    if fmt == "geojson":
        return write_geojson(events, stream)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["CSV_COLUMNS", "FORMATS", "event_id", "feature_collection", "read_jsonl",
           "write_csv", "write_events", "write_geojson", "write_json", "write_jsonl",
           "control_feature_collection", "write_fused", "write_records"]
