"""GET /api/control: who controls what on a date, as GeoJSON (empty until the store has control)."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..params import parse_bbox, parse_date

router = APIRouter(tags=["control"])


@router.get("/api/control", summary="Territorial control claims valid on a date (GeoJSON)")
def control(request: Request,
            at: str | None = Query(None, description="YYYY-MM-DD (default: today)"),
            bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat")):
    day = parse_date(at, "at")
    box = parse_bbox(bbox)
    features = request.app.state.queries_control(day, box)
    return {"type": "FeatureCollection", "features": features,
            "at": day.isoformat() if day else None}
