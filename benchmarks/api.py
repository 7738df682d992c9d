"""Latency of GET /api/events (bbox + date filter, up to 500 rows) on synthetic events in SQLite.

    PYTHONPATH=src python benchmarks/api.py [N ...] [--requests R] [--dir DIR] [--seed S]

Default sizes: 100000. With --fuse the store is first fused (``Monitor.fuse``) and the
canonical events are measured. For each size it builds (or reuses, in --dir) an SQLite store of N
synthetic events (5 per article, spread over four regions and five years), starts
`create_app` under uvicorn in a SECOND process on 127.0.0.1, and sends R requests of a random
3x3-degree box and 180-day window (limit 500, as the map asks, total counted) from this process
over one keep-alive connection. Prints p50/p95/max milliseconds and rows per answer, for the
JSON page with its total count, without the count, and as GeoJSON.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from frontwatch import Monitor
from frontwatch.records import Actor, Article, Event, EventDate, Evidence, Location
from frontwatch.store import Store
from frontwatch.store import queries as sq
from frontwatch.store import schema as st

REGIONS = [((32.0, 37.0), (36.0, 42.0), "SY"), ((29.5, 37.0), (39.0, 46.0), "IQ"),
           ((31.0, 37.0), (62.0, 70.0), "AF"), ((44.0, 50.0), (30.0, 40.0), "UA")]
TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "AGREE", "RETREAT"]
ACTORS = ["Army", "Rebels", "Islamists", "Militia", "Coalition", "Police", "Civilians"]
START = date(2015, 1, 1)
DAYS = 5 * 365
PER_ARTICLE = 5


def build(path: Path, n: int, seed: int) -> None:
    """An SQLite store of n synthetic events, written in large transactions."""
    rng = random.Random(seed)
    store = Store(f"sqlite:///{path}")
    engine = store._engine  # the benchmark writes in bulk; the app reads through its own engine
    sentence = "Fighters of the {a} attacked {b} positions near the town on {d}, residents said. "
    t0 = time.perf_counter()
    with engine.begin() as conn:
        src = conn.execute(insert(st.sources).values(name="Bench Wire", domain="bench.example")
                           ).inserted_primary_key[0]
        arts, evs = [], []
        for i in range(n // PER_ARTICLE):
            (lat0, lat1), (lon0, lon1), cc = rng.choice(REGIONS)
            day = START + timedelta(days=rng.randrange(DAYS))
            parts, events = [], []
            for k in range(PER_ARTICLE):
                a, b = rng.sample(ACTORS, 2)
                s = sentence.format(a=a, b=b, d=day.isoformat())
                start = sum(len(p) for p in parts)
                parts.append(s)
                span = rng.choice((0, 0, 0, 6, 30))
                events.append(Event(
                    article_id=f"bench-{i}", event_type=rng.choice(TYPES),
                    evidence=Evidence(s.strip(), start, start + len(s.strip())),
                    actor1=Actor(a, a), actor2=Actor(b, b),
                    location=Location("the town", "Town", None, rng.uniform(lat0, lat1),
                                      rng.uniform(lon0, lon1), cc, None, rng.choice((1, 1, 2, 3))),
                    date=EventDate(None, day - timedelta(days=span), day, "day" if not span else "week")))
            art = Article(id=f"bench-{i}", text="".join(parts), title=f"Report {i}",
                          url=f"https://bench.example/{i}", outlet="Bench Wire", published=day)
            pk = i + 1
            arts.append({**sq.article_row(art, src), "pk": pk})
            evs += [sq.event_row(e, art, pk, k) for k, e in enumerate(events)]
            if len(arts) >= 2000:
                conn.execute(insert(st.articles), arts)
                conn.execute(insert(st.events), evs)
                arts, evs = [], []
        if arts:
            conn.execute(insert(st.articles), arts)
            conn.execute(insert(st.events), evs)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()
    print(f"  built {n} events in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--dir", default="/tmp/frontwatch-bench-api")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fuse", action="store_true",
                    help="fuse the events first (Monitor.fuse) and measure the canonical events")
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        print(f"{n} events")
        path = folder / f"api-{n}.db"
        if not path.exists():
            build(path, n, args.seed)
        if args.fuse:
            fused = folder / f"api-{n}-fused.db"
            if not fused.exists():
                shutil.copy(path, fused)
                t0 = time.perf_counter()
                with Monitor(db=str(fused)) as mon:
                    result = mon.fuse(full=True)
                print(f"  fused into {result.events} canonical events in {time.perf_counter() - t0:.1f} s")
            path = fused
        port = free_port()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(path), str(port)], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
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
                print(f"  {label:15s} p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms  "
                      f"max {max(times):6.1f} ms  rows/answer {statistics.mean(rows):.0f} "
                      f"(n={len(times)}, load average {os.getloadavg()[0]:.1f})")
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(json.dumps({"note": "client and server on one 2-core machine; SQLite file store"}))


if __name__ == "__main__":
    main()
