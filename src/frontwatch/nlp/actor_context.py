"""Article-level actor inference: an attack reported without its attacker is by the attacker the
article names for its attacks ("At least 15 people were killed ... The attack was claimed by X").

Reports of one incident name the perpetrator once and then tell the toll, the victims and the
aftermath in sentences that name nobody. An ASSAULT with no actor1 takes the actor1 of the nearest
attack before it (else after it) whose attacker is a named party, unless that party is this
event's own target. Likewise an attack with no target takes the target of the nearest attack by
the same attacker.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..records import Actor, Event
from .actor_keys import actor_key

__all__ = ["attackers_from_context", "canonical_actors", "introduced_abbreviations"]

# "the Allied Democratic Forces (ADF)", "National Salvation Front (NAS)": a name, then its abbreviation
_INTRODUCED = re.compile(r"((?:[A-Z][\w'’.-]*\s+)(?:(?:[A-Z][\w'’.-]*|of|the|for|and|in|al|el|de|du|des)\s+)*"
                         r"[A-Z][\w'’.-]*)\s*\(([A-Z][A-Za-z0-9/&.-]{1,11})\)")

CROWDS = {"Protests": "Protesters", "Riots": "Rioters"}
GENERIC_NAMES = frozenset("militants security forces civilians protesters".split())


def _at(ev: Event) -> tuple[int, int]:
    """Where an event is told: its sentence, then its trigger (two events of one sentence)."""
    return ev.evidence.start, ev.trigger.start if ev.trigger is not None else 0


def _named(actor: Actor | None, generic: frozenset[str]) -> bool:
    return actor is not None and actor.name.casefold() not in generic


def attackers_from_context(events: list[Event], generic: frozenset[str] = frozenset()) -> list[Event]:
    """Fill actor1 of attacks without one from the nearest attack (before, else after) with a
    named actor1 that is not the attack's own target; other events are returned unchanged.
    ``generic``: casefolded names of the generic classes (never taken as an attacker)."""
    generic = generic | GENERIC_NAMES
    order = sorted(range(len(events)), key=lambda i: _at(events[i]))
    sources = [i for i in order if events[i].event_type == "ASSAULT" and events[i].status == "occurred"
               and _named(events[i].actor1, generic)]
    out = list(events)
    for i in order:
        ev = events[i]
        if ev.event_type == "ASSAULT" and ev.actor1 is not None and ev.actor1.name.casefold() == "civilians":
            ev = out[i] = replace(ev, actor1=None)  # civilians are whom violence is done to, not a party to it
        if ev.event_type != "ASSAULT" or ev.actor1 is not None:
            continue
        target = ev.actor2.name if ev.actor2 is not None else None
        before = [j for j in sources if j != i and _at(events[j]) <= _at(ev)]
        after = [j for j in sources if j != i and _at(events[j]) > _at(ev)]
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
        before = [j for j in same if _at(events[j]) <= _at(ev)]
        after = [j for j in same if _at(events[j]) > _at(ev)]
        for j in [*reversed(before), *after][:1]:
            cand = events[j].actor2
            out[i] = replace(ev, actor2=Actor(text=cand.text, name=cand.name))
    return out


def introduced_abbreviations(text: str) -> dict[str, str]:
    """Party keys an article ties together by introducing an abbreviation: key of the
    abbreviation -> key of the full name ("the Allied Democratic Forces (ADF)")."""
    out: dict[str, str] = {}
    for m in _INTRODUCED.finditer(text):
        words, short = m.group(1).split(), m.group(2)
        while len(words) > 1 and (words[0][0] != short[0] or not words[0][0].isupper()):
            words.pop(0)  # "Fighters of the Karamoja Liberation Front (KLF)": the name starts at K
        full = " ".join(words)
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if not short.replace("-", "").replace("/", "").isalpha() or short[0] != initials[:1]:
            continue  # "(2014)", "(photo)": not an abbreviation of the name
        ks, kf = actor_key(short), actor_key(full)
        if ks and kf and ks != kf:
            out[ks] = kf
    return out


def canonical_actors(events: list[Event], text: str = "", acled_name=None) -> list[Event]:
    """One name per party within an article: actors with one key (``actor_key``, and the
    abbreviations the text introduces) all get the party's most frequent name (ties: the first
    seen); each actor also gets its ACLED-style name from ``acled_name(actor, event, role)``."""
    same = introduced_abbreviations(text) if text else {}

    def key(actor: Actor) -> str | None:
        k = actor_key(actor.name, actor.text)
        return same.get(k, k)

    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    names: dict[str, Counter[str]] = {}
    for ev in events:
        for actor in (ev.actor1, ev.actor2):
            k = key(actor) if actor is not None else None
            if k is None:
                continue
            names.setdefault(k, Counter())[actor.name] += 1
            first.setdefault(actor.name, len(first))
    chosen = {k: min(c, key=lambda n: (-c[n], first[n])) for k, c in names.items()}
    out = []
    for ev in events:
        changes = {}
        for role in ("actor1", "actor2"):
            actor = getattr(ev, role)
            if actor is None:
                continue
            k = key(actor)
            name = chosen.get(k, actor.name) if k is not None else actor.name
            if name != actor.name:
                actor = replace(actor, name=name)
            changes[role] = actor
        ev = replace(ev, **changes) if changes else ev
        crowd = CROWDS.get(ev.acled_event_type or "")
        if ev.actor1 is None and ev.event_type == "PROTEST" and crowd is not None:
            ev = replace(ev, actor1=Actor(text=crowd, name=crowd))  # a protest is held by protesters
        if acled_name is not None:
            for role in ("actor1", "actor2"):
                actor = getattr(ev, role)
                if actor is not None:
                    setattr(ev, role, replace(actor, acled=acled_name(actor, ev, role)))
        out.append(ev)
    return out


# Subjects that describe an attacker without naming one ("the attackers", "gunmen", "over 30 terrorists").
ATTACKER_SECTORS = frozenset({"REB"})


STANDOFF_MODES = frozenset({"aerial", "drone", "heavy-weapons"})


def attackers_described_after(doc, drafts, resolver, sentences: int = 2) -> None:
    """An attack told without its attacker ("Ten policemen were killed in an attack on a police
    station.") takes an armed non-state party that is the subject of a clause in the next
    ``sentences`` sentences ("... over 30 'terrorists' launched an attack", "The attackers used
    grenades"): the report describes who attacked after telling the toll. Only when no attack of the
    article names its attacker (that case is ``attackers_from_context``), and not for an attack on a
    non-state armed group or by stand-off means (air strike, drone, shelling), whose targets are what
    the next sentences usually describe."""
    attacks = [d.event for d in drafts if d.event.event_type == "ASSAULT" and d.event.status == "occurred"]
    if not attacks or any(ev.actor1 is not None and ev.actor1.name.casefold() not in GENERIC_NAMES
                          and ev.actor1.name != "Security forces" for ev in attacks):
        return
    sents = list(doc.sents)
    for ev in attacks:
        if ev.actor1 is not None:
            continue
        target = resolver.dictionary.lookup(ev.actor2.name) if ev.actor2 is not None else None
        if target is not None and target.armed and not target.state:
            continue  # an attack on an armed group: a group described next is as likely its own side
        if ev.mode in STANDOFF_MODES:
            continue  # air strikes and shelling: the group described next is the one struck
        at = next((k for k, s in enumerate(sents) if s.start_char <= ev.evidence.start < s.end_char), None)
        if at is None:
            continue
        for sent in sents[at + 1:at + 1 + sentences]:
            found = None
            for tok in sent:
                if tok.dep_ != "nsubj" or tok.pos_ not in ("NOUN", "PROPN"):
                    continue
                actor, entry = resolver.actor(tok)
                if actor is not None and entry is not None and entry.sector in ATTACKER_SECTORS \
                        and not entry.state and (ev.actor2 is None or ev.actor2.name != actor.name):
                    found = actor
                    break
            if found is not None:
                ev.actor1 = Actor(text=found.text, name=found.name)
                break
