"""Dates: time expressions in text, resolved against the publication date, and event dates.

  ``expressions``  find time expressions in a string and resolve them (pure functions, no spaCy);
                   the resolution rules and their precisions are listed there
  ``event_date``   the date of one event in a parsed sentence: the expression of the trigger's own
                   clause (not one inside an apposition or relative clause that describes an
                   argument), else the nearest, else the context's
  ``context``      the date an undated sentence inherits (its paragraph, else the article lead)
  ``durations``    "the end of a two-month battle": the start from the end date
"""
from __future__ import annotations

from .context import context_time, lead_time
from .durations import duration_start
from .event_date import event_date
from .expressions import (
    MONTHS, PATTERNS, SEASONS, SMALL_NUMBERS, WEEKDAYS, TimeExpression, find_time_expressions, resolve,
)

__all__ = ["MONTHS", "PATTERNS", "SEASONS", "SMALL_NUMBERS", "WEEKDAYS", "TimeExpression", "context_time",
           "duration_start", "event_date", "find_time_expressions", "lead_time", "resolve"]
