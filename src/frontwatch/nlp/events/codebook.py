"""ACLED codebook precedence: one table (``data/acled_codebook.json``), read by one function.

``acled_pair(features)`` walks the table's ordered ``precedence`` rules and returns the
``(event_type, sub_event_type)`` pair of the first rule whose conditions hold, so that the
codebook's choices are written down once, as data:

* remote means (air/drone, shelling/missiles, bombs/IEDs, grenades, chemical, suicide attacks)
  make an event Explosions/Remote violence whoever the target;
* direct violence by an armed party on civilians is Violence against civilians, on an armed
  party a battle; state forces using lethal force on protesters is Protests/Excessive force;
* capture of a place is Government regains territory or Non-state actor overtakes territory
  by who takes it; a mob or villagers doing violence is Riots/Mob violence; ...

``Features`` are what the extractor knows about one event: its PLOVER type, the trigger's own
sub-event type (``base``), the strongest weapon word in the event's clause (``means_in``), the
party classes of actor1 and actor2 (``party_class``), and a few clause facts.
``sub_event_types()`` is the PLOVER <-> ACLED mapping (each sub-type's event type, PLOVER type, mode).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ...records import Actor
from ..actor_dictionary import ActorEntry

DATA = Path(__file__).resolve().parents[2] / "data" / "acled_codebook.json"

__all__ = ["Codebook", "Features", "acled_pair", "codebook", "means_in", "party_class", "sub_event_types"]

MODIFIER_DEPS = frozenset("compound amod nmod poss".split())
EVENT_HEADS = frozenset("attack attacks strike strikes blast explosion bombing raid fire barrage round rounds "
                        "shell shells launcher launchers weapon weapons device devices vest operation operations".split())
PROTEST_HEADS = frozenset("protesters protestors demonstrators marchers strikers protester demonstrator".split())
RIOT_HEADS = frozenset("rioters rioter".split())
CROWD_HEADS = frozenset("mob mobs crowd crowds villagers residents locals youths youth vigilantes community "
                        "communities inhabitants".split())
CIVILIAN_HEADS = frozenset("""civilian civilians people person man men woman women child children boy boys girl girls
family families farmer farmers herder herders worker workers trader traders merchant merchants driver drivers
student students teacher teachers doctor doctors nurse nurses journalist journalists passenger passengers
villager villagers resident residents shepherd shepherds pupil pupils vendor vendors employee employees
displaced refugee refugees idps prisoner prisoners inmate inmates detainee detainees motorist motorists
elder elders chief chiefs pastor priest imam cleric official officials politician candidate activist activists
businessman businessmen minister mayor councillor engineer engineers humanitarian aid-worker contractor
contractors miner miners fisherman fishermen patient patients worshippers worshipers pilgrims
editor editors judge judges councilor councillor councilors councillors lawyer lawyers
""".split())
ARMED_HEADS = frozenset("""fighter fighters militant militants gunman gunmen insurgent insurgents rebel rebels
jihadist jihadists militia militias militiaman militiamen assailant assailants attacker attackers bandit bandits
soldier soldiers troops forces force army officer officers commander commanders colonel general police policeman
policemen guard guards member members operative operatives mercenaries mercenary combatant combatants
""".split())
BARE_STATE = frozenset("army military police gendarmerie".split())
STATE_HEADS = frozenset("soldier soldiers troops army police policeman policemen gendarmes gendarme officers "
                        "military".split())


@dataclass(frozen=True)
class Features:
    """What one extracted event offers the codebook rules."""

    plover: str
    base: str | None = None                 # the trigger's own sub-event type
    means: str | None = None                # strongest weapon class in the clause, or None
    actor1: str = "none"                    # party classes, see ``party_class``
    actor2: str = "none"
    two_sided: bool = False
    territory: bool = False
    lethal: bool = False
    violent_crowd: bool = False
    intervention: bool = False
    victims: str = "none"                   # civilians, armed, mixed, none (``clause_facts.victims_of``)
    mishap: bool = False                    # a device went off in its users' hands


@dataclass(frozen=True)
class Rule:
    then: str
    conditions: tuple[tuple[str, Any], ...]

    def holds(self, f: Features) -> bool:
        for name, want in self.conditions:
            value = getattr(f, name)
            if name == "means":
                value = value or "none"
            if isinstance(want, list):
                if value not in want:
                    return False
            elif value != want:
                return False
        return True


class Codebook:
    """The loaded table: sub-event types, PLOVER defaults, weapon words and precedence rules."""

    def __init__(self, data: dict[str, Any]):
        self.version = data["version"]
        self.sub_types: dict[str, dict[str, Any]] = data["sub_event_types"]
        self.plover_default: dict[str, str] = data["plover_default"]
        self.means_order: list[str] = [name for name, _ in data["means"]]
        self.means_words: dict[tuple[str, ...], str] = {}
        for name, words in data["means"]:
            for w in words:
                self.means_words.setdefault(tuple(w.lower().split()), name)
        self.longest = max(len(k) for k in self.means_words)
        self.means_last = frozenset(k[-1] for k in self.means_words)  # a name ends with one of these
        self.direct_fire_over = frozenset(data.get("direct_fire_over", []))
        self.two_sided = frozenset(data.get("two_sided_lemmas", []))
        self.violent_crowd = frozenset(data.get("violent_crowd_lemmas", []))
        self.intervention = frozenset(w for w in data.get("intervention_lemmas", []) if " " not in w)
        self.intervention_pairs = frozenset(tuple(w.split()) for w in data.get("intervention_lemmas", []) if " " in w)
        self.victim_verbs = frozenset(data.get("victim_verbs", []))
        self.mishap_words = frozenset(data.get("mishap_words", []))
        self.two_sided_phrases = tuple(tuple(p.split()) for p in data.get("two_sided_phrases", []))
        fields = set(Features.__dataclass_fields__)
        self.rules = []
        for raw in data["precedence"]:
            conds = tuple((k, v) for k, v in raw.items() if k not in ("why", "then"))
            unknown = [k for k, _ in conds if k not in fields]
            if unknown:
                raise ValueError(f"acled_codebook.json: unknown condition {unknown} in rule {raw.get('why')!r}")
            if raw["then"] != "=base" and raw["then"] not in self.sub_types:
                raise ValueError(f"acled_codebook.json: unknown sub-event type {raw['then']!r}")
            self.rules.append(Rule(raw["then"], conds))

    def event_type(self, sub_type: str) -> str:
        return self.sub_types[sub_type]["event_type"]

    def pair(self, f: Features) -> tuple[str, str]:
        for rule in self.rules:
            if rule.holds(f):
                sub = f.base if rule.then == "=base" else rule.then
                if sub in self.sub_types:
                    return self.event_type(sub), sub
                break
        sub = f.base if f.base in self.sub_types else self.plover_default.get(f.plover, "Other")
        return self.event_type(sub), sub

    def mode_of(self, sub_type: str) -> str | None:
        return self.sub_types.get(sub_type, {}).get("mode")


@lru_cache(maxsize=4)
def codebook(path: str | None = None) -> Codebook:
    return Codebook(json.loads(Path(path or DATA).read_text("utf-8")))


def acled_pair(features: Features) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) for an event, by the codebook's precedence."""
    return codebook().pair(features)


