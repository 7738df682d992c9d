"""Roles of a trigger from the dependency parse.

``roles`` returns the head tokens of actor1 (agent) and actor2 (target/recipient) for a trigger,
handling passives, nominal events ("withdrawal of 70 fighters", "airstrike by X", "talks between
X and Y"), light verbs ("launched airstrikes") and control/conjunction subjects. The triggers
themselves (``Trigger``, ``find_triggers``) are found in ``triggers.py`` and re-exported here.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import AGENT_NOUNS
from ..lexicon import Lexicon, TriggerEntry
from .triggers import (NON_EVENT_HEADS, PLACE_NOUNS, Trigger, _expelled_from, _is_place, _named_place,
                       find_triggers)

__all__ = ["NO_LIGHT_DROP", "Trigger", "find_triggers", "roles", "subject_of"]

SYMMETRIC = frozenset("AGREE CONSULT COOPERATE".split())
INTRANSITIVE_TYPES = frozenset("RETREAT MOBILIZE PROTEST".split())
NO_LIGHT_DROP = frozenset("ACCUSE SUPPORT".split())
NO_TRANSFER = frozenset("ACCUSE SUPPORT REQUEST REJECT THREATEN".split())


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Grammatical subject, inherited through xcomp/conj/advcl/acl when missing."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    if depth > 3 or verb.head is verb:
        return None
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head is not verb.head:
        return subject_of(verb.head.head, depth + 1)  # "the SDF were able to kick ..."
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        for c in verb.head.children:
            if c.dep_ == "nsubjpass" and verb.dep_ == "xcomp":
                return c
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    return None


def _pobj(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") and p.lower_ != "behalf":
                    return p  # "on Tuesday" is when, "on behalf of X" is for whom
    return None


def roles(trigger: Trigger, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """Head tokens (actor1, actor2) for a trigger (None when absent)."""
    tok, entry = trigger.token, trigger.entry
    if tok.pos_ == "VERB":
        return _verb_roles(tok, entry, lex)
    return _noun_roles(trigger, lex)


CAUSE_PREPS = ("in", "following", "after", "during", "amid", "from", "by")
BLAME_VERBS = frozenset("blame attribute claim carry conduct launch stage perpetrate mount".split())


def _agent_of_noun(noun: Token) -> Token | None:
    """The agent an attack noun names: "an attack by X", "an attack blamed on X", "X's attack"."""
    by = _pobj(noun, ("by",))
    if by is not None:
        return by
    for c in noun.children:
        if c.dep_ == "acl" and c.lemma_.lower() in BLAME_VERBS:
            found = _pobj(c, ("on", "by", "to"))
            if found is not None:
                return found
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)


def _agent_of_cause(tok: Token, lex: Lexicon) -> Token | None:
    """'were killed in an attack by X', 'died following an ambush blamed on X': the agent of the
    attack noun a victim clause gives as its cause."""
    for c in tok.children:
        if c.dep_ not in ("prep", "agent") or c.lower_ not in CAUSE_PREPS:
            continue
        for noun in c.children:
            entry = lex.match(noun) if noun.dep_ == "pobj" else None
            if entry is not None and entry.type == "ASSAULT":
                found = _agent_of_noun(noun)
                if found is None and noun.lemma_.lower() in _two_sided():
                    found = _pobj(noun, ("with",))  # "militants were killed during clashes with X": X
                if found is not None:
                    return found
    return None


def _two_sided() -> frozenset[str]:
    from .codebook import codebook

    return frozenset(codebook().two_sided)


def _is_thing(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() not in AGENT_NOUNS and tok.lower_ not in AGENT_NOUNS


def _device_user(subj: Token) -> Token | None:
    """For a subject that is a thing: 'a bomb (suspected to have been) planted by X' -> X."""
    if subj.pos_ not in ("NOUN",) or subj.lemma_.lower() in AGENT_NOUNS or subj.lower_ in AGENT_NOUNS:
        return None
    for t in subj.subtree:
        if t.dep_ == "agent" and t.head.tag_ == "VBN" and t.head.i != subj.i:
            return next((p for p in t.children if p.dep_ == "pobj"), None)
    return None


def _verb_roles(tok: Token, entry: TriggerEntry, lex: Lexicon | None = None) -> tuple[Token | None, Token | None]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
    if passive:
        agent = _pobj(tok, ("by",))
        for conj in (c for c in tok.children if c.dep_ == "conj" and c.tag_ == "VBN"):
            agent = agent or _pobj(conj, ("by",))  # "was shot and killed by X": the shared agent
        if (agent is None or lex is not None and lex.match(agent) is not None) and lex is not None:
            agent = _agent_of_cause(tok, lex) or agent  # "killed in an attack by X": X
        patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is None and tok.dep_ == "acl":
            patient = tok.head
        return agent, patient
    subj = subject_of(tok)
    by = _pobj(tok, ("by",)) if tok.tag_ == "VBG" and any(c.dep_ == "agent" for c in tok.children) else None
    if by is not None and not _is_thing(by):
        subj = by  # "Shelling by X hit a residential area" (a gerund trigger): X
    if subj is not None and subj.head.i == tok.i:
        # "a bomb planted by X killed ...", "shelling by X hit ...", "operations by X killed ...": X
        subj = _device_user(subj) or (_agent_of_noun(subj) if _is_thing(subj) else None) or subj
    if entry.type in SYMMETRIC and subj is not None:
        partner = next((c for c in subj.children if c.dep_ == "conj"), None)
        if partner is not None and not any(c.dep_ == "dobj" and c.pos_ in ("PROPN",) for c in tok.children):
            return subj, partner  # "the government and the rebels signed ..."
    if entry.victim:
        agent = _pobj(tok, ("by",))
        if agent is None and lex is not None:
            agent = _agent_of_cause(tok, lex)  # "died in an attack by X"
        return agent, subj
    obj = next((c for c in tok.children if c.dep_ in ("dobj",)), None)
    if entry.type == "ASSAULT" and (obj is None or obj.lower_ == "it" or _named_place(obj)):
        held_by = _pobj(tok, ("from",))  # "liberate X from Y", "drive them from X": Y is who loses it
        if held_by is not None and not _named_place(held_by) and held_by.lemma_.lower() not in PLACE_NOUNS:
            return subj, held_by
    if entry.territory:
        if obj is not None and not _is_place(obj) and _expelled_from(tok) is not None:
            return subj, obj  # "kicked ISIS out of X": ISIS is the target
        took = obj
        obj = _pobj(tok, ("from",))
        if obj is None and took is not None:  # "recaptured X, <apposition>, from Y": 'from' hung on X
            obj = next((p for c in took.subtree if c.dep_ == "prep" and c.lower_ == "from"
                        for p in c.children if p.dep_ == "pobj"), None)
    if obj is None:
        preps = {"ASSAULT": ("against", "on", "at"), "CONSULT": ("with",), "AGREE": ("with",),
                 "COOPERATE": ("with",), "REQUEST": ("on", "to"), "RETREAT": ("to",)}.get(entry.type, ())
        if entry.type == "ASSAULT" and tok.lemma_.lower() in ("clash", "fight", "battle", "engage", "skirmish"):
            preps = preps + ("with",)
        obj = _pobj(tok, preps)
        if obj is None and tok.dep_ == "conj":
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
    return subj, obj


def _adversary(tok: Token, lex: Lexicon) -> Token | None:
    """For a withdrawal: the opponent of the battle it ends ("withdrew after a battle with X")."""
    for other in tok.sent:
        entry = lex.match(other) if other.pos_ == "NOUN" else None
        if entry is not None and entry.type == "ASSAULT" and other.i != tok.i:
            found = _pobj(other, ("with", "against"))
            if found is not None and not _named_place(found):
                return found
    return None


def _noun_roles(trigger: Trigger, lex: Lexicon) -> tuple[Token | None, Token | None]:
    tok, entry, anchor = trigger.token, trigger.entry, trigger.anchor
    a1 = a2 = None
    for c in tok.children:
        if c.dep_ == "poss":
            a1 = c
        elif c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") \
                and c.tag_ not in ("VBN", "VBD", "VBG"):  # not "Coordinated airstrikes"
            a1 = a1 or c
    by = _agent_of_noun(tok) if a1 is None else _pobj(tok, ("by",))
    if by is not None:
        a1 = by
    between = _pobj(tok, ("between",))
    if between is not None:
        a1 = between
        a2 = next((c for c in between.children if c.dep_ == "conj"), None)
    of = _pobj(tok, ("of",))
    if of is not None:
        if entry.type in INTRANSITIVE_TYPES and a1 is None:
            a1 = of
        elif entry.type not in INTRANSITIVE_TYPES and a2 is None and of.lemma_.lower() not in PLACE_NOUNS \
                and of.pos_ != "PROPN":
            a2 = of
    target = _pobj(tok, ("on", "against", "with"))
    head = anchor.head
    if entry.type == "RETREAT" and a2 is None and target is None:
        target = _adversary(tok, lex)
    if target is None and entry.type == "ASSAULT" and anchor.dep_ == "dobj" and head.pos_ == "VERB" \
            and lex.has("light_verbs", head.lemma_.lower()):
        target = _pobj(head, ("on", "against"))  # "carried out strikes in X against Y"
    if target is not None and a2 is None:
        a2 = target
    if anchor.dep_ == "dobj" and head.lemma_.lower() == "claim" and a1 is None:
        a1 = subject_of(head)  # "the Islamic State claimed the bombing"
    if entry.type in SYMMETRIC and a1 is not None and a2 is None:
        a2 = next((c for c in a1.children if c.dep_ == "conj"), None)
    hentry = lex.match(head) if head.pos_ == "VERB" else None
    if anchor.dep_ == "dobj" and head.pos_ == "VERB" and (
            lex.has("light_verbs", head.lemma_.lower()) or (hentry is not None and hentry.type not in NO_TRANSFER)):
        subj = subject_of(head)
        if a1 is None:
            a1 = subj
        elif a2 is None and subj is not None and subj.i != a1.i:
            a2 = subj  # "the SDF accepted ISIS's surrender" -> ISIS -> SDF
    elif anchor.dep_ in ("nsubj",) and head.pos_ == "VERB" and a1 is None and _pobj(head, ("between",)) is not None:
        a1 = _pobj(head, ("between",))  # "clashes erupted between X and Y"
        a2 = next((c for c in a1.children if c.dep_ == "conj"), None)
    elif anchor.dep_ in ("nsubj",) and head.pos_ == "VERB":
        # "strikes destroyed X", "an airstrike hit X": what the attack acts on is its target
        if a2 is None and entry.type == "ASSAULT" and (hentry is None or hentry.type == "ASSAULT") and \
                not lex.has("reporting_verbs", head.lemma_.lower()) and head.lemma_.lower() not in NON_EVENT_HEADS:
            a2 = next((c for c in head.children if c.dep_ == "dobj"), None)
    elif anchor.dep_ == "pobj" and head.head.pos_ == "VERB" and head.lower_ in ("in", "during", "by", "with"):
        verb = head.head
        ventry = lex.match(verb)
        if a1 is None and not (ventry is not None and ventry.victim):
            a1 = subject_of(verb)
    return a1, a2
