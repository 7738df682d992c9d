"""Fatalities and actor1 on matched events, by half, and the tune half's errors.

    python benchmarks/event_fields.py --cache FILE [--errors] [--held-errors-count]

Reads the pickle written by ``benchmarks/event_halves.py --cache FILE`` (the same tune/held rule)
and prints, per suite and half, the share of matched pairs with fatalities right and actor1
right; ``--errors`` lists the tune half's wrong pairs (gold value, predicted value, evidence).
"""
from __future__ import annotations

import argparse
import pickle
from pathlib import Path

from event_halves import half

from frontwatch.evaluate.matching import actor_correct, fatalities_correct, match_events


def _fat(f) -> str:
    if f is None:
        return "-"
    if isinstance(f, dict):
        return f"{f.get('min')}..{f.get('max')}"
    return "-" if f.min is None and f.max is None else f"{f.min}..{f.max}"


def _actor(a) -> str:
    if a is None:
        return "-"
    if isinstance(a, dict):
        return a["name"] + (f" {a['aliases']}" if a.get("aliases") else "")
    return f"{a.name} [{a.text}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--field", choices=("fatalities", "actor1", "both"), default="both")
    args = ap.parse_args()
    data = pickle.loads(Path(args.cache).read_bytes())
    print(f"{'suite':<8}{'half':<6}{'pairs':>6}{'fatal':>8}{'actor1':>8}{'actor2':>8}")
    errors: list[str] = []
    for name, items in data.items():
        for which in ("tune", "held", "all"):
            n = fat = a1 = a2 = 0
            for gold, events, _ in items:
                if which != "all" and half(gold["article"]) != which:
                    continue
                gev = gold.get("events", [])
                for gi, pi in match_events(gev, events):
                    g, p = gev[gi], events[pi]
                    n += 1
                    fok = fatalities_correct(g, p)
                    aok = actor_correct(g.get("actor1"), p.actor1)
                    fat += fok
                    a1 += aok
                    a2 += actor_correct(g.get("actor2"), p.actor2)
                    if which == "tune":
                        ev = " ".join(p.evidence.text.split())[:220]
                        if not fok and args.field in ("fatalities", "both"):
                            errors.append(f"FAT {name} {gold['article']} {g['id']} gold {_fat(g.get('fatalities'))} "
                                          f"pred {_fat(p.fatalities)} | gold ev {g.get('evidence', '')[:160]!r}"
                                          f" | pred ev {ev!r}")
                        if not aok and args.field in ("actor1", "both"):
                            errors.append(f"A1  {name} {gold['article']} {g['id']} gold {_actor(g.get('actor1'))} "
                                          f"pred {_actor(p.actor1)} | gold ev {g.get('evidence', '')[:160]!r}"
                                          f" | pred ev {ev!r}")
            fmt = lambda x: f"{x / n:8.3f}" if n else "     -  "  # noqa: E731
            print(f"{name:<8}{which:<6}{n:>6}{fmt(fat)}{fmt(a1)}{fmt(a2)}")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
