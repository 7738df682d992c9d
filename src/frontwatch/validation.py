"""Query parameters checked once, for the CLI and the REST API alike.

Every function takes the raw value (a string, or a number for limits) and the parameter's name,
and returns the parsed value or raises ``InvalidParameterError`` naming the parameter. The API
(``web.params``) answers that error with a 400; the CLI (``cli``) turns it into a usage error.
Relative periods (``7d``, ``2w``, ``3m``, ``1y``) resolve against a ``today`` the caller passes,
so tests give a fixed day.
"""
from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date, timedelta

from .errors import InvalidParameterError
from .records import ACLED_TYPES, PLOVER_TYPES, STATUSES

MAX_TEXT = 200
DEFAULT_LIMIT = 500
MAX_LIMIT = 10_000          # one API page
MAX_OFFSET = 2**31 - 1      # no cursor this API gives out goes further
MAX_CURSOR = 64             # characters of an encoded cursor
_GRADE = re.compile(r"^[A-Za-z0-9+\-]{1,8}$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_RELATIVE = re.compile(r"^(\d{1,4})\s*([dwmy])$", re.IGNORECASE)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --sort keys of `frontwatch events` (a leading '-' reverses): record field, missing values last
SORT_KEYS = ("date", "sources", "grade", "type", "country")
DEFAULT_SORT = "-date"


def bad(message: str, param: str):
    raise InvalidParameterError(message, param)


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def relative_day(value: str, today: date) -> date | None:
    """The day ``value`` (``7d``, ``2w``, ``3m``, ``1y``) before ``today``; None if not relative."""
    m = _RELATIVE.match(value.strip())
    if m is None:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    try:
        if unit == "d":
            return today - timedelta(days=n)
        if unit == "w":
            return today - timedelta(weeks=n)
        months = n * (12 if unit == "y" else 1)
        y, mo = divmod(today.year * 12 + today.month - 1 - months, 12)
        mo += 1
        last = (date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)).day if y >= 1 else 0
        return date(y, mo, min(today.day, last))
    except (ValueError, OverflowError):
        return None


def parse_day(value: str | None, name: str, today: date | None = None) -> date | None:
    """A day: YYYY-MM-DD, or (when ``today`` is given) a period back from it such as ``7d``."""
    if value is None or not str(value).strip():
        return None
    v = str(value).strip()
    if today is not None and _RELATIVE.match(v):
        day = relative_day(v, today)
        if day is None:
            bad(f"{name}: {v[:40]!r} reaches before year 1", name)
        return day
    try:
        if not _ISO_DAY.match(v):
            raise ValueError(v)
        return date.fromisoformat(v)
    except ValueError:
        rel = " or a period back from today such as 7d, 2w, 3m, 1y" if today is not None else ""
        bad(f"{name} must be a date YYYY-MM-DD{rel}, not {v[:40]!r}", name)


def date_range(since: date | None, until: date | None, name: str = "since") -> None:
    if since is not None and until is not None and since > until:
        bad(f"since ({since.isoformat()}) is after until ({until.isoformat()})", name)


def parse_bbox(value: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    if value is None or not str(value).strip():
        return None
    parts = str(value).split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or not all(math.isfinite(n) for n in nums):
        bad(f"{name} must be four finite numbers min_lon,min_lat,max_lon,max_lat", name)
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        bad(f"{name} longitudes must lie in [-180, 180]", name)
    if not (-90 <= min_lat <= max_lat <= 90):
        bad(f"{name} latitudes must lie in [-90, 90] with min_lat <= max_lat", name)
    return min_lon, min_lat, max_lon, max_lat


def text(value: str | None, name: str) -> str | None:
    """A free-text filter: at most MAX_TEXT characters, no control characters (NUL included)."""
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        bad(f"{name} is longer than {MAX_TEXT} characters", name)
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        bad(f"{name} contains control characters", name)
    return value.strip()


def country(value: str | None, name: str = "country") -> str | None:
    cc = text(value, name)
    if cc and not _COUNTRY.match(cc):
        bad(f"{name} must be a two-letter ISO 3166 code such as SY, not {cc[:40]!r}", name)
    return cc.upper() if cc else None


def event_types(value: str | None, name: str = "event_type") -> tuple[str, ...]:
    types = tuple(t.upper() for t in _list(value))
    for t in types:
        if t not in PLOVER_TYPES:
            bad(f"{name} {t[:40]!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", name)
    return types


def statuses(value: str | None, name: str = "status") -> tuple[str, ...]:
    out = tuple(s.lower() for s in _list(value))
    for s in out:
        if s not in STATUSES:
            bad(f"{name} {s[:40]!r} is not one of {', '.join(STATUSES)}", name)
    return out


def acled_type(value: str | None, name: str = "acled") -> str | None:
    t = text(value, name)
    if t and t not in ACLED_TYPES:
        bad(f"{name} must be one of {', '.join(ACLED_TYPES)}", name)
    return t


def grades(value: str | None, name: str = "grade") -> tuple[str, ...]:
    out = tuple(_list(value))
    for g in out:
        if not _GRADE.match(g):
            bad(f"{name} {g[:40]!r} is not a grade", name)
    return out


def limit(value: int | None, name: str = "limit", maximum: int | None = None) -> int | None:
    if value is None:
        return None
    if value < 1 or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        bad(f"{name} must be at least 1{upper}, not {value}", name)
    return value


def min_sources(value: int | None, name: str = "min_sources") -> int | None:
    return limit(value, name, 10_000)


def sort_key(value: str | None, name: str = "sort") -> str:
    v = (value or DEFAULT_SORT).strip().lower()
    if v.lstrip("-+") not in SORT_KEYS:
        bad(f"{name} must be one of {', '.join(SORT_KEYS)} (a leading '-' reverses), not {v[:40]!r}",
            name)
    return v.lstrip("+")


def encode_cursor(offset: int | None) -> str | None:
    if offset is None:
        return None
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, name: str = "cursor") -> int:
    if not cursor:
        return 0
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, num = raw.split(":", 1)
        if kind != "o" or not num.isdigit() or len(num) > 12:
            raise ValueError
        offset = int(num)
        if offset > MAX_OFFSET:
            raise ValueError
        return offset
    except (ValueError, binascii.Error, UnicodeDecodeError):
        bad(f"{name} is not one this API gave out; start again without it", name)
