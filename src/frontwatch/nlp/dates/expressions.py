"""Time expressions: find them in text and resolve them against the publication date.

Pure functions over strings (no spaCy). Resolution rules, each with its precision:
  weekday ("on Thursday")      most recent such day on/before publication        day
  yesterday / today / last night                                                 day
  "overnight", "over the past day", "in the last 24 hours"  publication - 1 .. publication  day
  "N days/weeks ago", "a week ago"  publication minus N                          day
  explicit dates ("May 10", "10 May 2017", "Nov. 24")  without a year: the most
      recent such date on/before publication                                    day
  "earlier this week" Sunday .. publication; "this week" Monday .. publication; "last week" week
  "last month", "this month", "earlier this month", "in January" (most recent
      January on/before publication), "January 2017"                             month
  "last summer" etc. (most recent completed season), "late last year"            season
  "last year", "this year", "in 2013", "since 2013" (2013-01-01 .. publication)  year
Relative expressions resolve only with a publication date; absolute ones always.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3}

_MONTH = r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"

PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    ("dmy", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?(?:\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("mdy", r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"),
    ("month_year", r"\b" + _MONTH + r"\s+(?P<y>(?:19|20)\d\d)\b"),
    ("ago", r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("part_year", r"\b(?P<part>early|late|mid|end\s+of|beginning\s+of)[\s-]+(?P<rel>last|this)\s+year\b"),
    ("earlier_this", r"\bearlier\s+this\s+(?P<unit>week|month|year)\b"),
    ("this_unit", r"\b(?:this|the\s+current)\s+(?P<unit>week|month|year)\b"),
    ("last_unit", r"\b(?:last|past|previous)\s+(?P<unit>week|month|year|weekend)\b"),
    ("season", r"\b(?P<rel>last|this|past)\s+(?P<season>spring|summer|fall|autumn|winter)\b"),
    ("weekend", r"\b(?:over\s+)?the\s+weekend\b"),
    ("past_day", r"\b(?:overnight|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:day|24\s+hours))\b"),
    ("yesterday", r"\b(?:yesterday|last\s+night)\b"),
    ("today", r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b"),
    ("weekday", r"\b(?:(?P<rel>last|this|on|late|early)\s+)?" + _WEEKDAY + r"\b"),
    ("since_year", r"\bsince\s+(?P<y>(?:19|20)\d\d)\b"),
    ("month", r"\b(?:in|since|during|early|late|mid|mid-|last|this|of)[\s-]+" + _MONTH + r"\b"),
    ("year", r"\b(?:in|during|of|by|early|late|mid|since)\s+(?P<y>(?:19|20)\d\d)\b"),
    ("recent", r"\b(?:in\s+)?recent\s+(?P<unit>days|weeks)\b"),
]
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in PATTERNS]


@dataclass
class TimeExpression:
    """A time expression found in text, with its resolved range (``None`` when unresolvable)."""

    text: str
    start: int  # char offset in the searched text
    end: int
    kind: str
    date_start: date | None
    date_end: date | None
    precision: str | None


def find_time_expressions(text: str, published: date | None) -> list[TimeExpression]:
    """All non-overlapping time expressions in ``text``, earliest pattern wins, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            month = m.groupdict().get("month")
            if month and not _is_month_word(month):
                continue
            start, end, precision = _resolve_in_range(kind, m, published)
            taken.append((s, e))
            found.append(TimeExpression(text[s:e], s, e, kind, start, end, precision))
    return sorted(found, key=lambda t: t.start)


def _resolve_in_range(kind: str, m: re.Match, published: date | None):
    """``resolve``, kept to the sane date range (``records.DATE_MIN`` .. ``DATE_MAX``): an
    expression that reaches outside it ("99999999 days ago", "3000 years ago") stays
    unresolved instead of raising or storing an impossible date."""
    from ...records import in_range

    try:
        found = resolve(kind, m, published)
    except (OverflowError, ValueError):
        return None, None, None
    if found is None or not (in_range(found[0]) and in_range(found[1])):
        return None, None, None
    return found


def _is_month_word(word: str) -> bool:
    # "may"/"march" in lower case are usually a verb; months are capitalised in English text.
    return word[:1].isupper()


