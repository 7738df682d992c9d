"""Control claims and control periods in the store (the fusion tables of ``store.fused``).

Claims are written per article at ingest (``applied`` = 0 until a fusion run has put them into
the periods); periods are keyed by place (``place_key``: "g:<geonameid>" or "n:<name>", as
``fuse.control`` groups them) so that a fusion run rebuilds only the places it touched.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, insert, or_, select, update

from ..fuse.control import _place, _place_key
from ..fuse.records import ControlClaim, ControlPeriod
from ..records import Location
from . import schema as t
from .queries import _as_date, _check_bbox, fold

_CHUNK = 500


def place_key(place: Location | dict | None) -> str | None:
    """The key ``fuse.control`` groups a place's assertions by; None without a usable place."""
    d = _place(place)
    return None if d is None else _place_key(d)


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
        insert_claims(conn, pk, claims)
    return len(claims)


def insert_claims(conn, article_pk: int, claims: list[ControlClaim]) -> None:
    """Insert one article's claims on an open write connection (``Store.add`` uses it so that an
    article and its claims are stored together or not at all)."""
    if claims:
        conn.execute(insert(t.control_claims), [
            {"article_pk": article_pk, "ordinal": i, "actor": cl.actor,
             "geonameid": cl.place.geonameid if cl.place else None,
             "place_key": place_key(cl.place), "since": cl.since, "applied": 0,
             "record": cl.to_dict()}
            for i, cl in enumerate(claims)])


def claims(store, article_id: str | None = None, place_keys: Iterable[str] | None = None) -> list[ControlClaim]:
    """Stored claims: all, of one article, or of the places with these keys."""
    c, a = t.control_claims.c, t.articles.c
    query = select(c.record).select_from(t.control_claims.join(t.articles, c.article_pk == a.pk))
    if article_id is not None:
        query = query.where(a.id == article_id)
    out = []
    with store._read() as conn:
        if place_keys is None:
            return [claim_from_dict(r) for r in conn.execute(query.order_by(a.pk, c.ordinal)).scalars()]
        keys = sorted(set(place_keys))
        for i in range(0, len(keys), _CHUNK):
            q = query.where(c.place_key.in_(keys[i:i + _CHUNK])).order_by(a.pk, c.ordinal)
            out += [claim_from_dict(r) for r in conn.execute(q).scalars()]
    return out


def unapplied_claim_keys(store) -> set[str]:
    """Place keys of claims not yet put into the control periods."""
    c = t.control_claims.c
    with store._read() as conn:
        return {k for k in conn.execute(select(c.place_key).where(c.applied == 0).distinct()).scalars() if k}


def period_row(p: ControlPeriod, texts: Iterable[str] = ()) -> dict[str, Any]:
    return {"place": p.place, "place_fold": fold(p.place, *sorted(set(texts))),
            "place_key": place_key({"geonameid": p.geonameid, "name": p.place}),
            "geonameid": p.geonameid, "latitude": p.latitude, "longitude": p.longitude,
            "controller": p.controller, "from_start": p.from_start, "from_end": p.from_end,
            "to_start": p.to_start, "to_end": p.to_end, "tier": p.tier, "record": p.to_dict()}


def replace_periods(conn, rows: list[dict], keys: Iterable[str] | None) -> None:
    """Inside a write transaction: replace the periods of these place keys (all when None) and
    mark the claims of those places applied."""
    p, c = t.control_periods, t.control_claims
    if keys is None:
        conn.execute(delete(p))
        conn.execute(update(c).where(c.c.applied == 0).values(applied=1))
    else:
        keys = sorted(set(keys))
        for i in range(0, len(keys), _CHUNK):
            conn.execute(delete(p).where(p.c.place_key.in_(keys[i:i + _CHUNK])))
            conn.execute(update(c).where(c.c.place_key.in_(keys[i:i + _CHUNK])).values(applied=1))
    if rows:
        conn.execute(insert(p), rows)


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
        min_lon, min_lat, max_lon, max_lat = _check_bbox(bbox)
        where.append(p.latitude.between(min_lat, max_lat))
        where.append(p.longitude.between(min_lon, max_lon) if min_lon <= max_lon
                     else or_(p.longitude >= min_lon, p.longitude <= max_lon))
    query = select(p.record).order_by(p.place, p.geonameid, case((p.from_start.is_(None), 0), else_=1),
                                      p.from_start, p.pk)
    if where:
        query = query.where(and_(*where))
    with store._read() as conn:
        return [_period(r) for r in conn.execute(query).scalars()]
