"""Event detection/typing errors of the ACLED dev file, one half (tune by default), by ACLED event type.

Analysis only: ACLED's coded columns are read to score and to list errors, never to build anything.
Extraction output is cached to a JSON file (``--cache``) so scoring and listing can be re-run cheaply.

usage: PYTHONPATH=src python benchmarks/acled_event_errors.py [--split tune|held] [--cache FILE]
       [--refresh] [--show silent|type|all] [--type "Riots"]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwatch.evaluate.acled import predict, read_acled_csv, score_acled  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "acled" / "acled_dev.csv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=str(DEFAULT_CSV))
    ap.add_argument("--split", default="tune", choices=("tune", "held"))
    ap.add_argument("--cache", default=None)
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--show", default="", choices=("", "silent", "type", "all"))
    ap.add_argument("--type", default=None, help="only notes whose first row has this ACLED event type")
    args = ap.parse_args()
    notes = [n for n in read_acled_csv(args.csv) if n.half == args.split]
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists() and not args.refresh:
        pred = json.loads(cache.read_text())
    else:
        from frontwatch import Monitor
        with Monitor() as m:
            pred = predict(m, notes)
        if cache:
            cache.write_text(json.dumps(pred, default=str))
    fig = score_acled(notes, pred, by="event_type")
    for grp in sorted(fig, key=lambda g: (g != "all", g)):
        f = fig[grp]
        print(f"{grp:28s} gold {f['gold']:4d} found {f['found']:.3f} type {f['type']:.3f} "
              f"prec {f['precision']:.3f} silent {f['silent']:.3f}")
    causes: Counter = Counter()
    for n in notes:
        gold_types = {r["event_type"] for r in n.rows}
        if args.type and n.rows[0]["event_type"] != args.type:
            continue
        pr = pred.get(n.id, [])
        got = [(p.get("acled_event_type"), p.get("acled_sub_event_type"), p.get("event_type"),
                ((p.get("trigger") or {}).get("text") or "")[:30]) for p in pr]
        if not pr:
            kind = "silent"
        elif not gold_types & {g[0] for g in got}:
            kind = "type"
        else:
            continue
        causes[(kind, n.rows[0]["event_type"])] += 1
        if args.show in (kind, "all"):
            subs = sorted({r["sub_event_type"] for r in n.rows})
            print(f"\n[{kind}] gold {subs} got {got}\n  {n.text[:500]}")
    print()
    for (kind, t), k in sorted(causes.items(), key=lambda x: -x[1]):
        print(f"{kind:7s} {t:28s} {k}")


if __name__ == "__main__":
    main()
