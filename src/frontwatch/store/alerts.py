"""Alert tables: the current alerts, their versions and webhook deliveries (schema version 5).

Plain functions over a ``Store``; ``alerts/service.py`` decides what to write. Times are naive
UTC in the database and timezone-aware (UTC) in what is returned.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update

from . import schema as t
from .fused import utc_aware, utc_naive

_CHUNK = 500


def current(store, scopes: Iterable[tuple[str, str]] | None = None) -> dict[str, dict]:
    """{alert id: record} of stored alerts (only those of the given (rule, scope) pairs)."""
    a = t.alerts.c
    with store._read() as conn:
        if scopes is None:
            rows = conn.execute(select(a.id, a.record)).all()
        else:
            pairs = sorted(set(scopes))
            rows = []
            for i in range(0, len(pairs), 200):
                cond = or_(*[and_(a.rule == r, a.scope == s) for r, s in pairs[i:i + 200]])
                rows += conn.execute(select(a.id, a.record).where(cond)).all()
    return {row.id: row.record for row in rows}


def save(store, changes: list[tuple[str, dict]], at: datetime) -> None:
    """Write new versions ((status, record) with record['version'] set) and the current rows,
    in one transaction."""
    if not changes:
        return
    a, v = t.alerts, t.alert_versions
    when = utc_naive(at)
    with store._write() as conn:
        ids = sorted({rec["id"] for _, rec in changes})
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            conn.execute(update(v).where(v.c.alert_id.in_(chunk), v.c.valid_to.is_(None)).values(valid_to=when))
            conn.execute(delete(a).where(a.c.id.in_(chunk)))
        conn.execute(insert(v), [{"alert_id": rec["id"], "version": rec["version"], "status": status,
                                  "valid_from": when, "valid_to": None, "data": rec} for status, rec in changes])
        conn.execute(insert(a), [_row(rec, when) for _, rec in changes])


def _row(rec: dict, when: datetime) -> dict[str, Any]:
    place = rec.get("place") or {}
    return {"id": rec["id"], "rule": rec["rule"], "scope": rec["scope"], "status": rec["status"],
            "version": rec["version"], "raised": date.fromisoformat(rec["raised"]),
            "last_seen": date.fromisoformat(rec["last_seen"]), "score": float(rec["score"]),
            "latitude": place.get("latitude"), "longitude": place.get("longitude"),
            "country_code": (place.get("country_code") or None) and place["country_code"][:2].upper(),
            "place_fold": " ".join(x for x in (place.get("name"), place.get("admin1"), rec.get("scope")) if x).casefold(),
            "updated_at": when, "record": rec}


def query(store, rule: str | None = None, place: str | None = None, since: date | None = None,
          status: str | None = None, bbox=None, limit: int | None = None) -> list[dict]:
    """Current alerts (records), newest raised first."""
    a = t.alerts.c
    where = []
    if rule:
        where.append(a.rule == rule)
    if place:
        where.append(a.place_fold.contains(place.casefold(), autoescape=True))
    if since:
        where.append(a.last_seen >= since)
    if status:
        where.append(a.status == status)
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        where += [a.latitude.between(min_lat, max_lat), a.longitude.between(min_lon, max_lon)]
    q = select(a.record).order_by(a.raised.desc(), a.id)
    if where:
        q = q.where(and_(*where))
    if limit:
        q = q.limit(int(limit))
    with store._read() as conn:
        return list(conn.execute(q).scalars())


def as_of(store, when: datetime) -> list[dict]:
    v = t.alert_versions.c
    at = utc_naive(when)
    with store._read() as conn:
        found = list(conn.execute(select(v.data).where(v.valid_from <= at, or_(v.valid_to.is_(None), v.valid_to > at))).scalars())
    return sorted(found, key=lambda d: (d["raised"], d["id"]), reverse=True)


def updated_since(store, when: datetime) -> list[dict]:
    """The latest record of every alert with a version after ``when``."""
    v = t.alert_versions.c
    with store._read() as conn:
        rows = conn.execute(select(v.alert_id, v.data).where(v.valid_from > utc_naive(when))
                            .order_by(v.alert_id, v.version)).all()
    latest = {r.alert_id: r.data for r in rows}
    return sorted(latest.values(), key=lambda d: (d["raised"], d["id"]), reverse=True)


def history(store, alert_id: str) -> list[dict]:
    v = t.alert_versions.c
    with store._read() as conn:
        rows = conn.execute(select(v).where(v.alert_id == alert_id).order_by(v.version)).all()
    return [{"version": r.version, "status": r.status, "valid_from": utc_aware(r.valid_from).isoformat(),
             "valid_to": utc_aware(r.valid_to).isoformat() if r.valid_to else None, "data": r.data} for r in rows]


def canonical_records(store, ids: Iterable[str]) -> dict[str, dict]:
    e = t.fused_events.c
    ids = sorted(set(ids))
    out = {}
    with store._read() as conn:
        for i in range(0, len(ids), _CHUNK):
            for cid, rec in conn.execute(select(e.id, e.record).where(e.id.in_(ids[i:i + _CHUNK]))):
                out[cid] = rec
    return out


def delivered(store, alert_id: str, version: int, target: str) -> bool:
    d = t.alert_deliveries.c
    with store._read() as conn:
        return conn.execute(select(d.pk).where(d.alert_id == alert_id, d.version == version, d.target == target,
                                               d.status == "delivered")).first() is not None


def record_delivery(store, alert_id: str, version: int, target: str, status: str, attempts: int,
                    response: int | None, error: str | None, at: datetime) -> None:
    d = t.alert_deliveries
    with store._write() as conn:
        conn.execute(delete(d).where(d.c.alert_id == alert_id, d.c.version == version, d.c.target == target))
        conn.execute(insert(d).values(alert_id=alert_id, version=version, target=target, status=status,
                                      attempts=attempts, response=response, error=error, at=utc_naive(at)))


def watermark(store) -> datetime | None:
    """The fused_versions time up to which alerts were last evaluated."""
    m = t.meta.c
    with store._read() as conn:
        value = conn.execute(select(m.value).where(m.key == "alerts_watermark")).scalar()
    return utc_aware(datetime.fromisoformat(value)) if value else None


def set_watermark(store, when: datetime) -> None:
    m = t.meta
    value = utc_naive(when).isoformat()
    with store._write() as conn:
        done = conn.execute(update(m).where(m.c.key == "alerts_watermark").values(value=value))
        if done.rowcount == 0:
            conn.execute(insert(m).values(key="alerts_watermark", value=value))


def latest_fusion_time(store) -> datetime | None:
    from sqlalchemy import func

    v = t.fused_versions.c
    with store._read() as conn:
        value = conn.execute(select(func.max(v.valid_from))).scalar()
    return utc_aware(value) if value else None


def changed_areas(store, since: datetime | None) -> set[tuple[str | None, str | None]]:
    """(country code, admin1) of canonical events with a version after ``since``."""
    v = t.fused_versions.c
    q = select(v.data[("location", "country_code")].as_string(), v.data[("location", "admin1")].as_string())
    if since is not None:
        q = q.where(v.valid_from > utc_naive(since))
    with store._read() as conn:
        return {((cc or None) and cc.upper(), a1) for cc, a1 in conn.execute(q.distinct())}
