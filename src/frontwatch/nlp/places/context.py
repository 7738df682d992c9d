"""Territorial context: a name that is taken, held, besieged or "under X control" is a place.

The model often labels a lone town name ORG, PRODUCT or PERSON, or nothing at all when it opens
a sentence ("Kobani has been under YPG control since 2015"). These syntactic frames, read from
the dependency parse, say that the name denotes territory, so the gazetteer matcher may accept it
(``recognise.Recogniser``) when a populated place of that name exists.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

# Verbs whose object (or passive subject) is territory: "captured Kobani", "Sirte was liberated".
TERRITORY_VERBS = frozenset("""
capture recapture seize take retake hold control liberate free besiege encircle surround storm
overrun enter occupy lose abandon evacuate shell bombard reclaim regain annex raze
""".split())
# Intransitive verbs whose subject is territory: "Mosul fell", "Aleppo remained under siege".
FALL_VERBS = frozenset({"fall"})
# "under X control / rule / siege / occupation": the nouns after "under" that mark territory.
UNDER_NOUNS = frozenset({"control", "rule", "siege", "occupation", "administration", "blockade"})
STATE_VERBS = frozenset({"be", "remain", "come", "fall", "stay"})


def _under_control(verb: Token) -> bool:
    """``verb`` ("has been", "remains", "came") governs "under <actor> control"."""
    for child in verb.children:
        if child.text.lower() == "under" and child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in UNDER_NOUNS:
                    return True
    return False


def territorial(doc: Doc, i: int, j: int) -> bool:
    """True when the span doc[i:j] is the territory of a capture, a hold or a siege."""
    root = doc[i:j].root
    head = root.head
    lemma = head.lemma_.lower()
    if head.i == root.i:
        return False
    if root.dep_ in ("dobj", "obj") and lemma in TERRITORY_VERBS:
        return True
    if root.dep_ == "nsubjpass" and lemma in TERRITORY_VERBS:
        return True
    if root.dep_ == "nsubj" and (lemma in FALL_VERBS or (lemma in STATE_VERBS and _under_control(head))):
        return True
    return False
