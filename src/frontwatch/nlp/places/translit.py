"""Transliteration folding: one key for the spellings of a name ("Ein Issa", "Ayn Issa", "Ain Isa").

The rules are data (``data/transliteration.json``): article forms, a glued assimilated article,
ordered per-word rewrites and the spelling alternations tried at lookup.  The key is used only
for gazetteer candidates inside the countries an article is about (``Recogniser``): a spelling
variant from anywhere else is no evidence.
"""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from ...geo.aliases import ADMIN_WORDS
from ...geo.build import ADMIN, COUNTRY, PLACE
from ...geo.normalize import fold
from .accept import PLACE_CUE_WORDS


class Folding:
    """The folding table, compiled."""

    def __init__(self, table: dict):
        self.articles = frozenset(table["articles"])
        pattern, self.glued_repl = table["glued_article"]
        self.glued = re.compile(pattern)
        self.rules = [(re.compile(pattern), repl) for pattern, repl, *_ in table["rules"]]
        self.alternations = [(a, b) for a, b in table["alternations"]]
        self.min_similarity = float(table["min_similarity"])
        self.key = lru_cache(maxsize=200_000)(self._key)

    def _word(self, word: str) -> str:
        for pattern, repl in self.rules:
            word = pattern.sub(repl, word)
        return word

    def _key(self, name: str) -> str:
        """The folding key of a name: "Ras al-Ayn" and "Ras el Ain" -> one key."""
        words = fold(name).split()
        words = [w for k, w in enumerate(words) if w not in self.articles or k == len(words) - 1]
        return "".join(self._word(self.glued.sub(self.glued_repl, w)) for w in words)

    def _bare(self, name: str) -> str:
        words = fold(name).split()
        return " ".join(w for k, w in enumerate(words) if w not in self.articles or k == len(words) - 1)

    def similarity(self, a: str, b: str) -> float:
        """How alike two spellings of one name are (0 when their keys differ): the share of
        letters the folded names without articles have in common."""
        if self.key(a) != self.key(b):
            return 0.0
        return SequenceMatcher(None, self._bare(a), self._bare(b)).ratio()

    def same_name(self, a: str, b: str) -> bool:
        """Two spellings of one name: the same key, and most letters shared."""
        return self.similarity(a, b) >= self.min_similarity

    def spellings(self, name: str, limit: int = 16) -> list[str]:
        """The folded name and its spellings under each alternation (for candidate lookup)."""
        base = fold(name)
        out = [base]
        for a, b in self.alternations:
            if a in base:
                variant = base.replace(a, b)
                if variant not in out:
                    out.append(variant)
            if len(out) >= limit:
                break
        return out


@lru_cache(maxsize=1)
def folding() -> Folding:
    """The package's folding table."""
    text = resources.files("frontwatch.data").joinpath("transliteration.json").read_text(encoding="utf-8")
    return Folding(json.loads(text))


# ---------------------------------------------------------------------- lookup for the recogniser
MIN_FOLDED_KEY = 4  # shorter folding keys ("has", "ana") collide within any country
FOLDED_SAME_PLACE_KM = 25.0  # closest spellings farther apart than this are homonyms: ambiguous
CUE_WORDS = ADMIN_WORDS | PLACE_CUE_WORDS


def folded_rows(rec, name: str, seen, countries) -> list[tuple[int, bool]]:
    """Rows in ``countries`` whose name is a spelling of the name ("Ein Issa" -> "Ayn Issa"), as
    exact matches: inside those countries they are one name. Only the closest spellings count,
    and only when they name one place (homonym villages far apart: none)."""
    from .resolve import haversine_km  # (resolve imports the recogniser)

    gaz = rec.gaz
    rows = [(r, sim) for r, cc, sim in _candidates(rec, name) if cc in countries and r not in seen]
    if not rows:
        return []
    best = max(sim for _, sim in rows)
    rows = [r for r, sim in rows if sim >= best - 1e-9]
    lat, lon = gaz.latlon(rows[0])
    if any(haversine_km(lat, lon, *gaz.latlon(r)) > FOLDED_SAME_PLACE_KM for r in rows[1:]):
        return []
    return [(r, True) for r in rows]


def _candidates(rec, name: str) -> list[tuple[int, str, float]]:
    """(row, country, similarity) of every gazetteer row, anywhere, whose name is a spelling of
    the name: the same folding key and most letters shared (cached on the recogniser)."""
    hit = rec._folded.get(name)
    if hit is None:
        gaz, f = rec.gaz, rec.folding
        hit = []
        if len(f.key(name)) >= MIN_FOLDED_KEY:
            found: dict[int, float] = {}
            for spelling in f.spellings(name):
                for r, exact in gaz.rows_for(spelling, fuzzy=True):
                    # a row matched exactly under a spelling of the name, or by its own name
                    sim = f.similarity(name, spelling if exact else gaz.name_of(r))
                    if sim >= f.min_similarity and sim > found.get(r, 0.0):
                        found[r] = sim
            hit = [(r, gaz.country_of(r), sim) for r, sim in found.items() if gaz.kind_of(r) != COUNTRY]
        if len(rec._folded) > 50_000:
            rec._folded.clear()
        rec._folded[name] = hit
    return hit


def fold_unknown(rec, doc: Doc, mentions, unknown, taken, add) -> None:
    """A place name the model found that the gazetteer does not hold as spelled: its spelling
    variants inside the article's countries, near another place the article names."""
    ccs = rec._countries(doc, mentions, regions=True)
    if not ccs:
        return

    def name(i: int, j: int) -> str:
        i = i + 1 if doc[i].lower_ == "the" and j - i > 1 else i
        if j - i > 1 and doc[j - 1].lower_ in CUE_WORDS:
            j -= 1  # "Urozgan province": the name
        return doc[i:j].text

    anchors = [(m.key, r) for m in mentions for r, e in m.rows if e and rec.gaz.kind_of(r) in (PLACE, ADMIN)]
    for m in mentions:
        if m.source == "ner" and not any(e for _, e in m.rows):
            rows = folded_rows(rec, name(m.tok_start, m.tok_end), {r for r, _ in m.rows}, ccs)
            extra = near_named(rec.gaz, rows, anchors, m.key)
            if extra:
                m.rows = m.rows + extra
    for i, j in unknown:
        if all(taken[t] is None for t in range(i, j)):
            rows = near_named(rec.gaz, folded_rows(rec, name(i, j), (), ccs), anchors, "")
            if rows:
                add(i, j, "ner", rows)


def near_named(gaz, rows, anchors, key: str) -> list[tuple[int, bool]]:
    """The rows that lie in a region the article names or near another of its places
    (``anchors``: (mention key, exact row) of the article's other names)."""
    from .resolve import NEAR_KM, haversine_km  # (resolve imports the recogniser)

    out = []
    for r, e in rows:
        lat, lon, region = *gaz.latlon(r), fold(gaz.admin1_of(r))
        for k, a in anchors:
            if k != key and ((region and gaz.kind_of(a) == ADMIN and fold(gaz.name_of(a)) == region)
                             or haversine_km(lat, lon, *gaz.latlon(a)) <= NEAR_KM):
                out.append((r, e))
                break
    return out
