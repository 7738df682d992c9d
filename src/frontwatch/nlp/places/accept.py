"""The recogniser's accept decision: one score over named features of a capitalised span.

The gazetteer matcher proposes capitalised spans that the model did not label as places (or
labelled as something else).  Each span gets a set of named binary features — what the
context says (a settlement cue, an admin word, a locative preposition, a territorial verb),
what the span is (proper noun, sentence opener, headline, entity label), what the gazetteer
offers (exact name, population), and how it fits the article (its countries, an appositive
region, a list with recognised places) — and is accepted when

    bias + sum(weight[f] for f in features) > 0

The weights and the bias are data (``data/place_accept.json``), fitted by
``benchmarks/fit_accept.py`` on the tune halves of the geoparsing corpora.  Adding a source of
evidence is adding a feature here and a weight there.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from ...geo.aliases import ADMIN_WORDS
from ...geo.build import ADMIN, COUNTRY, FACILITY, NATURAL
from ..event_sents import sent_of
from .context import territorial

NON_PLACE_LABELS = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                              "CARDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter", "ramadan",
})
# Words that make the name beside them a settlement ("the village of X", "X town", "the area of X").
PLACE_CUE_WORDS = frozenset({"city", "town", "village", "villages", "towns", "locality", "localities",
                             "hamlet", "settlement", "area", "areas", "camp", "neighbourhood", "neighborhood"})
SETTLEMENT_WORDS = frozenset({"city", "cities", "town", "towns", "village", "villages", "capital",
                              "province", "provinces", "governorate", "region", "district",
                              "state", "county", "border", "area", "port"})
# Words between a preposition and the name it places ("in the X area", "in rural X").
SKIPPED_BEFORE = frozenset({"the", "rural", "northern", "southern", "eastern", "western", "central",
                            "north", "south", "east", "west", "greater", "downtown"})
# "the countryside of X": the surroundings of a settlement.
SURROUNDINGS = frozenset({"countryside", "outskirts", "vicinity", "suburbs", "environs", "edge", "periphery"})
# Nouns a place name modifies when it names where people or offices belong ("Gainesville residents").
PEOPLE_OF_PLACE = frozenset({"residents", "resident", "native", "natives", "locals", "officials",
                             "mayor", "police", "court", "council", "authorities", "voters",
                             "neighborhood", "neighbourhood", "area", "suburb", "township"})
# Prepositions right before a name that make a settlement reading likely ("in X", "near X").
SUPPORT_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "around", "of", "between", "and"})
DATELINE_MARKS = frozenset({"—", "–", "-", ",", "--", ":", "("})
# Words right before a name that place it ("from X", "toward X", "visited X").
LOCATIVE_WORDS = frozenset({"in", "near", "at", "from", "to", "into", "outside", "around", "toward",
                            "towards", "of", "across", "through", "via", "between", "and", "or",
                            "inside", "within", "nearby", "on", "throughout", "off", "over", "beyond",
                            "along", "above", "under", "past", "visit", "visited", "leave", "left"})
# Local units named after their town ("Hamilton Township", "Lewisham Borough").
LOCAL_UNITS = frozenset({"township", "borough", "village", "town"})

# The features, in the order of the weights file.  Span features need no gazetteer lookup;
# row features read the candidate rows (computed only when the span features leave a chance).
SPAN_FEATURES = (
    "non_place_label",     # a token the model labelled NORP, DATE, CARDINAL ...
    "demonym_label",       # ... of which NORP ("Kurdish")
    "calendar_word",       # "Monday", "May", "Ramadan"
    "not_proper_noun",     # a capitalised word that is a stop word or not tagged PROPN
    "headline_sentence",   # most words of the sentence capitalised
    "one_word",            # a single capitalised word
    "one_word_not_propn",  # ... not tagged PROPN
    "opens_sentence",      # ... the sentence's first word (and not the territory of a capture)
    "too_short",           # ... shorter than three letters
    "code_like",           # ... an upper-case code with digits or marks ("U2", "A-1")
    "dateline",            # "MOSUL —", "Kobani: ..." a dateline or heading
    "other_label",         # labelled ORG, PERSON, PRODUCT ... by the model
    "territorial",         # captured, held, besieged, "under X control"
    "settlement_of",       # "the village of X", "the area of X"
    "support_preposition", # "in X", "near X", "between X and"
    "locative_before",     # any locative word right before ("from X", "toward X", "visited X")
    "settlement_nearby",   # a settlement word in the six words before
    "people_of_place",     # "X residents", "X police"
    "all_capitals",        # every word in capitals ("KABUL", "UN")
    "common_word",         # the last word also occurs in lower case in the article ("Hope", "hope")
    "located_other_label", # a name the model labelled ORG/PERSON placed by "in/at/near" (maybe past "the",
                           # "rural", a direction) or "the village/countryside of", not possessive:
                           # "attacked a position in Baraboule" (unknown names read as persons)
)
ROW_FEATURES = (
    "exact",               # some candidate matches the name exactly (not a spelling variant)
    "cue_after",           # "X district", "X village" of a name held exactly (not opening a sentence)
    "admin_kind",          # an exact candidate is a country or an administrative region
    "feature_only",        # every candidate is a facility or a natural feature (no settlement)
    "sized",               # the largest candidate reaches the population floor
    "large",               # ... ten times the floor
    "unknown_population",  # a multi-word name with an exact candidate of population 0 (unknown)
    "country_coherent",    # an exact candidate lies in a country the article names
    "region_apposition",   # "X (Region)", "X, Region": a region of a candidate's country
    "place_apposition",    # "X, Idaho": a recognised place follows after a comma
    "listed_with_place",   # "Zilina, Nitra and Kosice": conjoined with a recognised place
    "held_town",           # territorial, a proper name, and a town of some (or unknown) size has it
    "variant_abroad",      # only spelling variants match, none in the countries the article names
    "two_cues",            # an exact candidate and two cues of a settlement here: "in the village
                           # of X" (settlement_of counts twice, region_apposition too), "in X district"
    "placed_norp",         # labelled NORP but no demonym the gazetteer knows, an exact candidate, and
                           # placed by "in/at/near": "found in Aleppo countryside" (tagged NORP)
    "locating_parenthesis",  # an exact candidate, in a parenthesis that follows a name and locates it:
                           # "Fafi town (Fafi, Garissa)", "Kagara (Rafi LGA, Niger)"
)
FEATURES = SPAN_FEATURES + ROW_FEATURES


@lru_cache(maxsize=4)
def load_weights(name: str = "place_accept.json") -> tuple[float, dict[str, float]]:
    """(bias, weight per feature) from the package data file."""
    data = json.loads(resources.files("frontwatch.data").joinpath(name).read_text(encoding="utf-8"))
    weights = {f: float(data["weights"].get(f, 0.0)) for f in FEATURES}
    unknown = set(data["weights"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"{name}: weights for unknown features {sorted(unknown)}")
    return float(data["bias"]), weights


def capitalised(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and any(c.isalpha() for c in t)


def title_case(sent) -> bool:
    """A headline-style sentence where most words are capitalised."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and sum(capitalised(t) for t in words) >= 0.7 * len(words)


