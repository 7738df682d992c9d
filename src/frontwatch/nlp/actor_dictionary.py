"""The actor dictionary (``data/actors.json``): canonical names, aliases, sector/country codes.

Versioned data, not code: users extend it by editing or replacing the file. Aliases are matched
on whole tokens with spaCy PhraseMatchers built once per vocab (in the pipeline's
``initialize``); ``mentions(doc)`` gives the longest non-overlapping matches.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class ActorEntry:
    name: str
    sector: str
    country: str | None
    state: bool
    generic: bool

    @property
    def armed(self) -> bool:
        return self.sector in ("MIL", "REB", "COP")


@dataclass(frozen=True)
class Mention:
    """An actor dictionary match: token span [start, end) and its entry."""

    start: int
    end: int
    entry: ActorEntry


class ActorDictionary:
    """Loaded once; ``mentions(doc)`` finds all dictionary actors in a Doc."""

    def __init__(self, data: dict):
        self.version = data["version"]
        self.entries: dict[str, ActorEntry] = {}
        self._aliases: dict[str, list[str]] = {}
        self._exact: dict[str, list[str]] = {}
        for item in data["actors"]:
            entry = ActorEntry(item["name"], item["sector"], item.get("country"),
                               bool(item.get("state")), bool(item.get("generic")))
            self.entries[entry.name] = entry
            aliases = list(item.get("aliases", []))
            if not entry.generic:
                aliases.append(entry.name)
            self._aliases[entry.name] = aliases
            self._exact[entry.name] = list(item.get("case_sensitive", []))
        self.security_heads = frozenset(data.get("security_heads", []))
        self.demonyms: dict[str, str | None] = data.get("demonyms", {})
        self.not_actors = frozenset(w.lower() for w in data.get("not_actors", []))
        self._matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}
        self._lookup: dict[str, ActorEntry] = {}
        for name, aliases in self._aliases.items():
            for alias in aliases:
                self._lookup.setdefault(alias.lower(), self.entries[name])

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ActorDictionary":
        return cls(json.loads(Path(path or DATA_DIR / "actors.json").read_text("utf-8")))

    def prepare(self, nlp) -> None:
        """Build the phrase matchers for this pipeline's vocab (done in ``initialize``)."""
        key = id(nlp.vocab)
        if key in self._matchers:
            return
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for name, aliases in self._aliases.items():
            lower.add(name, [nlp.make_doc(a) for a in aliases])
            if self._exact[name]:
                exact.add(name, [nlp.make_doc(a) for a in self._exact[name]])
        self._matchers[key] = (lower, exact)

    def mentions(self, doc: Doc) -> list[Mention]:
        """Longest non-overlapping dictionary matches, in text order."""
        if id(doc.vocab) not in self._matchers:  # e.g. a worker process with its own vocab
            from spacy.lang.en import English

            self.prepare(English(vocab=doc.vocab))
        lower, exact = self._matchers[id(doc.vocab)]
        strings = doc.vocab.strings
        found = [(s, e, strings[m]) for m, s, e in lower(doc)] + [(s, e, strings[m]) for m, s, e in exact(doc)]
        found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken = [False] * len(doc)
        out = []
        for s, e, name in found:
            if any(taken[s:e]):
                continue
            # "US" as a pronoun ("told us") is not the United States.
            if e - s == 1 and doc[s].text == "us":
                continue
            for i in range(s, e):
                taken[i] = True
            out.append(Mention(s, e, self.entries[name]))
        out.sort(key=lambda m: m.start)
        return out

    @property
    def generic_names(self) -> frozenset[str]:
        """Casefolded names of the generic classes ("Civilians", "Security forces", ...)."""
        return frozenset(e.name.casefold() for e in self.entries.values() if e.generic)

    def lookup(self, text: str) -> ActorEntry | None:
        return self._lookup.get(text.lower().strip())
