"""Durations: "the end of a two-month battle" gives the battle's start from its end date."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .expressions import _NUM, SMALL_NUMBERS, _safe_date, _shift_month


_DURATION_BEFORE = re.compile(r"\b(?:end|close|conclusion)\s+of\s+(?:a|the|its|their)\s+" + _NUM.replace("?P<n>", "?P<n>") +
                              r"[\s-](?P<unit>day|week|month|year)s?(?:[\s-]long|[\s-]old)?\s+$", re.IGNORECASE)


def duration_start(text_before: str, end: date) -> date | None:
    """'the end of a two-month long battle' with the battle's end date known: its start
    (end minus the duration); None when the text gives no such duration right before."""
    m = _DURATION_BEFORE.search(text_before[-80:])
    if m is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else SMALL_NUMBERS[m["n"].lower()]
    unit = m["unit"].lower()
    if unit == "day":
        return end - timedelta(days=n)
    if unit == "week":
        return end - timedelta(days=7 * n)
    if unit == "month":
        y, mth = _shift_month(end.year, end.month, -n)
        return _safe_date(y, mth, min(end.day, calendar.monthrange(y, mth)[1]))
    return _safe_date(end.year - n, end.month, min(end.day, 28 if end.month == 2 else end.day))
