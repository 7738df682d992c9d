"""GET /api/events (filtered, paged, as JSON, GeoJSON or ACLED-profile CSV),
GET /api/events/{id} (one event with its reports) and GET /api/timeline (counts by date)."""
from __future__ import annotations

import io
import json
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ..params import DEFAULT_LIMIT, MAX_LIMIT, ApiError, decode_cursor, encode_cursor, filters
from ..queries import Filters

router = APIRouter(tags=["events"])


def _next_link(request: Request, cursor: str | None) -> dict[str, str]:
    if cursor is None:
        return {}
    url = request.url.include_query_params(cursor=cursor)
    return {"Link": f'<{url.path}?{url.query}>; rel="next"'}


@router.get("/api/events", summary="Events matching the filters, one page at a time")
def list_events(
    request: Request,
    f: Filters = Depends(filters),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="events per page"),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
    format: Literal["json", "geojson", "csv"] = Query("json", description="json, geojson or csv"),
    total: bool = Query(True, description="count all matching events (first page only)"),
    compact: bool = Query(False, description="json only: id, type, status, date, place (for maps)"),
    order: Literal["asc", "desc"] = Query("asc", description="by date: oldest (asc) or newest first"),
):
    offset = decode_cursor(cursor)
    qs = request.app.state.queries
    page = qs.page(f, limit, offset, count=total and offset == 0 and format == "json",
                   compact=compact and format == "json", newest_first=order == "desc")
    nxt = encode_cursor(page.next_offset)
    headers = {"X-Total-Count": str(page.total)} if page.total is not None else {}
    headers.update(_next_link(request, nxt))
    if format == "csv":
        buf = io.StringIO()
        qs.write_csv(page, buf)
        headers["Content-Disposition"] = 'attachment; filename="frontwatch-events.csv"'
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    if format == "geojson":
        body = qs.geojson(page)
        body["next_cursor"] = nxt
        return Response(json.dumps(body, ensure_ascii=False, allow_nan=False),
                        media_type="application/geo+json", headers=headers)
    return JSONResponse({"events": page.items, "count": len(page.items), "total": page.total,
                         "next_cursor": nxt, "limit": limit}, headers=headers)


@router.get("/api/events/{event_id}", summary="One event with its reports")
def get_event(event_id: str, request: Request):
    if len(event_id) > 2000:
        raise ApiError(404, "no such event", "event_id")
    found = request.app.state.queries.get(event_id)
    if found is None:
        raise ApiError(404, "no such event; ids come from /api/events", "event_id")
    return found


@router.get("/api/timeline", summary="Event counts by date range for the filters (dates ignored)")
def timeline(request: Request, f: Filters = Depends(filters)):
    qs = request.app.state.queries
    latest = qs.latest_date()
    return {"bins": qs.timeline(f), "latest": latest.isoformat() if latest else None}