def _headline_sentence(doc: Doc, i: int) -> bool:
    """``title_case`` of the sentence of doc[i], computed once per sentence (cached on the doc)."""
    sent = sent_of(doc[i])
    cache = doc.user_data.setdefault("frontwatch_title_case", {})
    if sent.start not in cache:
        cache[sent.start] = title_case(sent)
    return cache[sent.start]


def outside_longer_entity(i: int, j: int, ent_of) -> bool:
    for t in range(i, j):
        ent = ent_of[t]
        if ent is not None and (ent.start < i or ent.end > j):
            return False
    return True


def span_features(doc: Doc, i: int, j: int, ent_label, lower_words=frozenset()) -> dict[str, bool]:
    """The features of doc[i:j] that need no gazetteer lookup (``lower_words``: the article's
    words written in lower case)."""
    labels = {ent_label[t] for t in range(i, j)}
    words = [t for t in range(i, j) if capitalised(doc[t])]
    upper = all(doc[t].text.isupper() for t in words)
    held = territorial(doc, i, j)
    before = [doc[t].lower_ for t in range(max(0, i - 3), i)]
    prev = before[-1] if before else ""
    # the word that places the name, past an article or a direction: "in the X area", "in rural X"
    k = i - 1
    while k > 0 and k > i - 3 and doc[k].lower_ in SKIPPED_BEFORE:
        k -= 1
    placer = doc[k].lower_ if k >= 0 else ""
    placer_of = placer == "of" and k > 0 and doc[k - 1].lower_ in PLACE_CUE_WORDS | SURROUNDINGS
    nxt = doc[j] if j < len(doc) else None
    f = {
        "non_place_label": bool(labels & NON_PLACE_LABELS),
        "demonym_label": "NORP" in labels,
        "calendar_word": any(doc[t].lower_ in CALENDAR_WORDS for t in range(i, j)),
        "not_proper_noun": any(doc[t].is_stop or (doc[t].pos_ not in ("PROPN", "X") and not upper)
                               for t in words),
        "headline_sentence": _headline_sentence(doc, i),
        "one_word": len(words) == 1,
        "other_label": bool(labels - {None} - PLACE_LABELS - NON_PLACE_LABELS),
        "territorial": held,
        "settlement_of": len(before) >= 2 and prev == "of" and before[-2] in PLACE_CUE_WORDS,
        "support_preposition": prev in SUPPORT_PREPOSITIONS,
        "locative_before": prev in LOCATIVE_WORDS,
        "settlement_nearby": any(doc[t].lower_ in SETTLEMENT_WORDS for t in range(max(0, i - 6), i)),
        "people_of_place": nxt is not None and nxt.lower_ in PEOPLE_OF_PLACE,
        "all_capitals": upper,
        "common_word": doc[j - 1].lower_ in lower_words,
    }
    f["_placed"] = (placer in ("in", "at", "near") or placer_of) and k > 0 and not doc[i].is_sent_start
    f["located_other_label"] = (f["other_label"] and (placer in ("in", "at", "near") or placer_of)
                                and k > 0 and not doc[i].is_sent_start and not upper
                                and (nxt is None or nxt.text not in ("'s", "’s", "'", "’")))
    if len(words) == 1:
        tok = doc[words[0]]
        nxt_text = nxt.text if nxt is not None else ""
        f["dateline"] = dateline = ((tok.text.isupper() and nxt_text in DATELINE_MARKS)
                                    or (tok.is_sent_start and nxt_text in ("—", "–", "--", ":")))
        f["one_word_not_propn"] = tok.pos_ != "PROPN" and not dateline
        f["opens_sentence"] = tok.is_sent_start and not held and not dateline
        f["too_short"] = len(tok.text) < 3 and not dateline
        f["code_like"] = tok.text.isupper() and len(tok.text) <= 3 and not tok.text.isalpha()
    return f


