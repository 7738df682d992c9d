"""Country centroids from the Natural Earth 1:50m outlines shipped with the web UI.

``world-atlas`` (npm, vendored into ``web/static/vendor``) holds Natural Earth country
polygons as TopoJSON.  The centroid of each country's largest polygon (its main landmass)
is one estimate of the country's centre; ``build`` averages it with the ``countryinfo``
centre (see docs/architecture.md, "Gazetteer").
"""
from __future__ import annotations

import json
from pathlib import Path

WORLD_ATLAS = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "world-atlas" / "countries-50m.json"


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantised, delta-encoded arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _centroid(points: list[tuple[float, float]]) -> tuple[tuple[float, float] | None, float]:
    """Area centroid (lat, lon) and area of a ring; longitudes unwrapped across 180°."""
    if len(points) < 3:
        return None, 0.0
    base = points[0][0]
    ring = [(x - 360 * round((x - base) / 360), y) for x, y in points]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return None, 0.0
    lon = (cx / (3 * area) + 180) % 360 - 180
    return (cy / (3 * area), lon), abs(area) / 2


def main_landmass_centroids(path: Path = WORLD_ATLAS) -> dict[int, tuple[float, float]]:
    """ISO 3166 numeric code -> (lat, lon) of the centroid of the country's largest polygon."""
    if not path.is_file():
        return {}
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    best_by_id: dict[int, tuple[tuple[float, float], float]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        kind, gid = geometry.get("type"), str(geometry.get("id") or "")
        polygons = geometry["arcs"] if kind == "MultiPolygon" else [geometry["arcs"]] if kind == "Polygon" else []
        best = None
        for polygon in polygons:
            point, area = _centroid(_ring(arcs, polygon[0]))
            if point and (best is None or area > best[1]):
                best = (point, area)
        # several geometries can share a code (Australia and its Ashmore and Cartier Islands)
        if best and gid.isdigit() and best[1] > best_by_id.get(int(gid), (None, -1.0))[1]:
            best_by_id[int(gid)] = best
    return {gid: point for gid, (point, _) in best_by_id.items()}


def blend(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Midpoint of two estimates of one centre (longitudes compared across 180°)."""
    lon_b = b[1] - 360 * round((b[1] - a[1]) / 360)
    lon = ((a[1] + lon_b) / 2 + 180) % 360 - 180
    return (a[0] + b[0]) / 2, lon
