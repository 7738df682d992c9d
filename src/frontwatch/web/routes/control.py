"""GET /api/control: who controls what (on a date), as GeoJSON points from the store's
control periods (empty while the store has none)."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..params import parse_bbox, parse_date

router = APIRouter(tags=["control"])


@router.get("/api/control", summary="Territorial control periods, or who held what on a date (GeoJSON)")
def control(request: Request,
            at: str | None = Query(None, description="YYYY-MM-DD: who held what that day (default: every period)"),
            bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat")):
    day = parse_date(at, "at")
    box = parse_bbox(bbox)
    body = request.app.state.queries_control(day, box)
    body["at"] = day.isoformat() if day else None
    return body
