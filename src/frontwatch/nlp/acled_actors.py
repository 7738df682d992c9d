"""ACLED-style actor names: how ACLED's codebook names a party, derived from frontwatch's actor.

ACLED names state forces by country ("Military Forces of X", "Police Forces of X", "Government of
X"), and collective unnamed parties by class and country ("Protesters (X)", "Rioters (X)",
"Civilians (X)", "Unidentified Armed Group (X)"); named groups keep their name. The class comes
from the actor dictionary entry (sector, state) or the actor's head word; the country from the
entry, a demonym in the actor's text, else the event's location.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ..records import Actor, Event
from .actor_dictionary import DATA_DIR, ActorDictionary

__all__ = ["acled_actor_name", "actor_class"]

POLICE = frozenset("police policeman policemen gendarme gendarmes gendarmerie".split())
GOVERNMENT = frozenset("government authorities authority officials administration ministry".split())
MILITARY = frozenset("forces force troops army military soldier soldiers navy marines".split())
PROTEST = frozenset("protesters protestors demonstrators marchers strikers".split())
RIOT = frozenset("rioters mob".split())
CIVILIAN = frozenset("civilians civilian residents villagers people farmers herders herdsmen women children "
                     "students teachers workers traders passengers worker student teacher farmer".split())
UNIDENTIFIED = frozenset("gunmen gunman militants militant assailants attackers fighters insurgents "
                         "unidentified armed group bandits".split())
ARMED_GROUP_HEADS = frozenset("militia militias militiamen gunmen elements perpetrators perpetrator party kidnappers "
                              "abductors raiders jihadists extremists terrorists rebels separatists".split())
# Collective nouns for people with no arms: who they are does not make them a party of their own.
PEOPLE = frozenset("youths youth drivers activists doctors nurses journalists lawyers pupils vendors motorists "
                   "inhabitants citizens locals supporters employees traders merchants miners men man woman "
                   "members relatives families family shopkeepers pastoralists fishermen refugees pilgrims "
                   "worshippers mourners voters patients staff labourers laborers".split())


VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# One-sided violence whose perpetrator the text does not name: ACLED codes the perpetrator
# "Unidentified Armed Group (X)" (a bomb nobody claimed, an abduction by persons unknown). Not for
# battles (two parties named) nor air/drone strikes and shelling (a state's means: who is unknown).
UNKNOWN_PERPETRATOR_SUBTYPES = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Attack",
                                          "Abduction/forced disappearance"})
_ARTICLE = re.compile(r"^(?:al|el)[-\s]+(?=[A-Za-z])", re.I)


@lru_cache(maxsize=1)
def _dictionary() -> ActorDictionary:
    return ActorDictionary.load()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO2 -> the country name ACLED writes (codebook spelling where it differs from GeoNames)."""
    data = json.loads((DATA_DIR / "acled_codebook.json").read_text("utf-8"))
    return dict(data.get("country_names", {}))


def _country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    own = _country_names().get(iso2.upper())
    if own:
        return own
    from ..export.common import country_name

    return country_name(iso2)


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Lowercased country names and their first words ("burkina") -> ISO2, from GeoNames."""
    from ..export.common import _countries

    out: dict[str, str] = {}
    for iso2, info in _countries().items():
        name = (info.get("name") or "").lower()
        if name:
            out.setdefault(name, iso2)
            out.setdefault(name.split()[0], iso2) if len(name.split()[0]) > 4 else None
    return out


def _country_in(text: str) -> str | None:
    """The country a party's words name: a demonym ("Afghan soldiers") or a country ("Burkina forces")."""
    d = _dictionary()
    words = text.lower().replace("-", " ").split()
    for w in words:
        if d.demonyms.get(w):
            return d.demonyms[w]
    names = _country_words()
    for i, w in enumerate(words):
        for n in (3, 2, 1):
            if " ".join(words[i:i + n]) in names:
                return names[" ".join(words[i:i + n])]
    return None


def _is_proper(words: list[str]) -> bool:
    """Does a party's phrase name someone (a capitalised word after the first, or an acronym first
    word: "Security Belt forces", "NAF rebel forces"), rather than describe a kind of people
    ("Heavy truck drivers", "Kurdish doctors", "civil society activists")?"""
    if not words:
        return False
    first = words[0].strip("'’\"")
    if len(first) > 1 and first.isupper() and first.isalpha():
        return True
    d = _dictionary()
    return any(w[:1].isupper() and w.lower() not in d.demonyms for w in words[1:])


# The class a generic phrase's head word gives, first match in this order.
HEAD_CLASSES = (("protesters", PROTEST), ("rioters", RIOT), ("unidentified", UNIDENTIFIED | ARMED_GROUP_HEADS),
                ("military", MILITARY), ("government", GOVERNMENT), ("civilians", CIVILIAN | PEOPLE))


def _head_class(words: list[str]) -> str | None:
    """The class a generic phrase's words give ("police officers" -> police, "youths" -> civilians):
    a police word anywhere, else the first class of HEAD_CLASSES holding the head word."""
    lower = [w.lower().strip(".,;:'’\"") for w in words]
    if any(w in POLICE for w in lower):
        return "police"
    head = lower[-1] if lower else ""
    return next((cls for cls, heads in HEAD_CLASSES if head in heads), None)


