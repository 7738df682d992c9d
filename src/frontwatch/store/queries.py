"""Building the SELECTs behind ``Store.events`` and ``Store.places`` and the rows behind ``Store.add``.

Filters are what a map UI asks: a date range, a bounding box, event types, actor and
place substrings, country, status, article. Every filter runs on an indexed flattened
column (substring filters scan the casefolded text columns).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, and_, case, or_, select

from ..errors import StoreError
from ..nlp.actor_keys import actor_key
from ..records import PLACE_KINDS, PLOVER_TYPES, STATUSES, Article, Event, PlaceMention
from .fts import evidence_filter
from .schema import articles, events, fused_events, fused_reports, places

BBox = tuple[float, float, float, float]


# --------------------------------------------------------------------------- rows in

def fold(*texts: str | None) -> str | None:
    """Casefolded text for case-insensitive substring search (parts joined by U+001F)."""
    parts = [t.casefold() for t in texts if t]
    return "\x1f".join(parts) or None


def source_of(article: Article) -> tuple[str, str] | None:
    """(name, domain) of the article's outlet, or None when neither is known."""
    domain = ""
    if article.url:
        host = (urlsplit(article.url.strip()).hostname or "").lower()
        domain = host[4:] if host.startswith("www.") else host
    name = (article.outlet or "").strip() or domain
    return (name[:300], domain[:300]) if name else None


def article_row(article: Article, source_pk: int | None) -> dict[str, Any]:
    fetched = article.fetched_at
    return {
        "id": article.id, "key": article.key, "content_hash": article.content_hash,
        "source_pk": source_pk, "title": article.title, "url": article.url,
        "outlet": article.outlet, "published": article.published,
        "fetched_at": fetched.isoformat() if isinstance(fetched, datetime) else fetched,
        "language": article.language, "text": article.text,
    }


def row_article(row: Any) -> Article:
    m = row._mapping
    return Article(
        id=m["id"], text=m["text"], title=m["title"], url=m["url"], outlet=m["outlet"],
        published=m["published"], fetched_at=m["fetched_at"], language=m["language"],
        content_hash=m["content_hash"], key=m["key"], checked=False,
    )


def _day(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def _coord(value: Any) -> float | None:
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None


def event_row(event: Event, article: Article, article_pk: int, ordinal: int) -> dict[str, Any]:
    """The stored row: the contract record as JSON plus the flattened query columns."""
    rec = event.to_dict()
    if rec.get("article_id") != article.id:
        raise StoreError(
            f"event {ordinal} names article {rec.get('article_id')!r}, not {article.id!r}")
    if rec.get("event_type") not in PLOVER_TYPES:
        raise StoreError(f"event {ordinal}: {rec.get('event_type')!r} is not a PLOVER type")
    if rec.get("status") not in STATUSES:
        raise StoreError(f"event {ordinal}: status {rec.get('status')!r} is not one of {STATUSES}")
    evidence = rec.get("evidence") or {}
    if not isinstance(evidence.get("start"), int):
        raise StoreError(f"event {ordinal} has no evidence span")
    when = rec.get("date") or {}
    start = _day(when.get("start"))
    end = _day(when.get("end")) or start
    loc = rec.get("location") or {}
    lat, lon = _coord(loc.get("latitude")), _coord(loc.get("longitude"))
    if lat is None or lon is None:
        lat = lon = None
    actor1, actor2 = rec.get("actor1") or {}, rec.get("actor2") or {}
    cc = loc.get("country_code")
    return {
        "article_pk": article_pk, "ordinal": ordinal,
        "event_type": rec["event_type"], "status": rec["status"],
        "date_start": start, "date_end": end, "latitude": lat, "longitude": lon,
        "country_code": cc.upper()[:2] if isinstance(cc, str) and cc else None,
        "actor1_name": actor1.get("name"), "actor2_name": actor2.get("name"),
        "location_name": loc.get("name"),
        "actors_fold": fold(actor1.get("name"), actor2.get("name")),
        "place_fold": fold(loc.get("name"), loc.get("text")),
        "evidence_start": evidence["start"], "record": rec,
        "actor1_key": actor_key(actor1.get("name"), actor1.get("text")),
        "actor2_key": actor_key(actor2.get("name"), actor2.get("text")),
    }


def place_row(place: PlaceMention, article: Article, article_pk: int, ordinal: int) -> dict[str, Any]:
    rec = place.to_dict()
    if rec.get("article_id") != article.id:
        raise StoreError(
            f"place {ordinal} names article {rec.get('article_id')!r}, not {article.id!r}")
    if rec.get("kind") not in PLACE_KINDS:
        raise StoreError(f"place {ordinal}: kind {rec.get('kind')!r} is not one of {PLACE_KINDS}")
    rec.pop("article_id")
    return {"article_pk": article_pk, "ordinal": ordinal, **rec}


def row_place(row: Any) -> PlaceMention:
    m = row._mapping
    return PlaceMention(article_id=m["article_id"], **{
        k: m[k] for k in PlaceMention.field_names() if k != "article_id"})


# --------------------------------------------------------------------------- queries

def _as_date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"{name} must be a date or YYYY-MM-DD, not {value!r}") from exc


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _check_bbox(bbox: Iterable[float]) -> BBox:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    except (TypeError, ValueError) as exc:
        raise ValueError("bbox must be (min_lon, min_lat, max_lon, max_lat)") from exc
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ValueError("bbox values must be finite numbers")
    if min_lat > max_lat:
        raise ValueError(f"bbox min_lat {min_lat} is above max_lat {max_lat}")
    return min_lon, min_lat, max_lon, max_lat


