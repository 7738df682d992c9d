"""GeoJSON export (RFC 7946): a FeatureCollection of Point features, one per located event.

Each feature's ``properties`` is the event's contract record (``Event.to_dict()``) and its
``id`` the stable event id; coordinates are ``[longitude, latitude]``. Events without
valid coordinates are not features but are counted in the top-level ``unlocated`` member,
so a map shows how much of the record it cannot place.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import IO, Any

from ..records import Event
from .common import event_id


def point(latitude: Any, longitude: Any) -> list[float] | None:
    """[lon, lat] for a valid WGS84 position, else None (missing, not finite or out of range)."""
    if latitude is None or longitude is None:
        return None
    lat, lon = float(latitude), float(longitude)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return [lon, lat]


def coordinates(event: Event) -> list[float] | None:
    """[lon, lat] of the event, or None when it has no valid WGS84 position."""
    loc = event.location
    return None if loc is None else point(loc.latitude, loc.longitude)


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    features, unlocated = [], 0
    for event in events:
        point = coordinates(event)
        if point is None:
            unlocated += 1
            continue
        features.append({
            "type": "Feature", "id": event_id(event),
            "geometry": {"type": "Point", "coordinates": point},
            "properties": event.to_dict(),
        })
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def write_geojson(events: Iterable[Event], stream: IO[str]) -> int:
    """Write the FeatureCollection; return the number of events read (located or not)."""
    collection = feature_collection(events)
    json.dump(collection, stream, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
    return len(collection["features"]) + collection["unlocated"]
