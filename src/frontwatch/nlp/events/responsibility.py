"""Who carried out an attack, from elsewhere in the article.

An air/drone strike without a stated actor takes the article's previous air actor
(``_carry_air_actor``); "X claimed responsibility" names the latest attack's missing actor1
(``_claims_of_responsibility``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...records import Actor
from ..actors import ActorResolver


def _claims_of_responsibility(doc: Doc, text: str, drafts, resolver: ActorResolver) -> None:
    """'X claimed responsibility (for the attack)': X is actor1 of the latest attack without one."""
    if "responsib" not in text:
        return
    for tok in doc:
        if tok.lemma_.lower() != "claim" or not any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility"
                                                    for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        actor, _ = resolver.actor(subj)
        if actor is None:
            continue
        earlier = [d.event for d in drafts if d.event.event_type == "ASSAULT" and d.event.actor1 is None
                   and d.event.evidence.start <= tok.idx]
        if earlier:
            earlier[-1].actor1 = actor


def _carry_air_actor(drafts) -> None:
    """An air/drone strike without a stated actor is by whoever carried out the article's
    previous air strikes (strike reports name the air force once, then list strikes)."""
    last = None
    for draft in drafts:
        ev = draft.event
        if ev.event_type != "ASSAULT" or ev.mode not in ("aerial", "drone"):
            continue
        if ev.actor1 is not None:
            last = ev.actor1
        elif last is not None and (ev.actor2 is None or ev.actor2.name != last.name):
            ev.actor1 = Actor(text=last.text, name=last.name)
