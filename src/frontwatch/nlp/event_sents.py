"""Fast sentence lookup: ``Token.sent`` rescans the Doc on every call, so index it once."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "frontwatch_sents"


def sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    """(start token indices, sentence spans) of a Doc, computed once and cached on it."""
    cached = doc.user_data.get(_KEY)
    if cached is None or (cached[1] and cached[1][-1].end != len(doc)):
        spans = list(doc.sents)
        cached = ([s.start for s in spans], spans)
        doc.user_data[_KEY] = cached
    return cached


def sent_of(tok: Token) -> Span:
    """The sentence that contains ``tok``."""
    starts, spans = sentences(tok.doc)
    return spans[bisect_right(starts, tok.i) - 1]


def previous_sent(sent: Span) -> Span | None:
    """The sentence before ``sent`` (None for the first)."""
    if sent.start == 0:
        return None
    return sent_of(sent.doc[sent.start - 1])