def sub_event_types() -> dict[str, dict[str, Any]]:
    """ACLED sub-event type -> {event_type, plover, mode}: the PLOVER <-> ACLED mapping."""
    return dict(codebook().sub_types)


def _counts(tok: Token) -> bool:
    """A weapon word names the means unless it only modifies a non-weapon noun ("mine workers")."""
    if tok.dep_ not in MODIFIER_DEPS:
        return True
    doc = tok.doc
    if (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "/") or (tok.i > 0 and doc[tok.i - 1].text == "/"):
        return True  # "small arms/heavy machine guns": a list of weapons, each one named
    head = tok.head
    return head.lemma_.lower() in EVENT_HEADS or head.lower_ in EVENT_HEADS or \
        (head.lemma_.lower(),) in codebook().means_words


def means_in(tokens: Iterable[Token]) -> str | None:
    """The strongest weapon class named among ``tokens`` (one clause), or None.

    Multi-word names ("heavy machine gun", "car bomb") are matched ending at a token, longest
    first; small arms in the same clause as mortars or IEDs make it a firefight (``direct_fire_over``).
    """
    book = codebook()
    found: set[str] = set()
    for tok in tokens:
        doc = tok.doc
        lemma = tok.lemma_.lower()
        if lemma not in book.means_last and tok.lower_ not in book.means_last:
            continue  # no weapon name ends at this token
        for n in range(min(book.longest, tok.i + 1), 0, -1):
            words = tuple(t.lower_ for t in doc[tok.i - n + 1:tok.i]) + (lemma,)
            name = book.means_words.get(words)
            if name is None and n > 1:
                name = book.means_words.get(tuple(t.lower_ for t in doc[tok.i - n + 1:tok.i + 1]))
            if name is None and n == 1:
                name = book.means_words.get((tok.lower_,))
            if name is not None:
                if _counts(tok):
                    found.add(name)
                break
    if not found:
        return None
    ranked = sorted(found, key=book.means_order.index)
    if "firearms" in found and ranked[0] in book.direct_fire_over:
        return "firearms"
    return ranked[0]


