"""Latency of GET /api/events (bbox + date filter, up to 500 rows) on synthetic events.

    PYTHONPATH=src python benchmarks/api.py [N ...] [--requests R] [--dir DIR] [--seed S]
                                            [--modes articles,fused] [--url DATABASE_URL]

Default sizes: 100000. For each size it builds (or reuses, in --dir) an SQLite store of N
synthetic events (5 per article, spread over four regions and five years), written in bulk
(executemany in batches of 10 000 rows inside one transaction). Mode ``articles`` measures the
per-article events; mode ``fused`` then adds one synthetic canonical event per per-article
event (``fused_events`` + ``fused_reports`` rows written directly, so the fused table is as
large as the events table; a real ``Monitor.fuse`` would merge duplicates and leave fewer) and
measures the canonical events, which the API serves once any exist. Each mode starts
`create_app` under uvicorn in a SECOND process on 127.0.0.1 and sends R requests of a random
3x3-degree box and 180-day window (limit 500, as the map asks) from this process over one
keep-alive connection, printing p50/p95/max milliseconds and rows per answer for the JSON page
with its total count, without the count (as the map asks), and as GeoJSON.

``--url postgresql+psycopg://...`` runs the same query mix on PostgreSQL (an empty database,
or one this script filled with the same N before: its tables are reused when the count
matches, else dropped and rebuilt) instead of SQLite; sizes then run one after another in it.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx
from sqlalchemy import delete, func, insert, inspect, select, text

from frontwatch.records import Actor, Article, Event, EventDate, Evidence, Location
from frontwatch.store import Store
from frontwatch.store import queries as sq
from frontwatch.store import schema as st
from frontwatch.store.engine import make_engine
from frontwatch.store.queries import fold
from frontwatch.web import tokens

REGIONS = [((32.0, 37.0), (36.0, 42.0), "SY"), ((29.5, 37.0), (39.0, 46.0), "IQ"),
           ((31.0, 37.0), (62.0, 70.0), "AF"), ((44.0, 50.0), (30.0, 40.0), "UA")]
TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "AGREE", "RETREAT"]
ACTORS = ["Army", "Rebels", "Islamists", "Militia", "Coalition", "Police", "Civilians"]
GRADES = ["B2", "C3", "C3", "D3", "F6"]
START = date(2015, 1, 1)
DAYS = 5 * 365
PER_ARTICLE = 5
BATCH = 10_000  # rows per executemany
SENTENCE = "Fighters of the {a} attacked {b} positions near the town on {d}, residents said. "


def _template() -> dict:
    """The record of one real Event (through the contract), copied for every synthetic one."""
    s = SENTENCE.format(a="Army", b="Rebels", d="2015-01-01").strip()
    ev = Event(article_id="bench-0", event_type="ASSAULT", evidence=Evidence(s, 0, len(s)),
               actor1=Actor("Army", "Army"), actor2=Actor("Rebels", "Rebels"),
               location=Location("the town", "Town", None, 35.0, 38.0, "SY", None, 1),
               date=EventDate(None, START, START, "day"))
    art = Article(id="bench-0", text=s, title="t", url="https://bench.example/0",
                  outlet="Bench Wire", published=START)
    row = sq.event_row(ev, art, 1, 0)  # validates the record as the store would
    return row["record"]


def synthetic(n: int, seed: int):
    """(article row, [(event row, event record)]) for n events, deterministic in seed."""
    rng = random.Random(seed)
    tmpl = _template()
    for i in range(n // PER_ARTICLE):
        (lat0, lat1), (lon0, lon1), cc = rng.choice(REGIONS)
        day = START + timedelta(days=rng.randrange(DAYS))
        parts, events = [], []
        for k in range(PER_ARTICLE):
            a, b = rng.sample(ACTORS, 2)
            s = SENTENCE.format(a=a, b=b, d=day.isoformat())
            start = sum(len(p) for p in parts)
            parts.append(s)
            span = rng.choice((0, 0, 0, 6, 30))
            lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
            first = day - timedelta(days=span)
            etype, prec = rng.choice(TYPES), rng.choice((1, 1, 2, 3))
            rec = dict(tmpl, article_id=f"bench-{i}", event_type=etype,
                       evidence=dict(tmpl["evidence"], text=s.strip(), start=start,
                                     end=start + len(s.strip())),
                       actor1=dict(tmpl["actor1"], name=a, text=a),
                       actor2=dict(tmpl["actor2"], name=b, text=b),
                       location=dict(tmpl["location"], latitude=lat, longitude=lon,
                                     country_code=cc, precision=prec),
                       date=dict(tmpl["date"], start=first.isoformat(), end=day.isoformat(),
                                 precision="day" if not span else "week"))
            events.append(({
                "article_pk": i + 1, "ordinal": k, "event_type": etype, "status": rec["status"],
                "date_start": first, "date_end": day, "latitude": lat, "longitude": lon,
                "country_code": cc, "actor1_name": a, "actor2_name": b,
                "location_name": "Town", "actors_fold": fold(a, b),
                "place_fold": fold("Town", "the town"), "evidence_start": start, "record": rec,
            }, rec))
        text_ = "".join(parts)
        art = {"pk": i + 1, "id": f"bench-{i}", "key": f"bench:{i}",
               "content_hash": f"{i:064x}", "source_pk": 1, "title": f"Report {i}",
               "url": f"https://bench.example/{i}", "outlet": "Bench Wire", "published": day,
               "fetched_at": None, "language": "en", "text": text_}
        yield art, events


def build(url: str, n: int, seed: int) -> None:
    """A store of n synthetic per-article events, written in one transaction."""
    store = Store(url)
    engine = store._engine  # the benchmark writes in bulk; the app reads through its own engine
    t0 = time.perf_counter()
    with engine.connect() as conn:
        _bulk_pragmas(conn)
        with conn.begin():
            _write_events(conn, n, seed)
    _analyze(engine)
    store.close()
    print(f"  built {n} events in {time.perf_counter() - t0:.1f} s", flush=True)


def _flush(conn, *batches) -> None:
    """Insert each (table, rows) batch in order (executemany), then empty the row lists."""
    for table, rows in batches:
        if rows:
            conn.execute(insert(table), rows)
            rows.clear()


def _write_events(conn, n: int, seed: int) -> None:
    conn.execute(insert(st.sources).values(pk=1, name="Bench Wire", domain="bench.example"))
    arts, evs = [], []
    for art, events in synthetic(n, seed):
        arts.append(art)
        evs += [row for row, _ in events]
        if len(evs) >= BATCH:
            _flush(conn, (st.articles, arts), (st.events, evs))
    _flush(conn, (st.articles, arts), (st.events, evs))


def add_fused(url: str, n: int, seed: int) -> None:
    """One canonical event (sources 1-3, a grade) per per-article event, with its report link."""
    store = Store(url)
    engine = store._engine
    t0 = time.perf_counter()
    rng = random.Random(seed + 1)
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    with engine.connect() as conn:
        _bulk_pragmas(conn)
        with conn.begin():
            pk = _write_fused(conn, n, seed, rng, now)
    _analyze(engine)
    store.close()
    print(f"  added {pk} canonical events in {time.perf_counter() - t0:.1f} s", flush=True)


def _write_fused(conn, n: int, seed: int, rng: random.Random, now: datetime) -> int:
    rows, links, pk = [], [], 0
    for art, events in synthetic(n, seed):
        for row, rec in events:
            pk += 1
            cid = f"fw-{pk:012d}"
            loc = rec["location"]
            grade = rng.choice(GRADES)
            canon = {
                "id": cid, "event_type": row["event_type"], "event_types": [row["event_type"]],
                "status": row["status"], "acled_event_type": "Battles",
                "acled_sub_event_type": "Armed clash", "actor1": row["actor1_name"],
                "actor2": row["actor2_name"], "location": loc,
                "date_start": rec["date"]["start"], "date_end": rec["date"]["end"],
                "date_precision": rec["date"]["precision"], "date_conflict": False,
                "fatalities_min": None, "fatalities_max": None, "fatality_claims": [],
                "sources": rng.choice((1, 1, 2, 3)), "source_groups": [["Bench Wire"]],
                "attributions": ["residents"], "grade": grade, "grade_reasons": [],
                "reports": [{"article_id": art["id"], "outlet": "Bench Wire",
                             "url": art["url"], "published": art["published"].isoformat(),
                             "evidence": rec["evidence"]["text"], "attribution": "residents",
                             "status": row["status"], "location": loc,
                             "event_type": row["event_type"]}],
            }
            rows.append({
                "pk": pk, "id": cid, "version": 1, "event_type": row["event_type"],
                "status": row["status"], "date_start": row["date_start"],
                "date_end": row["date_end"], "latitude": row["latitude"],
                "longitude": row["longitude"], "country_code": row["country_code"],
                "actor1_name": row["actor1_name"], "actor2_name": row["actor2_name"],
                "location_name": row["location_name"], "actors_fold": row["actors_fold"],
                "place_fold": row["place_fold"], "sources": canon["sources"], "grade": grade,
                "place_key": "n:town", "control_change": 0, "updated_at": now, "record": canon})
            links.append({"event_pk": pk, "canonical_id": cid, "report_key": f"{art['id']}#{row['ordinal']}"})
        if len(rows) >= BATCH:
            _flush(conn, (st.fused_events, rows), (st.fused_reports, links))
    _flush(conn, (st.fused_events, rows), (st.fused_reports, links))
    return pk


def drop_fused(url: str) -> None:
    store = Store(url)
    with store._engine.begin() as conn:
        conn.execute(delete(st.fused_reports))
        conn.execute(delete(st.fused_events))
    store.close()


def count(url: str, table) -> int:
    """Rows of ``table``, or -1 when the database has no such table (nothing built yet)."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table(table.name):
            return -1
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def _bulk_pragmas(conn) -> None:
    """SQLite only: a page cache big enough for the indexes (random keys) and no fsync per
    commit; a benchmark file can be rebuilt, so durability is not needed while it is built."""
    if conn.dialect.name == "sqlite":  # set on the driver's connection, outside a transaction
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA cache_size = -1000000")  # KiB: up to 1 GB
        raw.execute("PRAGMA synchronous = OFF")
    return conn


