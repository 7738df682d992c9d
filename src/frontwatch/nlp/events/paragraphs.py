"""Component ``frontwatch_paragraphs`` and the headline: where sentences and the article body start.

A blank line always ends a sentence; a short lowercase label and a colon ('Looting: ...') open a
sentence of their own; the headline (a short Title Case or unpunctuated first line before a blank
line) is not coded (``_headline_end``).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "frontwatch_paragraphs"
BULLETS = frozenset("•-*–—·")
FINAL_PUNCT = frozenset('.!?:"”’')


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence, a single line break only after final punctuation or
    before a bullet (hard-wrapped lines stay joined); the parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.text.count("\n") >= 2 or nxt.text[:1] in BULLETS or \
                (prev is not None and prev.text[-1:] in FINAL_PUNCT):
            nxt.is_sent_start = True
    for start in [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]:
        end = _label_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
    return doc


def _label_end(doc: Doc, start: int) -> int | None:
    """'Looting: On 2 May ...', 'Movement of forces: ...': a short lowercase label and a colon
    open the line; the text after it is a sentence of its own (so that the label is no subject).
    Datelines ('KABUL: ...') and names are not labels."""
    for i in range(start, min(start + 5, len(doc) - 1)):
        tok = doc[i]
        if tok.text == ":":
            words = doc[start:i]
            if not words or i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
                return None
            if any(w.tag_ in ("NNP", "NNPS") or w.is_upper or w.like_num for w in words):
                return None
            return i + 1
        if not (tok.is_alpha or tok.text == "-"):
            return None
    return None


def _headline_end(text: str) -> int:
    """Char offset where the body starts: after a headline (a short first line followed by a
    blank line that lacks final punctuation or is in Title Case); 0 when there is none."""
    cut = text.find("\n\n")
    first = text[:cut].strip() if cut > 0 else ""
    if not first or cut >= 300 or "\n" in first:
        return 0
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", first) if len(w) > 3]
    title_case = bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    unpunctuated = not first.rstrip("”\"'’)").endswith((".", "!", "?"))
    return cut if (title_case or unpunctuated) else 0
