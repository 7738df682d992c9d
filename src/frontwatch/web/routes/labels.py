"""GET /api/labels?bbox=&zoom=: place and region names for the offline basemap, from the gazetteer.

Which names show at a zoom: countries when zoomed out; first-level regions (provinces,
governorates) from zoom 5 and districts from zoom 8, in their own layer; places whose
population passes a floor that falls as the map zooms in (capitals always), the places that
have events first. Names are placed by priority and left out where they would overlap a name already placed
(boxes estimated in screen pixels at the zoom), so that labels do not pile up.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
from fastapi import APIRouter, Query, Request
from sqlalchemy import text

from ..params import ApiError, parse_bbox

router = APIRouter(tags=["map"])

ATTRIBUTION = "Place names: GeoNames (CC BY 4.0)"
MAX_LABELS = 600
# Smallest population labelled at each zoom (capitals and places with events pass anyway
# from EVENTS_FROM_ZOOM on); from zoom 9 every place, down to villages.
POP_FLOOR = {2: 3_000_000, 3: 2_000_000, 4: 1_000_000, 5: 300_000, 6: 100_000, 7: 25_000, 8: 5_000}
EVENTS_FROM_ZOOM = 6
KINDS = ("country", "admin1", "admin2", "capital", "city", "town", "village")


@dataclass
class LabelIndex:
    """Columns of every labelable gazetteer row (numpy, for fast bbox queries)."""

    name: list[str]
    lat: np.ndarray
    lon: np.ndarray
    pop: np.ndarray
    kind: np.ndarray  # index into KINDS
    gid: dict[int, int]  # geonameid -> position


def _kind(kind: int, capital: bool, admin2: str, pop: int) -> int | None:
    if kind == 2:
        return 0
    if kind == 1:
        return 2 if admin2 else 1
    if capital:
        return 3
    return 4 if pop >= 100_000 else 5 if pop >= 10_000 else 6


def build_index(gaz) -> LabelIndex:
    """The one place that reads the gazetteer (through its public row methods)."""
    capitals = getattr(gaz, "capitals", frozenset())
    names, lats, lons, pops, kinds, gid = [], [], [], [], [], {}
    for row in range(len(gaz)):
        c = gaz.candidate(row)
        if c.kind == "admin" and not c.country_code:  # continents
            continue
        if c.kind not in ("place", "admin", "country"):  # air fields, natural features: no base labels
            continue
        admin2 = gaz.admin2_of(row) if hasattr(gaz, "admin2_of") else ""
        k = _kind(("place", "admin", "country").index(c.kind), row in capitals, admin2, c.population)
        if c.geonameid and c.kind == "place":
            gid[c.geonameid] = len(names)
        names.append(c.name)
        lats.append(c.lat)
        lons.append(c.lon)
        pops.append(c.population)
        kinds.append(k)
    return LabelIndex(names, np.array(lats, dtype=np.float64), np.array(lons, dtype=np.float64),
                      np.array(pops, dtype=np.int64), np.array(kinds, dtype=np.int8), gid)


_lock = threading.Lock()


def _index(state) -> LabelIndex:
    with _lock:
        index = getattr(state, "label_index", None)
        if index is None:
            index = state.label_index = build_index(state.monitor.gazetteer)
        return index


def _event_places(engine, bbox) -> set[int]:
    """Geonameids of places that have canonical events inside bbox (empty without fusion)."""
    sql = text("SELECT DISTINCT place_key FROM fused_events WHERE place_key LIKE 'g:%' "
               "AND latitude BETWEEN :s AND :n AND longitude BETWEEN :w AND :e")
    try:
        with engine.connect() as conn:
            keys = conn.execute(sql, {"w": bbox[0], "s": bbox[1], "e": bbox[2], "n": bbox[3]}).scalars()
            return {int(k[2:]) for k in keys if k[2:].isdigit()}
    except Exception:  # noqa: BLE001 - an older store without the fusion tables
        return set()


def _pixels(lat: np.ndarray, lon: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator world pixel coordinates at zoom."""
    size = 256 * 2 ** zoom
    x = (lon + 180.0) / 360.0 * size
    s = np.sin(np.radians(np.clip(lat, -85.0, 85.0)))
    y = (0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


# Rough label sizes in screen pixels (characters are ~0.6 em wide): (px per character, height).
_SIZE = {0: (9.0, 16), 1: (7.0, 15), 2: (6.5, 14), 3: (8.0, 16), 4: (7.8, 16), 5: (7.2, 15), 6: (6.6, 14)}
_BUCKET = 64  # px: the collision grid


def _box(name: str, kind: int, x: float, y: float) -> tuple[float, float, float, float]:
    per_char, h = _SIZE[kind]
    w = len(name) * per_char + 8
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def select_labels(index: LabelIndex, bbox, zoom: int, event_gids: set[int] = frozenset(),
                  limit: int = MAX_LABELS) -> list[dict]:
    """The names to draw in bbox at zoom, most important first, none overlapping another.

    Labels are placed greedily by priority (countries when zoomed out, places with events,
    capitals, then by population; region names last); one whose box would overlap a placed
    one is left out.
    """
    w, s, e, n = bbox
    inside = (index.lat >= s) & (index.lat <= n)
    inside &= (index.lon >= w) & (index.lon <= e) if w <= e else (index.lon >= w) | (index.lon <= e)
    rows = np.nonzero(inside)[0]
    if not len(rows):
        return []
    kind, pop = index.kind[rows], index.pop[rows]
    has_events = np.zeros(len(rows), dtype=bool)
    if event_gids:
        wanted = {index.gid[g] for g in event_gids if g in index.gid}
        has_events = np.fromiter((r in wanted for r in rows), dtype=bool, count=len(rows))
    floor = POP_FLOOR.get(zoom, 0) if zoom >= min(POP_FLOOR) else math.inf
    place = kind >= 3
    keep = place & ((pop >= floor) | (kind == 3) | (has_events & (zoom >= EVENTS_FROM_ZOOM)))
    if zoom <= 6:  # countries as big as the places labelled at this zoom
        keep |= (kind == 0) & (pop >= min(floor, POP_FLOOR[6]))
    if 5 <= zoom <= 9:
        keep |= kind == 1
    if 8 <= zoom <= 11:
        keep |= kind == 2
    rows, kind, pop, has_events = rows[keep], kind[keep], pop[keep], has_events[keep]
    tier = np.full(len(rows), 2, dtype=np.int8)  # ordinary places (and countries from zoom 6)
    tier[kind == 3] = 1
    tier[has_events] = 1
    tier[kind == 1] = 3
    tier[kind == 2] = 4
    if zoom <= 5:
        tier[kind == 0] = 0
    order = np.lexsort((-pop, tier))
    rows, kind, pop, has_events = rows[order], kind[order], pop[order], has_events[order]
    x, y = _pixels(index.lat[rows], index.lon[rows], zoom)
    placed: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    out: list[dict] = []
    for i, r in enumerate(rows):
        k = int(kind[i])
        name = index.name[r]
        box = _box(name, k, float(x[i]), float(y[i]))
        cells = [(cx, cy) for cx in range(int(box[0] // _BUCKET), int(box[2] // _BUCKET) + 1)
                 for cy in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1)]
        if any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]
               for c in cells for o in placed.get(c, ())):
            continue
        for c in cells:
            placed.setdefault(c, []).append(box)
        out.append({"name": name, "lat": round(float(index.lat[r]), 5),
                    "lon": round(float(index.lon[r]), 5), "kind": KINDS[k],
                    "population": int(pop[i]), "events": bool(has_events[i])})
        if len(out) >= limit:
            break
    return out


@router.get("/api/labels", summary="Place and region names to draw on the map at a zoom (gazetteer)")
def labels(request: Request,
           bbox: str = Query(..., description="min_lon,min_lat,max_lon,max_lat of the view"),
           zoom: int = Query(..., ge=0, le=20, description="the map's zoom level")):
    box = parse_bbox(bbox)
    if box is None:
        raise ApiError(400, "bbox is required", "bbox")
    state = request.app.state
    index = _index(state)
    events = _event_places(state.engine, box) if zoom >= EVENTS_FROM_ZOOM else set()
    return {"zoom": zoom, "attribution": ATTRIBUTION,
            "labels": select_labels(index, box, zoom, events)}
