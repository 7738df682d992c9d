"""Event figures of the gold suites by tune / held half, and the tune half's errors.

    python benchmarks/event_halves.py [--suite news --suite dev] [--cache FILE] [--reuse] [--errors]

An article is in the tune half when ``int(sha1(file name).hexdigest()[:8], 16) % 2 == 0`` (the rule of
tests/gold_news/README.md), else in the held half; the same rule splits the dev suite. Suites and their
inputs are read from tests/floors.json. ``--cache FILE`` pickles the extracted events and place
mentions, and ``--reuse`` scores that pickle again without extracting (for iterating on scoring or on
the error listing). ``--errors`` prints the tune half's false positives, misses and date errors.
"""
from __future__ import annotations

import argparse
import hashlib
import pickle
from datetime import date
from pathlib import Path

from frontwatch.evaluate.driver import _gather_one
from frontwatch.evaluate.floors import load_floors, resolve_input
from frontwatch.evaluate.gold import load_gold_dir
from frontwatch.evaluate.matching import match_events
from frontwatch.evaluate.metrics import aggregate, score_article

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "floors.json"


def half(article: str) -> str:
    name = Path(article).name
    return "tune" if int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "held"


def extract(suites: list[str]) -> dict[str, list[tuple[dict, list, list]]]:
    from frontwatch import Monitor

    spec = load_floors(FLOORS)
    monitor = Monitor(db="sqlite://")
    out: dict[str, list[tuple[dict, list, list]]] = {}
    for name in suites:
        s = spec[name]
        gold_dir = resolve_input(ROOT, s["gold"])
        inputs = [resolve_input(ROOT, p) for p in s["articles"]]
        if not gold_dir.exists() or not all(p.exists() for p in inputs):
            print(f"{name}: skipped (inputs missing)")
            continue
        golds = load_gold_dir(gold_dir)
        found: dict = {}
        for source in inputs:
            found.update(_gather_one(monitor, [g for g in golds if g["article"] not in found], source, []))
        present = [g for g in golds if g["article"] in found]
        for g in present:
            if found[g["article"]].published is None and g.get("published"):
                found[g["article"]].published = date.fromisoformat(g["published"])
        analyses = monitor.analyse([found[g["article"]] for g in present])
        out[name] = [(g, list(a.events), list(a.places)) for g, a in zip(present, analyses)]
    return out


def _date(d) -> str:
    if d is None:
        return "-"
    return f"{d.start}..{d.end}" if d.end and d.end != d.start else f"{d.start}"


def show_errors(items: list[tuple[dict, list, list]]) -> None:
    for gold, events, _places in items:
        if half(gold["article"]) != "tune":
            continue
        gev = gold.get("events", [])
        pairs = match_events(gev, events)
        mg = {gi: pi for gi, pi in pairs}
        mp = {pi for _, pi in pairs}
        lines = []
        for pi, e in enumerate(events):
            loc = e.location.name if e.location else "-"
            prec = e.location.precision if e.location else "-"
            if pi not in mp:
                lines.append(f"  FP  {e.event_type:<9} {e.status:<10} {_date(e.date):<23} {loc}({prec}) "
                             f"| {e.evidence.text[:150]!r}")
        for gi, g in enumerate(gev):
            gd = g.get("date") or {}
            gdate = f"{gd.get('start')}..{gd.get('end')}" if gd else "-"
            if gi in mg:
                e = events[mg[gi]]
                pd = e.date
                exact = (pd is not None and gd and str(pd.start) == gd.get("start")
                         and str(pd.end or pd.start) == gd.get("end"))
                tag = "OPT " if g.get("optional") else "OK  "
                loc = e.location.name if e.location else "-"
                prec = e.location.precision if e.location else "-"
                lines.append(f"  {tag}{g['id']} {e.event_type:<9} {_date(pd):<23} {loc}({prec}) | {e.evidence.text[:90]!r}")
                if gd and not exact:
                    lines.append(f"  DATE {g['id']} gold {gdate} pred {_date(pd)} | {e.evidence.text[:110]!r}")
            elif not g.get("optional"):
                pl = (g.get("place") or {}).get("name")
                lines.append(f"  MISS {g['id']} {g['plover']} {g.get('status')} {gdate} {pl} "
                             f"| {g.get('evidence', '')[:110]!r}")
        if lines:
            print(f"{gold['article']} (published {gold.get('published')})")
            print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", action="append", help="suite of tests/floors.json (repeatable; default news, dev)")
    ap.add_argument("--cache", help="pickle of the extraction output (written, or read with --reuse)")
    ap.add_argument("--reuse", action="store_true", help="score the --cache pickle without extracting")
    ap.add_argument("--errors", action="store_true", help="print the tune half's errors")
    args = ap.parse_args()
    suites = args.suite or ["news", "dev"]
    if args.reuse and args.cache:
        data = pickle.loads(Path(args.cache).read_bytes())
    else:
        data = extract(suites)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(data))
    print(f"{'suite':<8}{'half':<6}{'arts':>5}{'P':>7}{'R':>7}{'F1':>7}{'coreR':>7}{'date':>7}{'pred':>6}{'gold':>6}")
    for name in suites:
        items = data.get(name)
        if not items:
            continue
        for which in ("tune", "held", "all"):
            chosen = [it for it in items if which == "all" or half(it[0]["article"]) == which]
            total = aggregate([score_article(g, e, p) for g, e, p in chosen]).total
            m = total.metrics()
            fmt = lambda v: "   -  " if v is None else f"{v:7.3f}"  # noqa: E731
            print(f"{name:<8}{which:<6}{len(chosen):>5}{fmt(m['precision'])}{fmt(m['recall'])}{fmt(m['f1'])}"
                  f"{fmt(m['core_recall'])}{fmt(m['date_exact_accuracy'])}{total.predictions:>6}{total.required:>6}")
        if args.errors:
            show_errors(items)


if __name__ == "__main__":
    main()
