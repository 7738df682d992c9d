"""ACLED place accuracy: does some extracted event of a note lie near ACLED's point?

Reads ``../shared/corpus/acled/acled_dev.csv`` (the notes are the input; only ACLED's point and
geo_precision are read, to score). Each distinct note is one article, extracted with its
``event_date`` as publication date. A gold event is placed when some event extracted from its note
lies within 50 km of ACLED's point (100 km at geo_precision 3). Notes are split into a tune and a
held half by the first byte of sha1(note) (even: tune). Add gazetteer sources first with
``frontwatch gazetteer add`` (same FRONTWATCH_CACHE_DIR).

usage: PYTHONPATH=src python benchmarks/acled_places.py [--split tune|held|all] [--limit N]
       [--events OUT.jsonl] [--errors N] [--csv PATH]

``--events`` writes the extracted events as JSONL for ``score_acled.py dev.gold.jsonl OUT.jsonl``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwatch import Monitor  # noqa: E402
from frontwatch.records import Article  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "acled" / "acled_dev.csv"


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def half(note: str) -> str:
    return "tune" if hashlib.sha1(note.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def notes(path: Path) -> dict[str, list[dict]]:
    by_note: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_note[row["notes"]].append(row)
    return by_note


def event_day(row: dict) -> date:
    from datetime import datetime
    text = row["event_date"].strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return date.fromisoformat(row.get("event_date_iso") or text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "held", "all"], default="all")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--events", default=None, help="write extracted events (JSONL) here")
    ap.add_argument("--errors", type=int, default=0, help="print this many tune-half misses")
    ap.add_argument("--csv", default=str(DEFAULT_CSV))
    args = ap.parse_args()
    by_note = notes(Path(args.csv))
    items = [(n, rows) for n, rows in by_note.items() if args.split == "all" or half(n) == args.split]
    if args.limit:
        items = items[: args.limit]
    monitor = Monitor()
    t0 = time.perf_counter()
    gaz = monitor.gazetteer
    load = time.perf_counter() - t0
    arts = [Article(id=f"acled-{rows[0]['event_id_cnty']}", text=n, title="", published=event_day(rows[0]))
            for n, rows in items]
    t0 = time.perf_counter()
    results = list(monitor.analyse(arts))
    secs = time.perf_counter() - t0
    placed = defaultdict(lambda: [0, 0])
    out = open(args.events, "w", encoding="utf-8") if args.events else None
    misses = []
    for (n, rows), res in zip(items, results):
        pts = [(e.location.latitude, e.location.longitude) for e in res.events
               if e.location is not None and e.location.latitude is not None]
        if out:
            for e in res.events:
                out.write(json.dumps(e.to_dict(), default=str) + "\n")
        for g in rows:
            limit = 100.0 if g["geo_precision"].strip() == "3" else 50.0
            gp = (float(g["latitude"]), float(g["longitude"]))
            ok = any(km(gp, p) <= limit for p in pts)
            for key in ("all", half(n)):
                placed[key][0] += ok
                placed[key][1] += 1
            if not ok and half(n) == "tune":
                misses.append((n, g, res))
    if out:
        out.close()
    print(f"gazetteer rows {len(gaz):,}, load {load:.2f} s; {len(arts)} notes in {secs:.1f} s")
    for key in ("tune", "held", "all"):
        ok, total = placed[key]
        if total:
            print(f"place {key:5s} {ok / total:.3f}  ({ok}/{total})")
    causes = defaultdict(int)
    for n, g, res in misses:
        gp = (float(g["latitude"]), float(g["longitude"]))
        located = [e for e in res.events if e.location is not None and e.location.latitude is not None]
        if not res.events:
            cause = "no event extracted"
        elif not located:
            cause = "events without a place" + (" (no place recognised)" if not res.places else "")
        else:
            d = min(km(gp, (e.location.latitude, e.location.longitude)) for e in located)
            prec = min(e.location.precision or 9 for e in located)
            cause = ("wrong place > 500 km" if d > 500 else
                     f"right area, 50-500 km (best event precision {prec})")
        causes[cause] += 1
    if misses:
        print("tune misses by cause:")
        for cause, count in sorted(causes.items(), key=lambda kv: -kv[1]):
            print(f"  {count:4d}  {cause}")
    for n, g, res in misses[: args.errors]:
        got = "; ".join(f"{e.location.name}[{e.location.country_code}]" if e.location else "-" for e in res.events)
        places = ", ".join(f"{p.text}->{p.name}[{p.country_code},{p.kind}]" for p in res.places)
        print(f"\n- {n[:300]}\n  events: {got or 'none'}\n  places: {places}\n  gold precision {g['geo_precision']}")


if __name__ == "__main__":
    main()
