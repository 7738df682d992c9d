"""Toponym recognition: spaCy place entities plus a gazetteer matcher over capitalised spans.

The matcher finds names the model misses or mislabels ("al Qaim" tagged PERSON), and keeps out
demonyms, names inside longer organisation/person/work names, and common words.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...geo import Gazetteer
from ...geo.aliases import ADMIN_WORDS, INSTITUTION_WORDS, IRREGULAR_DEMONYMS
from ...geo.build import ADMIN, COUNTRY
from ...geo.normalize import ARTICLES, fold, initial
from .translit import Folding, fold_unknown, folded_rows, folding
from .accept import (LOCAL_UNITS, PLACE_CUE_WORDS, PLACE_LABELS, SETTLEMENT_WORDS, AcceptModel,
                     capitalised as _capitalised, outside_longer_entity, placed_by_context)

CONNECTORS = frozenset({"of", "de", "la", "le", "du", "del", "des", "da", "do", "dos", "das",
                        "on", "upon", "y", "-", "'", "’", "the"}) | ARTICLES
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "nearby", "suburb", "suburbs",
                        "north", "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "northern", "southern", "eastern", "western", "countryside",
                        "vicinity", "edge", "edges", "neighborhood", "neighbourhood", "district",
                        "km", "kilometers", "kilometres", "miles", "mi", "environs", "periphery"})
MAX_TOKENS = 5
INNER_LOCATIVES = frozenset({"in", "at", "near"})
# Words that open a span without being part of the name ("Near Ayn Isa", "East Mosul").
LEADING_CUES = frozenset({"near", "outside", "around", "north", "south", "east", "west", "northern",
                          "southern", "eastern", "western", "central", "northeast", "northwest",
                          "southeast", "southwest", "northeastern", "northwestern", "southeastern",
                          "southwestern", "downtown", "greater", "rural"})
# Generic words that name no place on their own, whatever town or region shares the name.
GENERIC_WORDS = LEADING_CUES | frozenset({
    "camp", "river", "lake", "mount", "mountain", "key", "officer", "minister", "air", "force",
    "forces", "base", "port", "city", "town", "state", "island", "valley", "bay", "gulf", "sea",
    "new", "old", "great", "little", "upper", "lower", "middle", "coast", "border", "capital",
    "road", "street", "bridge", "dam", "airport", "district", "province", "region", "county",
    "village", "centre", "center", "field", "square", "park", "hill", "hills", "beach",
})


@dataclass
class Mention:
    """A recognised toponym span and what the context says about it."""

    start: int  # char offsets into doc.text
    end: int
    tok_start: int
    tok_end: int
    text: str
    key: str  # folded lookup name (articles like "the" removed)
    source: str  # "ner" | "matcher"
    rows: list[tuple[int, bool]] = field(default_factory=list)
    near: bool = False
    admin_cue: bool = False
    place_cue: bool = False  # "the village of X", "X town", "in the area of X": a settlement
    country_hint: str | None = None
    based: bool = False  # "X-based": a city


def _clean_span(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop possessive endings and trailing punctuation tokens from token range [i, j)."""
    while j > i and (doc[j - 1].text in ("'s", "’s", "'", "’", "-", ".", ",") or doc[j - 1].is_space):
        if doc[j - 1].text == "." and j - 1 > i and _abbreviation(doc[j - 2].text):
            break  # "W.Va.", "Ont.": the period belongs to the name
        j -= 1
    return i, j


def _abbreviation(text: str) -> bool:
    """A token that an abbreviating period follows: "W.Va", "Ont", "Calif"."""
    return "." in text or (text[:1].isupper() and text.isalpha() and len(text) <= 5)


def _lookup_name(span_text: str) -> str:
    key = fold(span_text)
    return key