def event_filters(e, *, since=None, until=None, type=None, status=None, actor=None, place=None,
                  country=None, bbox=None, q=None) -> list:
    """WHERE clauses shared by per-article and canonical event queries (same column names).

    ``q``: text in the evidence sentence, through the full-text index (``fts``): its words
    must start words of the evidence and the evidence must contain ``q`` (case-insensitive).
    A canonical event matches when the evidence of any of its reports does.
    """
    where = []
    if q:
        where.append(_text_filter(e, q))
    since_d, until_d = _as_date(since, "since"), _as_date(until, "until")
    if since_d is not None:
        where.append(e.date_end >= since_d)
    if until_d is not None:
        where.append(e.date_start <= until_d)
    types = _as_list(type)
    if types is not None:
        where.append(e.event_type.in_([x.upper() for x in types]))
    statuses = _as_list(status)
    if statuses is not None:
        where.append(e.status.in_([x.lower() for x in statuses]))
    if actor:  # a substring of a name, or any alias of the party ("Daesh" finds events of "ISIS")
        said = e.actors_fold.contains(actor.casefold(), autoescape=True)
        key = actor_key(actor)
        where.append(or_(said, e.actor1_key == key, e.actor2_key == key) if key else said)
    if place:
        where.append(e.place_fold.contains(place.casefold(), autoescape=True))
    if country:
        where.append(e.country_code == country.strip().upper())
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = _check_bbox(bbox)
        where.append(e.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            where.append(e.longitude.between(min_lon, max_lon))
        else:
            where.append(or_(e.longitude >= min_lon, e.longitude <= max_lon))
    return where


def _text_filter(e, q: str):
    if e.pk.table is events:
        return evidence_filter(events.c, q)
    if e.pk.table is fused_events:
        r = fused_reports.c
        reports = (select(r.canonical_id)
                   .select_from(fused_reports.join(events, r.event_pk == events.c.pk))
                   .where(evidence_filter(events.c, q)))
        return e.id.in_(reports)
    raise ValueError(f"q: no evidence text behind table {e.pk.table.name!r}")


def events_query(
    since: date | str | None = None, until: date | str | None = None,
    type: str | Iterable[str] | None = None, actor: str | None = None,
    place: str | None = None, country: str | None = None,
    status: str | Iterable[str] | None = None, article_id: str | None = None,
    bbox: Iterable[float] | None = None, limit: int | None = None, offset: int = 0,
    q: str | None = None,
) -> Select:
    """SELECT of event records matching every given filter, in a deterministic order.

    Dates overlap: an event is kept when its range [date_start, date_end] meets
    [since, until]; with either bound given, undated events are left out.
    ``bbox`` with min_lon > max_lon crosses the antimeridian. ``type`` and ``status``
    take one value or several. ``q``: text in the evidence sentence (see ``event_filters``).
    """
    e, a = events.c, articles.c
    query = select(e.record).select_from(events.join(articles, e.article_pk == a.pk))
    where = event_filters(e, since=since, until=until, type=type, status=status, actor=actor,
                          place=place, country=country, bbox=bbox, q=q)
    if article_id is not None:
        where.append(a.id == article_id)
    if where:
        query = query.where(and_(*where))
    query = query.order_by(
        case((e.date_start.is_(None), 1), else_=0), e.date_start, a.id, e.evidence_start, e.ordinal)
    if offset:
        query = query.offset(int(offset))
    if limit is not None:
        query = query.limit(int(limit))
    return query


def places_query(article_id: str | None = None) -> Select:
    query = select(places, articles.c.id.label("article_id")).select_from(
        places.join(articles, places.c.article_pk == articles.c.pk))
    if article_id is not None:
        query = query.where(articles.c.id == article_id)
    return query.order_by(articles.c.id, places.c.ordinal)
