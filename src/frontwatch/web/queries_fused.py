"""The fused half of ``web.queries``: canonical events (``store.fused``) as the API shows them.

A canonical event carries ``sources`` and ``grade`` and lists its reports; the detail view
joins each report back to its per-article event (``fused_reports``) for the evidence offsets
and the article text around them.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, inspect, select

from ..records import Event
from ..store import fused as sf
from ..store import schema as st
from .queries import Filters, Page, _articles_meta, _iso, fetch_page, report_view, safe_link


def has_fused_events(engine: Engine) -> bool:
    """True when the store has the fusion tables and at least one canonical event."""
    try:
        if not inspect(engine).has_table("fused_events"):
            return False
        with engine.connect() as conn:
            return conn.execute(select(st.fused_events.c.pk).limit(1)).first() is not None
    except Exception:  # noqa: BLE001 (an older store: serve per-article events)
        return False


def _base(f: Filters, *, dates: bool = True):
    e = st.fused_events.c
    query = sf.events_query(
        since=f.since if dates else None, until=f.until if dates else None,
        type=list(f.types) or None, actor=f.actor or None, country=f.country or None,
        status=list(f.statuses) or None, bbox=f.bbox, min_sources=f.min_sources,
        q=f.q or None)  # q: the full-text index, any report's evidence
    if f.grade:
        query = query.where(e.grade.in_([g.upper() for g in f.grade]))
    if f.acled:
        query = query.where(e.record["acled_event_type"].as_string() == f.acled)
    return query


def compact_view(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("location") or {}
    return {
        "id": rec["id"], "event_type": rec["event_type"], "status": rec["status"],
        "date": {"start": rec.get("date_start"), "end": rec.get("date_end")},
        "location": {k: loc.get(k) for k in ("name", "text", "latitude", "longitude",
                                             "country_code", "precision")} if loc else None,
        "sources": rec.get("sources"), "grade": rec.get("grade"),
    }


def _summary_report(r: dict[str, Any]) -> dict[str, Any]:
    loc = r.get("location") or {}
    return {
        "article_id": r.get("article_id"), "title": None, "outlet": r.get("outlet"),
        "url": safe_link(r.get("url")), "published": r.get("published"),
        "evidence": {"text": r.get("evidence")},
        "attribution": {"name": r["attribution"]} if r.get("attribution") else None,
        "status": r.get("status"), "precision": loc.get("precision"),
        "event_type": r.get("event_type"),
    }


def view(rec: dict[str, Any], reports: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The API shape of a canonical event (same keys as a per-article event, and more)."""
    fat = None
    if rec.get("fatalities_min") is not None or rec.get("fatalities_max") is not None:
        fat = {"min": rec.get("fatalities_min"), "max": rec.get("fatalities_max")}
    return {
        "id": rec["id"], "export_id": rec["id"], "event_type": rec["event_type"],
        "event_types": rec.get("event_types"), "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"), "mode": None,
        "status": rec["status"],
        "date": {"start": rec.get("date_start"), "end": rec.get("date_end"),
                 "precision": rec.get("date_precision"), "text": None,
                 "conflict": rec.get("date_conflict")},
        "location": rec.get("location"),
        "actor1": {"name": rec["actor1"], "text": rec["actor1"]} if rec.get("actor1") else None,
        "actor2": {"name": rec["actor2"], "text": rec["actor2"]} if rec.get("actor2") else None,
        "fatalities": fat, "fatality_claims": rec.get("fatality_claims") or [],
        "sources": rec.get("sources"), "source_groups": rec.get("source_groups"),
        "grade": rec.get("grade"), "grade_reasons": rec.get("grade_reasons") or [],
        "reports": reports if reports is not None
        else [_summary_report(r) for r in rec.get("reports") or []],
    }


class FusedEvents:
    """Canonical events of the store."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def page(self, f: Filters, limit: int, offset: int = 0, count: bool = True,
             full: bool = False, compact: bool = False, newest_first: bool = False) -> Page:
        query = _base(f)
        if newest_first:
            e = st.fused_events.c
            query = query.order_by(None).order_by(e.date_start.is_(None), e.date_start.desc(), e.id)
        with self.engine.connect() as conn:
            records, total = fetch_page(conn, query, limit, offset, count)
        more = len(records) > limit
        records = list(records[:limit])
        nxt = offset + limit if more else None
        if compact:
            return Page([compact_view(r) for r in records], nxt, total)
        return Page([view(r) for r in records], nxt, total, records, fused=True)

    def get(self, event_id: str) -> dict[str, Any] | None:
        e, r, ev = st.fused_events.c, st.fused_reports.c, st.events.c
        with self.engine.connect() as conn:
            rec = conn.execute(select(e.record).where(e.id == event_id)).scalar()
            if rec is None:
                return None
            rows = conn.execute(
                select(ev.record).select_from(st.fused_reports.join(st.events, r.event_pk == ev.pk))
                .where(r.canonical_id == event_id).order_by(ev.pk)).scalars().all()
            events = [Event.from_dict(x) for x in rows]
            arts = _articles_meta(conn, {x.article_id for x in events}, full=True)
        reports = [report_view(x, raw, arts.get(x.article_id), context=True)
                   for x, raw in zip(events, rows)]
        order = {a: i for i, a in enumerate(x.get("article_id") for x in rec.get("reports") or [])}
        reports.sort(key=lambda x: order.get(x["article_id"], len(order)))
        return view(rec, reports or None)

    def ids_for_article(self, article_id: str) -> list[str]:
        r, ev, a = st.fused_reports.c, st.events.c, st.articles.c
        query = (select(r.canonical_id).distinct()
                 .select_from(st.fused_reports.join(st.events, r.event_pk == ev.pk)
                              .join(st.articles, ev.article_pk == a.pk))
                 .where(a.id == article_id).order_by(r.canonical_id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def timeline(self, f: Filters) -> list[dict[str, Any]]:
        e = st.fused_events.c
        inner = _base(f, dates=False).order_by(None).where(e.date_start.is_not(None)) \
            .with_only_columns(e.date_start, e.date_end).subquery()
        grouped = (select(inner.c.date_start, inner.c.date_end, func.count())
                   .group_by(inner.c.date_start, inner.c.date_end)
                   .order_by(inner.c.date_start, inner.c.date_end))
        with self.engine.connect() as conn:
            rows = conn.execute(grouped).all()
        return [{"start": _iso(a), "end": _iso(b or a), "count": n} for a, b, n in rows]

    def latest_date(self) -> date | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(func.max(st.fused_events.c.date_start))).scalar()
        return date.fromisoformat(str(value)[:10]) if value else None