def row_features(rec, doc: Doc, i: int, j: int, rows, taken, span: dict[str, bool]) -> dict[str, bool]:
    """The features of doc[i:j] that read its candidate rows and the article's other places
    (``span``: its span features)."""
    multi = not span["one_word"]
    gaz = rec.gaz
    exact = [r for r, e in rows if e]
    floor = rec.min_population_multi if multi else rec.min_population
    best = rec.best_population(rows, exact_only=bool(exact))
    best_any = rec.best_population(rows)
    kinds = {gaz.kind_of(r) for r, _ in rows}
    coherent = bool({gaz.country_of(r) for r in exact} & rec.doc_countries)
    region = _region_apposition(rec, doc, j, exact)
    cues = (2 * span["settlement_of"] + span["support_preposition"] + coherent + 2 * region
            + (j < len(doc) and doc[j].lower_ in PLACE_CUE_WORDS | ADMIN_WORDS))
    return {
        "exact": bool(exact),
        "cue_after": bool(exact) and j < len(doc) and doc[j].lower_ in ADMIN_WORDS | PLACE_CUE_WORDS
        and not doc[i].is_sent_start,
        "admin_kind": any(gaz.kind_of(r) in (ADMIN, COUNTRY) for r in exact),
        "feature_only": kinds <= {FACILITY, NATURAL},
        "sized": best >= floor,
        "large": best_any >= 10 * floor,
        "unknown_population": multi and any(gaz.population(r) == 0 for r in exact),
        "country_coherent": coherent,
        "region_apposition": region,
        "place_apposition": place_apposition(rec, doc, j),
        "listed_with_place": listed_with_place(doc, i, j, taken),
        "held_town": span["territorial"] and not span["not_proper_noun"]
        and ((multi and any(gaz.population(r) == 0 for r in exact))
             or best_any >= (1 if multi else 10) * floor),
        "variant_abroad": not exact and bool(rec.doc_countries)
        and not any(gaz.country_of(r) in rec.doc_countries for r, _ in rows),
        "two_cues": bool(exact) and cues >= 2,
        "locating_parenthesis": bool(exact) and locating_parenthesis(doc, i, j),
        "placed_norp": bool(exact) and span["demonym_label"] and span.get("_placed", False)
        and not _demonym(rec, doc[i:j].text),
    }


def _demonym(rec, text: str) -> bool:
    return text in rec.demonyms or text[:-1] in rec.demonyms or text.rstrip("s") in rec.demonyms


