"""Publication dates as publishers write them, and dates read from an article's dateline.

``parse_published`` reads ISO 8601, RFC 822 and the common news forms
("3:58 PM ET, Wed December 14, 2016", "DEC. 14, 2016, 2:54 AM EST", "11/28/2016",
"17 December 2016 GMT", "2016 Oct 10", ...). The day is the calendar day as the publisher
wrote it, in the publisher's own time zone (a time and zone are read and allowed, never used to
move the day). Numeric dates: ``a/b/yyyy`` is month/day (US) unless the first number cannot be
a month; ``a.b.yyyy`` and ``a-b-yyyy`` are day.month.

``dateline_date`` finds the date a text states at its start ("WASHINGTON, May 11, 2017 -",
"Published May 11, 2017", "May 11, 2017 | Reuters"): a full date (month name, day and year)
in the article's first lines, before its first sentence ends.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz
from typing import Any

from ..errors import InvalidDateError

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_SEP = r"[\s,]+"
# One compiled pattern per written order; the first that gives a real date wins.
_ORDERS = [
    ("iso", re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?!\d)")),
    ("ymd", re.compile(r"(?<!\d)(?P<year>\d{4})[/.](?P<m>\d{1,2})[/.](?P<day>\d{1,2})(?!\d)")),
    ("compact", re.compile(r"^(?P<year>\d{4})(?P<m>\d{2})(?P<day>\d{2})(?:T|$)")),
    ("mdy_slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])")),
    ("dmy_dot", re.compile(r"(?<![\d.])(?P<day>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<year>\d{4})(?![\d.])")),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s*" + _DAY + r"\b" + _SEP + _YEAR + r"\b", re.I)),
    ("dmy", re.compile(r"\b" + _DAY + r"(?:\s+of)?[\s-]+" + _MONTH + r"[\s,-]+" + _YEAR + r"\b", re.I)),
    ("ymd_name", re.compile(r"\b" + _YEAR + r"[\s,-]+" + _MONTH + r"[\s-]+" + _DAY + r"\b", re.I)),
]
_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


def parse_published(value: Any, source: str | None = None, what: str = "published") -> date | None:
    """The publication day ``value`` states; None for absent/blank; ``InvalidDateError`` when
    it is not a date (the error names ``source``: the file and line of the record)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or (_NUMERIC.fullmatch(value.strip())
                                      and not re.fullmatch(r"\d{8}", value.strip())):
        raise InvalidDateError(
            f"{what} {value!r} is not a date; write it as text, e.g. 2016-12-14 or "
            "\"Wed, 14 Dec 2016 15:58:00 GMT\"", source)
    text = " ".join(value.split())
    if not text:
        return None
    found = find_date(text[:200])
    if found is None:
        raise InvalidDateError(
            f"{what} {text[:60]!r} is not a date this reader knows; write it as YYYY-MM-DD "
            "(ISO 8601) or as RFC 822 (\"Wed, 14 Dec 2016 15:58:00 GMT\")", source)
    return found[0]


def find_date(text: str) -> tuple[date, int, int] | None:
    """(day, start, end) of the first written date in ``text`` that is a real calendar day."""
    best: tuple[date, int, int] | None = None
    for kind, rx in _ORDERS:
        for m in rx.finditer(text):
            day = _day(kind, m)
            if day is not None:
                if best is None or m.start() < best[1]:
                    best = (day, m.start(), m.end())
                break
    if best is None:
        parsed = parsedate_tz(text)  # RFC 822 forms the patterns above do not cover
        if parsed is not None:
            day = _safe(parsed[0], parsed[1], parsed[2])
            if day is not None:
                return day, 0, len(text)
    return best


