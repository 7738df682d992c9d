"""Article-level actor inference: an attack reported without its attacker is by the attacker the
article names for its attacks ("At least 15 people were killed ... The attack was claimed by X").

Reports of one incident name the perpetrator once and then tell the toll, the victims and the
aftermath in sentences that name nobody. An ASSAULT with no actor1 takes the actor1 of the nearest
attack before it (else after it) whose attacker is a named party, unless that party is this
event's own target. Likewise an attack with no target takes the target of the nearest attack by
the same attacker.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Actor, Event

__all__ = ["attackers_from_context"]

GENERIC_NAMES = frozenset("militants security forces civilians protesters".split())


def _named(actor: Actor | None, generic: frozenset[str]) -> bool:
    return actor is not None and actor.name.casefold() not in generic


def attackers_from_context(events: list[Event], generic: frozenset[str] = frozenset()) -> list[Event]:
    """Fill actor1 of attacks without one from the nearest attack (before, else after) with a
    named actor1 that is not the attack's own target; other events are returned unchanged.
    ``generic``: casefolded names of the generic classes (never taken as an attacker)."""
    generic = generic | GENERIC_NAMES
    order = sorted(range(len(events)), key=lambda i: events[i].evidence.start)
    sources = [i for i in order if events[i].event_type == "ASSAULT" and events[i].status == "occurred"
               and _named(events[i].actor1, generic)]
    out = list(events)
    for i in order:
        ev = events[i]
        if ev.event_type != "ASSAULT" or ev.actor1 is not None:
            continue
        target = ev.actor2.name if ev.actor2 is not None else None
        before = [j for j in sources if events[j].evidence.start < ev.evidence.start]
        after = [j for j in sources if events[j].evidence.start > ev.evidence.start]
        for j in [*reversed(before), *after]:
            cand = events[j].actor1
            if cand.name != target:
                out[i] = replace(ev, actor1=Actor(text=cand.text, name=cand.name))
                break
    return _targets_from_context(out, order)


def _targets_from_context(events: list[Event], order: list[int]) -> list[Event]:
    """An attack with an attacker but no target: the target of the nearest attack (before, else
    after) by the same attacker."""
    attacks = [i for i in order if events[i].event_type == "ASSAULT" and events[i].actor1 is not None]
    out = list(events)
    for i in attacks:
        ev = events[i]
        if ev.actor2 is not None:
            continue
        same = [j for j in attacks if j != i and events[j].actor2 is not None
                and events[j].actor1.name == ev.actor1.name and events[j].actor2.name != ev.actor1.name]
        before = [j for j in same if events[j].evidence.start <= ev.evidence.start]
        after = [j for j in same if events[j].evidence.start > ev.evidence.start]
        for j in [*reversed(before), *after][:1]:
            cand = events[j].actor2
            out[i] = replace(ev, actor2=Actor(text=cand.text, name=cand.name))
    return out