def party_class(actor: Actor | None, entry: ActorEntry | None, head: Token | None = None) -> str:
    """state, named, unidentified, protesters, rioters, crowd, civilians, other, or none."""
    if actor is None:
        return "none"
    words = (actor.name or "").lower().replace("-", " ").split()
    last = words[-1] if words else ""
    head_word = head.lower_ if head is not None else last
    if entry is not None and entry.name == "Protesters" or last in PROTEST_HEADS or head_word in PROTEST_HEADS:
        return "protesters"
    if last in RIOT_HEADS or head_word in RIOT_HEADS:
        return "rioters"
    if entry is not None:
        if entry.state and entry.armed:
            return "state"
        if entry.sector == "REB":
            return "unidentified" if entry.generic else "named"
        if entry.sector == "CVL":
            return "crowd" if head_word in CROWD_HEADS or last in CROWD_HEADS else "civilians"
        if entry.sector == "MIL":
            return "state"
    if last in CROWD_HEADS or head_word in CROWD_HEADS:
        return "crowd"
    if last in STATE_HEADS and entry is None and any(w[:1].isupper() for w in (actor.text or "").split()[:-1]):
        return "state"  # "Afghan soldiers", "Kenyan police"
    if entry is None and (last in BARE_STATE and len(words) <= 2 or
                          last in ("forces", "force", "personnel") and BARE_STATE & set(words[:-1])):
        return "state"  # "the army", "the military", "military forces": a country's own forces
    if last in ARMED_HEADS or head_word in ARMED_HEADS:
        return "unidentified"
    if last in CIVILIAN_HEADS or head_word in CIVILIAN_HEADS:
        return "civilians"
    if entry is not None and entry.sector in ("GOV", "COP"):
        return "state" if entry.sector == "COP" else "other"
    if head is not None and head.pos_ == "PROPN" or (actor.name[:1].isupper() if actor.name else False):
        return "named"
    return "other"


def clause_has(tokens: Iterable[Token], lemmas: frozenset[str], pairs: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    for tok in tokens:
        if tok.lemma_.lower() in lemmas or tok.lower_ in lemmas:
            return True
        if pairs and tok.i + 1 < len(tok.doc) and (tok.lower_, tok.doc[tok.i + 1].lower_) in pairs:
            return True
    return False
