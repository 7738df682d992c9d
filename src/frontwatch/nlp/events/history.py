"""Background, not news: events the article dates long before its own publication.

"South Sudan descended into violence in December 2013" in a 2022 report, "since jihadists launched
raids in 2015": an analyst codes the article's news, and such history only as optional context
(GOLD.md conventions). An event whose whole date range ends more than ``HISTORY_DAYS`` before the
publication date is left out of the article's record; undated events, events of articles without
a publication date and ranges reaching into the last year ("since 2017") are kept.
"""
from __future__ import annotations

from datetime import date

from ...records import Event

HISTORY_DAYS = 365


def is_history(event: Event, published: date | None, days: int = HISTORY_DAYS) -> bool:
    """The event's date range ends more than ``days`` before ``published``."""
    d = event.date
    if published is None or d is None:
        return False
    end = d.end or d.start
    return end is not None and (published - end).days > days


def drop_history(events: list[Event], published: date | None, days: int = HISTORY_DAYS) -> list[Event]:
    """``events`` without those that are history at ``published`` (see ``is_history``)."""
    return [ev for ev in events if not is_history(ev, published, days)]
