"""One ``Draft`` event from one group of triggers of a sentence (``_draft``).

The group's roles give actor1/actor2 (a place is not an actor unless held by one; a dangling
participle takes the nearest actor before it; a device's user attacked); then the decisions
that drop a group (a thing doing a non-violent act, an armed word without anyone armed, a
death that is no attack, nobody hurt, statements, counterfactuals, unreal events of the wrong
type or place), its status, mode and ACLED pair (``coding.py``), evidence, place and date.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...records import Actor, Attribution, Event, Evidence
from ..actors import ActorResolver
from ..attribution import attribution_for
from ..dates import event_date
from ..event_sents import sent_of
from ..lexicon import Lexicon
from ..places.events import LOCATIVE, PlaceIndex
from ..status import counterfactual, habitual, nobody_hurt, status_of
from .clause_facts import people_word, violent_crowd_subject
from .coding import _clause, _fatalities, _mode_and_acled, _quantities
from .merge import Draft
from .roles import Trigger, roles
from .same_event import victims_only
from .statements import statement_reason

VIOLENT = re.compile(r"\b(?:kill\w*|attack\w*|wound\w*|strikes?|airstrikes?|shot|shoot\w*|clash\w*|battle\w*|"
                     r"fight\w*|bomb\w*|explosi\w*|blast\w*|shell\w*|ambush\w*|gun\w*|fire|militant\w*|"
                     r"insurgen\w*|raid\w*|offensive|executed|massacre\w*|combat|tortur\w*|beat\w*|lynch\w*)\b", re.I)
RELATION_TYPES = frozenset("SUPPORT AID COOPERATE".split())
KEEP_UNREAL = frozenset("ASSAULT RETREAT MOBILIZE PROTEST".split())


def _draft(doc: Doc, sent: Span, group: list[Trigger], lex: Lexicon, resolver: ActorResolver,
           places: PlaceIndex, times, others: list[Trigger] = ()) -> Draft | None:
    main = group[0]
    entry = main.entry
    group_tokens = {t.token.i for t in group} | {t.anchor.i for t in group}
    a1_tok = a2_tok = None
    actor1 = actor2 = e1 = e2 = None
    for trig in group:
        t1, t2 = roles(trig, lex)
        if t1 is not None and t1.i not in group_tokens and actor1 is None:
            a1_tok = a1_tok or t1
            actor1, e1 = _actor(resolver, places, t1)
        if t2 is not None and t2.i not in group_tokens and actor2 is None:
            a2_tok = a2_tok or t2
            actor2, e2 = _actor(resolver, places, t2)
    own_subject = a1_tok is not None and (a1_tok.head.i == main.token.i or main.token.head.i == a1_tok.i)
    if own_subject and actor1 is None and a1_tok.pos_ == "NOUN" and main.entry.type != "ASSAULT" \
            and a1_tok.i not in places.token_place and not (main.entry.type == "PROTEST" and (
                people_word(a1_tok) or not any(c.dep_ == "dobj" for c in main.token.children))):
        return None  # "the dam supporting it": a thing, not an actor, does it
    if actor1 is None and main.token.pos_ == "VERB" and main.token.dep_ in ("advcl", "acl") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in main.token.children) and not main.entry.victim:
        actor1, e1 = _nearest_agent(main.token, resolver, places)
    if actor1 is None and a1_tok is not None:
        user = _user_of_device(a1_tok)
        if user is not None:  # "a bomb planted by X hit ...": X attacked
            actor1, e1 = _actor(resolver, places, user)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2, e2 = None, None
    if any(t.entry.armed for t in group) and all(t.entry.armed for t in group):
        if not (e1 is not None and e1.armed) and \
                not ((e1 is None or e1.generic) and actor1 is not None and _military_word(actor1)) \
                and not (main.entry.type == "ASSAULT" and violent_crowd_subject(a1_tok)):
            return None  # "the storm destroyed": an armed word needs someone armed (or a crowd: a riot)
    if all(t.entry.victim for t in group) and not (e2 is not None and e2.armed) and not VIOLENT.search(sent.text):
        return None  # "her husband died in 1992": a death, not an attack
    verbs = [t for t in group if t.token.pos_ == "VERB"]
    if verbs and all(nobody_hurt(t.token) for t in verbs):
        return None  # "no troops were wounded or killed": nobody was hurt, the attack is reported elsewhere
    status = status_of(main.token, lex)
    for trig in group[1:]:
        other = status_of(trig.token, lex)
        if other == "occurred":
            status = "occurred"
    standing = entry.type in RELATION_TYPES and all(habitual(t.token) or t.token.dep_ == "relcl" for t in group)
    if not standing and statement_reason(group, status, others) is not None:
        return None  # a question, call, generic mention, habit or description: not an event that occurred
    if status == "speculated" and counterfactual(main.token):
        return None  # "they should have been executed": it did not happen
    if actor1 is None and entry.type == "MOBILIZE" and main.token.pos_ == "NOUN":
        for mod in main.token.children:  # "coalition reinforcements", "a Turkish column": the modifier moves
            if mod.dep_ in ("compound", "amod", "poss") and actor1 is None:
                actor1, e1 = _actor(resolver, places, mod)
    if actor1 is None and actor2 is None and entry.type not in ("ASSAULT", "PROTEST", "RETREAT"):
        return None  # a PLOVER event needs someone who acts
    if status in ("planned", "speculated") and entry.type not in KEEP_UNREAL:
        return None  # future talks, hypothetical accusations: not coded
    clause = _clause(group, others)
    fatalities = _fatalities(sent, group, clause, others) if entry.type == "ASSAULT" else None
    mode, acled = _mode_and_acled(group, clause, actor1, e1, a1_tok, actor2, e2, a2_tok, fatalities)
    text_start, text_end = _trim(sent)
    evidence = Evidence(text=sent.text.strip(), start=text_start, end=text_end)  # (doc.text rebuilds the text)
    tok = main.token
    trigger_ev = Evidence(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
    location, inferred = places.location_for(main.anchor if main.anchor is not main.token else main.token,
                                   [t.token for t in group[1:]])
    if status in ("planned", "speculated", "threatened") and (location is None or (location.precision or 4) >= 4):
        return None  # a plan or threat is coded only where the text ties it to a town or region
    date, date_weak = event_date(sent, main.token, main.anchor, times, doc._.published, own_only=status != "occurred",
                                 reporting=lex.words.get("reporting_verbs", frozenset()))
    return Draft(Event(
        article_id=doc._.article_id or "",
        event_type=entry.type,
        evidence=evidence,
        status=status,
        mode=mode,
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        actor1=actor1,
        actor2=actor2,
        location=location,
        date=date,
        fatalities=fatalities,
        quantities=_quantities(group),
        attribution=_attribution(group, lex, resolver),
        trigger=trigger_ev,
    ), place_inferred=inferred, date_weak=date_weak, anaphoric=_anaphoric(group, status != "occurred" or inferred),
                 fresh=_fresh(sent, group, times), standing=standing, lemma=main.token.lemma_.lower(),
                 victim=victims_only(group))


def _fresh(sent: Span, group: list[Trigger], times) -> bool:
    """"A U.S. strike on Jan. 1 hit ...", "a Jan. 3 strike": an indefinite noun with its own time."""
    for trig in group:
        tok, anchor = trig.token, trig.anchor
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                             for c in anchor.children):
            continue
        lo = anchor.left_edge.idx - sent.start_char
        hi = anchor.right_edge.idx + len(anchor.right_edge) - sent.start_char
        if any(lo <= t.start < hi for t in times):
            return True
    return False


def _anaphoric(group: list[Trigger], weak: bool) -> bool:
    """"these strikes", "this attack" (or "the attack" when the sentence names no place of its own,
    or says it did not happen): every trigger is a noun pointing back to an event reported before."""
    pointing = ("these", "those", "this", "that") + (("the",) if weak else ())
    return all(t.token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in pointing for c in t.token.children)
               for t in group)


def _actor(resolver: ActorResolver, places: PlaceIndex, tok):
    """An argument's actor; a place name is not an actor unless the dictionary says so."""
    if tok is not None and tok.i in places.token_place and (
            tok.i not in resolver.by_token or (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE)):
        return resolver.place_owner(tok)  # "an attack on Kyiv": Kyiv is where, not whom (unless held by X)
    return resolver.actor(tok)


