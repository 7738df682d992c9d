"""Stored event records as the API shows them, read straight from the record dicts.

The list endpoint builds no ``Event`` objects: these helpers give the same ids, export ids,
points and views as the Event-based functions (tests check that they agree).
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from datetime import date
from typing import Any

from ..export.common import country_info

CONTEXT_CHARS = 400  # article text shown on each side of the evidence sentence


def record_id(rec: dict[str, Any]) -> str:
    """``make_id`` of a stored record, without building the Event."""
    art = base64.urlsafe_b64encode(rec["article_id"].encode("utf-8")).decode().rstrip("=")
    trig = (rec.get("trigger") or {}).get("start", -1)
    return f"{art}.{rec['evidence']['start']}.{trig}.{rec['event_type']}"


def record_point(rec: dict[str, Any]) -> list[float] | None:
    """``export.geojson.coordinates`` of a stored record, without building the Event."""
    loc = rec.get("location") or {}
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return [lon, lat]


def record_export_id(rec: dict[str, Any]) -> str:
    """``export.common.event_id`` of a stored record, without building the Event."""
    loc, ev, trig = rec.get("location"), rec["evidence"], rec.get("trigger")
    parts = [
        rec["article_id"], rec["event_type"], ev["start"], ev["end"],
        trig["start"] if trig else None, trig["end"] if trig else None,
        (rec.get("actor1") or {}).get("name"), (rec.get("actor2") or {}).get("name"),
        loc.get("name") if loc else None,
    ]
    digest = hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
    iso3 = country_info(loc.get("country_code") if loc else None).get("iso3") or "XXX"
    return f"{iso3}-{digest[:12]}"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def safe_link(url: str | None) -> str | None:
    """The URL when it is http(s), else None (never render javascript:, data:, ...)."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) else None


def _context(text: str | None, start: int, end: int) -> dict[str, Any] | None:
    if not text or not (0 <= start <= end <= len(text)):
        return None
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return {"before": text[lo:start], "evidence": text[start:end], "after": text[end:hi],
            "truncated_before": lo > 0, "truncated_after": hi < len(text)}


def compact_view(rec: dict[str, Any]) -> dict[str, Any]:
    """What a map marker needs: id, type, status, date and position."""
    loc = rec.get("location") or {}
    ev = rec["evidence"]
    art = base64.urlsafe_b64encode(rec["article_id"].encode("utf-8")).decode().rstrip("=")
    trig = (rec.get("trigger") or {}).get("start", -1)
    return {
        "id": f"{art}.{ev['start']}.{trig}.{rec['event_type']}", "event_type": rec["event_type"],
        "status": rec["status"], "date": rec.get("date"),
        "location": {k: loc.get(k) for k in ("name", "text", "latitude", "longitude",
                                             "country_code", "precision")} if loc else None,
    }


def record_view(rec: dict[str, Any], art: dict[str, Any] | None,
                context: bool = False) -> dict[str, Any]:
    """``view`` of a stored record, without building the Event (the list endpoint's path)."""
    loc = rec.get("location") or {}
    art = art or {}
    ev = rec["evidence"]
    report = {
        "article_id": rec["article_id"], "title": art.get("title"), "outlet": art.get("outlet"),
        "url": safe_link(art.get("url")), "published": _iso(art.get("published")),
        "evidence": ev, "attribution": rec.get("attribution"),
        "status": rec["status"], "precision": loc.get("precision"),
        "event_type": rec["event_type"],
    }
    if context:
        report["context"] = _context(art.get("text"), ev["start"], ev["end"])
    return {
        "id": record_id(rec), "export_id": record_export_id(rec),
        "event_type": rec["event_type"], "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"), "mode": rec.get("mode"),
        "status": rec["status"], "date": rec.get("date"), "location": rec.get("location"),
        "actor1": rec.get("actor1"), "actor2": rec.get("actor2"),
        "fatalities": rec.get("fatalities"), "sources": 1, "grade": None,
        "reports": [report],
    }


