"""Fusion tables: canonical events, their reports and versions, control claims and periods.

Plain functions over a ``Store`` (they use its engine and transactions). The fusion logic is
in ``frontwatch.fuse``; ``fuse/service.py`` decides what to write, this module writes and reads
it. Times are stored as naive UTC datetimes and returned timezone-aware (UTC). Every query is
portable SQL (SQLite and PostgreSQL).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError

from ..fuse.changelog import Version
from ..fuse.control import _from_event
from ..fuse.records import CanonicalEvent
from ..nlp.actor_keys import actor_key
from ..records import Article, Event, shift_date
from . import schema as t
from .fused_control import (  # noqa: F401  (claims and periods live there; re-exported)
    add_claims, claims, period_row, periods, place_key, replace_periods, unapplied_claim_keys,
)
from .queries import _as_date, _check_bbox, event_filters, fold, row_article

_CHUNK = 500
_LOCK = "fusion_lock"  # meta row locked by fusion runs


# --------------------------------------------------------------------------- time

def utc_naive(when: datetime) -> datetime:
    """A datetime as stored: UTC without tzinfo (a naive input is taken as UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when


def utc_aware(when: datetime | None) -> datetime | None:
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


# --------------------------------------------------------------------------- reading reports

def report_rows(store, fused: bool, canonical_ids: Iterable[str] | None = None,
                ) -> tuple[list[tuple[int, Event]], dict[str, Article]]:
    """Stored per-article events already fused (``fused=True``; only those of ``canonical_ids``
    when given) or not yet fused, as (event pk, Event), in storage order, with their articles."""
    e, a, r = t.events.c, t.articles.c, t.fused_reports.c
    query = (select(e.pk, e.record, a.pk.label("apk"))
             .select_from(t.events.join(t.articles, e.article_pk == a.pk)
                          .outerjoin(t.fused_reports, r.event_pk == e.pk))
             .where(r.event_pk.is_not(None) if fused else r.event_pk.is_(None))
             .order_by(e.pk))
    with store._read() as conn:
        if canonical_ids is None:
            rows = conn.execute(query).all()
        else:
            ids = sorted(set(canonical_ids))
            rows = sorted((row for i in range(0, len(ids), _CHUNK)
                           for row in conn.execute(query.where(r.canonical_id.in_(ids[i:i + _CHUNK])))),
                          key=lambda row: row.pk)
        article_pks = sorted({row.apk for row in rows})
        articles: dict[str, Article] = {}
        for i in range(0, len(article_pks), _CHUNK):
            for row in conn.execute(select(t.articles).where(a.pk.in_(article_pks[i:i + _CHUNK]))):
                art = row_article(row)
                articles[art.id] = art
    return [(row.pk, Event.from_dict(row.record)) for row in rows], articles


def open_versions(store, ids: Iterable[str] | None = None) -> list[Version]:
    """The current (latest) version of every canonical event id ever created (or of ``ids``)."""
    v = t.fused_versions.c
    query = select(t.fused_versions).where(v.valid_to.is_(None)).order_by(v.valid_from, v.event_id)
    with store._read() as conn:
        if ids is None:
            rows = conn.execute(query).all()
        else:
            ids = sorted(set(ids))
            rows = [row for i in range(0, len(ids), _CHUNK)
                    for row in conn.execute(query.where(v.event_id.in_(ids[i:i + _CHUNK])))]
    return sorted((_version(row) for row in rows), key=lambda x: (x.valid_from, x.event_id))


def neighbour_ids(store, probes: list[dict]) -> set[str]:
    """Canonical ids of the fused reports that could match any probe: a probe is {lo, hi (days a
    report's date range may reach), cc (country code or None), box ((min_lat, max_lat, min_lon,
    max_lon) around a precise place, or None)}. A superset of what ``fuse.similarity.match`` can
    accept: dates within reach (an undated report spans the 7 days before its publication; a
    report with no date at all is within reach of every probe, and a probe with ``lo`` None - a
    report with no date - reaches every date), and the same country, or within the box, or - for
    a probe without country or box - no country."""
    e, a, r = t.events.c, t.articles.c, t.fused_reports.c
    start, end = func.coalesce(e.date_start, e.date_end), func.coalesce(e.date_end, e.date_start)
    found: set[str] = set()
    base = (select(r.canonical_id).distinct()
            .select_from(t.fused_reports.join(t.events, r.event_pk == e.pk).join(t.articles, e.article_pk == a.pk)))
    for i in range(0, len(probes), 40):
        clauses = []
        for pr in probes[i:i + 40]:
            lo, hi = pr["lo"], pr["hi"]
            if lo is None:
                when = true()
            else:
                when = or_(and_(start.is_not(None), start <= hi, end >= lo),
                           and_(start.is_(None), a.published >= lo, a.published <= shift_date(hi, 7)),
                           and_(start.is_(None), a.published.is_(None)))
            where = []
            if pr.get("cc"):
                where.append(e.country_code == pr["cc"].upper())
            if pr.get("box"):
                min_lat, max_lat, min_lon, max_lon = pr["box"]
                where.append(and_(e.latitude.between(min_lat, max_lat), e.longitude.between(min_lon, max_lon)))
            if not where:
                where.append(e.country_code.is_(None))
            clauses.append(and_(when, or_(*where)))
        with store._read() as conn:
            found.update(conn.execute(base.where(or_(*clauses))).scalars())
    return found


def control_records(store, keys: Iterable[str]) -> list[dict]:
    """Records of the control-changing canonical events at these place keys."""
    e = t.fused_events.c
    keys = sorted(set(keys))
    with store._read() as conn:
        return [rec for i in range(0, len(keys), _CHUNK) for rec in conn.execute(
            select(e.record).where(e.control_change == 1, e.place_key.in_(keys[i:i + _CHUNK]))
            .order_by(e.id)).scalars()]


def _version(row: Any) -> Version:
    m = row._mapping
    return Version(m["event_id"], m["version"], m["kind"], utc_aware(m["valid_from"]),
                   utc_aware(m["valid_to"]), m["data"], m["merged_into"], list(m["merged_from"] or []))


def count_canonical(store) -> int:
    with store._read() as conn:
        return conn.execute(select(func.count()).select_from(t.fused_events)).scalar_one()


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
        "actors_fold": fold(ev.actor1, ev.actor2), "actor1_key": actor_key(ev.actor1), "actor2_key": actor_key(ev.actor2),
        "place_fold": fold(loc.get("name"), *sorted({(r.get("location") or {}).get("text") or ""
                                                     for r in ev.reports})),
        "sources": ev.sources, "grade": ev.grade, "place_key": place_key(ev.location),
        "control_change": int(_from_event(ev) is not None), "updated_at": utc_naive(at), "record": rec,
    }


