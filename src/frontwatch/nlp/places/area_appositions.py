"""Names located by an area apposition: "Kagara (Rafi LGA, Niger)", "Toula (Douentza, Mopti)".

A capitalised name directly followed by a parenthesis that names areas is a place when the
gazetteer holds an entry of that name lying in one of those areas (its first- or second-level
region is named there). The model often tags the whole run as a person or an organisation, so the
recogniser's own checks miss it; the apposition is the evidence. Nothing else is added: a name
whose entries all lie elsewhere stays unrecognised.
"""
from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.geo.areas import area_keys, named_areas
from frontwatch.geo.build import COUNTRY, NATURAL
from frontwatch.geo.normalize import fold

MAX_NAME_TOKENS = 4
MAX_PAREN_TOKENS = 12
CONNECTORS = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "ash", "az", "ez", "de", "du", "la", "le", "-",
                        "'", "’"})


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _parenthesis(doc: Doc, k: int) -> str | None:
    """Text inside the parenthesis opening at token k, when it is a short list of names."""
    end = k + 1
    while end < len(doc) and end <= k + MAX_PAREN_TOKENS and doc[end].text not in (")", "]"):
        end += 1
    if end >= len(doc) or doc[end].text not in (")", "]") or end == k + 1:
        return None
    inner = doc[k + 1:end]
    if not any(_capitalised(t.text) for t in inner) or any(t.like_num or t.is_stop and t.lower_ not in CONNECTORS
                                                            for t in inner):
        return None
    return inner.text


def apposed_names(doc: Doc, gaz, taken: set[int]) -> list[tuple[int, int, list[tuple[int, bool]]]]:
    """(token start, token end, candidate rows) of names located by the parenthesis after them."""
    out = []
    for k, tok in enumerate(doc):
        if tok.text not in ("(", "[") or k == 0 or not _capitalised(doc[k - 1].text):
            continue
        inner = _parenthesis(doc, k)
        if inner is None:
            continue
        areas = named_areas(inner)
        if not areas:
            continue
        j = k
        # the longest name (earliest start) with an entry inside the named areas
        found = None
        for i in range(k - 1, max(-1, k - 1 - MAX_NAME_TOKENS), -1):
            t = doc[i]
            if not (_capitalised(t.text) or t.lower_ in CONNECTORS):
                break
            if not _capitalised(t.text) or any(x in taken for x in range(i, j)):
                continue
            rows = [(r, e) for r, e in gaz.rows_for(doc[i:j].text, fuzzy=False) if e]
            if fold(doc[i:j].text) and any(gaz.kind_of(r) not in (COUNTRY, NATURAL) and
                   (area_keys(gaz.admin1_of(r)) | area_keys(gaz.admin2_of(r))) & areas for r, _ in rows):
                found = (i, j, rows)
        if found:
            out.append(found)
            taken.update(range(found[0], found[1]))
    return out