def _user_of_device(tok):
    """For a subject that is a thing ("a bomb planted by X", "shells fired by X"): the agent X."""
    for child in tok.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((p for p in agent.children if p.dep_ == "pobj"), None)
    return None


def _nearest_agent(tok, resolver: ActorResolver, places: PlaceIndex):
    """For a dangling participle: the closest actor-like noun before it in the sentence."""
    for cand in reversed(tok.doc[sent_of(tok).start:tok.i]):
        if cand.pos_ in ("NOUN", "PROPN") and cand.dep_ not in ("compound", "amod", "poss"):
            actor, entry = _actor(resolver, places, cand)
            if actor is not None:
                return actor, entry
    return None, None


def _military_word(actor: Actor) -> bool:
    last = actor.name.split()[-1].lower() if actor.name else ""
    return last in ("forces", "force", "troops", "fighters", "militants", "soldiers", "army", "militia", "rebels",
                    "insurgents", "jihadists", "members", "units", "commanders", "gunmen", "militias", "militiamen",
                    "mercenaries", "operatives", "elements", "assailants", "attackers", "bandits", "police",
                    "policemen", "gendarmes", "brigade", "battalion")


def _trim(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def _attribution(group: list[Trigger], lex: Lexicon, resolver: ActorResolver) -> Attribution | None:
    for trig in group:
        found = attribution_for(trig.anchor, lex, resolver)
        if found is not None:
            return found
    return None
