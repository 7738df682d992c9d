"""Matching predicted control changes to gold CONTROL entries.

A prediction is a dict {place, actor, from, to}: ``place`` a name or a dict with ``name`` and
optionally ``lat``/``lon``; ``from`` a YYYY[-MM[-DD]] string or a date. Control periods of
``frontwatch.fuse`` (ControlPeriod objects or their dicts) are turned into that shape by
``prediction_from_period``.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .matching import TOWN_KM, haversine_km, normalise_name, partial_range, ranges_overlap, same_toponym


def _control_place(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("text")
    return normalise_name(value if isinstance(value, str) else None)


def _place_coords(value: Any) -> tuple[float, float] | None:
    if isinstance(value, dict):
        lat = value.get("lat", value.get("latitude"))
        lon = value.get("lon", value.get("longitude"))
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            return float(lat), float(lon)
    return None


def control_places(gold: dict) -> dict[str, tuple[set[str], tuple[float, float] | None]]:
    """Normalised control place -> (accepted names, coordinates), from the same file's toponyms:
    a toponym whose text is the control place adds its gazetteer name and coordinates."""
    table: dict[str, tuple[set[str], tuple[float, float] | None]] = {}
    for ctl in gold.get("control") or []:
        names, coords = {normalise_name(ctl["place"])}, None
        for top in gold.get("toponyms", []):
            if same_toponym(top["text"], ctl["place"]):
                names.add(normalise_name(top["name"]))
                if coords is None and top.get("lat") is not None:
                    coords = (top["lat"], top["lon"])
        table[normalise_name(ctl["place"])] = (names, coords)
    return table


def _same_control_place(gold_place: str, predicted: Any, places: dict) -> bool:
    names, coords = places.get(normalise_name(gold_place), ({normalise_name(gold_place)}, None))
    if _control_place(predicted) in names:
        return True
    where = _place_coords(predicted)
    return coords is not None and where is not None and haversine_km(*coords, *where) <= TOWN_KM


def match_control(gold: list[dict], predicted: list[dict], aliases: dict[str, set[str]] | None = None,
                  places: dict[str, tuple[set[str], tuple[float, float] | None]] | None = None,
                  ) -> list[tuple[int, int]]:
    """One-to-one, in file order. A prediction {place, actor, from, to} matches a gold control entry
    when the place agrees, the new controller (``actor``) is the gold actor or one of its aliases
    (``aliases``: normalised canonical name -> normalised aliases, from the gold events), and the
    ``from`` dates agree within one day (partial dates are their whole year/month; a null date
    agrees with anything). The place agrees when its name (a string, or a dict's ``name``/``text``)
    equals the gold place or the gazetteer name of the matching gold toponym (``places``, from
    ``control_places``), or when a dict with ``lat``/``lon`` lies within 50 km of that toponym."""
    aliases = aliases or {}
    places = places or {}
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        g_actor = normalise_name(g["actor"])
        accepted = {g_actor} | aliases.get(g_actor, set())
        for pi, p in enumerate(predicted):
            if pi in used or not _same_control_place(g["place"], p.get("place"), places):
                continue
            if normalise_name(str(p.get("actor") or "")) not in accepted:
                continue
            if not ranges_overlap(partial_range(g.get("from")), _from_range(p)):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _date_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def _from_range(p: dict) -> tuple[date, date] | None:
    """The prediction's start: ``from`` (partial date) or a ``from_start``..``from_end`` range."""
    if p.get("from_start") or p.get("from_end"):
        lo, hi = _date_str(p.get("from_start")), _date_str(p.get("from_end"))
        start, end = partial_range(lo or hi), partial_range(hi or lo)
        return (start[0], end[1]) if start and end else None
    return partial_range(_date_str(p.get("from")))


def prediction_from_period(period: Any) -> dict | None:
    """A ControlPeriod (or its dict) as a control prediction; None when no controller is known."""
    d = period.to_dict() if hasattr(period, "to_dict") else dict(period)
    if not d.get("controller"):
        return None
    return {"place": {"name": d.get("place"), "lat": d.get("latitude"), "lon": d.get("longitude")},
            "actor": d["controller"], "from_start": d.get("from_start"), "from_end": d.get("from_end"),
            "to": d.get("to_end") or d.get("to_start")}
