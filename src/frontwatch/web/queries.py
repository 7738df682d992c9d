"""The web workspace's one door to the data: events as the API shows them.

Today every stored per-article event is shown as an "event" with one report (sources 1,
no grade). When the store offers fused canonical events, only this module changes.

Filtering runs in SQL on the store's indexed columns (``store.queries.events_query``),
plus two filters the store has no column for: ``q`` (text in the evidence sentence) and
``acled`` (ACLED event type), both read from the JSON record with bound parameters.
"""
from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, event, func, select

from ..export import write_events
from ..export.common import event_id as export_event_id
from ..records import Event
from ..store import queries as sq
from ..store import schema as st
from .record_views import (_context, _iso, compact_view, record_export_id, record_point,  # noqa: F401
                           record_view, safe_link)  # _iso, safe_link: also used by other modules

FUSED_RECHECK = 10.0  # seconds between looks for canonical events in a store without any


@dataclass(frozen=True)
class Filters:
    """What a request asks for; every field optional."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    acled: str | None = None
    actor: str | None = None
    country: str | None = None
    statuses: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    min_sources: int | None = None
    grade: tuple[str, ...] = ()
    q: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def without_dates(self) -> "Filters":
        return replace(self, since=None, until=None)


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_offset: int | None
    total: int | None
    records: list[dict[str, Any]] = field(default_factory=list)  # stored records
    fused: bool = False  # records are canonical (fused) events

    @property
    def events(self) -> list[Event]:
        """The per-article records as Events (for the exporters; built only when asked)."""
        if self.fused:
            return []
        return [Event.from_dict(r) for r in self.records]


# --------------------------------------------------------------------------- ids

def make_id(event: Event) -> str:
    """URL-safe id: the article id (base64url) and the spans and type that pin the event."""
    art = base64.urlsafe_b64encode(event.article_id.encode("utf-8")).decode().rstrip("=")
    trig = event.trigger.start if event.trigger else -1
    return f"{art}.{event.evidence.start}.{trig}.{event.event_type}"


def parse_id(value: str) -> tuple[str, int, int, str] | None:
    parts = value.split(".")
    if len(parts) != 4:
        return None
    art, start, trig, etype = parts
    try:
        article_id = base64.urlsafe_b64decode(art + "=" * (-len(art) % 4)).decode("utf-8")
        return article_id, int(start), int(trig), etype
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------- queries

def fetch_page(conn, query, limit: int, offset: int, count: bool) -> tuple[list, int | None]:
    """Up to limit + 1 records of ``query`` (a SELECT of one table's ``record`` column) from
    ``offset`` and, when asked, the size of the whole set.

    Two steps: the filtered, ordered SELECT picks primary keys only (the sort then carries
    small rows, not every match's JSON record), then the page's records are read by key. On
    the first page the total is a window count in the same statement; later pages COUNT."""
    record = query.selected_columns[0]
    key = record.table.c.pk
    keyed = query.with_only_columns(key, maintain_column_froms=True)
    total = None
    if count and offset == 0:
        rows = conn.execute(keyed.add_columns(func.count().over()).limit(limit + 1)).all()
        total = rows[0][1] if rows else 0
    else:
        rows = conn.execute(keyed.offset(offset).limit(limit + 1)).all()
        if count:
            inner = query.order_by(None).subquery()
            total = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    pks = [r[0] for r in rows]
    found = dict(conn.execute(select(key, record).where(key.in_(pks))).all()) if pks else {}
    return [found[pk] for pk in pks], total


def _base(f: Filters, *, dates: bool = True):
    """The store's SELECT of event records, narrowed by our extra filters (no order/limit)."""
    if f.min_sources is not None and f.min_sources > 1:
        return None  # per-article events have exactly one source
    if f.grade:
        return None  # per-article events carry no grade
    query = sq.events_query(
        since=f.since if dates else None, until=f.until if dates else None,
        type=list(f.types) or None, actor=f.actor or None, country=f.country or None,
        status=list(f.statuses) or None, bbox=f.bbox, q=f.q or None)  # q: the full-text index
    e = st.events.c
    if f.acled:
        query = query.where(e.record["acled_event_type"].as_string() == f.acled)
    return query


class EventQueries:
    """Read-only event queries on one database engine: canonical (fused) events once the
    store has any, else per-article events."""

    def __init__(self, engine: Engine):
        self.engine = engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_read_pragmas)
        self.articles = ArticleEvents(engine)
        self._fused = None
        self._checked = -1e9

    @property
    def backend(self):
        """FusedEvents when the store holds canonical events, else ArticleEvents (a store
        without them is looked at again after FUSED_RECHECK seconds)."""
        if self._fused is None and time.monotonic() - self._checked > FUSED_RECHECK:
            from . import queries_fused

            self._checked = time.monotonic()
            if queries_fused.has_fused_events(self.engine):
                self._fused = queries_fused.FusedEvents(self.engine)
        return self._fused if self._fused is not None else self.articles

    def recheck(self) -> None:
        """Look for canonical events on the next request (e.g. after an ingest)."""
        self._checked = -1e9

    def page(self, f: Filters, limit: int, offset: int = 0, **options: Any) -> Page:
        return self.backend.page(f, limit, offset, **options)

    def get(self, event_id: str) -> dict[str, Any] | None:
        return self.backend.get(event_id)

    def timeline(self, f: Filters) -> list[dict[str, Any]]:
        return self.backend.timeline(f)

    def latest_date(self) -> date | None:
        return self.backend.latest_date()

    def ids_for_article(self, article_id: str) -> list[str]:
        """Ids of the events (canonical ones when fused) that an article reports."""
        backend = self.backend
        if backend is self.articles:
            with self.engine.connect() as conn:
                recs = conn.execute(sq.events_query(article_id=article_id)).scalars().all()
            return [make_id(Event.from_dict(r)) for r in recs]
        return backend.ids_for_article(article_id)

    def write_csv(self, page: Page, stream) -> int:
        """The page as the ACLED-profile CSV of its kind of event."""
        if page.fused:
            from ..export.fused import write_csv
            return write_csv(page.records, stream)
        events = page.events
        return write_events(events, "csv", stream,
                            articles=self.articles.articles_for_export(events))

    def geojson(self, page: Page) -> dict[str, Any]:
        """The page as the GeoJSON exporter's FeatureCollection of its kind of event."""
        if page.fused:
            from ..export.fused import feature_collection
            return feature_collection(page.records)
        features, unlocated = [], 0
        for rec in page.records:
            point = record_point(rec)
            if point is None:
                unlocated += 1
                continue
            features.append({"type": "Feature", "id": record_export_id(rec),
                             "geometry": {"type": "Point", "coordinates": point}, "properties": rec})
        return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


class ArticleEvents:
    """Per-article events, each shown as an event with one report."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def page(self, f: Filters, limit: int, offset: int = 0, count: bool = True,
             full: bool = False, compact: bool = False, newest_first: bool = False) -> Page:
        """One page of events (ordered by date, undated last) and their API views
        (``compact``: only what a map marker needs, no reports)."""
        query = _base(f)
        if query is None:
            return Page([], None, 0)
        if newest_first:
            e, a = st.events.c, st.articles.c
            query = query.order_by(None).order_by(
                e.date_start.is_(None), e.date_start.desc(), a.id, e.evidence_start, e.ordinal)
        with self.engine.connect() as conn:
            records, total = fetch_page(conn, query, limit, offset, count)
            more = len(records) > limit
            records = records[:limit]
            if compact:
                return Page([compact_view(r) for r in records],
                            offset + limit if more else None, total)
            arts = _articles_meta(conn, {r["article_id"] for r in records}, full)
        items = [record_view(rec, arts.get(rec["article_id"]), context=full) for rec in records]
        return Page(items, offset + limit if more else None, total, list(records))

    def get(self, event_id: str) -> dict[str, Any] | None:
        """One event with its reports (evidence in context), or None."""
        parsed = parse_id(event_id)
        if parsed is None:
            return None
        article_id, start, trig, etype = parsed
        with self.engine.connect() as conn:
            query = sq.events_query(article_id=article_id)
            for rec in conn.execute(query).scalars():
                ev = Event.from_dict(rec)
                if make_id(ev) == event_id:
                    arts = _articles_meta(conn, {article_id}, full=True)
                    return view(ev, arts.get(article_id), context=True)
        return None

    def timeline(self, f: Filters) -> list[dict[str, Any]]:
        """Event counts by (date_start, date_end) for the filters, dates ignored."""
        query = _base(f.without_dates())
        if query is None:
            return []
        e = st.events.c
        inner = query.order_by(None).where(e.date_start.is_not(None)).with_only_columns(
            e.date_start, e.date_end).subquery()
        grouped = (select(inner.c.date_start, inner.c.date_end, func.count().label("n"))
                   .group_by(inner.c.date_start, inner.c.date_end)
                   .order_by(inner.c.date_start, inner.c.date_end))
        with self.engine.connect() as conn:
            rows = conn.execute(grouped).all()
        return [{"start": _iso(r[0]), "end": _iso(r[1] or r[0]), "count": r[2]} for r in rows]

    def latest_date(self) -> date | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(func.max(st.events.c.date_start))).scalar()
        return date.fromisoformat(str(value)[:10]) if value else None

    def articles_for_export(self, events: list[Event]) -> dict[str, Any]:
        """{article id: Article} for the CSV's source and URL columns."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(st.articles).where(
                st.articles.c.id.in_(sorted({e.article_id for e in events})))).all()
        return {r.id: sq.row_article(r) for r in rows} if rows else {}


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:
    """Reads of a large store: memory-map the file and keep a bigger page cache."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA mmap_size = 1073741824")
        cur.execute("PRAGMA cache_size = -65536")
    finally:
        cur.close()


# --------------------------------------------------------------------------- views

def _articles_meta(conn, ids: set[str], full: bool) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    a = st.articles.c
    cols = [a.id, a.title, a.url, a.outlet, a.published]
    if full:
        cols.append(a.text)
    out: dict[str, dict[str, Any]] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        for row in conn.execute(select(*cols).where(a.id.in_(wanted[i:i + 500]))):
            out[row.id] = dict(row._mapping)
    return out


def report_view(ev: Event, rec: dict[str, Any], art: dict[str, Any] | None,
                context: bool = False) -> dict[str, Any]:
    """One article's account of an event: outlet, link (http/https only), evidence, attribution."""
    loc = rec.get("location") or {}
    art = art or {}
    report = {
        "article_id": ev.article_id, "title": art.get("title"), "outlet": art.get("outlet"),
        "url": safe_link(art.get("url")), "published": _iso(art.get("published")),
        "evidence": rec["evidence"], "attribution": rec.get("attribution"),
        "status": ev.status, "precision": loc.get("precision"), "event_type": ev.event_type,
    }
    if context:
        report["context"] = _context(art.get("text"), ev.evidence.start, ev.evidence.end)
    return report


def view(ev: Event, art: dict[str, Any] | None, context: bool = False,
         rec: dict[str, Any] | None = None) -> dict[str, Any]:
    """The API shape of one event: canonical fields plus its reports.

    ``rec`` is the stored contract record of ``ev`` when at hand (saves ``ev.to_dict()``).
    """
    rec = rec if rec is not None else ev.to_dict()
    report = report_view(ev, rec, art, context)
    return {
        "id": make_id(ev), "export_id": export_event_id(ev),
        "event_type": ev.event_type, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "mode": ev.mode, "status": ev.status,
        "date": rec.get("date"), "location": rec.get("location"),
        "actor1": rec.get("actor1"), "actor2": rec.get("actor2"),
        "fatalities": rec.get("fatalities"), "sources": 1, "grade": None,
        "reports": [report],
    }
