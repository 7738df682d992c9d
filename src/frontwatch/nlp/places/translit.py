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

from ...geo.normalize import fold


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