@contextmanager
def fusion_lock(store) -> Iterator[Connection]:
    """A write transaction that fusion runs hold from their first read to their last write, so
    that two processes never fuse at once (a row lock on PostgreSQL; SQLite's write lock). Reads
    on other connections meanwhile see the committed store; ``save(..., conn=lock)`` writes."""
    m = t.meta.c
    with store._write() as conn:
        if conn.execute(select(m.key).where(m.key == _LOCK)).first() is None:
            try:
                with conn.begin_nested():
                    conn.execute(insert(t.meta).values(key=_LOCK, value="0"))
            except IntegrityError:
                pass
        conn.execute(select(m.value).where(m.key == _LOCK).with_for_update())
        yield conn


def save(conn: Connection, versions: list[Version], events: dict[str, CanonicalEvent],
         new_reports: list[tuple[int, str, str]], period_rows: list[dict] | None,
         period_keys: Iterable[str] | None = None, replace_reports: bool = False) -> None:
    """Persist one fusion run inside the write transaction ``conn`` (``fusion_lock``): the new
    versions (closing the previous version of each id), the current canonical events of the
    changed ids, the report -> event mapping (new rows; ``replace_reports`` rewrites it whole)
    and, when given, the control periods of the places ``period_keys`` (all places when None)."""
    fe, fv, fr = t.fused_events, t.fused_versions, t.fused_reports
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
    if period_rows is not None:
        replace_periods(conn, period_rows, period_keys)


# --------------------------------------------------------------------------- canonical events

def events_query(since=None, until=None, type=None, actor=None, place=None, country=None,
                 status=None, bbox=None, min_sources: int | None = None, grade: str | None = None,
                 q: str | None = None, limit: int | None = None, offset: int = 0):
    """SELECT of canonical event records matching every filter (as ``queries.events_query``)."""
    e = t.fused_events.c
    where = event_filters(e, since=since, until=until, type=type, status=status, actor=actor,
                          place=place, country=country, bbox=bbox, q=q)
    if min_sources:
        where.append(e.sources >= int(min_sources))
    if grade:
        where.append(e.grade == grade.upper())
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
        if actor and actor.casefold() not in (fold(r.get("actor1"), r.get("actor2")) or "") and \
                (actor_key(actor) is None or actor_key(actor) not in (actor_key(r.get("actor1")), actor_key(r.get("actor2")))):
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
