"""Request parameters: parsed and checked once, with clear 4xx JSON errors."""
from __future__ import annotations

from datetime import date

from fastapi import Query

from .. import validation
from ..errors import InvalidParameterError
from ..validation import DEFAULT_LIMIT, MAX_LIMIT, MAX_TEXT  # noqa: F401 (re-exported)
from .queries import Filters


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message", "param"}}`` with ``status``."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.param, self.headers = status, message, param, headers
        self.code = code or {400: "bad_request", 401: "unauthorized", 404: "not_found",
                             413: "too_large", 415: "unsupported_media_type",
                             422: "invalid", 429: "rate_limited", 500: "internal",
                             503: "unavailable"}.get(status, "error")

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "param": self.param}}


def parse_date(value: str | None, name: str) -> date | None:
    return _checked(validation.parse_day, value, name)


def parse_bbox(value: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    return _checked(validation.parse_bbox, value, name)


def _checked(check, *args, **kwargs):
    """``check(*args)`` from ``frontwatch.validation``, its error answered as a 400."""
    try:
        return check(*args, **kwargs)
    except InvalidParameterError as exc:
        raise ApiError(400, str(exc), exc.param) from None


def encode_cursor(offset: int | None) -> str | None:
    return validation.encode_cursor(offset)


def decode_cursor(cursor: str | None) -> int:
    return _checked(validation.decode_cursor, cursor)


def filters(
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat (WGS84)"),
    since: str | None = Query(None, description="YYYY-MM-DD (or 7d, 2w, 3m, 1y back from today): events whose date range ends on or after"),
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
    """The event filters shared by /api/events, /api/timeline and the exports (checked by
    ``frontwatch.validation``, as the CLI checks its options)."""
    v = validation
    today = date.today()  # relative periods (7d, 2w, 3m, 1y), as the CLI takes them
    since_d = _checked(v.parse_day, since, "since", today)
    until_d = _checked(v.parse_day, until, "until", today)
    _checked(v.date_range, since_d, until_d)
    return Filters(
        since=since_d, until=until_d, types=_checked(v.event_types, event_type),
        acled=_checked(v.acled_type, acled), actor=_checked(v.text, actor, "actor"),
        country=_checked(v.country, country), statuses=_checked(v.statuses, status),
        bbox=parse_bbox(bbox), min_sources=min_sources, grade=_checked(v.grades, grade),
        q=_checked(v.text, q, "q"))
