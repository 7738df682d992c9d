"""Export of canonical (fused) events and control periods.

A canonical event is the record of ``fuse.CanonicalEvent.to_dict()``: besides the event fields it
carries ``sources`` (independent publishers), ``grade`` (Admiralty-style) and ``reports`` (every
article's account: article_id, outlet, url, published, evidence, attribution, ...).

- JSONL / JSON: the record unchanged.
- GeoJSON: one Point feature per located event, ``id`` the canonical id, ``properties`` the record;
  unlocated events are counted in ``unlocated``.
- CSV: ACLED's column profile (as ``acled_csv``; ``source`` lists the outlets, ``notes`` the
  first report's evidence) followed by ``canonical_id``, ``plover_type``, ``status``, ``sources``,
  ``grade``, ``reports`` (how many), ``attribution`` ("<who> via <outlet>"; "; "-joined),
  ``evidence`` (every report's, " | "-joined), ``date_start``, ``date_end``, ``date_conflict``,
  ``fatalities_max``, ``geonameid``, ``country_code``, ``article_ids``, ``article_url``.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .acled_csv import ACLED_COLUMNS, event_date, geo_precision, safe_cell, time_precision
from .common import country_info
from .geojson import point

FUSED_COLUMNS = ACLED_COLUMNS + (
    "canonical_id", "plover_type", "status", "sources", "grade", "reports", "attribution", "evidence",
    "date_start", "date_end", "date_conflict", "fatalities_max", "geonameid", "country_code", "article_ids",
    "article_url",
)
FORMATS = ("csv", "jsonl", "geojson", "json")


def _day(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else value or None


def csv_row(rec: dict) -> dict[str, Any]:
    loc = rec.get("location") or {}
    start, end = _day(rec.get("date_start")), _day(rec.get("date_end"))
    precision = rec.get("date_precision")
    day = event_date(start, end, precision)
    country = country_info(loc.get("country_code"))
    reports = rec.get("reports") or []
    outlets = sorted({r.get("outlet") or r.get("url") or r.get("article_id") for r in reports} - {None})
    return {
        "event_id_cnty": f"{country.get('iso3') or 'XXX'}-{rec['id'].removeprefix('ce-')}",
        "event_date": day.isoformat() if day else None, "year": day.year if day else None,
        "time_precision": time_precision(start, end, precision),
        "event_type": rec.get("acled_event_type"), "sub_event_type": rec.get("acled_sub_event_type"),
        "actor1": rec.get("actor1"), "actor2": rec.get("actor2"),
        "iso": country.get("isonumeric"), "country": country.get("name"), "admin1": loc.get("admin1"),
        "location": loc.get("name") or loc.get("text"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "geo_precision": geo_precision(loc.get("precision")),
        "source": "; ".join(outlets) or None,
        "notes": reports[0].get("evidence") if reports else None,
        "fatalities": rec.get("fatalities_min") or 0,
        "canonical_id": rec["id"], "plover_type": rec.get("event_type"), "status": rec.get("status"),
        "sources": rec.get("sources"), "grade": rec.get("grade"), "reports": len(reports),
        "attribution": "; ".join(rec.get("attributions") or []) or None,
        "evidence": " | ".join(r.get("evidence") or "" for r in reports) or None,
        "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
        "date_conflict": int(bool(rec.get("date_conflict"))),
        "fatalities_max": rec.get("fatalities_max"), "geonameid": loc.get("geonameid"),
        "country_code": loc.get("country_code"),
        "article_ids": "; ".join(sorted({r.get("article_id") for r in reports if r.get("article_id")})) or None,
        "article_url": "; ".join(sorted({r.get("url") for r in reports if r.get("url")})) or None,
    }


def write_csv(records: Iterable[dict], stream: IO[str]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(FUSED_COLUMNS)
    n = 0
    for rec in records:
        values = csv_row(rec)
        writer.writerow(["" if values[c] is None else safe_cell(values[c]) for c in FUSED_COLUMNS])
        n += 1
    return n


def _point(loc: dict | None) -> list[float] | None:
    return point(loc.get("latitude"), loc.get("longitude")) if loc else None


def feature_collection(records: Iterable[dict]) -> dict[str, Any]:
    features, unlocated = [], 0
    for rec in records:
        point = _point(rec.get("location"))
        if point is None:
            unlocated += 1
            continue
        features.append({"type": "Feature", "id": rec["id"],
                         "geometry": {"type": "Point", "coordinates": point}, "properties": rec})
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def write_fused(records: Iterable[dict], fmt: str, stream: IO[str]) -> int:
    """Write canonical event records in ``fmt`` (one of FORMATS); return how many."""
    fmt = fmt.lower()
    records = list(records)
    if fmt == "csv":
        return write_csv(records, stream)
    if fmt == "jsonl":
        for rec in records:
            stream.write(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")
    elif fmt == "json":
        json.dump(records, stream, ensure_ascii=False, allow_nan=False, indent=2)
        stream.write("\n")
    elif fmt == "geojson":
        json.dump(feature_collection(records), stream, ensure_ascii=False, allow_nan=False)
        stream.write("\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return len(records)


def control_feature_collection(periods: Iterable[dict]) -> dict[str, Any]:
    """Control periods (records, e.g. from ``Monitor.control``) as GeoJSON points."""
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
              "properties": {k: v for k, v in p.items() if k not in ("latitude", "longitude")}}
             for p in periods if (point := _point(p)) is not None]
    return {"type": "FeatureCollection", "features": feats}