def resolve(kind: str, m: re.Match, published: date | None):
    """(start, end, precision) for one matched expression, or None."""
    g = m.groupdict()
    pub = published
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, d, "day") if d else None
    if kind in ("dmy", "mdy"):
        month, day = MONTHS[g["month"].lower().rstrip(".")], int(g["d"])
        if g.get("y"):
            d = _safe_date(int(g["y"]), month, day)
        elif pub:
            d = _safe_date(pub.year, month, day)
            if d and d > pub + timedelta(days=1):
                d = _safe_date(pub.year - 1, month, day)
        else:
            d = None
        return (d, d, "day") if d else None
    if kind == "month_year":
        return _month_range(int(g["y"]), MONTHS[g["month"].lower().rstrip(".")])
    if kind == "year":
        y = int(g["y"])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if kind == "since_year":
        y = int(g["y"])
        return date(y, 1, 1), (pub or date(y, 12, 31)), "year"
    if pub is None:
        return None
    if kind == "month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        year = pub.year if month <= pub.month else pub.year - 1
        start, end, prec = _month_range(year, month)
        return start, min(end, pub), prec
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else SMALL_NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            d = pub - timedelta(days=7 * n)
            return d, d, "day" if n == 1 else "week"
        if unit == "month":
            y, mth = _shift_month(pub.year, pub.month, -n)
            return _month_range(y, mth)
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
    if kind == "earlier_this":
        unit = g["unit"].lower()
        if unit == "week":  # the Sunday that starts the week (either convention) .. publication
            sunday = pub - timedelta(days=(pub.weekday() + 1) % 7)
            return sunday, pub, "week"
        if unit == "month":
            return pub.replace(day=1), max(pub.replace(day=1), pub - timedelta(days=1)), "month"
        return date(pub.year, 1, 1), pub, "year"
    if kind == "this_unit":
        unit = g["unit"].lower()
        if unit == "week":
            return pub - timedelta(days=pub.weekday()), pub, "week"
        if unit == "month":
            return pub.replace(day=1), pub, "month"
        return date(pub.year, 1, 1), pub, "year"
    if kind == "last_unit":
        unit = g["unit"].lower()
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday() + 7)
            return monday, monday + timedelta(days=6), "week"
        if unit == "weekend":
            return _last_weekend(pub)
        if unit == "month":
            y, mth = _shift_month(pub.year, pub.month, -1)
            return _month_range(y, mth)
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
    if kind == "part_year":
        year = pub.year - 1 if g["rel"].lower() == "last" else pub.year
        part = g["part"].lower()
        if part.startswith(("late", "end")):
            start, end = date(year, 9, 1), date(year, 12, 31)
        elif part.startswith("mid"):
            start, end = date(year, 5, 1), date(year, 8, 31)
        else:
            start, end = date(year, 1, 1), date(year, 4, 30)
        return start, min(end, pub), "season"
    if kind == "season":
        return _season(g["season"].lower(), g["rel"].lower(), pub)
    if kind == "weekend":
        return _last_weekend(pub)
    if kind == "past_day":  # "overnight", "over the past day": the day before and publication day
        return pub - timedelta(days=1), pub, "day"
    if kind == "yesterday":
        d = pub - timedelta(days=1)
        return d, d, "day"
    if kind == "today":
        return pub, pub, "day"
    if kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        back = (pub.weekday() - target) % 7
        if (g.get("rel") or "").lower() == "last" and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return d, d, "day"
    if kind == "recent":
        days = 7 if g["unit"].lower() == "days" else 28
        return pub - timedelta(days=days), pub, "week"
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_range(year: int, month: int):
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _last_weekend(pub: date):
    back = (pub.weekday() - 5) % 7  # most recent Saturday on/before publication
    saturday = pub - timedelta(days=back)
    return saturday, min(saturday + timedelta(days=1), pub), "week"


def _season(name: str, rel: str, pub: date):
    first, last = SEASONS[name]

    def bounds(year: int) -> tuple[date, date]:
        if first > last:  # winter: Dec of year .. Feb of year + 1
            end_month = date(year + 1, last, calendar.monthrange(year + 1, last)[1])
            return date(year, first, 1), end_month
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])

    if rel == "this":
        start, end = bounds(pub.year if first <= last or pub.month >= first else pub.year - 1)
        return start, end, "season"
    year = pub.year
    while True:  # the most recent season that ended before publication
        start, end = bounds(year)
        if end < pub:
            return start, end, "season"
        year -= 1