class Recogniser:
    """Finds toponym mentions in a parsed Doc using NER output and the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 2000,
                 min_population_multi: int = 1000, max_candidates: int = 60,
                 accept_model: AcceptModel | None = None, transliterate: bool = True):
        self.gaz = gazetteer
        self.min_population = min_population
        self.min_population_multi = min_population_multi
        self.max_candidates = max_candidates
        self.min_fuzzy_population = 10_000  # spelling variants only of towns of some size
        self._cache: dict[tuple[str, bool], list[tuple[int, bool]]] = {}
        self.doc_countries: set[str] = set()  # of the article being read (set by ``find``)
        self.lower_words: set[str] = set()  # its words written in lower case
        self.demonyms: dict[str, str] = {**getattr(gazetteer, "demonyms", {}), **IRREGULAR_DEMONYMS}
        self.accept_model = accept_model or AcceptModel()
        # spelling variants inside the article's countries (``translit``); None: exact names only
        self.folding: Folding | None = folding() if transliterate else None
        self._folded: dict[str, list[tuple[int, str, float]]] = {}  # (translit._candidates)

    # ------------------------------------------------------------------ lookups
    def rows(self, name: str, fuzzy: bool = True) -> list[tuple[int, bool]]:
        cache_key = (name, fuzzy)
        hit = self._cache.get(cache_key)
        if hit is None:
            gaz = self.gaz
            first = initial(name)
            rows = [(r, e) for r, e in gaz.rows_for(name, fuzzy)
                    if e or (gaz.population(r) >= self.min_fuzzy_population or gaz.kind_of(r) in (ADMIN, COUNTRY))
                    and initial(gaz.name_of(r)) == first]
            if len(rows) > self.max_candidates:
                pop = self.gaz.population
                rows = sorted(rows, key=lambda r: (not r[1], -pop(r[0])))[: self.max_candidates]
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[cache_key] = hit = rows
        return hit

    def folded_rows(self, name: str, seen=(), countries=None) -> list[tuple[int, bool]]:
        """Rows in the article's countries (``countries``, default: ``doc_countries``) whose name
        is a spelling of the name: ``translit.folded_rows``."""
        return folded_rows(self, name, seen, self.doc_countries if countries is None else countries)

    def best_population(self, rows: list[tuple[int, bool]], exact_only: bool = False) -> int:
        pops = [self.gaz.population(r) if self.gaz.kind_of(r) not in (ADMIN, COUNTRY) else 10**7
                for r, e in rows if e or not exact_only]
        return max(pops, default=0)

    # ------------------------------------------------------------------ recognition
    def find(self, doc: Doc) -> list[Mention]:
        self.doc_countries = set()  # not known before the model's places are read
        taken = [None] * len(doc)  # token -> mention index
        mentions: list[Mention] = []
        ent_label = [None] * len(doc)
        ent_of = [None] * len(doc)
        for ent in doc.ents:
            if len(ent) > 1 and ent[0].lower_ in ("near", "outside", "around"):
                # "Near Kirkuk" tagged PERSON: only the name after the cue is the entity
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            if ent.label_ not in PLACE_LABELS:
                # "the Cabinet of Ministers in Kyiv" tagged ORG: the name after an inner "in/at/near"
                # is where the organisation sits, a span of its own for the matcher
                k = next((k for k in range(ent.start + 1, ent.end - 1) if doc[k].lower_ in INNER_LOCATIVES
                          and _capitalised(doc[k + 1])), None)
                if k is not None:
                    ent = Span(doc, ent.start, k, label=ent.label_)
                elif doc[ent.end - 1].lower_ in ADMIN_WORDS | PLACE_CUE_WORDS and \
                        any(doc[t].lower_ == "of" for t in range(ent.start + 1, ent.end - 1)):
                    continue  # "Khak Chopan of Maywand district" tagged ORG: places, not one name
            for t in range(ent.start, ent.end):
                ent_label[t] = ent.label_
                ent_of[t] = ent

        def add(i: int, j: int, source: str, rows) -> bool:
            # the name without a leading "the": "the United States" -> "United States"
            name_start = i + 1 if doc[i].lower_ == "the" and j - i > 1 else i
            if j - name_start == 1 and doc[name_start].lower_ in GENERIC_WORDS:
                return False  # "Camp", "East", "River" alone name no place
            span = doc[name_start:j]
            m = Mention(span.start_char, span.end_char, name_start, j, span.text,
                        _lookup_name(span.text), source, rows)
            for t in range(i, j):
                taken[t] = len(mentions)
            mentions.append(m)
            return True

        # 1. model entities labelled as places
        unknown: list[tuple[int, int]] = []  # ... with no gazetteer entry of that name
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            i, j = _clean_span(doc, ent.start, ent.end)
            i = self._strip_cues(doc, i, j)
            if j <= i:
                continue
            # a longer gazetteer name extending the entity ("Deir" -> "Deir ez Zour")
            ext = self._extend(doc, i, j)
            if ext:
                i, j, rows = ext
                if any(taken[t] is not None for t in range(i, j)):
                    continue
                add(i, j, "ner", rows)
                continue
            name_i = i + 1 if doc[i].lower_ == "the" and j - i > 1 else i
            rows = self.rows(doc[name_i:j].text)
            if not rows and j - name_i > 1 and doc[j - 1].lower_ in ADMIN_WORDS | LOCAL_UNITS:
                rows = self.rows(doc[name_i:j - 1].text)
            if rows:
                add(i, j, "ner", rows)
            elif any(doc[t].text == "," for t in range(name_i, j)):
                # "Marti, Samburu" as one entity: each part a name of its own
                parts, start = [], name_i
                for t in range(name_i, j + 1):
                    if t == j or doc[t].text == ",":
                        if t > start:
                            parts.append((start, t))
                        start = t + 1
                for a, b in parts:
                    part_rows = self.rows(doc[a:b].text)
                    if part_rows and self._can_end(doc, a, b):
                        add(a, b, "ner", part_rows)
                    else:
                        unknown.append((a, b))
            else:
                unknown.append((i, j))
        # 1b. a place opening an institution's name: "Henderson County Jail", "Mosul University"
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "FAC") and not (ent.label_ in PLACE_LABELS and
                                                        taken[ent.start] is None):
                continue
            name_i = ent.start + 1 if doc[ent.start].lower_ == "the" else ent.start
            if ent.label_ == "ORG" and taken[name_i] is None and ent.end - name_i <= MAX_TOKENS \
                    and self._can_end(doc, name_i, ent.end) and placed_by_context(self, doc, name_i, ent.end, taken):
                rows = self.rows(doc[name_i:ent.end].text, fuzzy=False)
                if rows and self.best_population(rows) >= self.min_population_multi:
                    add(name_i, ent.end, "ner", rows)  # "Post Falls, Idaho" tagged ORG: the whole name
                    continue
            if ent.end - name_i > 1 and self._can_end(doc, name_i, ent.end) and \
                    any(e for _, e in self.rows(doc[name_i:ent.end].text, fuzzy=False)):
                continue  # "Tell Abiad" tagged ORG: a place's whole name, not "Tell" opening an institution
            for k in range(min(ent.end - 1, name_i + 4), name_i, -1):
                nxt = doc[k]
                named = _capitalised(nxt) and not nxt.is_stop
                if not (nxt.lower_ in INSTITUTION_WORDS or named) or not self._can_end(doc, name_i, k):
                    continue
                if any(taken[t] is not None for t in range(name_i, k)):
                    break
                rows = self.rows(doc[name_i:k].text, fuzzy=False)
                floor = self.min_population_multi if nxt.lower_ in INSTITUTION_WORDS else self.min_population
                if rows and self.best_population(rows) >= floor:
                    add(name_i, k, "ner", rows)
                    break

        self.doc_countries = self._countries(doc, mentions)
        self.lower_words = {t.lower_ for t in doc if t.is_lower}
        # 2. gazetteer matcher over capitalised spans
        n = len(doc)
        i = 0
        while i < n:
            if taken[i] is not None or not self._can_start(doc, i):
                i += 1
                continue
            found = None
            longer = None  # the longest rejected span from i that a gazetteer entry names exactly
            for j in range(min(n, i + MAX_TOKENS), i, -1):
                if any(taken[t] is not None for t in range(i, j)):
                    continue
                if not self._can_end(doc, i, j):
                    continue
                found = self._accept(doc, i, j, ent_label, ent_of, taken)
                if found and longer is not None:
                    # "in Buni Yadi" with "Yadi" read as a person: the accepted "Buni" is the
                    # start of a longer name the gazetteer holds, and that name is meant
                    j, found = longer
                if found and add(i, j, "matcher", found):
                    break
                found = None
                if longer is None and j - i > 1 and not any(doc[t].is_punct for t in range(i, j)):
                    rows = [(r, e) for r, e in self.rows(doc[i:j].text, fuzzy=False) if e]
                    if rows:
                        longer = (j, rows)
            i = (mentions[-1].tok_end if found else i + 1)

        # 3. one sense per discourse: other mentions of a recognised name, whatever their label
        names = {m.key for m in mentions}
        if names:
            for t in range(n):
                if taken[t] is not None or not _capitalised(doc[t]):
                    continue
                for j in range(min(n, t + MAX_TOKENS), t, -1):
                    if any(taken[x] is not None for x in range(t, j)):
                        continue
                    if fold(doc[t:j].text) in names and outside_longer_entity(t, j, ent_of):
                        add(t, j, "discourse", self.rows(doc[t:j].text))
                        break
        if self.folding is not None:
            fold_unknown(self, doc, mentions, unknown, taken, add)
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            self.add_cues(doc, m)
        return mentions

    def _extend(self, doc: Doc, i: int, j: int):
        """A longer capitalised name starting at the entity, found in the gazetteer."""
        n = len(doc)
        for k in range(min(n, i + MAX_TOKENS), j, -1):
            if not self._can_end(doc, i, k) or any(doc[t].is_punct and doc[t].text not in "-'’"
                                                   for t in range(i, k)):
                continue
            rows = self.rows(doc[i:k].text)
            if rows:
                return i, k, rows
        return None

    def _strip_cues(self, doc: Doc, i: int, j: int) -> int:
        """Skip leading "Near", "Outside", and direction words that are not part of the name:
        "Near Al Shadaddi" -> "Al Shadaddi", "East Mosul" -> "Mosul", but "East Timor" stays."""
        while j - i > 1 and doc[i].lower_ in LEADING_CUES and not any(
                e for _, e in self.rows(doc[i:j].text, fuzzy=False)):
            i += 1
        return i

    @staticmethod
    def _can_start(doc: Doc, i: int) -> bool:
        tok = doc[i]
        if tok.lower_ in ("near", "outside", "around"):
            return False
        if _capitalised(tok):
            return True
        # a lower-case Arabic article directly before a capitalised word: "al Qaim", "al-Bab"
        if tok.lower_ in ARTICLES and i + 1 < len(doc):
            nxt = doc[i + 1] if doc[i + 1].text not in "-" or i + 2 >= len(doc) else doc[i + 2]
            return _capitalised(nxt)
        return False

    @staticmethod
    def _can_end(doc: Doc, i: int, j: int) -> bool:
        last = doc[j - 1]
        if not _capitalised(last):
            return False
        for t in range(i, j):
            tok = doc[t]
            if tok.is_space or (t > i and doc[t - 1].whitespace_ and "\n" in doc[t - 1].whitespace_):
                return False
            if not _capitalised(tok) and tok.lower_ not in CONNECTORS:
                return False
        return True

    def _accept(self, doc: Doc, i: int, j: int, ent_label, ent_of, taken=()):
        """Candidate rows when doc[i:j] is a toponym the model did not label a place: one scored
        decision over named features (``accept.AcceptModel``)."""
        return self.accept_model.decide(self, doc, i, j, ent_label, ent_of, taken)

    def _countries(self, doc: Doc, mentions: list[Mention], regions: bool = False) -> set[str]:
        """Countries the article names so far: country names, regions of one country, demonyms
        (``regions``: also a name whose regions all lie in one country, whatever towns share it)."""
        gaz = self.gaz
        out = set()
        for m in mentions:
            exact = [r for r, e in m.rows if e]
            kinds = {gaz.kind_of(r) for r in exact}
            ccs = {gaz.country_of(r) for r in exact}
            admin_ccs = {gaz.country_of(r) for r in exact if gaz.kind_of(r) == ADMIN}
            if COUNTRY in kinds:
                out.update(gaz.country_of(r) for r in exact if gaz.kind_of(r) == COUNTRY)
            elif kinds == {ADMIN} and len(ccs) == 1:
                out.update(ccs)
            elif regions and len(admin_ccs) == 1:
                out.update(admin_ccs)
        for ent in doc.ents:
            if ent.label_ == "NORP":
                cc = self.demonyms.get(ent.text) or self.demonyms.get(ent.text[:-1])
                if cc:
                    out.add(cc)
        out.discard("")
        return out

    # ------------------------------------------------------------------ context cues
    def add_cues(self, doc: Doc, m: Mention) -> None:
        i, j = m.tok_start, m.tok_end
        if i > 0 and doc[i - 1].lower_ == "the":  # cues look past the article: "near the X"
            i -= 1
        before = [doc[t].lower_ for t in range(max(0, i - 4), i)]
        if any(w in NEAR_WORDS for w in before[-3:]) or (before[-2:] == ["outskirts", "of"]):
            m.near = True
        nxt = doc[j].lower_ if j < len(doc) else ""
        if nxt == "-" and j + 1 < len(doc) and doc[j + 1].lower_ == "based":
            m.based = True
        if nxt in ADMIN_WORDS or (len(before) >= 2 and before[-2] in ADMIN_WORDS and before[-1] == "of"):
            m.admin_cue = True
        elif nxt in PLACE_CUE_WORDS or (len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_CUE_WORDS):
            m.place_cue = True
        # "the Syrian city of X", "the Iraqi cities of A and B", "X, Syria"
        sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
        for t in range(i - 1, max(sent_start, i - 9) - 1, -1):
            tok = doc[t]
            if tok.ent_type_ == "NORP" and t + 1 < len(doc) and doc[t + 1].lower_ in SETTLEMENT_WORDS:
                m.country_hint = tok.text
                break
        if j + 1 < len(doc) and doc[j].text in (",", "(") and _capitalised(doc[j + 1]):
            k = j + 1  # "X, Syria", "X (Masisi, Nord-Kivu)"
            while k < len(doc) and k < j + 4 and (_capitalised(doc[k]) or doc[k].text in (".", "-")):
                if doc[k].text == "." and k + 1 < len(doc) and doc[k + 1].is_sent_start:
                    break  # "X, Samburu. One ...": the sentence ends with the apposition
                k += 1
            m.country_hint = doc[j + 1:k].text.rstrip(".") or m.country_hint
