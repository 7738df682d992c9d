"""ACLED-style actor names: how ACLED's codebook names a party, derived from frontwatch's actor.

ACLED names state forces by country ("Military Forces of X", "Police Forces of X", "Government of
X"), and collective unnamed parties by class and country ("Protesters (X)", "Rioters (X)",
"Civilians (X)", "Unidentified Armed Group (X)"); named groups keep their name. The class comes
from the actor dictionary entry (sector, state) or the actor's head word; the country from the
entry, a demonym in the actor's text, else the event's location.
"""
from __future__ import annotations

import json
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


def actor_class(actor: Actor) -> tuple[str, str | None]:
    """(class, ISO2 or None): class one of military, police, government, protesters, rioters,
    civilians, unidentified, named."""
    d = _dictionary()
    entry = d.entries.get(actor.name) or d.lookup(actor.name) or d.lookup(actor.text or "")
    words = (actor.name or "").lower().replace("-", " ").split()
    head = words[-1] if words else ""
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
    if head in POLICE:
        return "police", country
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
    return "named", country


def acled_actor_name(actor: Actor | None, event: Event | dict[str, Any] | None = None,
                     role: str = "actor1") -> str | None:
    """The ACLED-style name of an event's actor (None for no actor).

    ACLED names whoever protests "Protesters (X)" and whoever riots or lynches "Rioters (X)",
    whatever their trade, unless they are state forces or a named group."""
    if actor is None:
        return None
    kind, country = actor_class(actor)
    sub = (event.acled_sub_event_type if isinstance(event, Event) else (event or {}).get("acled_sub_event_type"))
    etype = (event.acled_event_type if isinstance(event, Event) else (event or {}).get("acled_event_type"))
    common = kind == "named" and not (actor.name or "")[:1].isupper()  # "pupils", "merchants": no group's name
    if role == "actor1" and (kind not in ("military", "police", "named") or common):
        if etype == "Protests" and sub != "Excessive force against protesters":
            kind = "protesters"
        elif etype == "Riots":
            kind = "rioters"
    if country is None and event is not None:
        loc = event.location if isinstance(event, Event) else (event.get("location") or None)
        if loc is not None:
            country = loc.country_code if not isinstance(loc, dict) else loc.get("country_code")
    name = _country_name(country)
    if kind == "named":
        return actor.name
    if name is None:
        return {"military": "Military Forces", "police": "Police Forces", "government": "Government",
                "protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians",
                "unidentified": "Unidentified Armed Group"}[kind]
    return {"military": f"Military Forces of {name}", "police": f"Police Forces of {name}",
            "government": f"Government of {name}", "protesters": f"Protesters ({name})",
            "rioters": f"Rioters ({name})", "civilians": f"Civilians ({name})",
            "unidentified": f"Unidentified Armed Group ({name})"}[kind]