def actor_class(actor: Actor) -> tuple[str, str | None]:
    """(class, ISO2 or None): class one of military, police, government, protesters, rioters,
    civilians, unidentified, named."""
    d = _dictionary()
    entry = d.entries.get(actor.name) or d.lookup(actor.name) or d.lookup(actor.text or "")
    words = (actor.name or "").lower().replace("-", " ").split()
    head = words[-1] if words else ""
    text_words = (actor.text or actor.name or "").replace("-", " ").split()
    country = entry.country if entry is not None else None
    if country is None:
        country = _country_in(actor.text or actor.name or "")
    if entry is not None and not entry.generic:
        if entry.sector == "MIL" and entry.state and entry.country:
            return "military", country
        if entry.sector == "COP":
            return "police", country
        if entry.sector == "GOV" and entry.country:
            return "government", country
        return "named", country
    if head in POLICE or any(w.lower() in POLICE for w in text_words):
        return "police", country  # "police" is a security force of its own in ACLED, not the military
    if head in PROTEST or (entry is not None and entry.name == "Protesters"):
        return "protesters", country
    if head in RIOT:
        return "rioters", country
    if entry is not None and entry.sector == "CVL" or head in CIVILIAN:
        return "civilians", country
    if head in MILITARY and (country or (entry is not None and entry.state)):
        return "military", country
    if head in GOVERNMENT:
        return "government", country
    if head in UNIDENTIFIED or (entry is not None and entry.sector == "REB" and entry.generic):
        return "unidentified", country
    if entry is not None and entry.state and entry.sector in ("MIL", "COP"):
        return "military", country
    if entry is None and not _is_proper(text_words or words):
        kind = _head_class(text_words or words)
        if kind is not None:  # a kind of people, not a named party
            return kind, country
    return "named", country


def acled_actor_name(actor: Actor | None, event: Event | dict[str, Any] | None = None,
                     role: str = "actor1") -> str | None:
    """The ACLED-style name of an event's actor (None for no actor, except an unnamed perpetrator
    of one-sided violence: "Unidentified Armed Group (X)", see UNKNOWN_PERPETRATOR_SUBTYPES).

    ACLED names whoever protests "Protesters (X)" and whoever riots or lynches "Rioters (X)",
    whatever their trade, unless they are state forces or a named group."""
    sub = (event.acled_sub_event_type if isinstance(event, Event) else (event or {}).get("acled_sub_event_type"))
    etype = (event.acled_event_type if isinstance(event, Event) else (event or {}).get("acled_event_type"))
    if actor is None:
        if role == "actor1" and event is not None and sub in UNKNOWN_PERPETRATOR_SUBTYPES:
            return _with_country("unidentified", _event_country(event))
        return None
    kind, country = actor_class(actor)
    common = kind == "named" and not (actor.name or "")[:1].isupper()  # "pupils", "merchants": no group's name
    if role == "actor1" and (kind not in ("military", "police", "named") or common):
        if etype == "Protests" and sub != "Excessive force against protesters":
            kind = "protesters"
        elif etype == "Riots":
            kind = "rioters"
    if kind == "government" and etype in VIOLENT_TYPES and role == "actor1":
        kind = "military"  # a state that strikes or fights does so with its armed forces
    if country is None and event is not None:
        country = _event_country(event)
    if kind in ("named", "unidentified"):
        identity = _identity_militia(actor)
        if identity is not None:
            return f"{identity} Ethnic Militia ({_country_name(country)})" if _country_name(country) else \
                f"{identity} Ethnic Militia"
    if kind == "named":
        return acled_spelling(actor.name)
    return _with_country(kind, country)


MILITIA_HEADS = frozenset("militia militias militiamen".split())
NOT_IDENTITY = frozenset("suspected unidentified unknown armed local rival communal the a some several".split())


def _identity_militia(actor: Actor) -> str | None:
    """ACLED names an identity militia after the community it fights for ("<X> Ethnic Militia
    (Country)"): a militia phrase whose modifier is a proper word naming no state ("suspected
    Fulani militias", "Borana militia"; not "Malian militia", "Unidentified militia")."""
    words = (actor.text or "").replace("-", " ").split()
    if len(words) < 2 or words[-1].lower() not in MILITIA_HEADS:
        return None
    d = _dictionary()
    mods = [w for w in words[:-1] if w.lower() not in NOT_IDENTITY]
    if len(mods) != 1 or not mods[0][:1].isupper() or not mods[0].isalpha() or mods[0].isupper():
        return None
    if d.demonyms.get(mods[0].lower()) or mods[0].lower() in _country_words():
        return None  # a state's people: a national militia, not an identity one
    return mods[0]


def acled_spelling(name: str | None) -> str | None:
    """A named group as ACLED spells it: the Arabic article that opens a name loses its hyphen and
    takes a capital ("al-Shabaab" -> "Al Shabaab"), as in ACLED's actor list."""
    if not name:
        return name
    return _ARTICLE.sub(lambda m: m.group(0)[:2].capitalize() + " ", name, count=1)


def _event_country(event: Event | dict[str, Any]) -> str | None:
    loc = event.location if isinstance(event, Event) else (event.get("location") or None)
    if loc is None:
        return None
    return loc.country_code if not isinstance(loc, dict) else loc.get("country_code")


def _with_country(kind: str, country: str | None) -> str:
    name = _country_name(country)
    if name is None:
        return {"military": "Military Forces", "police": "Police Forces", "government": "Government",
                "protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians",
                "unidentified": "Unidentified Armed Group"}[kind]
    return {"military": f"Military Forces of {name}", "police": f"Police Forces of {name}",
            "government": f"Government of {name}", "protesters": f"Protesters ({name})",
            "rioters": f"Rioters ({name})", "civilians": f"Civilians ({name})",
            "unidentified": f"Unidentified Armed Group ({name})"}[kind]