def _day(kind: str, m: re.Match) -> date | None:
    g = m.groupdict()
    year = int(g["year"])
    if kind == "mdy_slash":
        a, b = int(g["a"]), int(g["b"])
        if year < 100:
            year += 2000 if year < 70 else 1900
        month, day = (a, b) if a <= 12 else (b, a)
        return _safe(year, month, day)
    if g.get("mon"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
    else:
        month = int(g["m"])
    return _safe(year, month, int(g["day"]))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- datelines
_NAMED_DATES = (
    re.compile(r"\b" + _MONTH + r"\s*" + _DAY + r"\b" + _SEP + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _DAY + r"[\s-]+" + _MONTH + r"[\s,-]+" + _YEAR + r"\b", re.I),
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[A-Z\"\u201c]")
LEAD_CHARS = 300


_BYLINE = re.compile(r"\b(?:published|updated|posted|first published|last updated)\b\W*(?:on\W*)?", re.I)
_LINE = re.compile(r"[^\n]+")
# what may stand beside a date on a date line: weekdays, times, zones, "by", "updated"
_DATE_LINE_REST = re.compile(
    r"^(?:[\s,|/\-\u2013\u2014:()]|\d{1,2}[:.h]\d\d|am\b|pm\b|a\.m\.|p\.m\.|[A-Z]{2,4}\b|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:mon|tue|wed|thu|fri|sat|sun)\b|"
    r"local time|gmt[+-]?\d*|utc[+-]?\d*|updated|published|posted|on|at)*$", re.I)
DATE_LINE_CHARS = 60


def dateline_date(text: str) -> tuple[date, int, int] | None:
    """(day, start, end) of a full date (day, month and year) that the text states at its
    start, else None; offsets index ``text``. Looked for in the first ``LEAD_CHARS``
    characters, in this order:
      a dateline: a date with a month name before the first sentence ends, opening the text
        or a line, or closed by a dash, colon, pipe, time or bracketed agency
        ("WASHINGTON, May 11, 2017 - ...", "May 11, 2017 (Reuters) - ...");
      a byline date: any written date after "Published", "Updated" or "Posted" on its line
        ("Published on 17.03.2019 at 21h54 by AFP");
      a date line: a short line holding a date and nothing but a weekday, a time or a zone
        ("Tuesday 15 October 2019 11:20, UK")."""
    lead = text[:LEAD_CHARS]
    end = _SENTENCE_END.search(lead)
    limit = end.start() + 1 if end else len(lead)
    head = lead[:limit]
    matches = sorted((m for rx in _NAMED_DATES for m in rx.finditer(head)), key=lambda m: m.start())
    for m in matches:
        if not _month_word(m):
            continue
        after = lead[m.end():m.end() + 40]
        before = lead[:m.start()]
        if "\n" in before[-1:] or not before.strip() or _closes_dateline(after) or \
                _BYLINE.search(before[-30:]) and _BYLINE.search(before[-30:]).end() == len(before[-30:]):
            day = _named_day(m)
            if day is not None:
                return day, m.start(), m.end()
    for line in _LINE.finditer(lead):
        words = line.group()
        byline = _BYLINE.search(words)
        if byline is not None:
            found = find_date(words[byline.end():byline.end() + 60])
            if found is not None and _has_year_and_month(words[byline.end() + found[1]:byline.end() + found[2]]):
                offset = line.start() + byline.end()
                return found[0], offset + found[1], offset + found[2]
        if len(words.strip()) <= DATE_LINE_CHARS:
            found = find_date(words)
            if found is not None and _has_year_and_month(words[found[1]:found[2]]) and \
                    _DATE_LINE_REST.match(words[:found[1]] + " " + words[found[2]:]):
                return found[0], line.start() + found[1], line.start() + found[2]
    return None


def _named_day(m: re.Match) -> date | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    return _safe(int(groups["year"]), _MONTHS[groups["mon"].lower().rstrip(".")], int(groups["day"]))


def _has_year_and_month(written: str) -> bool:
    """A full date: a four-digit year and a month (named, or the middle of d.m.yyyy)."""
    return bool(re.search(r"\d{4}", written)) and (bool(re.search(r"[A-Za-z]{3}", written))
                                                   or written.count(".") + written.count("/")
                                                   + written.count("-") >= 2)


def _month_word(m: re.Match) -> bool:
    word = m.group("mon")
    return word[:1].isupper()  # "may" in lower case is a verb


def _closes_dateline(after: str) -> bool:
    """True when what follows a date ends a dateline: a dash, a colon, a pipe, a line break,
    a time, or a bracketed agency ("(Reuters)")."""
    return bool(re.match(r"\s*(?:[\u2014\u2013|:\n/]|--|-\s|\(|\d{1,2}[:.]\d\d|at\s+\d|$)",
                         after))


def publication(own: date | None, text: str, fallback: date | None = None,
                source: str | None = None):
    """(published, evidence) of an article: its own metadata date, else the date its text states
    at its start (``dateline_date``; evidence = ``records.Evidence`` of that date), else
    ``fallback`` (the user's ``--published``), else (None, None). A metadata date outside the
    sane range is a ``DateOutOfRangeError`` naming ``source``; an out-of-range dateline is
    ignored."""
    from ..records import Evidence, check_date, in_range

    if own is not None:
        return check_date(own, "published", source), None
    found = dateline_date(text)
    if found is not None and in_range(found[0]):
        day, start, end = found
        return day, Evidence(text=text[start:end], start=start, end=end)
    return check_date(fallback, "published", source), None
