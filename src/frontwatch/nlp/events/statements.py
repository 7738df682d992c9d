"""Statements, descriptions and generic talk that do not report an event that occurred.

An event is coded when a clause reports a concrete act. These trigger clauses do not:
  * an indirect question — "could not say whether any troops had been killed";
  * an exhortation — "Let us collaborate with the army", a bare imperative inside a quotation;
  * a generic or hypothetical mention — "no attack will go unpunished", "such attacks would not
    demoralise them", "any strike on them will bolster the regime": a noun trigger with a generic
    determiner (no/any/such/every) in a clause that is not reported as having happened;
  * a habit — "the government typically blames X" (a frequency adverb on the predicate);
  * a running total — "944 civilians have been killed since ...": a death toll in the perfect
    tense over a period opened by "since";
  * a standing description of an argument — "X, which invaded Y ...", "the township in which the
    army has captured territory", "troops who are stationed at X": the trigger heads a relative
    clause in the present or perfect tense (or describing a proper name) attached to a noun that
    is not itself an event trigger.

``statement_reason(group, status, triggers)`` gives the reason a group of triggers is not coded,
or None. Purely syntactic (the parse), no words of one text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .roles import Trigger

GENERIC_DETERMINERS = frozenset("no any such every each".split())
DEATH_VERBS = frozenset("kill die claim murder slay".split())
COUNT_WORDS = frozenset("dozens scores hundreds thousands millions tens".split())
STANDING_AUX = frozenset("has have is are 's 're".split())
FREQUENCY_ADVERBS = frozenset("typically usually often frequently regularly routinely generally normally "
                              "always".split())


def _predicate(tok):
    """The verb that carries a trigger's clause (itself for verbs; the governing verb for nouns)."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            break
        t = t.head
    return t


def _clause_chain(tok, limit: int = 6):
    t, out = tok, [tok]
    while t.head is not t and len(out) < limit:
        t = t.head
        out.append(t)
    return out


def indirect_question(tok) -> bool:
    """The trigger's clause is introduced by "whether" (or "if" under a reporting/knowing verb)."""
    for t in _clause_chain(_predicate(tok), 4):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if t.dep_ in ("ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
    return False


def exhortation(tok) -> bool:
    """"Let us collaborate ...": the trigger is under "let" + "us", or is itself a bare imperative
    (a base-form root verb without subject) inside quotation marks."""
    verb = _predicate(tok)
    for t in _clause_chain(verb, 3):
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.lemma_.lower() == "let" and nxt is not None and nxt.lower_ in ("us", "'s"):
            return True
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux")
                                                             for c in verb.children):
        sent = verb.sent
        return any(q in sent.text[:3] for q in ('"', "“"))
    return False


def generic_mention(tok, status: str) -> bool:
    """A noun trigger with a generic determiner ("no attack", "such attacks", "any strike") in a
    clause not reported as having happened."""
    if tok.pos_ != "NOUN":
        return False
    generic = any(c.dep_ in ("det", "amod", "predet") and c.lower_ in GENERIC_DETERMINERS for c in tok.children)
    return generic and status != "occurred"


def habitual_report(tok) -> bool:
    """A frequency adverb on the trigger's predicate: "typically blames", "routinely shells"."""
    verb = _predicate(tok)
    return any(c.dep_ == "advmod" and c.lower_ in FREQUENCY_ADVERBS for c in verb.children)


def describes_argument(tok, trigger_tokens: set[int]) -> bool:
    """The trigger (a verb) heads a relative clause of a noun that is not an event trigger."""
    if tok.pos_ != "VERB" or tok.dep_ != "relcl" or tok.head.i in trigger_tokens:
        return False
    # a standing description: present or perfect tense, or a named thing described
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    standing = tok.tag_ in ("VBZ", "VBP") or bool(auxes & STANDING_AUX)
    return standing or tok.head.pos_ == "PROPN"


def running_total(tok) -> bool:
    """"944 civilians have been killed since the siege was declared", "violence has killed thousands
    since 2015": a death toll in the perfect tense over a period opened by "since" is a running
    total, not one event."""
    verb = _predicate(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    since = any(c.lower_ == "since" and c.dep_ in ("prep", "mark") for c in verb.subtree if c.head.i == verb.i
                or c.head.head.i == verb.i)
    if not perfect or not since or verb.lemma_.lower() not in DEATH_VERBS:
        return False
    parties = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return any(t.like_num or t.lower_ in COUNT_WORDS for p in parties for t in p.subtree)


def statement_reason(group: list["Trigger"], status: str, triggers: list["Trigger"]) -> str | None:
    """Why the group's clause does not report an event (see the module), or None."""
    main = group[0].token
    trigger_tokens = {t.token.i for t in triggers} | {t.anchor.i for t in triggers}
    if all(indirect_question(t.token) for t in group):
        return "indirect question"
    if all(exhortation(t.token) for t in group):
        return "exhortation"
    if all(generic_mention(t.token, status) for t in group):
        return "generic mention"
    if habitual_report(main):
        return "habit"
    if running_total(main):
        return "running total"
    if all(describes_argument(t.token, trigger_tokens) for t in group):
        return "description of an argument"
    return None
