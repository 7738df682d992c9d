"""The date of one event in a parsed sentence (spaCy tokens; the time expressions are found by
``expressions.find_time_expressions`` over the sentence's text)."""
from __future__ import annotations

from datetime import date

from .context import context_time
from .expressions import TimeExpression

# Order: the time expression of the trigger's clause, else the nearest in the sentence; else
# (events that occurred only) the previous sentence's when the paragraph continues, else the
# article lead's. A date that comes from a reporting clause ("X announced Friday that ...") or
# from context is *weak*: a merged report of the same event with its own date replaces it.
# A time expression inside a description of one of the event's arguments dates that description,
# never the event: inside an apposition ("... of X, the city overrun by militants in 2014"), or
# a coarse one (a month, season or year: history) inside a relative or participial clause hanging
# from another word than the trigger ("... X, which militants overran in 2014").

CLAUSES = frozenset(("relcl", "acl"))
# A dateline ("Juba, July 22 (Agency): ...", "May 7, 2020 (Outlet) — ...") stamps the report, not
# the event: a verb-less prefix of an article's opening sentence, ended by a dash or "):".
DATELINE_SEPARATORS = ("—", "–", "):", " -- ", " - ")
DATELINE_MAX = 80     # characters of the prefix
DATELINE_OPENING = 400  # the sentence starts within this many characters of the article

def event_date(sent, trigger, anchor, times, published: date | None, own_only: bool = False,
               reporting: frozenset = frozenset()):
    """(EventDate | None, weak) for a trigger token in ``sent``."""
    from ...records import EventDate

    stamp = dateline_end(sent)
    usable = [t for t in times if t.date_start is not None and t.end > stamp
              and not describes_argument(sent, t, trigger, anchor)]
    if own_only:
        lo = anchor.left_edge.idx - sent.start_char
        hi = anchor.right_edge.idx + len(anchor.right_edge) - sent.start_char
        usable = [t for t in usable if lo <= t.start < hi]
    if usable:
        pos = trigger.idx - sent.start_char
        clause = trigger
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head is not clause:
            clause = clause.head
        lo = clause.left_edge.idx - sent.start_char
        hi = clause.right_edge.idx + len(clause.right_edge.text) - sent.start_char
        inside = [t for t in usable if lo <= t.start < hi]
        best = min(inside or usable, key=lambda t: abs(t.start - pos))
        weak = _governs(sent, best, reporting, trigger)
        return EventDate(text=best.text, start=best.date_start, end=best.date_end, precision=best.precision), weak
    if own_only:
        return None, False
    found = context_time(sent, published)
    if found is None:
        return None, False
    return EventDate(text=found.text, start=found.date_start, end=found.date_end, precision=found.precision), True


def _governs(sent, expr: TimeExpression, reporting: frozenset, trigger) -> bool:
    """True when the time expression hangs from a reporting verb that is not the trigger."""
    first = _first_token(sent, expr)
    if first is None:
        return False
    tok, steps = first, 0
    while tok.head is not tok and steps < 4:
        tok, steps = tok.head, steps + 1
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i != trigger.i and tok.lemma_.lower() in reporting
    return False




def _first_token(sent, expr: TimeExpression):
    return next((t for t in sent if t.idx - sent.start_char >= expr.start), None)


def describes_argument(sent, expr: TimeExpression, trigger, anchor) -> bool:
    """True when ``expr`` lies in an apposition, or (a coarse ``expr``) in a relative/participial
    clause, that hangs from another word than the trigger (or its anchor) and does not contain them."""
    tok = _first_token(sent, expr)
    if tok is None:
        return False
    own = {trigger.i, anchor.i}
    event_path = {t.i for t in (trigger, anchor)} | {t.i for t in trigger.ancestors} | {t.i for t in anchor.ancestors}
    coarse = expr.precision not in ("day", "week")
    while tok.head is not tok and tok.i not in event_path:
        if tok.head.i not in own and (tok.dep_ == "appos" or (coarse and tok.dep_ in CLAUSES)):
            return True
        tok = tok.head
    return False


def dateline_end(sent) -> int:
    """End (in the sentence's text) of a dateline that opens the sentence, else -1."""
    if sent.start_char > DATELINE_OPENING:
        return -1
    head = sent.text[:DATELINE_MAX]
    cuts = [head.find(sep) for sep in DATELINE_SEPARATORS if head.find(sep) > 0]
    if not cuts:
        return -1
    cut = min(cuts)
    if any(t.pos_ in ("VERB", "AUX") and t.idx - sent.start_char < cut for t in sent):
        return -1
    return cut
