"""One event per real event: merge triggers within a sentence, then reports across the article."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...records import Event, Fatalities
from ..dates import duration_start
from .roles import NO_LIGHT_DROP, Trigger
from ..lexicon import Lexicon
from ..numbers import ordered
from .codebook import codebook
from .same_event import best_match, merge_weights, stated_means

NEAR_EDGES = 2


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


def _places_after(tok, stop: int, token_place: dict) -> set[int]:
    """Places introduced by a preposition ("in Baghdad") after ``tok`` and before token ``stop``."""
    out = set()
    for t in tok.doc[tok.i + 1:stop]:
        place = token_place.get(t.i)
        if place is not None and (t.head.pos_ == "ADP" or t.head.head.pos_ == "ADP"):
            out.add(id(place))
    return out


def _apart(a: Trigger, b: Trigger, token_place: dict) -> bool:
    """"the attack in Baghdad and the car bomb attacks in Diyala": two nouns, each followed by its
    own place, are two events."""
    if not token_place or a.token.pos_ == "VERB" or b.token.pos_ == "VERB":
        return False
    first, second = sorted((a.token, b.token), key=lambda t: t.i)
    sent_end = second.sent.end if second.has_extension("sent") else len(second.doc)
    pa = _places_after(first, second.i, token_place)
    pb = _places_after(second, min(sent_end, second.i + 8), token_place)
    return bool(pa) and bool(pb) and not (pa & pb)


def _conj_clause(tok):
    """The coordinated clause ``tok`` lies in: the nearest verb (itself included) joined by "and"
    with a subject of its own that is not a pronoun, or None."""
    t = tok
    while True:
        if t.pos_ == "VERB" and t.dep_ == "conj" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in t.children):
            return t.i
        if t.head.i == t.i:
            return None
        t = t.head


def _own_clauses(x, y) -> bool:
    """"Rebels shelled X, and an ambush near Y killed four": coordinated clauses, each with a subject
    of its own (not a pronoun standing for the first), state two events."""
    return _conj_clause(x) != _conj_clause(y)


def _coordinated(x, y) -> bool:
    """Two nouns joined by "and" ("fighting and air strikes")."""
    return x.pos_ == y.pos_ == "NOUN" and ((y.dep_ == "conj" and y.head.i == x.i) or (x.dep_ == "conj" and x.head.i == y.i))


def _backed_by_attack(verb: Trigger, noun: Trigger) -> bool:
    """"was backed by airstrikes": the support is the strikes themselves (an ASSAULT)."""
    head = noun.anchor.head
    return verb.entry.type in ("SUPPORT", "AID", "COOPERATE") and noun.entry.type == "ASSAULT" and \
        noun.anchor.dep_ == "pobj" and head.dep_ == "agent" and head.head.i == verb.token.i


WEAK_TRIGGER_MODES = (None, "firearms")


def trigger_pair_features(a: Trigger, b: Trigger, token_place: dict) -> dict[str, bool]:
    """Facts about two triggers of one sentence that the ``in_sentence`` weights score."""
    modes = {a.entry.mode, b.entry.mode}
    return {
        "type_differs": a.entry.type != b.entry.type,
        # "airstrikes hit X while rebels shelled Y": two events
        "modes_conflict": a.entry.mode not in WEAK_TRIGGER_MODES and b.entry.mode not in WEAK_TRIGGER_MODES
        and len(modes) > 1 and modes != {"explosives", "suicide-attack"},
        # "struck X after they attacked Y": two events in sequence
        "sequenced_clauses": _sequenced_clause(a.token) != _sequenced_clause(b.token),
        "own_places": _apart(a, b, token_place),
        "own_clauses": _own_clauses(a.token, b.token),
        # "heavy fighting and air strikes": a battle and air strikes
        "coordinated_other_modes": a.entry.mode != b.entry.mode and _coordinated(a.token, b.token),
        "near_in_parse": _path_length(a.anchor, b.anchor) <= NEAR_EDGES or _path_length(a.token, b.token) <= NEAR_EDGES,
    }


def merge_in_sentence(triggers: list[Trigger], lex: Lexicon, token_place: dict | None = None) -> list[list[Trigger]]:
    """Groups of triggers that state the same event; the first of each group leads.
    ``token_place`` (token index -> place mention) keeps apart coordinated nouns with their own places."""
    keep = list(triggers)
    for verb in [t for t in keep if t.token.pos_ == "VERB"]:
        if any(_backed_by_attack(verb, noun) for noun in keep if noun is not verb):
            keep.remove(verb)
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

    table = merge_weights()
    for i, a in enumerate(keep):
        for j in range(i + 1, len(keep)):
            score = table.score(trigger_pair_features(a, keep[j], token_place or {}), table.in_sentence)
            if score >= table.threshold:
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


@dataclass
class Draft:
    """An event plus what dedup needs to know about how it was found."""

    event: Event
    place_inferred: bool = False  # the location came from earlier sentences, not this one
    date_weak: bool = False  # the date came from a reporting clause or from context, not the event's own
    anaphoric: bool = False  # "these strikes", "the attack": names an event reported before
    fresh: bool = False  # "a strike on Jan. 1": a new, dated event, not a repeat of an earlier report
    standing: bool = False  # "the coalition supports the SDF": a standing relation, not an event
    lemma: str | None = None  # the leading trigger's lemma
    victim: bool = False  # every trigger reports victims ("were killed"), none the act itself
    means: tuple | None = None  # (mode, ACLED type, sub-type) of a merged report that states the means


def _fill(dbase: Draft, dother: Draft) -> Draft:
    """``base`` with its empty fields taken from ``other`` (and its place if ours was inferred)."""
    base, other = dbase.event, dother.event
    changes = {}
    inferred = dbase.place_inferred
    if dbase.place_inferred and not dother.place_inferred and other.location is not None:
        changes["location"] = other.location
        inferred = False
    elif _finer_in_country(other, base):
        changes["location"] = other.location  # "in Mali" then "in Soumpi, Mali": the town
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
        lo, hi = ordered(lo or base.fatalities.min, base.fatalities.max)  # min <= max always
        changes["fatalities"] = Fatalities(min=lo, max=hi)
    if other.quantities:
        merged = dict(other.quantities)
        merged.update(base.quantities)
        changes["quantities"] = merged
    victim = dbase.victim and dother.victim
    means = dbase.means
    if means is None and stated_means(dother) and not stated_means(dbase) and base.event_type == other.event_type \
            and other.mode in codebook().means_order and other.mode != "firearms":
        # "1 policeman was killed" then "... when a roadside bomb hit them": the means types the event
        # (applied once the article is merged, so that later reports are compared with the report's own mode)
        means = (other.mode, other.acled_event_type, other.acled_sub_event_type)
    territory = ("Government regains territory", "Non-state actor overtakes territory")
    if (base.acled_sub_event_type in (None, "Other") and other.acled_sub_event_type not in (None, "Other")
            or base.acled_sub_event_type == "Armed clash" and other.acled_sub_event_type in territory) \
            and base.event_type == other.event_type:
        changes["acled_event_type"] = other.acled_event_type
        changes["acled_sub_event_type"] = other.acled_sub_event_type
    return Draft(replace(base, **changes) if changes else base, inferred, date_weak, lemma=dbase.lemma,
                 victim=victim, means=means)


def _finer_in_country(finer: Event, coarse: Event) -> bool:
    """``finer`` is placed below the country that is all ``coarse`` knows of its place."""
    a, b = finer.location, coarse.location
    return a is not None and b is not None and (b.precision or 4) >= 4 and (a.precision or 4) < 4 \
        and bool(a.country_code) and a.country_code == b.country_code


ALLIED_TYPES = frozenset("SUPPORT AID COOPERATE".split())


def infer_targets(events: list[Event], opponent, relations: list[Event] = ()) -> list[Event]:
    """An attack whose text names its actor but no target is against the article's main other
    armed actor (``opponent(actor1 name, allies)``), never against an actor1's allies (partners
    in the article's SUPPORT/AID/COOPERATE events and standing ``relations``)."""
    allies: dict[str, set[str]] = {}
    for ev in [*events, *relations]:
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

    Whether a report repeats an earlier event is one scored decision (``same_event``: type,
    real-or-not, dates, modes, places, actors, trigger words, tolls; weights in
    ``data/event_merge.json``); the report joins the best-scoring earlier event. A report that points back
    ("these strikes") is dropped when an event of its type was reported before.
    """
    out: list[Draft] = []
    for draft in drafts:
        if draft.anaphoric:
            earlier = [i for i, kept in enumerate(out) if kept.event.event_type == draft.event.event_type]
            if earlier:  # "these strikes demonstrate ...": the strikes already reported
                if draft.event.status == "occurred" and out[earlier[-1]].event.status == "occurred":
                    out[earlier[-1]] = _fill(out[earlier[-1]], draft)
                continue
        i = best_match(out, draft)
        if i is None:
            out.append(draft)
        else:
            out[i] = _fill(out[i], draft)
    return [_stretch(_typed(d)) for d in out]


def _typed(d: Draft) -> Event:
    """The event, typed by the means a merged report stated (when its own report stated none)."""
    if d.means is None:
        return d.event
    mode, etype, sub = d.means
    return replace(d.event, mode=mode, acled_event_type=etype, acled_sub_event_type=sub)


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


def drop_summaries(events: list[Event]) -> list[Event]:
    """A country-wide tally ("conducted 34 strikes in Syria and Iraq") is not an event of its own
    when the article also reports the strikes town by town in that country: the tally is dropped."""
    local = {ev.location.country_code for ev in events
             if ev.event_type == "ASSAULT" and ev.status == "occurred" and ev.location is not None
             and (ev.location.precision or 4) < 4}
    out = []
    for ev in events:
        trig = ev.trigger.text.lower() if ev.trigger else ""
        tally = ev.event_type == "ASSAULT" and ev.status == "occurred" and (ev.quantities or {}).get(trig, 0) >= 2
        if tally and ev.location is not None and (ev.location.precision or 4) >= 4 and ev.location.country_code in local:
            continue
        out.append(ev)
    return out
