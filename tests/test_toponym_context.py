"""places.context.territorial on hand-built parses (no model): which frames make a name territory."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from frontwatch.nlp.places.context import territorial


def parsed(words, heads, deps, lemmas):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_object_of_a_capture_and_passive_subject_of_a_hold():
    doc = parsed(["Rebels", "captured", "Manbij", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                 ["rebel", "capture", "Manbij", "."])
    assert territorial(doc, 2, 3) and not territorial(doc, 0, 1)
    doc = parsed(["Tal", "Abyad", "was", "held", "by", "the", "SDF"], [1, 3, 3, 3, 3, 6, 4],
                 ["compound", "nsubjpass", "auxpass", "ROOT", "agent", "det", "pobj"],
                 ["Tal", "Abyad", "be", "hold", "by", "the", "SDF"])
    assert territorial(doc, 0, 2) and not territorial(doc, 6, 7)


def test_a_town_that_fell_or_is_under_control_but_not_one_that_is_quiet():
    doc = parsed(["Raqqa", "fell", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], ["Raqqa", "fall", "."])
    assert territorial(doc, 0, 1)
    doc = parsed(["Manbij", "is", "under", "SDF", "control"], [1, 1, 1, 4, 2],
                 ["nsubj", "ROOT", "prep", "compound", "pobj"], ["Manbij", "be", "under", "SDF", "control"])
    assert territorial(doc, 0, 1)
    doc = parsed(["Manbij", "is", "under", "pressure"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                 ["Manbij", "be", "under", "pressure"])
    assert not territorial(doc, 0, 1)
    doc = parsed(["Manbij", "was", "quiet"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], ["Manbij", "be", "quiet"])
    assert not territorial(doc, 0, 1)
    doc = parsed(["Smith", "praised", "Manbij"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["Smith", "praise", "Manbij"])
    assert not territorial(doc, 2, 3)
