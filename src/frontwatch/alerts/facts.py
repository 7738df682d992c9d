"""Facts: the few fields of a canonical event that rules read, kept small so that a million fit
in memory. ``known`` is the day the event became known (its first report's publication, never
before the event's own start): a backtest at day D sees only facts known by D."""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import json

from sqlalchemy import func, select

_CHUNK = 20_000
_PATHS = ("$.acled_event_type", "$.acled_sub_event_type", "$.location.admin1", "$.location.geonameid",
          "$.fatalities_min", "$.reports[0].published")


@dataclass(slots=True)
class Fact:
    id: str
    type: str
    acled: str | None
    sub: str | None
    status: str
    start: int             # date ordinal of the event (start of its range)
    known: int             # date ordinal on which it was first reported
    lat: float | None
    lon: float | None
    cc: str | None
    admin1: str | None
    place: str | None
    geonameid: int | None
    fatalities: int
    sources: int
    actor1: str | None
    actor2: str | None
    text: str = ""         # lower-cased evidence of its reports (loaded for signal rules only)
    count: int = 1         # events it stands for: dataset rows (ACLED, UCDP) fused together each count
    report: str = ""       # for report-level facts: the per-article event (its own actor and wording)

    def area(self, level: str) -> str | None:
        if level == "country":
            return self.cc
        if self.cc is None or not self.admin1:
            return None
        return f"{self.cc}/{self.admin1}"


