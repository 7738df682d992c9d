"""Alert evaluation speed over a large store, and the incremental update after an ingest.

    PYTHONPATH=src python benchmarks/alerts_scale.py [N ...] [--db-dir DIR] [--keep]

Builds an SQLite store of N synthetic canonical events (written straight into the fusion tables,
as a fusion run leaves them: 40 countries x 25 admin1 areas, 2012-2021, mostly ASSAULT with ACLED
types and fatalities, 4 % MOBILIZE/REQUEST/THREATEN with their per-article reports for the signal
rule), then times:

* full: ``AlertService.run()`` - every built-in rule over the whole store (facts read from the
  store, evaluation, alert records with evidence chains, versions written);
* incremental: 200 new canonical events in 3 countries (as after an ingest and its fusion run),
  then ``AlertService.update()``.

Population counts are off (no gazetteer) so that only the alert engine is timed.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from frontwatch.alerts import AlertService
from frontwatch.store import Store
from frontwatch.store import schema as t

SUBS = [("Battles", "Armed clash", 0.45), ("Explosions/Remote violence", "Air/drone strike", 0.1),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.1),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.1),
        ("Violence against civilians", "Attack", 0.25)]
SIGNAL_TYPES = [("MOBILIZE", "mobilised fighters and sent reinforcements to the town"),
                ("REQUEST", "dropped leaflets urging civilians to evacuate the town"),
                ("THREATEN", "warned residents to leave before an attack")]
START = date(2012, 1, 1)
DAYS = 3650


def areas(rng):
    out = []
    for c in range(40):
        cc = chr(65 + c // 26) + chr(65 + c % 26)
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-20, 120)
        for a in range(25):
            out.append((cc, f"Region {a}", lat0 + (a // 5) * 0.8, lon0 + (a % 5) * 0.8))
    return out


def record(i, rng, area, day, etype, sub, evidence, published):
    cc, admin1, lat, lon = area
    acled, subtype = sub
    fat = rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 15]) if etype == "ASSAULT" else 0
    loc = {"text": f"Town {i % 97}", "name": f"Town {i % 97}", "geonameid": 10_000 + hash((cc, admin1, i % 97)) % 10**6,
           "latitude": round(lat + rng.random() * 0.7, 4), "longitude": round(lon + rng.random() * 0.7, 4),
           "country_code": cc, "admin1": admin1, "precision": 1}
    return {"id": f"ce-{i:012x}", "event_type": etype, "event_types": [etype], "status": "occurred",
            "acled_event_type": acled, "acled_sub_event_type": subtype, "actor1": f"Group {i % 13}",
            "actor2": "Civilians" if etype == "REQUEST" else None, "location": loc,
            "date_start": day.isoformat(), "date_end": day.isoformat(), "date_precision": "day",
            "date_conflict": False, "fatalities_min": fat, "fatalities_max": fat, "fatality_claims": [],
            "sources": 1 + i % 3, "source_groups": [], "attributions": [], "grade": "C3", "grade_reasons": [],
            "reports": [{"article_id": f"art-{i}", "outlet": f"Outlet {i % 60}", "url": None,
                         "published": published.isoformat(), "event_type": etype, "status": "occurred",
                         "evidence": evidence, "attribution": None, "date": None, "location": loc,
                         "fatalities": None}]}


def rows_for(n0, n, rng, world, when, country_filter=None):
    ev_rows, art_rows, pe_rows, fr_rows = [], [], [], []
    pool = [a for a in world if country_filter is None or a[0] in country_filter]
    weights = [1 + (k % 7) ** 2 for k in range(len(pool))]
    for i in range(n0, n0 + n):
        area = rng.choices(pool, weights)[0]
        day = START + timedelta(days=rng.randrange(DAYS)) if country_filter is None else START + timedelta(days=DAYS - 1 - rng.randrange(20))
        published = day + timedelta(days=rng.choice([0, 0, 1, 2]))
        if rng.random() < 0.04:
            etype, evidence = rng.choice(SIGNAL_TYPES)
            sub = ("Strategic developments", "Other")
        else:
            etype, evidence = "ASSAULT", "fighters attacked positions in the town"
            sub = rng.choices([(a, b) for a, b, _ in SUBS], [w for *_, w in SUBS])[0]
        rec = record(i, rng, area, day, etype, sub, evidence, published)
        loc = rec["location"]
        ev_rows.append({"id": rec["id"], "version": 1, "event_type": etype, "status": "occurred", "date_start": day,
                        "date_end": day, "latitude": loc["latitude"], "longitude": loc["longitude"],
                        "country_code": loc["country_code"], "actor1_name": rec["actor1"], "actor2_name": rec["actor2"],
                        "location_name": loc["name"], "actors_fold": None, "place_fold": None,
                        "sources": rec["sources"], "grade": "C3", "place_key": f"g:{loc['geonameid']}",
                        "control_change": 0, "updated_at": when, "record": rec})
        if etype != "ASSAULT":
            art_rows.append({"pk": i + 1, "id": f"art-{i}", "key": f"k:{i}", "content_hash": f"{i:064x}",
                             "published": published, "language": "en", "text": evidence, "outlet": f"Outlet {i % 60}"})
            ev = {"article_id": f"art-{i}", "event_type": etype, "status": "occurred",
                  "evidence": {"text": evidence, "start": 0, "end": len(evidence)},
                  "actor1": {"text": rec["actor1"], "name": rec["actor1"]}, "location": loc,
                  "acled_event_type": sub[0], "acled_sub_event_type": sub[1]}
            pe_rows.append({"pk": i + 1, "article_pk": i + 1, "ordinal": 0, "event_type": etype, "status": "occurred",
                            "date_start": day, "date_end": day, "latitude": loc["latitude"],
                            "longitude": loc["longitude"], "country_code": loc["country_code"],
                            "actor1_name": rec["actor1"], "actor2_name": rec["actor2"], "location_name": loc["name"],
                            "evidence_start": 0, "record": ev})
            fr_rows.append({"event_pk": i + 1, "canonical_id": rec["id"], "report_key": f"art-{i}#0"})
    return ev_rows, art_rows, pe_rows, fr_rows


def write(store, rows, when):
    ev_rows, art_rows, pe_rows, fr_rows = rows
    with store._write() as conn:
        for k in range(0, len(ev_rows), 20_000):
            conn.execute(insert(t.fused_events), ev_rows[k:k + 20_000])
        for table, rs in ((t.articles, art_rows), (t.events, pe_rows), (t.fused_reports, fr_rows)):
            for k in range(0, len(rs), 20_000):
                if rs[k:k + 20_000]:
                    conn.execute(insert(table), rs[k:k + 20_000])
        conn.execute(insert(t.fused_versions), [{"event_id": r["id"], "version": 1, "kind": "created",
                                                 "valid_from": when, "valid_to": None, "merged_into": None,
                                                 "merged_from": [], "data": r["record"]}
                                                for r in (ev_rows if len(ev_rows) <= 1000 else ev_rows[:1])])


def run(n: int, folder: Path, keep: bool) -> dict:
    rng = random.Random(n)
    world = areas(rng)
    path = folder / f"alerts-{n}.db"
    path.unlink(missing_ok=True)
    store = Store(f"sqlite:///{path}")
    t0 = time.perf_counter()
    base_time = datetime(2022, 1, 1)
    write(store, rows_for(0, n, rng, world, base_time), base_time)
    build = time.perf_counter() - t0
    clock = lambda: datetime(2022, 1, 1, 12, tzinfo=timezone.utc)  # noqa: E731
    svc = AlertService(store, clock=clock)
    t0, c0 = time.perf_counter(), time.process_time()
    full = svc.run(through=START + timedelta(days=DAYS))
    full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    # an ingest: 200 new events in 3 countries, fused (one version each)
    later = datetime(2022, 1, 2)
    countries = sorted({a[0] for a in world})[:3]
    write(store, rows_for(n, 200, rng, world, later, set(countries)), later)
    svc2 = AlertService(store, clock=lambda: datetime(2022, 1, 2, 12, tzinfo=timezone.utc))
    t0, c0 = time.perf_counter(), time.process_time()
    inc = svc2.update(through=START + timedelta(days=DAYS))
    inc_s, inc_cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    size = path.stat().st_size
    if not keep:
        path.unlink(missing_ok=True)
    return {"events": n, "build_s": round(build, 1), "db_mb": round(size / 1e6), "full_s": round(full_s, 1),
            "full_cpu_s": round(full_cpu, 1), "alerts": full.alerts, "facts": full.facts,
            "incremental_s": round(inc_s, 2), "incremental_cpu_s": round(inc_cpu, 2),
            "incremental_facts": inc.facts, "incremental_changes": inc.new + inc.updated + inc.resolved,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000])
    ap.add_argument("--db-dir", default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    folder = Path(args.db_dir or tmp.name)
    for n in args.sizes:
        print(json.dumps(run(n, folder, args.keep)), flush=True)


if __name__ == "__main__":
    main()
