"""Facts about one event's clause that the ACLED codebook rules read (``codebook.Features``).

* ``victims_of``: who the violence hits, from the objects of the event's violent verbs
  ("killed 2 residents", "opened fire on a civilian car", "killed three members of the X
  community"): ``protesters`` when protesters are hit, ``civilians`` when only other
  non-combatants are named, ``armed`` when only armed people, ``mixed`` or ``none``.
* ``crowd_violence``: a protest whose own crowd burns, barricades or fights in the same
  sentence ("residents demonstrating ... burned tires", "barricaded roads and protested").
* ``mishap``: a device that went off in its own users' hands ("exploded prematurely",
  "an IED they were assembling exploded"): ACLED's disrupted weapons use.
* ``two_sided_words``: "in both directions", "exchange of fire": fire from two sides.

Word lists live in ``data/acled_codebook.json`` (``victim_verbs``, ``mishap_words``,
``two_sided_phrases``); the person classes are ``codebook``'s.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from .codebook import ARMED_HEADS, CIVILIAN_HEADS, CROWD_HEADS, PROTEST_HEADS, RIOT_HEADS, STATE_HEADS, codebook

TARGET_PREPS = frozenset("on at against upon".split())
GROUP_WORDS = frozenset("community communities family families village villages tribe clan congregation".split())
OBJECT_DEPS = frozenset("dobj nsubjpass".split())


def _person_class(tok: Token) -> str | None:
    """'civ', 'armed' or None for a victim noun (its head word, 'civilian' modifiers, 'members of a community')."""
    words = {tok.lower_, tok.lemma_.lower()}
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
    if "civilian" in mods or "civilians" in mods:
        return "civ"
    if tok.lemma_.lower() in ("member", "members") or tok.lower_ in ("members",):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (obj.lower_ in GROUP_WORDS or obj.lemma_.lower() in GROUP_WORDS):
                        return "civ"
                    if obj.dep_ == "pobj":
                        return None
        return None
    if words & PROTEST_HEADS:
        return "protesters"
    if words & CIVILIAN_HEADS or words & CROWD_HEADS:
        return "civ"
    if words & ARMED_HEADS or words & STATE_HEADS:
        return "armed"
    return None


def _with_conj(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(_with_conj(c))
    return out


def victims_of(tokens: Iterable[Token]) -> str:
    """Class of the people the clause's violent verbs act on: civilians, armed, mixed or none."""
    verbs = codebook().victim_verbs
    classes: set[str] = set()
    for tok in tokens:
        head = tok.head
        if tok.dep_ in OBJECT_DEPS and head.lemma_.lower() in verbs:
            pass
        elif tok.dep_ == "pobj" and head.lower_ in TARGET_PREPS and head.head.lemma_.lower() in verbs:
            pass
        else:
            continue
        for noun in _with_conj(tok):
            found = _person_class(noun)
            if found:
                classes.add(found)
    if not classes:
        return "none"
    if "protesters" in classes:
        return "protesters"
    if classes == {"civ"}:
        return "civilians"
    return "armed" if classes == {"armed"} else "mixed"


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "residents demonstrating ...": the noun is the subject
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def crowd_violence(triggers: Sequence[Token]) -> bool:
    """Does the protest's own crowd do violence in the sentence (its verbs or conjoined verbs)?"""
    book = codebook()
    violent = book.violent_crowd
    for trig in triggers:
        subj = _subject(trig)
        related = [t for t in trig.sent if t.pos_ == "VERB" and t.i != trig.i and (
            (t.dep_ == "conj" and t.head.i == trig.i) or (trig.dep_ == "conj" and trig.head.i == t.i)
            or (trig.dep_ == "advcl" and trig.head.i == t.i)
            or (_subject(t) is not None and (subj is not None and _subject(t).i == subj.i
                                             or _subject(t).left_edge.i <= trig.i <= _subject(t).right_edge.i)))]
        for verb in related:
            if verb.lemma_.lower() in violent or verb.lower_ in violent:
                return True
        for verb in trig.sent:  # "residents barricaded roads and protested", the finite verb misparsed as a modifier
            if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and verb.dep_ == "amod" \
                    and (verb.lemma_.lower() in violent or verb.lower_ in violent) \
                    and violent_crowd_subject(_crowd_before(verb)):
                return True
    return False


def _crowd_before(verb: Token) -> Token | None:
    """The nearest subject-like noun left of a misparsed verb ('residents in X barricaded ...')."""
    for tok in reversed(list(verb.sent[:verb.i - verb.sent.start])):
        if tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "ROOT" and tok.pos_ == "NOUN"):
            return tok
    return None


def violent_crowd_subject(tok: Token | None) -> bool:
    """'demonstrators', 'rioters', 'a mob', 'villagers': a crowd can burn and loot without arms."""
    if tok is None:
        return False
    words = {tok.lower_, tok.lemma_.lower()}
    return bool(words & (PROTEST_HEADS | RIOT_HEADS | CROWD_HEADS))


PEOPLE_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "ents")


def people_word(tok: Token) -> bool:
    """'operators', 'students', 'people', 'residents': a noun for people (who can protest), not a thing."""
    words = {tok.lower_, tok.lemma_.lower()}
    if words & (CIVILIAN_HEADS | CROWD_HEADS | PROTEST_HEADS | ARMED_HEADS | STATE_HEADS):
        return True
    return tok.tag_ == "NNS" and tok.lower_.endswith(PEOPLE_SUFFIXES)


def mishap(tokens: Iterable[Token]) -> bool:
    """A device that exploded in its users' hands: 'prematurely', 'accidentally', 'while assembling'."""
    words = codebook().mishap_words
    for tok in tokens:
        if tok.lower_ in words:
            return True
    return False


def two_sided_words(tokens: Sequence[Token]) -> bool:
    """'in both directions', 'exchange of fire', 'exchanged fire': fire from two sides."""
    phrases = codebook().two_sided_phrases
    if not tokens:
        return False
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == phrase or tuple(lemmas[i:i + n]) == phrase:
                return True
    return False