def _ord(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.toordinal()


def fact_from_record(rec: dict, with_text: bool = True) -> Fact | None:
    """A Fact from a canonical event record (``CanonicalEvent.to_dict()``); None when undated."""
    start = _ord(rec.get("date_start"))
    if start is None:
        return None
    loc = rec.get("location") or {}
    reports = rec.get("reports") or []
    pubs = [p for p in (_ord(r.get("published")) for r in reports) if p is not None]
    known = max(start, min(pubs)) if pubs else start
    text = " ".join((r.get("evidence") or "") for r in reports).lower() if with_text else ""
    return Fact(rec["id"], rec["event_type"], rec.get("acled_event_type"), rec.get("acled_sub_event_type"),
                rec.get("status") or "occurred", start, known, loc.get("latitude"), loc.get("longitude"),
                (loc.get("country_code") or None) and loc["country_code"].upper(), loc.get("admin1"),
                loc.get("name") or loc.get("text"), loc.get("geonameid"),
                int(rec.get("fatalities_min") or 0), int(rec.get("sources") or 0),
                rec.get("actor1"), rec.get("actor2"), text)


def load_facts(store, areas: Iterable[tuple[str, str | None]] | None = None,
               text_types: Iterable[str] = (), event_types: Iterable[str] | None = None) -> list[Fact]:
    """Facts of the store's current canonical events, read column by column (the record's JSON
    only for the few fields without a column). ``areas``: only these (country code, admin1 or
    None for the whole country). ``text_types``: event types whose evidence text is loaded.
    ``event_types``: only these types."""
    from ..store import schema as t

    e = t.fused_events.c
    rec = e.record
    flat = [e.id, e.event_type, e.status, e.date_start, e.latitude, e.longitude, e.country_code,
            e.location_name, e.sources, e.actor1_name, e.actor2_name]
    sqlite = store._engine.dialect.name == "sqlite"
    if sqlite:  # one JSON parse per row: json_extract with several paths returns an array
        cols = flat + [func.json_extract(rec, *_PATHS).label("js")]
    else:
        cols = flat + [rec["acled_event_type"].as_string().label("acled"),
                       rec["acled_sub_event_type"].as_string().label("sub"),
                       rec[("location", "admin1")].as_string().label("admin1"),
                       rec[("location", "geonameid")].as_integer().label("gid"),
                       rec["fatalities_min"].as_integer().label("fat"),
                       rec[("reports", 0, "published")].as_string().label("pub")]
    base = select(*cols).where(e.date_start.is_not(None))
    if event_types is not None:
        base = base.where(e.event_type.in_(sorted(set(event_types))))
    queries = [base]
    if areas is not None:
        queries = []
        for cc, admin1 in sorted(set(areas), key=lambda a: (a[0] or "", a[1] or "")):
            q = base.where(e.country_code == cc)
            if admin1 is not None:
                q = q.where(rec[("location", "admin1")].as_string() == admin1)
            queries.append(q)
    text_types = set(text_types)
    out: list[Fact] = []
    with store._read() as conn:
        whole = areas is not None and all(a1 is None for _, a1 in areas)
        if sqlite and event_types is None and (areas is None or whole):  # straight from the driver
            out = _sqlite_all(conn, None if areas is None else sorted({cc for cc, _ in areas if cc}))
            queries = []
        for q in queries:
            for row in conn.execute(q.order_by(e.date_start, e.id)):
                if sqlite:
                    acled, sub, admin1, gid, fat, pub = json.loads(row.js)
                else:
                    acled, sub, admin1, gid, fat, pub = row.acled, row.sub, row.admin1, row.gid, row.fat, row.pub
                start = row.date_start.toordinal()
                pub = _ord(pub)
                out.append(Fact(row.id, row.event_type, acled, sub, row.status, start,
                                max(start, pub) if pub is not None else start, row.latitude, row.longitude,
                                row.country_code, admin1, row.location_name, gid,
                                int(fat or 0), int(row.sources or 0), row.actor1_name, row.actor2_name))
        _dataset_rows(conn, out)
        if text_types:
            wanted = {f.id: f for f in out if f.type in text_types}
            ids = sorted(wanted)
            for i in range(0, len(ids), 500):
                for cid, record in conn.execute(select(e.id, e.record).where(e.id.in_(ids[i:i + 500]))):
                    wanted[cid].text = " ".join((r.get("evidence") or "") for r in record.get("reports") or []).lower()
    return out


def _sqlite_all(conn, countries: list[str] | None = None) -> list[Fact]:
    """Every dated canonical event's fact on SQLite, read with the driver's cursor (SQLAlchemy's
    row processing costs more than the query on a million rows)."""
    paths = ", ".join(f"'{p}'" for p in _PATHS)
    cur = conn.connection.driver_connection.cursor()
    where = "date_start IS NOT NULL"
    if countries is not None:
        where += f" AND country_code IN ({', '.join('?' for _ in countries)})"
    cur.execute("SELECT id, event_type, status, date_start, latitude, longitude, country_code, location_name, "
                f"sources, actor1_name, actor2_name, json_extract(record, {paths}) FROM fused_events "
                f"WHERE {where} ORDER BY date_start, id", tuple(countries or ()))
    out = []
    loads, fromiso, ordinal = json.loads, date.fromisoformat, date.toordinal
    for (cid, etype, status, ds, lat, lon, cc, place, sources, a1, a2, js) in cur:
        acled, sub, admin1, gid, fat, pub = loads(js)
        start = ordinal(fromiso(ds))
        known = max(start, ordinal(fromiso(pub[:10]))) if pub else start
        out.append(Fact(cid, etype, acled, sub, status, start, known, lat, lon, cc, admin1, place, gid,
                        int(fat or 0), int(sources or 0), a1, a2))
    cur.close()
    return out


def _dataset_rows(conn, facts: list[Fact]) -> None:
    """Imported dataset rows are distinct events by the dataset's own coding: when fusion put
    several in one canonical event, the fact counts each row and the sum of their fatalities."""
    from ..store import schema as t

    e, a, r = t.events.c, t.articles.c, t.fused_reports.c
    q = (select(r.canonical_id, e.record[("fatalities", "min")].as_integer())
         .select_from(t.fused_reports.join(t.events, r.event_pk == e.pk).join(t.articles, e.article_pk == a.pk))
         .where(a.key.startswith("dataset:")))
    rows: dict[str, list[int]] = {}
    for cid, fat in conn.execute(q):
        rows.setdefault(cid, []).append(int(fat or 0))
    if not rows:
        return
    for f in facts:
        got = rows.get(f.id)
        if got and len(got) > 1:
            f.count = len(got)
            f.fatalities = max(f.fatalities, sum(got))


def load_report_facts(store, event_types: Iterable[str], countries: Iterable[str] | None = None) -> list[Fact]:
    """One Fact per fused per-article event of these types: the canonical event's id, but the
    report's own actor, wording, place and publication day. Signal rules read these, so that two
    parties' moves that fusion put in one canonical event still count as two signals."""
    from ..store import schema as t

    e, a, r = t.events.c, t.articles.c, t.fused_reports.c
    rec = e.record
    q = (select(r.canonical_id, e.pk, e.event_type, e.status, e.date_start, e.latitude, e.longitude,
                e.country_code, e.location_name, e.actor1_name, e.actor2_name, a.published,
                rec["acled_event_type"].as_string().label("acled"),
                rec["acled_sub_event_type"].as_string().label("sub"),
                rec[("location", "admin1")].as_string().label("admin1"),
                rec[("location", "geonameid")].as_integer().label("gid"),
                rec[("evidence", "text")].as_string().label("text"))
         .select_from(t.events.join(t.fused_reports, r.event_pk == e.pk).join(t.articles, e.article_pk == a.pk))
         .where(e.event_type.in_(sorted(set(event_types)))).order_by(e.pk))
    if countries is not None:
        q = q.where(e.country_code.in_(sorted(set(countries))))
    out = []
    with store._read() as conn:
        for row in conn.execute(q):
            start = row.date_start or row.published
            if start is None:
                continue
            s0 = start.toordinal()
            known = max(s0, row.published.toordinal()) if row.published else s0
            out.append(Fact(row.canonical_id, row.event_type, row.acled, row.sub, row.status, s0, known,
                            row.latitude, row.longitude, row.country_code, row.admin1, row.location_name,
                            row.gid, 0, 1, row.actor1_name, row.actor2_name, (row.text or "").lower(),
                            report=f"r{row.pk}"))
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def matches(f: Fact, flt: dict) -> bool:
    """Does the fact pass a rule filter (see rules.FILTER_FIELDS)?"""
    if not flt:
        return True
    if "event_types" in flt and f.type not in flt["event_types"]:
        return False
    if "acled_event_types" in flt and f.acled not in flt["acled_event_types"]:
        return False
    if "acled_sub_event_types" in flt and f.sub not in flt["acled_sub_event_types"]:
        return False
    if "statuses" in flt and f.status not in flt["statuses"]:
        return False
    if "min_sources" in flt and f.sources < flt["min_sources"]:
        return False
    if flt.get("keywords") and not any(k.lower() in f.text for k in flt["keywords"]):
        return False
    if flt.get("actor2_keywords") and not any(k.lower() in (f.actor2 or "").lower() for k in flt["actor2_keywords"]):
        return False
    return True


def iter_chunks(items: list, n: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def fact_from_event(event, published: date | None = None, id: str | None = None) -> Fact | None:
    """A Fact from one per-article ``records.Event`` (e.g. a dataset row before fusion)."""
    d = event.date
    start = (d.start or d.end) if d is not None else None
    start = start or published
    if start is None:
        return None
    loc = event.location
    s0 = start.toordinal()
    fat = event.fatalities.min if event.fatalities is not None and event.fatalities.min else 0
    return Fact(id or event.article_id, event.event_type, event.acled_event_type, event.acled_sub_event_type,
                event.status, s0, max(s0, published.toordinal()) if published else s0,
                loc.latitude if loc else None, loc.longitude if loc else None,
                (loc.country_code or None) if loc else None, loc.admin1 if loc else None,
                loc.name if loc else None, loc.geonameid if loc else None, int(fat), 1,
                event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)
