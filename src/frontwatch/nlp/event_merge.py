"""One event per real event: merge triggers within a sentence, then reports across the article."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..records import Event, Fatalities
from .dates import duration_start
from .event_roles import NO_LIGHT_DROP, Trigger
from .lexicon import Lexicon

NEAR_EDGES = 2
INFERRED_KM = 60.0


def _km(a: Event, b: Event) -> float:
    """Distance between two events' locations (0 when either is unknown)."""
    la, lb = a.location, b.location
    if la is None or lb is None or None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        return 0.0
    p1, p2 = math.radians(la.latitude), math.radians(lb.latitude)
    dp, dl = p2 - p1, math.radians(lb.longitude - la.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _distance_up(low, high) -> int | None:
    """Edges from ``low`` up to its ancestor ``high`` (None when not an ancestor within reach)."""
    tok, steps = low, 0
    while tok.head is not tok and steps < NEAR_EDGES:
        tok, steps = tok.head, steps + 1
        if tok.i == high.i:
            return steps
    return None


def _path_length(a, b) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = [a] + list(a.ancestors)
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in index:
            return n + index[t.i]
    return 99


TEMPORAL_MARKS = frozenset("after before when until since following once".split())


def _sequenced_clause(tok) -> int | None:
    """The temporal clause with its own subject that ``tok`` lies in ("after they attacked"), or None."""
    for t in [tok] + list(tok.ancestors):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in t.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return t.i
    return None


def merge_in_sentence(triggers: list[Trigger], lex: Lexicon) -> list[list[Trigger]]:
    """Groups of triggers that state the same event; the first of each group leads."""
    keep = list(triggers)
    # light verbs: "negotiated its withdrawal" -> the withdrawal; the verb gives its subject
    for verb in [t for t in keep if t.token.pos_ == "VERB"]:
        for noun in keep:
            if noun is verb or noun.token.pos_ == "VERB":
                continue
            if noun.anchor.dep_ == "dobj" and noun.anchor.head.i == verb.token.i and \
                    verb.entry.type != noun.entry.type and verb.entry.type not in NO_LIGHT_DROP:
                pair = (verb.token.lemma_.lower(), noun.token.lemma_.lower())
                # "violated the ceasefire" is the verb's event; "signed a truce" is an AGREE
                keep_verb = pair in lex.verb_objects or (verb.entry.type == "AGREE" and noun.entry.mode == "ceasefire")
                drop = noun if keep_verb else verb
                if drop in keep:
                    keep.remove(drop)
    parent = list(range(len(keep)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(keep):
        for j in range(i + 1, len(keep)):
            b = keep[j]
            if a.entry.type != b.entry.type:
                continue
            weak = (None, "firearms")
            modes = {a.entry.mode, b.entry.mode}
            if a.entry.mode not in weak and b.entry.mode not in weak and len(modes) > 1 and \
                    modes != {"explosives", "suicide-attack"}:
                continue  # "airstrikes hit X while rebels shelled Y": two events
            if _sequenced_clause(a.token) != _sequenced_clause(b.token):
                continue  # "struck X after they attacked Y": two events in sequence
            if _path_length(a.anchor, b.anchor) <= NEAR_EDGES or _path_length(a.token, b.token) <= NEAR_EDGES:
                parent[find(j)] = find(i)
    groups: dict[int, list[Trigger]] = {}
    for i, t in enumerate(keep):
        groups.setdefault(find(i), []).append(t)
    out = []
    for members in groups.values():
        members.sort(key=lambda t: (0 if t.token.pos_ == "VERB" else 1, t.token.i))
        out.append(members)
    out.sort(key=lambda g: min(t.token.i for t in g))
    return out


def _place_key(ev: Event):
    loc = ev.location
    if loc is None:
        return None
    return loc.geonameid or (loc.name or loc.text).lower()


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or a.date.start is None or b.date.start is None:
        return True
    from datetime import timedelta
    slack = timedelta(days=1)
    return a.date.start <= (b.date.end or b.date.start) + slack and b.date.start <= (a.date.end or a.date.start) + slack


def _actors_compatible(a: Event, b: Event) -> bool:
    if a.actor1 is None or b.actor1 is None:
        return True
    return a.actor1.name == b.actor1.name


@dataclass
class Draft:
    """An event plus what dedup needs to know about how it was found."""

    event: Event
    place_inferred: bool = False  # the location came from earlier sentences, not this one
    date_weak: bool = False  # the date came from a reporting clause or from context, not the event's own


def _same(da: Draft, db: Draft) -> bool:
    a, b = da.event, db.event
    if a.event_type != b.event_type or (a.status == "occurred") != (b.status == "occurred"):
        return False
    if not (da.date_weak or db.date_weak) and not _dates_compatible(a, b):
        return False  # a date taken from context or a reporting clause does not keep reports apart
    if a.mode != b.mode:
        if a.mode and b.mode:
            return False
        if a.event_type == "ASSAULT" and not (a.actor1 and b.actor1 and a.actor1.name == b.actor1.name):
            return False
    if (da.place_inferred or db.place_inferred) and _km(a, b) > INFERRED_KM:
        return False  # an inferred place still has to be near the other report's place
    ka = None if da.place_inferred else _place_key(a)
    kb = None if db.place_inferred else _place_key(b)
    if ka is None or kb is None or a.status == "occurred":
        if not _actors_compatible(a, b):
            return False
    return ka is None or kb is None or ka == kb


def _fill(dbase: Draft, dother: Draft) -> Draft:
    """``base`` with its empty fields taken from ``other`` (and its place if ours was inferred)."""
    base, other = dbase.event, dother.event
    changes = {}
    inferred = dbase.place_inferred
    if dbase.place_inferred and not dother.place_inferred and other.location is not None:
        changes["location"] = other.location
        inferred = False
    for name in ("actor1", "actor2", "location", "date", "attribution", "mode"):
        if name == "date" and other.status != "occurred":
            continue
        if getattr(base, name) is None and getattr(other, name) is not None and name not in changes:
            changes[name] = getattr(other, name)
    if base.actor2 is None and other.actor2 is not None and base.actor1 is not None and other.actor2.name == base.actor1.name:
        changes.pop("actor2", None)
    date_weak = dbase.date_weak if "date" not in changes else dother.date_weak
    if base.date is not None and other.date is not None and other.date.start is not None and other.status == "occurred" \
            and ((base.date.precision != "day" and other.date.precision == "day" and not dother.date_weak)
                 or (dbase.date_weak and not dother.date_weak)):
        changes["date"] = other.date  # a report's own date beats a context or reporting-clause date
        date_weak = False
    if base.fatalities is None and other.fatalities is not None:
        changes["fatalities"] = other.fatalities
    elif base.fatalities is not None and other.fatalities is not None:
        lo = max(x for x in (base.fatalities.min, other.fatalities.min, 0) if x is not None)
        changes["fatalities"] = Fatalities(min=lo or base.fatalities.min, max=base.fatalities.max)
    if other.quantities:
        merged = dict(other.quantities)
        merged.update(base.quantities)
        changes["quantities"] = merged
    territory = ("Government regains territory", "Non-state actor overtakes territory")
    if (base.acled_sub_event_type in (None, "Other") and other.acled_sub_event_type not in (None, "Other")
            or base.acled_sub_event_type == "Armed clash" and other.acled_sub_event_type in territory) \
            and base.event_type == other.event_type:
        changes["acled_event_type"] = other.acled_event_type
        changes["acled_sub_event_type"] = other.acled_sub_event_type
    return Draft(replace(base, **changes) if changes else base, inferred, date_weak)


ALLIED_TYPES = frozenset("SUPPORT AID COOPERATE".split())


def infer_targets(events: list[Event], opponent) -> list[Event]:
    """An attack whose text names its actor but no target is against the article's main other
    armed actor (``opponent(actor1 name, allies)``), never against an actor1's allies (partners
    in the article's SUPPORT/AID/COOPERATE events)."""
    allies: dict[str, set[str]] = {}
    for ev in events:
        if ev.event_type in ALLIED_TYPES and ev.actor1 is not None and ev.actor2 is not None:
            allies.setdefault(ev.actor1.name, set()).add(ev.actor2.name)
            allies.setdefault(ev.actor2.name, set()).add(ev.actor1.name)
    out = []
    for ev in events:
        if ev.event_type == "ASSAULT" and ev.actor1 is not None and ev.actor2 is None:
            actor, _ = opponent(ev.actor1.name, frozenset(allies.get(ev.actor1.name, ())))
            if actor is not None:
                ev = replace(ev, actor2=actor)
        out.append(ev)
    return out


def dedupe(drafts: list[Draft]) -> list[Event]:
    """Repeated reports of one event become one (first report kept, gaps filled).

    Two reports are the same event when type, real-or-not, dates (one day slack) agree and
    their places agree; a place inferred from earlier sentences agrees with any place.
    Real events also need compatible actor1 (equal or one unknown).
    """
    out: list[Draft] = []
    for draft in drafts:
        for i, kept in enumerate(out):
            if _same(kept, draft):
                out[i] = _fill(kept, draft)
                break
        else:
            out.append(draft)
    return [_stretch(d.event) for d in out]


def _stretch(ev: Event) -> Event:
    """'the end of a two-month battle' dated to one day: the battle spans the two months before."""
    d = ev.date
    if d is None or d.start is None or d.end not in (None, d.start) or ev.trigger is None:
        return ev
    before = ev.evidence.text[:max(0, ev.trigger.start - ev.evidence.start)]
    start = duration_start(before, d.start)
    if start is None:
        return ev
    return replace(ev, date=replace(d, start=start, end=d.start, precision=_precision_of(d.start - start)))


def _precision_of(span) -> str:
    days = span.days
    return "day" if days < 1 else "week" if days <= 7 else "month" if days <= 31 else "season" if days <= 92 \
        else "year"