def _analyze(engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def reset_postgres(url: str) -> None:
    """Drop the store's tables (and the web app's token table) so that build starts afresh."""
    engine = make_engine(url)
    with engine.begin() as conn:
        names = (*reversed(st.TABLES), tokens.api_tokens.name)  # the web app adds its token table
        conn.execute(text("DROP TABLE IF EXISTS " + ", ".join(names) + " CASCADE"))
    engine.dispose()


SERVER = """
import sys, uvicorn
from frontwatch import Monitor
from frontwatch.web.app import create_app
uvicorn.run(create_app(Monitor(db=sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base: str, requests: int, seed: int, extra: dict) -> tuple[list[float], list[int]]:
    rng = random.Random(seed)
    times, rows = [], []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(requests + 5):
            (lat0, lat1), (lon0, lon1), _ = rng.choice(REGIONS)
            lat, lon = rng.uniform(lat0, lat1 - 3), rng.uniform(lon0, lon1 - 3)
            since = START + timedelta(days=rng.randrange(DAYS - 180))
            params = {"bbox": f"{lon:.3f},{lat:.3f},{lon + 3:.3f},{lat + 3:.3f}",
                      "since": since.isoformat(), "until": (since + timedelta(days=179)).isoformat(),
                      "limit": 500, **extra}
            t0 = time.perf_counter()
            res = client.get("/api/events", params=params)
            elapsed = (time.perf_counter() - t0) * 1000
            res.raise_for_status()
            body = res.json()
            if i >= 5:  # the first few warm the caches
                times.append(elapsed)
                rows.append(len(body.get("events", body.get("features", []))))
    return times, rows


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def serve_and_measure(url: str, args) -> dict[str, dict[str, float]]:
    """Start the app on ``url`` in a second process and measure the three request kinds."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    out = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        for label, extra in (("json + total", {}), ("json, no total", {"total": "false"}),
                             ("geojson", {"format": "geojson"})):
            times, rows = measure(base, args.requests, args.seed, extra)
            out[label] = {"p50": pct(times, 50), "p95": pct(times, 95), "max": max(times),
                          "rows": statistics.mean(rows)}
            print(f"    {label:15s} p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms  "
                  f"max {max(times):6.1f} ms  rows/answer {statistics.mean(rows):.0f} "
                  f"(n={len(times)}, load average {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--dir", default="/tmp/frontwatch-bench-api")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--modes", default="articles,fused",
                    help="comma-separated: articles (per-article events), fused (canonical events)")
    ap.add_argument("--url", default=None, metavar="DATABASE_URL",
                    help="run on this database (e.g. PostgreSQL) instead of SQLite files in --dir")
    args = ap.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        print(f"{n} events", flush=True)
        url = args.url or f"sqlite:///{folder / f'api-{n}.db'}"
        if args.url is None and not (folder / f"api-{n}.db").exists():
            build(url, n, args.seed)
        elif args.url is not None and count(url, st.events) != n:
            reset_postgres(url)
            build(url, n, args.seed)
        for mode in modes:
            fused_rows = count(url, st.fused_events)
            if mode == "articles" and fused_rows:
                drop_fused(url)
            if mode == "fused" and fused_rows != n:
                if fused_rows:
                    drop_fused(url)
                add_fused(url, n, args.seed)
            print(f"  {mode}", flush=True)
            for label, r in serve_and_measure(url, args).items():
                results.append({"events": n, "mode": mode, "request": label,
                                **{k: round(v, 1) for k, v in r.items()}})
    backend = "PostgreSQL" if args.url and args.url.startswith("postgres") else "SQLite file"
    print(json.dumps({"note": f"client and server on one machine; {backend} store",
                      "results": results}))


if __name__ == "__main__":
    main()
