"""GET /api/places?q=: gazetteer search by name prefix."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..params import ApiError

router = APIRouter(tags=["places"])


@router.get("/api/places", summary="Places whose name starts with q, most populous first")
def places(request: Request,
           q: str = Query(..., description="name prefix (1-100 characters)"),
           limit: int = Query(10, ge=1, le=50)):
    q = q.strip()
    if not q or len(q) > 100:
        raise ApiError(400, "q must be 1-100 characters", "q")
    gaz = request.app.state.monitor.gazetteer
    return {"places": [{
        "name": c.name, "geonameid": c.geonameid, "latitude": c.lat, "longitude": c.lon,
        "country_code": c.country_code, "admin1": c.admin1, "kind": c.kind,
        "population": c.population} for c in gaz.search(q, limit=limit)]}
