"""GET /api/alerts (JSON or GeoJSON), /api/alerts/{id} (with its versions) and
/api/alerts/feed.atom (an Atom feed of new alerts). Read-only: alerts are evaluated by
``frontwatch alerts`` (or ``AlertService``) and read here from the store."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..params import ApiError, parse_bbox, parse_date

router = APIRouter(tags=["alerts"])
STATUSES = ("new", "updated", "resolved")


def _when(value: str | None, name: str):
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, f"{name} must be an ISO date or date-time, not {value[:40]!r}", name) from None
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t


def _store(request: Request):
    return request.app.state.monitor.store


@router.get("/api/alerts", summary="Early-warning alerts (newest first), as JSON or GeoJSON")
def list_alerts(request: Request,
                rule: str | None = Query(None, max_length=100, description="rule id, e.g. surge"),
                place: str | None = Query(None, max_length=200, description="text in the place or area"),
                since: str | None = Query(None, description="YYYY-MM-DD: last seen on or after"),
                status: str | None = Query(None, description="new | updated | resolved"),
                bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
                as_of: str | None = Query(None, description="alerts as they stood at this time (UTC)"),
                updated_since: str | None = Query(None, description="alerts with a version after this time"),
                format: str = Query("json", pattern="^(json|geojson)$"),
                limit: int = Query(200, ge=1, le=5000)):
    from ...alerts.cli import geojson
    from ...store import alerts as db

    if status and status not in STATUSES:
        raise ApiError(400, f"status must be one of {', '.join(STATUSES)}", "status")
    if as_of and updated_since:
        raise ApiError(400, "give as_of or updated_since, not both", "as_of")
    day, box = parse_date(since, "since"), parse_bbox(bbox)
    store = _store(request)
    t_as_of, t_since = _when(as_of, "as_of"), _when(updated_since, "updated_since")
    if t_as_of or t_since:
        found = db.as_of(store, t_as_of) if t_as_of else db.updated_since(store, t_since)
        found = [r for r in found if (not rule or r["rule"] == rule) and (not status or r["status"] == status)
                 and (not place or place.casefold() in str(r.get("place") or {}).casefold())
                 and (not day or r["last_seen"] >= day.isoformat())]
    else:
        found = db.query(store, rule=rule, place=place, since=day, status=status, bbox=box)
    found = found[:limit]
    if format == "geojson":
        return geojson(found)
    return {"count": len(found), "alerts": found}


def _entry(rec: dict) -> str:
    place = (rec.get("place") or {}).get("name") or rec.get("scope")
    updated = rec.get("raised") + "T00:00:00Z"
    lines = [f"{e['event']}: {e.get('type')} {e.get('date_start')} at {e.get('place')} (grade {e.get('grade')})"
             for e in rec.get("evidence") or [] if not e.get("missing")]
    content = rec["summary"] + ("\n\nEvidence:\n" + "\n".join(lines) if lines else "")
    return ("<entry>"
            f"<id>urn:frontwatch:alert:{escape(rec['id'])}</id>"
            f"<title>{escape(rec['rule_title'] + ' - ' + str(place))}</title>"
            f"<updated>{updated}</updated>"
            f"<published>{updated}</published>"
            f"<link rel=\"alternate\" href={quoteattr('/api/alerts/' + rec['id'])}/>"
            f"<category term={quoteattr(rec['rule'])}/>"
            f"<summary>{escape(rec['summary'])}</summary>"
            f"<content type=\"text\">{escape(content)}</content>"
            "</entry>")


@router.get("/api/alerts/feed.atom", summary="Atom feed of new alerts", response_class=Response)
def feed(request: Request, rule: str | None = Query(None, max_length=100), limit: int = Query(50, ge=1, le=500)):
    from ...store import alerts as db

    recs = db.query(_store(request), rule=rule, status="new", limit=limit)
    updated = max((r["raised"] for r in recs), default="1970-01-01") + "T00:00:00Z"
    base = str(request.base_url).rstrip("/")
    body = ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            "<id>urn:frontwatch:alerts</id><title>frontwatch: new alerts</title>"
            f"<updated>{updated}</updated><author><name>frontwatch</name></author>"
            f"<link rel=\"self\" href={quoteattr(base + '/api/alerts/feed.atom')}/>"
            + "".join(_entry(r) for r in recs) + "</feed>")
    return Response(body, media_type="application/atom+xml")


@router.get("/api/alerts/{alert_id}", summary="One alert with its evidence chain and versions")
def one(request: Request, alert_id: str):
    from ...store import alerts as db

    if not alert_id.startswith("al-") or len(alert_id) > 40:
        raise ApiError(404, f"no alert {alert_id[:40]!r}")
    versions = db.history(_store(request), alert_id)
    if not versions:
        raise ApiError(404, f"no alert {alert_id!r}")
    return {"alert": versions[-1]["data"], "versions": [{k: v for k, v in x.items() if k != "data"} for x in versions]}
