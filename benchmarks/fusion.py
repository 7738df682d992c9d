"""Fusion speed (and accuracy against the generator's truth) on synthetic per-article events.

    PYTHONPATH=src python benchmarks/fusion.py [N ...] [--changelog] [--incremental] [--seed S]

Default sizes: 10000 100000. The generator spreads real events over a few hundred towns in four
countries and five years; each real event is reported 1-5 times by different outlets (with
off-by-one dates, week ranges, province-level places, compatible PLOVER types, missing actors,
differing fatality counts) and some reports are syndicated copies of another outlet's text.
Prints time to build reports (text sketches), time to fuse, microseconds per event, candidate
comparisons per event, and pairwise precision/recall against the true events.
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import time
from datetime import date, timedelta

from frontwatch.fuse import Fuser, Report
from frontwatch.fuse.evaluate import pairwise_scores
from frontwatch.fuse.syndication import text_sketch
from frontwatch.records import Actor, Attribution, Event, EventDate, Evidence, Fatalities, Location

COUNTRIES = {  # code: (lat range, lon range, actors)
    "AA": ((32.0, 37.0), (36.0, 42.0), ["Army A", "Rebels A", "Islamists", "Militia A", "Coalition"]),
    "BB": ((29.5, 37.0), (39.0, 46.0), ["Army B", "Islamists", "Militia B", "Police B", "Coalition"]),
    "CC": ((31.0, 37.0), (62.0, 70.0), ["Army C", "Insurgents C", "Islamists", "Police C"]),
    "DD": ((44.0, 50.0), (30.0, 40.0), ["Army D", "Army E", "Separatists D"]),
}
TYPES = [("ASSAULT", 60), ("RETREAT", 8), ("CONCEDE", 4), ("AGREE", 4), ("PROTEST", 10),
         ("COERCE", 6), ("MOBILIZE", 5), ("THREATEN", 3)]
COMPATIBLE = {"ASSAULT": "COERCE", "RETREAT": "CONCEDE", "CONCEDE": "RETREAT", "AGREE": "RETREAT"}
VOCAB = [f"w{i}" for i in range(3000)]
START = date(2015, 1, 1)
DAYS = 5 * 365


def make_world(rnd: random.Random, n_towns: int = 400):
    towns = []
    for i in range(n_towns):
        cc = rnd.choice(list(COUNTRIES))
        (la0, la1), (lo0, lo1), _ = COUNTRIES[cc]
        lat, lon = rnd.uniform(la0, la1), rnd.uniform(lo0, lo1)
        admin1 = f"{cc}-{int((lat - la0) / 1.5)}-{int((lon - lo0) / 1.5)}"
        towns.append((1_000_000 + i, f"Town{i}", lat, lon, cc, admin1))
    return towns


def generate(n_reports: int, seed: int = 7):
    """(events, per-event truth id, article texts by id, outlets by article id)."""
    rnd = random.Random(seed)
    towns = make_world(rnd)
    outlets = [f"Outlet {i}" for i in range(60)]
    types, weights = zip(*TYPES)
    out: list[tuple[Event, str, str, date, str]] = []  # event, outlet, text, published, truth
    real = 0
    while len(out) < n_reports:
        real += 1
        gid, name, lat, lon, cc, a1 = rnd.choice(towns)
        actors = COUNTRIES[cc][2]
        a, b = rnd.sample(actors, 2)
        etype = rnd.choices(types, weights)[0]
        day = START + timedelta(days=rnd.randrange(DAYS))
        words = rnd.sample(VOCAB, 8)
        deaths = rnd.choice([None, None, rnd.randint(1, 40)])
        k = rnd.choices([1, 2, 3, 4, 5], [40, 25, 15, 12, 8])[0]
        previous_text = None
        for j, outlet in enumerate(rnd.sample(outlets, k)):
            u = rnd.random()
            if u < 0.8:
                d = EventDate("d", day, day, "day")
            elif u < 0.9:
                dd = day + timedelta(days=rnd.choice([-1, 1]))
                d = EventDate("d", dd, dd, "day")
            else:
                d = EventDate("w", day - timedelta(days=day.weekday()), day + timedelta(days=6 - day.weekday()), "week")
            v = rnd.random()
            if v < 0.9:
                loc = Location(name, name, gid, lat, lon, cc, a1, 1)
            elif v < 0.99:
                loc = Location(a1, a1, None, lat, lon, cc, a1, 3)
            else:
                loc = Location(cc, cc, None, None, None, cc, None, 4)
            t = COMPATIBLE.get(etype, etype) if rnd.random() < 0.2 else etype
            ev_words = rnd.sample(words, 5) + rnd.sample(VOCAB, 3)
            text = f"{a} {t.lower()} {b} in {name} " + " ".join(ev_words)
            f = None
            if deaths is not None and rnd.random() < 0.8:
                f = Fatalities(deaths + rnd.choice([0, 0, 0, 2, 5]), None)
            aid = f"a{len(out)}"
            ev = Event(article_id=aid, event_type=t, evidence=Evidence(text, 0, len(text)),
                       actor1=Actor(a, a), actor2=Actor(b, b) if rnd.random() > 0.15 else None,
                       location=loc, date=d, fatalities=f,
                       attribution=Attribution("officials", "officials") if rnd.random() < 0.4 else None)
            if previous_text is not None and rnd.random() < 0.1:
                body = previous_text  # a syndicated copy of the previous outlet's story
            else:
                body = " ".join(rnd.choices(VOCAB, k=120))
            previous_text = body
            out.append((ev, outlet, body, day + timedelta(days=1), f"t{real}"))
            if len(out) >= n_reports:
                break
    return out


def run(n: int, seed: int, changelog: bool, incremental: bool = False) -> dict:
    data = generate(n, seed)
    gc.collect()
    gc.disable()
    t0 = time.perf_counter()
    sketches: dict[str, tuple] = {}
    reports = []
    for ev, outlet, body, published, _ in data:
        sk = sketches.get(body)
        if sk is None:
            sk = sketches[body] = text_sketch(body)
        reports.append(Report(event=ev, outlet=outlet, published=published, text_sketch=sk[0], shingle_count=sk[1]))
    t1 = time.perf_counter()
    fuser = Fuser(changelog=changelog)
    if incremental:  # one report at a time, in a shuffled order
        for r in random.Random(seed).sample(reports, len(reports)):
            fuser.add(r)
    else:
        fuser.add_all(reports)
    t2 = time.perf_counter()
    gc.enable()
    truth: dict[str, list[str]] = {}
    for r, (_, _, _, _, tid) in zip(reports, data):
        truth.setdefault(tid, []).append(r.key)
    scores = pairwise_scores(fuser.clusters(), list(truth.values()))
    sizes = [len(e.reports) for e in fuser.events()]
    return {"n": n, "prepare_s": t1 - t0, "fuse_s": t2 - t1, "events": len(sizes), "true": len(truth),
            "max_size": max(sizes), "cmp": fuser.comparisons / n, "p": scores["precision"], "r": scores["recall"],
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--changelog", action="store_true", help="record versions while fusing")
    ap.add_argument("--incremental", action="store_true", help="Fuser.add per report, shuffled")
    args = ap.parse_args()
    print(f"{'events':>9} {'prepare s':>10} {'fuse s':>8} {'us/event':>9} {'cmp/event':>10} "
          f"{'canonical':>9} {'true':>8} {'max':>4} {'P':>6} {'R':>6} {'RSS MB':>7}")
    for n in args.sizes:
        r = run(n, args.seed, args.changelog, args.incremental)
        per = (r["prepare_s"] + r["fuse_s"]) / n * 1e6
        print(f"{r['n']:>9} {r['prepare_s']:>10.1f} {r['fuse_s']:>8.1f} {per:>9.0f} {r['cmp']:>10.1f} "
              f"{r['events']:>9} {r['true']:>8} {r['max_size']:>4} {r['p']:>6.3f} {r['r']:>6.3f} {r['rss_mb']:>7.0f}",
              flush=True)


if __name__ == "__main__":
    main()
