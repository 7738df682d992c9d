"""Fusion speed (and accuracy against the generator's truth) on synthetic per-article events.

    PYTHONPATH=src python benchmarks/fusion.py [N ...] [--changelog] [--incremental] [--grow] [--seed S]
    PYTHONPATH=src python benchmarks/fusion.py --real [--no-crawl-dates]

``--real``: the fusion gold (tests/gold/fusion.json) with events from the real extractor, scored
against the baseline "one event per article" (see benchmarks/fusion_real.py; needs ../shared).

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


def countries(copies: int = 1) -> dict:
    """The four country boxes, repeated `copies` times side by side (15 degrees of longitude
    apart, new codes) for a larger world with the same density of towns and events."""
    out = {}
    for k in range(copies):
        for cc, ((la0, la1), (lo0, lo1), actors) in COUNTRIES.items():
            code = cc if k == 0 else f"{cc}{k}"
            shift = 15.0 * k if lo1 + 15.0 * k <= 180 else -360.0 + 15.0 * k
            out[code] = ((la0, la1), (lo0 + shift, lo1 + shift), actors)
    return out


def make_world(rnd: random.Random, n_towns: int = 400, world: dict | None = None):
    world = world or COUNTRIES
    towns = []
    for i in range(n_towns):
        cc = rnd.choice(list(world))
        (la0, la1), (lo0, lo1), _ = world[cc]
        lat, lon = rnd.uniform(la0, la1), rnd.uniform(lo0, lo1)
        admin1 = f"{cc}-{int((lat - la0) / 1.5)}-{int((lon - lo0) / 1.5)}"
        towns.append((1_000_000 + i, f"Town{i}", lat, lon, cc, admin1))
    return towns


def generate(n_reports: int, seed: int = 7, grow: bool = False):
    """As ``stream`` (below), as a list."""
    return list(stream(n_reports, seed, grow))


def stream(n_reports: int, seed: int = 7, grow: bool = False):
    """(event, outlet, article text, published, truth id) per report. With `grow`, the world has
    one copy of the four countries (400 towns) per 100,000 reports, so the density of events per
    town and day stays that of the 100,000 run (a monitor covering more places)."""
    rnd = random.Random(seed)
    copies = max(1, round(n_reports / 100_000)) if grow else 1
    world = countries(copies)
    towns = make_world(rnd, 400 * copies, world)
    outlets = [f"Outlet {i}" for i in range(60)]
    types, weights = zip(*TYPES)
    made = 0  # yields (event, outlet, article text, published, truth id)
    real = 0
    while made < n_reports:
        real += 1
        gid, name, lat, lon, cc, a1 = rnd.choice(towns)
        actors = world[cc][2]
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
            aid = f"a{made}"
            ev = Event(article_id=aid, event_type=t, evidence=Evidence(text, 0, len(text)),
                       actor1=Actor(a, a), actor2=Actor(b, b) if rnd.random() > 0.15 else None,
                       location=loc, date=d, fatalities=f,
                       attribution=Attribution("officials", "officials") if rnd.random() < 0.4 else None)
            if previous_text is not None and rnd.random() < 0.1:
                body = previous_text  # a syndicated copy of the previous outlet's story
            else:
                body = " ".join(rnd.choices(VOCAB, k=120))
            previous_text = body
            yield ev, outlet, body, day + timedelta(days=1), f"t{real}"
            made += 1
            if made >= n_reports:
                break


def run(n: int, seed: int, changelog: bool, incremental: bool = False, grow: bool = False) -> dict:
    gc.collect()
    gc.disable()
    t0, c0 = time.perf_counter(), time.process_time()
    # reports are built as the generator makes them: a text is kept only until its report is
    # sketched (syndicated copies repeat the previous story, so one cached sketch shares them)
    last_body, sk = None, None
    reports, truth_ids = [], []
    for ev, outlet, body, published, tid in stream(n, seed, grow):
        if body != last_body:
            last_body, sk = body, text_sketch(body)
        reports.append(Report(event=ev, outlet=outlet, published=published, text_sketch=sk[0], shingle_count=sk[1]))
        truth_ids.append(tid)
    last_body = None
    t1, c1 = time.perf_counter(), time.process_time()
    fuser = Fuser(changelog=changelog)
    if incremental:  # one report at a time, in a shuffled order
        for r in random.Random(seed).sample(reports, len(reports)):
            fuser.add(r)
    else:
        fuser.add_all(reports)
    t2, c2 = time.perf_counter(), time.process_time()
    gc.enable()
    truth: dict[str, list[str]] = {}
    for r, tid in zip(reports, truth_ids):
        truth.setdefault(tid, []).append(r.key)
    scores = pairwise_scores(fuser.clusters(), list(truth.values()))
    sizes = [len(e.reports) for e in fuser.events()]
    return {"n": n, "prepare_s": t1 - t0, "fuse_s": t2 - t1, "prepare_cpu": c1 - c0, "fuse_cpu": c2 - c1,
            "events": len(sizes), "true": len(truth),
            "max_size": max(sizes), "cmp": fuser.comparisons / n, "p": scores["precision"], "r": scores["recall"],
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--changelog", action="store_true", help="record versions while fusing")
    ap.add_argument("--incremental", action="store_true", help="Fuser.add per report, shuffled")
    ap.add_argument("--grow", action="store_true",
                    help="a larger world for larger runs: 400 towns in 4 countries per 100,000 reports")
    ap.add_argument("--real", action="store_true", help="score real-extractor fusion on tests/gold/fusion.json")
    ap.add_argument("--no-crawl-dates", action="store_true",
                    help="with --real: leave articles without a publication date undated")
    args = ap.parse_args()
    if args.real:
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from fusion_real import print_real, run_real

        print_real(run_real(crawl_dates=not args.no_crawl_dates))
        return
    print("times: wall s (CPU s of this process; the machine is shared)")
    print(f"{'events':>9} {'prepare s':>14} {'fuse s':>14} {'CPU us/event':>12} {'cmp/event':>10} "
          f"{'canonical':>9} {'true':>8} {'max':>4} {'P':>6} {'R':>6} {'peak RSS MB':>11}")
    for n in args.sizes:
        r = run(n, args.seed, args.changelog, args.incremental, args.grow)
        per = (r["prepare_cpu"] + r["fuse_cpu"]) / n * 1e6
        prep = f"{r['prepare_s']:.1f} ({r['prepare_cpu']:.1f})"
        fuse_t = f"{r['fuse_s']:.1f} ({r['fuse_cpu']:.1f})"
        print(f"{r['n']:>9} {prep:>14} {fuse_t:>14} {per:>12.0f} {r['cmp']:>10.1f} "
              f"{r['events']:>9} {r['true']:>8} {r['max_size']:>4} {r['p']:>6.3f} {r['r']:>6.3f} {r['rss_mb']:>11.0f}",
              flush=True)


if __name__ == "__main__":
    main()
