"""The recogniser's accept decision: one score over named features (hand-built parses and gazetteer)."""
import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.geo import Gazetteer
from frontwatch.geo.build import COUNTRY, PLACE, _Rows
from frontwatch.nlp.places.accept import FEATURES, ROW_FEATURES, SPAN_FEATURES, AcceptModel, load_weights
from frontwatch.nlp.places.recognise import Recogniser


VOCAB = spacy.blank("en").vocab  # lexical attributes (lower case, stop words) of English


def gazetteer() -> Gazetteer:
    rows = _Rows()  # invented names: what matters is population, kind and country
    rows.add("Zembala", 12.0, -1.0, "BF", "Centre", PLACE, 0, 1, ["Zembala"])
    rows.add("Korvana", 14.0, 2.0, "NE", "Tahoua", PLACE, 250000, 2, ["Korvana"])
    rows.add("Burkina Faso", 12.5, -1.5, "BF", "", COUNTRY, 20000000, 3, ["Burkina Faso"])
    return Gazetteer.from_payload(rows.payload())


def parsed(words, pos, heads, deps):
    """A parse by hand: heads are absolute token indices."""
    return Doc(VOCAB, words=words, pos=pos, heads=heads, deps=deps,
               lemmas=[w.lower() for w in words])


def decide(rec, doc, i, j, labels=None):
    ent_label = labels or [None] * len(doc)
    rec.doc_countries = rec._countries(doc, [])
    rec.lower_words = {t.lower_ for t in doc if t.is_lower}
    return rec.accept_model.decide(rec, doc, i, j, ent_label, [None] * len(doc), [None] * len(doc))


def test_the_weights_file_names_every_feature_and_only_known_ones():
    bias, weights = load_weights()
    assert set(weights) == set(FEATURES) and bias < 0
    assert not set(SPAN_FEATURES) & set(ROW_FEATURES)


def test_the_decision_is_the_bias_plus_the_weights_of_the_features_present():
    model = AcceptModel(-1.0, {"sized": 2.0, "opens_sentence": -3.0})
    assert model.score({"sized": True}) == pytest.approx(1.0)
    assert model.score({"sized": True, "opens_sentence": True}) == pytest.approx(-2.0)
    assert model.score({"sized": False, "exact": True}) == pytest.approx(-1.0)  # weight 0: no evidence


def test_a_village_of_unknown_size_needs_a_settlement_cue():
    rec = Recogniser(gazetteer())
    # "Gunmen burned the village of Zembala ." -> the cue makes a population-0 village a place
    doc = parsed(["Gunmen", "burned", "the", "village", "of", "Zembala", "."],
                 ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                 [1, 1, 3, 1, 3, 4, 1], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    assert decide(rec, doc, 5, 6)
    # "Officials met Zembala ." -> no cue, no population: not a place
    doc = parsed(["Officials", "met", "Zembala", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
                 [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"])
    assert decide(rec, doc, 2, 3) is None


def test_a_town_of_some_size_is_taken_but_not_as_a_date_or_a_sentence_opener():
    rec = Recogniser(gazetteer())
    doc = parsed(["Troops", "arrived", "in", "Korvana", "."], ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                 [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"])
    assert decide(rec, doc, 3, 4)
    assert decide(rec, doc, 3, 4, labels=[None, None, None, "DATE", None]) is None
    doc = parsed(["Korvana", "said", "no", "."], ["PROPN", "VERB", "INTJ", "PUNCT"],
                 [1, 1, 1, 1], ["nsubj", "ROOT", "intj", "punct"])
    assert decide(rec, doc, 0, 1) is None


def test_the_trace_records_every_proposed_span_with_its_features():
    rec = Recogniser(gazetteer())
    rec.accept_model.trace = []
    doc = parsed(["Troops", "arrived", "in", "Korvana", "."], ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                 [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"])
    decide(rec, doc, 3, 4)
    (_, i, j, features, score), = rec.accept_model.trace
    assert (i, j) == (3, 4) and features["sized"] and features["locative_before"] and score > 0
