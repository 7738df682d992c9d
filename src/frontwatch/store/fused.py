"""Fusion tables: canonical events, their reports and versions, control claims and periods.

Plain functions over a ``Store`` (they use its engine and transactions). The fusion logic is
in ``frontwatch.fuse``; ``fuse/service.py`` decides what to write, this module writes and reads
it. Times are stored as naive UTC datetimes and returned timezone-aware (UTC). Every query is
portable SQL (SQLite and PostgreSQL).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_, select, update

from ..fuse.changelog import Version
from ..fuse.records import CanonicalEvent, ControlClaim, ControlPeriod
from ..records import Article, Event, Location
from . import schema as t
from .queries import _as_date, _check_bbox, fold, row_article

_CHUNK = 500


# --------------------------------------------------------------------------- time

def utc_naive(when: datetime) -> datetime:
    """A datetime as stored: UTC without tzinfo (a naive input is taken as UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when


def utc_aware(when: datetime | None) -> datetime | None:
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


# --------------------------------------------------------------------------- reading reports

def report_rows(store, fused: bool) -> tuple[list[tuple[int, Event]], dict[str, Article]]:
    """Stored per-article events already fused (``fused=True``) or not yet fused, as
    (event pk, Event), in storage order, with their articles by id."""
    e, a, r = t.events.c, t.articles.c, t.fused_reports.c
    query = (select(e.pk, e.record, a.pk.label("apk"))
             .select_from(t.events.join(t.articles, e.article_pk == a.pk)
                          .outerjoin(t.fused_reports, r.event_pk == e.pk))
             .where(r.event_pk.is_not(None) if fused else r.event_pk.is_(None))
             .order_by(e.pk))
    with store._read() as conn:
        rows = conn.execute(query).all()
        article_pks = sorted({row.apk for row in rows})
        articles: dict[str, Article] = {}
        for i in range(0, len(article_pks), _CHUNK):
            for row in conn.execute(select(t.articles).where(a.pk.in_(article_pks[i:i + _CHUNK]))):
                art = row_article(row)
                articles[art.id] = art
    return [(row.pk, Event.from_dict(row.record)) for row in rows], articles


def count_reports(store) -> int:
    with store._read() as conn:
        return conn.execute(select(func.count()).select_from(t.fused_reports)).scalar_one()


def open_versions(store) -> list[Version]:
    """The current (latest) version of every canonical event id ever created."""
    v = t.fused_versions.c
    with store._read() as conn:
        rows = conn.execute(select(t.fused_versions).where(v.valid_to.is_(None))
                            .order_by(v.valid_from, v.event_id)).all()
    return [_version(row) for row in rows]


def _version(row: Any) -> Version:
    m = row._mapping
    return Version(m["event_id"], m["version"], m["kind"], utc_aware(m["valid_from"]),
                   utc_aware(m["valid_to"]), m["data"], m["merged_into"], list(m["merged_from"] or []))


def stored_records(store) -> dict[str, dict]:
    """{canonical id: record} of every current canonical event."""
    with store._read() as conn:
        rows = conn.execute(select(t.fused_events.c.id, t.fused_events.c.record)).all()
    return {row.id: row.record for row in rows}


# --------------------------------------------------------------------------- writing

def _event_row(ev: CanonicalEvent, version: int, at: datetime) -> dict[str, Any]:
    rec = ev.to_dict()
    loc = ev.location or {}
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None or lon is None:
        lat = lon = None
    cc = loc.get("country_code")
    return {
        "id": ev.id, "version": version, "event_type": ev.event_type, "status": ev.status,
        "date_start": ev.date_start, "date_end": ev.date_end or ev.date_start,
        "latitude": lat, "longitude": lon,
        "country_code": cc.upper()[:2] if isinstance(cc, str) and cc else None,
        "actor1_name": ev.actor1, "actor2_name": ev.actor2, "location_name": loc.get("name"),
        "actors_fold": fold(ev.actor1, ev.actor2),
        "place_fold": fold(loc.get("name"), *sorted({(r.get("location") or {}).get("text") or ""
                                                     for r in ev.reports})),
        "sources": ev.sources, "grade": ev.grade, "updated_at": utc_naive(at), "record": rec,
    }


def save(store, versions: list[Version], events: dict[str, CanonicalEvent],
         new_reports: list[tuple[int, str, str]], periods: list[dict] | None,
         replace_reports: bool = False) -> None:
    """Persist one fusion run in ONE transaction: the new versions (closing the previous
    version of each id), the current canonical events of the changed ids, the report -> event
    mapping (new rows; ``replace_reports`` rewrites it whole) and, when given, the control periods."""
    fe, fv, fr = t.fused_events, t.fused_versions, t.fused_reports
    with store._write() as conn:
        for v in versions:
            at = utc_naive(v.valid_from)
            conn.execute(update(fv).where(fv.c.event_id == v.event_id, fv.c.valid_to.is_(None))
                         .values(valid_to=at))
            conn.execute(insert(fv).values(
                event_id=v.event_id, version=v.version, kind=v.kind, valid_from=at, valid_to=None,
                merged_into=v.merged_into, merged_from=list(v.merged_from), data=v.data))
        changed = sorted({v.event_id for v in versions})
        for i in range(0, len(changed), _CHUNK):
            conn.execute(delete(fe).where(fe.c.id.in_(changed[i:i + _CHUNK])))
        latest = {v.event_id: v for v in versions}
        rows = [_event_row(events[i], latest[i].version, latest[i].valid_from)
                for i in changed if latest[i].data is not None and i in events]
        if rows:
            conn.execute(insert(fe), rows)
        if replace_reports:
            conn.execute(delete(fr))
        else:
            for v in versions:
                if v.kind == "deleted" and v.merged_into:
                    conn.execute(update(fr).where(fr.c.canonical_id == v.event_id)
                                 .values(canonical_id=v.merged_into))
        if new_reports:
            conn.execute(insert(fr), [{"event_pk": pk, "canonical_id": cid, "report_key": key}
                                      for pk, cid, key in new_reports])
        if periods is not None:
            conn.execute(delete(t.control_periods))
            if periods:
                conn.execute(insert(t.control_periods), periods)


# --------------------------------------------------------------------------- control claims

def claim_to_dict(c: ControlClaim) -> dict[str, Any]:
    return c.to_dict()


def claim_from_dict(d: dict[str, Any]) -> ControlClaim:
    d = dict(d)
    d["place"] = Location(**d["place"]) if isinstance(d.get("place"), dict) else d.get("place")
    for k in ("since", "as_of"):
        d[k] = date.fromisoformat(d[k]) if isinstance(d.get(k), str) else d.get(k)
    return ControlClaim(**{k: d[k] for k in ControlClaim.field_names() if k in d})


def add_claims(store, article_id: str, claims: Iterable[ControlClaim]) -> int:
    """Store an article's control claims (replacing any stored before); returns how many."""
    claims = list(claims)
    a, c = t.articles.c, t.control_claims
    with store._write() as conn:
        pk = conn.execute(select(a.pk).where(a.id == article_id)).scalar()
        if pk is None:
            return 0
        conn.execute(delete(c).where(c.c.article_pk == pk))
        if claims:
            conn.execute(insert(c), [{"article_pk": pk, "ordinal": i, "actor": cl.actor,
                                      "geonameid": cl.place.geonameid if cl.place else None,
                                      "since": cl.since, "record": claim_to_dict(cl)}
                                     for i, cl in enumerate(claims)])
    return len(claims)


def claims(store, article_id: str | None = None) -> list[ControlClaim]:
    c, a = t.control_claims.c, t.articles.c
    query = select(c.record).select_from(t.control_claims.join(t.articles, c.article_pk == a.pk))
    if article_id is not None:
        query = query.where(a.id == article_id)
    with store._read() as conn:
        return [claim_from_dict(r) for r in conn.execute(query.order_by(a.pk, c.ordinal)).scalars()]


def period_row(p: ControlPeriod, texts: Iterable[str] = ()) -> dict[str, Any]:
    return {"place": p.place, "place_fold": fold(p.place, *sorted(set(texts))), "geonameid": p.geonameid,
            "latitude": p.latitude, "longitude": p.longitude, "controller": p.controller,
            "from_start": p.from_start, "from_end": p.from_end, "to_start": p.to_start,
            "to_end": p.to_end, "tier": p.tier, "record": p.to_dict()}


def _period(rec: dict) -> ControlPeriod:
    d = dict(rec)
    for k in ("from_start", "from_end", "to_start", "to_end"):
        d[k] = date.fromisoformat(d[k]) if isinstance(d.get(k), str) else d.get(k)
    return ControlPeriod(**{k: d[k] for k in ControlPeriod.field_names() if k in d})


def periods(store, place: str | None = None, at: date | str | None = None,
            bbox: Iterable[float] | None = None) -> list[ControlPeriod]:
    """Stored control periods: of places whose name or wording contains ``place``, possibly
    covering the day ``at``, inside ``bbox`` (min_lon, min_lat, max_lon, max_lat)."""
    p = t.control_periods.c
    where = []
    if place:
        where.append(p.place_fold.contains(place.casefold(), autoescape=True))
    day = _as_date(at, "at")
    if day is not None:
        where += [or_(p.from_start.is_(None), p.from_start <= day), or_(p.to_end.is_(None), p.to_end > day)]
    if bbox is not None:
        where += _bbox(p, bbox)
    query = select(p.record).order_by(p.place, p.geonameid, case((p.from_start.is_(None), 0), else_=1),
                                      p.from_start, p.pk)
    if where:
        query = query.where(and_(*where))
    with store._read() as conn:
        return [_period(r) for r in conn.execute(query).scalars()]


# --------------------------------------------------------------------------- canonical events

def _bbox(cols, bbox) -> list:
    min_lon, min_lat, max_lon, max_lat = _check_bbox(bbox)
    out = [cols.latitude.between(min_lat, max_lat)]
    if min_lon <= max_lon:
        out.append(cols.longitude.between(min_lon, max_lon))
    else:
        out.append(or_(cols.longitude >= min_lon, cols.longitude <= max_lon))
    return out


def events_query(since=None, until=None, type=None, actor=None, place=None, country=None,
                 status=None, bbox=None, min_sources: int | None = None, grade: str | None = None,
                 limit: int | None = None, offset: int = 0):
    """SELECT of canonical event records matching every filter (as ``queries.events_query``)."""
    e = t.fused_events.c
    where = []
    since_d, until_d = _as_date(since, "since"), _as_date(until, "until")
    if since_d is not None:
        where.append(e.date_end >= since_d)
    if until_d is not None:
        where.append(e.date_start <= until_d)
    if type is not None:
        types = [type] if isinstance(type, str) else list(type)
        where.append(e.event_type.in_([x.upper() for x in types]))
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        where.append(e.status.in_([s.lower() for s in statuses]))
    if actor:
        where.append(e.actors_fold.contains(actor.casefold(), autoescape=True))
    if place:
        where.append(e.place_fold.contains(place.casefold(), autoescape=True))
    if country:
        where.append(e.country_code == country.strip().upper())
    if min_sources:
        where.append(e.sources >= int(min_sources))
    if grade:
        where.append(e.grade == grade.upper())
    if bbox is not None:
        where += _bbox(e, bbox)
    query = select(e.record)
    if where:
        query = query.where(and_(*where))
    query = query.order_by(case((e.date_start.is_(None), 1), else_=0), e.date_start, e.id)
    if offset:
        query = query.offset(int(offset))
    if limit is not None:
        query = query.limit(int(limit))
    return query


def events(store, **filters: Any) -> list[dict]:
    """Current canonical events (records as dicts) matching the filters, by date then id."""
    with store._read() as conn:
        return list(conn.execute(events_query(**filters)).scalars())


def count_events(store, **filters: Any) -> int:
    filters.pop("limit", None)
    filters.pop("offset", None)
    inner = events_query(**filters).order_by(None).subquery()
    with store._read() as conn:
        return conn.execute(select(func.count()).select_from(inner)).scalar_one()


def as_of(store, when: datetime) -> list[dict]:
    """Every canonical event as it stood at ``when`` (records), by date then id."""
    v = t.fused_versions.c
    at = utc_naive(when)
    # a deletion's data is JSON null, so it is dropped below rather than in SQL
    query = select(v.data).where(v.valid_from <= at, or_(v.valid_to.is_(None), v.valid_to > at))
    with store._read() as conn:
        found = [d for d in conn.execute(query).scalars() if d is not None]
    return sorted(found, key=lambda d: (d.get("date_start") is None, d.get("date_start") or "", d["id"]))


def updated_since(store, when: datetime) -> dict[str, Any]:
    """What changed after ``when``: {'changed': {id: latest record}, 'deleted': {id: merged_into}}
    (an id whose latest version has no data - deleted or split away - is listed as deleted)."""
    v = t.fused_versions.c
    with store._read() as conn:
        rows = conn.execute(select(t.fused_versions).where(v.valid_from > utc_naive(when))
                            .order_by(v.event_id, v.version)).all()
    latest = {row.event_id: row for row in rows}
    changed = {k: r.data for k, r in sorted(latest.items()) if r.data is not None}
    deleted = {k: r.merged_into for k, r in sorted(latest.items()) if r.data is None}
    return {"changed": changed, "deleted": deleted}


def history(store, event_id: str) -> list[Version]:
    """Every version of one canonical event id, oldest first."""
    v = t.fused_versions.c
    with store._read() as conn:
        rows = conn.execute(select(t.fused_versions).where(v.event_id == event_id).order_by(v.version)).all()
    return [_version(r) for r in rows]


def report_map(store) -> dict[int, str]:
    """{stored event pk: canonical id} of every fused report."""
    r = t.fused_reports.c
    with store._read() as conn:
        return {row.event_pk: row.canonical_id for row in conn.execute(select(r.event_pk, r.canonical_id))}


def reports_of(store, canonical_id: str) -> list[int]:
    """Stored event pks (per-article events) that report one canonical event."""
    r = t.fused_reports.c
    with store._read() as conn:
        return list(conn.execute(select(r.event_pk).where(r.canonical_id == canonical_id)
                                 .order_by(r.event_pk)).scalars())


def filter_records(records: list[dict], since=None, until=None, type=None, actor=None, place=None,
                   country=None, status=None, bbox=None, min_sources: int | None = None,
                   grade: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
    """The filters of ``events_query`` applied to records in memory (for ``as_of`` snapshots)."""
    since_d, until_d = _as_date(since, "since"), _as_date(until, "until")
    types = None if type is None else {x.upper() for x in ([type] if isinstance(type, str) else type)}
    statuses = None if status is None else {s.lower() for s in ([status] if isinstance(status, str) else status)}
    box = _check_bbox(bbox) if bbox is not None else None
    out = []
    for r in records:
        start, end = _as_date(r.get("date_start"), "date"), _as_date(r.get("date_end") or r.get("date_start"), "date")
        loc = r.get("location") or {}
        if since_d is not None and (end is None or end < since_d):
            continue
        if until_d is not None and (start is None or start > until_d):
            continue
        if types is not None and r.get("event_type") not in types:
            continue
        if statuses is not None and r.get("status") not in statuses:
            continue
        if actor and actor.casefold() not in (fold(r.get("actor1"), r.get("actor2")) or ""):
            continue
        if place and place.casefold() not in (fold(loc.get("name"), *[(x.get("location") or {}).get("text") or ""
                                                                       for x in r.get("reports", [])]) or ""):
            continue
        if country and (loc.get("country_code") or "").upper() != country.strip().upper():
            continue
        if min_sources and (r.get("sources") or 0) < int(min_sources):
            continue
        if grade and r.get("grade") != grade.upper():
            continue
        if box is not None and not _in_box(loc, box):
            continue
        out.append(r)
    return out[offset:offset + limit] if limit is not None else out[offset:]


def _in_box(loc: dict, box: tuple[float, float, float, float]) -> bool:
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None or lon is None or not box[1] <= lat <= box[3]:
        return False
    return box[0] <= lon <= box[2] if box[0] <= box[2] else (lon >= box[0] or lon <= box[2])
