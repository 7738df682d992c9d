"""Event nouns that ``find_triggers`` leaves to light verbs, used as subjects or with a target.

* "a joint patrol by X took place on the highway", "a patrol was conducted": a noun that is an
  event only when something is done with it (``light_only`` in the lexicon) is one also as the
  subject of an occurrence verb ("take place", "occur", "happen") or as the passive subject of
  a light verb;
* "X carried out an operation against Y", "the operation left 3 militants dead": an operation is
  a fight when it has a target ("against") or deaths in its sentence ("clearing operations",
  "offensive operations began" alone are not); search, rescue or relief operations never are.

* "coalition reinforcements reached X", "a new military column entered X": forces on the move
  (``movement_nouns`` as the subject of ``movement_verbs``) are a change to the group's activity.

Word lists: ``operation_words``, ``occurrence_verbs``, ``movement_nouns``, ``movement_verbs``
(optional in ``data/triggers.json``).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .roles import Trigger

DEFAULTS = {
    "occurrence_verbs": ["occur", "happen", "unfold", "proceed"],
    "operation_words": ["operation", "operations", "sweep", "sweeps", "offensives"],
    "movement_nouns": ["reinforcements", "column", "columns", "convoy", "convoys"],
    "movement_verbs": ["arrive", "reach", "enter", "head", "move", "cross", "advance", "roll"],
}
NOT_FIGHTS = frozenset("search rescue relief humanitarian evacuation recovery peacekeeping surgery sting "
                       "medical vaccination".split())
DEATHS = frozenset("kill killed killing dead death deaths die died".split())


def _list(lex: Lexicon, key: str) -> frozenset[str]:
    return lex.words.get(key) or frozenset(DEFAULTS[key])


def _occurs(tok: Token, lex: Lexicon) -> bool:
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ == "nsubj" and lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in head.children):
        return True
    if tok.dep_ == "nsubj" and lemma in _list(lex, "occurrence_verbs"):
        return True
    return tok.dep_ == "nsubjpass" and lex.has("light_verbs", lemma)


def _operation(tok: Token, lex: Lexicon) -> bool:
    if tok.lower_ not in _list(lex, "operation_words"):
        return False
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & NOT_FIGHTS:
        return False
    head = tok.head
    used = (tok.dep_ == "dobj" and head.pos_ == "VERB" and lex.has("light_verbs", head.lemma_.lower())) or \
        tok.dep_ in ("nsubj", "nsubjpass") or _occurs(tok, lex)
    if not used:
        return False
    against = any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)
    deaths = any(t.lemma_.lower() in DEATHS or t.lower_ in DEATHS for t in tok.sent)
    return against or deaths


def _moves(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in _list(lex, "movement_nouns") and tok.dep_ == "nsubj" and \
        tok.head.lemma_.lower() in _list(lex, "movement_verbs")


def nominal_triggers(sent: Span, triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """``triggers`` plus light-only event nouns that occur, and operations that are fights."""
    have = {t.token.i for t in triggers}
    fight = lex.nouns.get("offensive")
    moving = lex.nouns.get("deployment")
    out = list(triggers)
    for tok in sent:
        if tok.i in have or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        entry = lex.match(tok)
        if entry is not None and entry.light_only and _occurs(tok, lex):
            out.append(Trigger(tok, entry, tok))
        elif moving is not None and _moves(tok, lex):
            out.append(Trigger(tok, moving, tok))
        elif entry is None and fight is not None and _operation(tok, lex):
            out.append(Trigger(tok, fight, tok))
    out.sort(key=lambda t: t.token.i)
    return out
