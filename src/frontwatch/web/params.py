"""Request parameters: parsed and checked once, with clear 4xx JSON errors."""
from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date

from fastapi import Query

from ..records import ACLED_TYPES, PLOVER_TYPES, STATUSES
from .queries import Filters

MAX_TEXT = 200
DEFAULT_LIMIT = 500
MAX_LIMIT = 10_000
_GRADE = re.compile(r"^[A-Za-z0-9+\-]{1,8}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message", "param"}}`` with ``status``."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.param = status, message, param
        self.code = code or {400: "bad_request", 401: "unauthorized", 404: "not_found",
                             413: "too_large", 415: "unsupported_media_type",
                             422: "invalid", 429: "rate_limited"}.get(status, "error")

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "param": self.param}}


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_date(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    v = value.strip()
    try:
        if len(v) != 10:
            raise ValueError(v)
        return date.fromisoformat(v)
    except ValueError:
        _bad(f"{name} must be a date YYYY-MM-DD, not {value[:40]!r}", name)


def parse_bbox(value: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or not all(math.isfinite(n) for n in nums):
        _bad(f"{name} must be four numbers min_lon,min_lat,max_lon,max_lat", name)
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        _bad(f"{name} longitudes must lie in [-180, 180]", name)
    if not (-90 <= min_lat <= max_lat <= 90):
        _bad(f"{name} latitudes must lie in [-90, 90] with min_lat <= max_lat", name)
    return min_lon, min_lat, max_lon, max_lat


def _text(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        _bad(f"{name} is longer than {MAX_TEXT} characters", name)
    return value.strip()


def _bad(message: str, param: str):
    raise ApiError(400, message, param)


def encode_cursor(offset: int | None) -> str | None:
    if offset is None:
        return None
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, num = raw.split(":", 1)
        offset = int(num)
        if kind != "o" or offset < 0:
            raise ValueError
        return offset
    except (ValueError, binascii.Error, UnicodeDecodeError):
        _bad("cursor is not one this API gave out; start again without it", "cursor")


def filters(
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat (WGS84)"),
    since: str | None = Query(None, description="YYYY-MM-DD: events whose date range ends on or after"),
    until: str | None = Query(None, description="YYYY-MM-DD: events whose date range starts on or before"),
    event_type: str | None = Query(None, description="PLOVER types, comma-separated"),
    acled: str | None = Query(None, description="ACLED event type, e.g. Battles"),
    actor: str | None = Query(None, description="substring of an actor's name"),
    country: str | None = Query(None, description="ISO 3166 alpha-2 code"),
    status: str | None = Query(None, description="statuses, comma-separated"),
    min_sources: int | None = Query(None, ge=1, le=10_000, description="least number of distinct sources"),
    grade: str | None = Query(None, description="source grades, comma-separated"),
    q: str | None = Query(None, description=(
        "words in the evidence sentence, through the full-text index: each word must start a word "
        "of the evidence and the last may be cut short ('kill' finds 'killed'); the evidence must "
        "also contain q as typed, ignoring case")),
) -> Filters:
    """The event filters shared by /api/events, /api/timeline and the exports."""
    since_d, until_d = parse_date(since, "since"), parse_date(until, "until")
    if since_d and until_d and since_d > until_d:
        _bad("since is after until", "since")
    types = [t.upper() for t in _list(event_type)]
    for t in types:
        if t not in PLOVER_TYPES:
            _bad(f"event_type {t[:40]!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", "event_type")
    statuses = [s.lower() for s in _list(status)]
    for s in statuses:
        if s not in STATUSES:
            _bad(f"status {s[:40]!r} is not one of {', '.join(STATUSES)}", "status")
    acled_t = _text(acled, "acled")
    if acled_t and acled_t not in ACLED_TYPES:
        _bad(f"acled must be one of {', '.join(ACLED_TYPES)}", "acled")
    cc = _text(country, "country")
    if cc and not _COUNTRY.match(cc):
        _bad("country must be a two-letter ISO code", "country")
    grades = _list(grade)
    for g in grades:
        if not _GRADE.match(g):
            _bad(f"grade {g[:40]!r} is not a grade", "grade")
    return Filters(
        since=since_d, until=until_d, types=tuple(types), acled=acled_t,
        actor=_text(actor, "actor"), country=cc.upper() if cc else None,
        statuses=tuple(statuses), bbox=parse_bbox(bbox), min_sources=min_sources,
        grade=tuple(grades), q=_text(q, "q"))
