"""Backtest of the surge and spread rules on ACLED's Burkina Faso record (1997-2020), per admin1
region, against the months in which a region's fatalities first reached >= 25 and >= 100.

    PYTHONPATH=src python benchmarks/alerts_burkina.py [--csv PATH] [--db URL] [--horizon 90]

Reads ../shared/corpus/acled/burkina_faso_1997_2020.csv in place (ACLED terms: evaluation only),
imports it with ``frontwatch.datasets`` into a temporary SQLite store (fused like any reports),
replays the rules over 2015-01-01..2020-12-10 (each alert raised on the first day the data then
known satisfied it) and scores them. The outcome months come from the raw rows (not fused).
Baseline: on the 1st of each month, alert for a region whose last month had >= 10 fatalities
(the surge floor).
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from frontwatch.alerts.backtest import baseline_episodes, replay, score_crossings
from frontwatch.alerts.facts import fact_from_event
from frontwatch.alerts.rules import load_rules
from frontwatch.alerts.service import AlertService
from frontwatch.datasets import import_file, read_rows
from frontwatch.store import Store

CSV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "acled" / "burkina_faso_1997_2020.csv"
START, END = date(2015, 1, 1), date(2020, 12, 10)


def table(title: str, scores: dict) -> str:
    lines = [f"### {title}", "", f"threshold {scores['threshold']} fatalities/month, horizon {scores['horizon_days']} days: "
             f"alerts {scores['alerts']}, followed {scores['alerts_followed']}, precision {scores['precision']}; "
             f"first crossings in period {scores['crossings_in_period']}, warned {scores['crossings_warned']}, "
             f"recall {scores['recall']}", "",
             "| region | first alert | first month reaching it (day) | lead (days) |", "|---|---|---|---:|"]
    for r in scores["regions"]:
        lines.append(f"| {r['area'].split('/', 1)[-1]} | {r['first_alert'] or '-'} | {r['first_crossing'] or '-'}"
                     f"{'' if r['crossing_in_period'] or not r['first_crossing'] else ' (before period)'} | "
                     f"{r['lead_days'] if r['lead_days'] is not None else '-'} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=str(CSV))
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    ap.add_argument("--horizon", type=int, default=90)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{tmp.name}/bf.db"
    store = Store(url)
    t0 = time.perf_counter()
    rep = import_file(store, "acled", args.csv)
    t_import = time.perf_counter() - t0
    rules = [r for r in load_rules() if r.id in ("surge", "surge-events", "spread")]
    svc = AlertService(store, rules)
    t0 = time.perf_counter()
    facts = svc._facts()
    episodes = replay(rules, facts, START, END)
    t_eval = time.perf_counter() - t0
    truth = [fact_from_event(ev, art.published, id=art.id) for art, ev in
             (x for x in read_rows("acled", args.csv) if isinstance(x, tuple))]
    truth = [f for f in truth if f is not None]
    base = baseline_episodes(truth, 10, START, END)
    out = {"import": rep.to_dict(), "canonical_events": len([f for f in facts if not f.report]),
           "import_seconds": round(t_import, 1), "replay_seconds": round(t_eval, 2), "results": {}}
    systems = {"surge": [e for e in episodes if e.rule == "surge"],
               "surge-events": [e for e in episodes if e.rule == "surge-events"],
               "spread": [e for e in episodes if e.rule == "spread"],
               "surge+spread (any)": [e for e in episodes if e.rule in ("surge", "spread")],
               "baseline: last month >= 10": base}
    text = []
    for threshold in (25, 100):
        for name, eps in systems.items():
            s = score_crossings(eps, truth, threshold, args.horizon, START, END)
            out["results"][f"{name} @{threshold}"] = s
            text.append(table(f"{name}, >= {threshold}", s))
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(f"imported {rep.added + rep.updated + rep.unchanged} rows ({out['canonical_events']} canonical events after "
          f"fusion) in {t_import:.1f} s; replay {START}..{END} in {t_eval:.2f} s\n")
    print("| system | threshold | alerts | precision | first crossings in 2015-2020 | warned | recall | median lead (days) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, s in out["results"].items():
        leads = sorted(r["lead_days"] for r in s["regions"] if r["lead_days"] is not None and r["crossing_in_period"])
        med = leads[len(leads) // 2] if leads else "-"
        name, thr = key.rsplit(" @", 1)
        print(f"| {name} | {thr} | {s['alerts']} | {s['precision']} | {s['crossings_in_period']} | "
              f"{s['crossings_warned']} | {s['recall']} | {med} |")
    print()
    print("\n\n".join(text))
    store.close()


if __name__ == "__main__":
    main()
