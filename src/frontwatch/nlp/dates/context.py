"""The date an undated sentence inherits: its paragraph's last dated sentence, else the lead's."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from .expressions import TimeExpression, find_time_expressions


def context_time(sent, published: date | None) -> TimeExpression | None:
    """The date an undated sentence inherits: the last dated earlier sentence of its paragraph
    (the narrative continues), else the article lead's first explicit date when that lead
    sentence opens the body and the date falls within a week before publication.

    Linear in the article: ``_context_index`` walks the sentences once per doc (and
    publication date) and answers every sentence from that index."""
    from ..event_sents import sentences

    starts, _ = sentences(sent.doc)
    index = _context_index(sent.doc, published)
    i = bisect_right(starts, sent.start) - 1
    if 0 <= i < len(index):
        found = index[i]
        if found != _NO_CONTEXT:
            return found
    found = lead_time(sent.doc, published)
    return found[0] if found is not None else None


_NO_CONTEXT = "no-context"  # no dated earlier sentence in the paragraph: fall back to the lead


def _context_index(doc, published: date | None) -> list:
    """Per sentence: the expression it inherits from the last dated earlier sentence of its
    paragraph (None when that sentence's date is coarse, "last summer": another episode), or
    ``_NO_CONTEXT``. Built in one pass over the sentences, cached on the doc."""
    from ..event_sents import sentences

    key = f"frontwatch_context_index:{published}"
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    _, spans = sentences(doc)
    blanks = _paragraph_breaks(doc, spans)
    index: list = []
    carried: object = _NO_CONTEXT  # what the next sentence of this paragraph inherits
    for i, span in enumerate(spans):
        if blanks[i]:
            carried = _NO_CONTEXT
        index.append(carried)
        found = [t for t in find_time_expressions(span.text, published) if t.date_start is not None]
        if found:  # a coarse date ("last summer") usually sets another episode: not carried
            carried = found[0] if found[0].precision in ("day", "week") else None
    doc.user_data[key] = index
    return index


def _paragraph_breaks(doc, spans) -> list[bool]:
    """Per sentence: True when a blank line separates it from the sentence before (the first
    sentence opens a paragraph). One pass; the doc's text is built once."""
    text = doc.text
    breaks = [True]
    for a, b in zip(spans, spans[1:]):
        breaks.append("\n\n" in text[a.end_char:b.start_char] or any(
            t.is_space and t.text.count("\n") >= 2 for t in doc[a.end - 1:b.start + 1]))
    return breaks


def lead_time(doc, published: date | None):
    """(expression, sentence): the first day-precision date of the article's first two full
    sentences (the lead) when it lies within a week before publication; else None."""
    if published is None:
        return None
    key = "frontwatch_lead_time"
    if key in doc.user_data:
        return doc.user_data[key]
    found = None
    body = [s for s in doc.sents if len(s) >= 6 and s.text.rstrip()[-1:] in ".!\"”’"][:2]
    for s in body:
        for t in find_time_expressions(s.text, published):
            if t.date_start is not None and t.precision == "day" and \
                    timedelta(0) <= published - t.date_start <= timedelta(days=7):
                found = (t, s)
                break
        if found is not None:
            break
    doc.user_data[key] = found
    return found