def locating_parenthesis(doc: Doc, i: int, j: int) -> bool:
    """doc[i:j] is a name of a parenthesis opened right after a name or a settlement word, and the
    parenthesis holds names only: "X (Y)", "X village (Y, Z)"."""
    k = i - 1
    while k >= 0 and k > i - 8 and doc[k].text != "(":
        if not (capitalised(doc[k]) or doc[k].text in (",", "-", "'", "’") or doc[k].lower_ in ("al", "el", "ad", "as")
                or doc[k].lower_ in ADMIN_WORDS):
            return False
        k -= 1
    if k <= 0 or doc[k].text != "(":
        return False
    before = doc[k - 1]
    if not (capitalised(before) or before.lower_ in PLACE_CUE_WORDS | ADMIN_WORDS):
        return False
    m = j
    while m < len(doc) and m < j + 8 and doc[m].text != ")":
        if not (capitalised(doc[m]) or doc[m].text in (",", "-", "'", "’") or doc[m].lower_ in ADMIN_WORDS
                or doc[m].lower_ in ("al", "el", "ad", "as")):
            return False
        m += 1
    return m < len(doc) and doc[m].text == ")"


def _region_apposition(rec, doc: Doc, j: int, exact) -> bool:
    """ "X (Region)", "X, Region": a region or country that holds an exact candidate."""
    if not exact or j + 1 >= len(doc) or doc[j].text not in ("(", ",") or not capitalised(doc[j + 1]):
        return False
    gaz = rec.gaz
    k = j + 1
    while k < len(doc) and k < j + 5 and (capitalised(doc[k]) or doc[k].text in ("-", "'")):
        k += 1
    region_cc = {gaz.country_of(r) for r, e in rec.rows(doc[j + 1:k].text, fuzzy=False)
                 if e and gaz.kind_of(r) in (ADMIN, COUNTRY)}
    return any(gaz.country_of(r) in region_cc for r in exact)


def place_apposition(rec, doc: Doc, j: int) -> bool:
    """ "Post Falls, Idaho": a gazetteer entry (not a country-less row) follows after a comma."""
    if not (j + 1 < len(doc) and doc[j].text == "," and capitalised(doc[j + 1])):
        return False
    k = j + 1
    while k < len(doc) and k < j + 4 and (capitalised(doc[k]) or doc[k].text == "."):
        k += 1
    return any(rec.gaz.kind_of(r) != 0 for r, e in rec.rows(doc[j + 1:k].text, fuzzy=False) if e)


def listed_with_place(doc: Doc, i: int, j: int, taken) -> bool:
    """Conjoined with a name already recognised as a place ("Zilina, Nitra and Kosice")."""
    root = doc[i:j].root
    linked = [t for t in (root.head, *root.children) if t.dep_ == "conj" or root.dep_ == "conj"]
    return any(taken and taken[t.i] is not None and not (i <= t.i < j) for t in linked)


def placed_by_context(rec, doc: Doc, i: int, j: int, taken) -> bool:
    """Context that makes a span the model labelled otherwise a place (used for whole ORG names)."""
    return (place_apposition(rec, doc, j)
            or (j < len(doc) and doc[j].lower_ in PEOPLE_OF_PLACE | ADMIN_WORDS | PLACE_CUE_WORDS)
            or listed_with_place(doc, i, j, taken))


class AcceptModel:
    """bias + weights over FEATURES; ``decide`` returns the candidate rows of an accepted span."""

    def __init__(self, bias: float | None = None, weights: dict[str, float] | None = None):
        if bias is None or weights is None:
            bias, weights = load_weights()
        self.bias = bias
        self.weights = {f: float(weights.get(f, 0.0)) for f in FEATURES}
        # the most the row features can add: spans whose span features already sink below it
        # are rejected without a gazetteer lookup (the same decision, computed sooner)
        self.row_headroom = sum(max(0.0, self.weights[f]) for f in ROW_FEATURES)
        self.trace: list | None = None

    def score(self, features: dict[str, bool]) -> float:
        w = self.weights
        return self.bias + sum(w[f] for f, on in features.items() if on and f[0] != "_")  # "_x": helpers

    def decide(self, rec, doc: Doc, i: int, j: int, ent_label, ent_of, taken=()):
        """Candidate rows when doc[i:j] is accepted as a toponym, else None.

        With ``self.trace`` a list, every span with candidates is appended to it as
        (doc, i, j, features, score): the training data of ``benchmarks/fit_accept.py``."""
        trace = self.trace
        if not outside_longer_entity(i, j, ent_of):
            return None  # part of a longer organisation or person name: not a span of its own
        f = span_features(doc, i, j, ent_label, rec.lower_words)
        if self.score(f) + self.row_headroom <= 0 and trace is None:
            return None
        multi = not f["one_word"]
        rows = rec.rows(doc[i:j].text, fuzzy=multi)
        if not rows and multi and doc[j - 1].lower_ in LOCAL_UNITS:
            rows = rec.rows(doc[i:j - 1].text, fuzzy=False)  # "Readington Township": the town
        if not rows:
            return None
        f.update(row_features(rec, doc, i, j, rows, taken, f))
        score = self.score(f)
        if trace is not None:
            trace.append((doc, i, j, f, score))
        return rows if score > 0 else None

