"""One key per party: the store, queries, control and fusion compare actors by ``actor_key``.

A party named by any alias of the actor dictionary ("ISIL", "Daesh", "Islamic State group") has
the casefolded canonical name as key ("isis"); a party the dictionary does not know is keyed by
its name without case, punctuation, a leading article and trailing generic words ("the NAF rebel
forces", "NAF forces" -> "naf"). Light: reads ``data/actors.json`` only (no spaCy), so the store
can key rows and queries.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

__all__ = ["actor_key", "one_name_per_party", "same_party"]

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)
# Words that say what kind of body a named party is, not which party ("NAF rebel forces").
KIND_WORDS = frozenset("forces force fighters militants militant members member rebels rebel troops units unit "
                       "group militia militiamen elements loyalists supporters insurgents".split())


def _norm(text: str) -> str:
    words = _PUNCT.sub(" ", text.casefold().replace("’", "'").replace("'s ", " ")).split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(normalised alias -> key, exact case-sensitive alias -> key, demonyms)."""
    data = json.loads((DATA_DIR / "actors.json").read_text("utf-8"))
    folded: dict[str, str] = {}
    exact: dict[str, str] = {}
    for item in data["actors"]:
        key = _norm(item["name"])
        for alias in [item["name"], *item.get("aliases", [])]:
            folded.setdefault(_norm(alias), key)
        for alias in item.get("case_sensitive", []):
            exact.setdefault(alias, key)
    return folded, exact, frozenset(data.get("demonyms", {}))


def actor_key(name: str | None, text: str | None = None) -> str | None:
    """The party key of an actor name (and, when the name is unknown, its surface text)."""
    folded, exact, demonyms = _tables()
    for said in (name, text):
        if not said or not said.strip():
            continue
        if said.strip() in exact:
            return exact[said.strip()]
        norm = _norm(said)
        if norm in folded:
            return folded[norm]
    if not name or not _norm(name):
        return None
    words = _norm(name).split()
    if len(words) > 1 and words[0] not in demonyms:
        while len(words) > 1 and words[-1] in KIND_WORDS:
            words.pop()  # "NAF rebel forces" -> "naf"; but "Malian forces" stays a state's forces
        if " ".join(words) in folded:
            return folded[" ".join(words)]
    return " ".join(words)


def same_party(a: str | None, b: str | None) -> bool:
    """Do two actor names denote one party (equal keys)?"""
    ka, kb = actor_key(a), actor_key(b)
    return ka is not None and ka == kb


def one_name_per_party(names) -> dict[str, str]:
    """For names of actors from many reports: name -> the name its party is shown under (the
    party's most frequent name; ties: the alphabetically first), so that aliases count as one
    party ("ISIL" and "Daesh" controllers of one town are one controller)."""
    from collections import Counter

    names = [n for n in names if n]
    counts = Counter(names)
    by_key: dict[str, list[str]] = {}
    for n in counts:
        by_key.setdefault(actor_key(n) or n, []).append(n)
    out = {}
    for group in by_key.values():
        best = min(group, key=lambda n: (-counts[n], n))
        out.update({n: best for n in group})
    return out
