"""ACLED dev file: fatalities and actor1 on found pairs, by half, and the tune half's mismatches.

    python benchmarks/acled_fields.py FILE.csv --cache FILE.pkl [--reuse] [--errors] [--country X]

Extraction output (the Event objects of each note) is pickled with ``--cache`` so that the ACLED-style
actor names and the scoring can be re-run with ``--reuse`` without extracting again. The pairing is
``evaluate/acled.py``'s (right event type within 50/100 km, nearest first); the halves are its
``half_of``. ACLED's coded columns are only compared with, never read by extraction.
"""
from __future__ import annotations

import argparse
import pickle
from collections import Counter
from pathlib import Path

from frontwatch.evaluate.acled import _limit, _point, acled_actor_match, half_of, km, read_acled_csv
from frontwatch.records import Article


def extract(notes) -> dict[str, list]:
    from frontwatch import Monitor

    monitor = Monitor(db="sqlite://")
    arts = [Article(id=n.id, text=n.text, title=None, outlet="ACLED notes", published=n.published) for n in notes]
    return {a.article.id: list(a.events) for a in monitor.analyse(arts)}


def main() -> None:
    from frontwatch.nlp.acled_actors import acled_actor_name

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--country")
    args = ap.parse_args()
    notes = read_acled_csv(args.csv)
    if args.reuse:
        events = pickle.loads(Path(args.cache).read_bytes())
    else:
        events = extract(notes)
        Path(args.cache).write_bytes(pickle.dumps(events))
    counts = {h: Counter() for h in ("tune", "held")}
    errors = []
    for note in notes:
        h = half_of(note.text)
        evs = events.get(note.id, [])
        recs = []
        for ev in evs:
            rec = ev.to_dict()
            rec["_a1"] = acled_actor_name(ev.actor1, ev, "actor1")
            recs.append(rec)
        pairs = []
        for gi, g in enumerate(note.rows):
            gp = (float(g["latitude"]), float(g["longitude"]))
            for pi, p in enumerate(recs):
                pp = _point(p)
                if pp and (p.get("acled_event_type") or "") == g["event_type"] and km(gp, pp) <= _limit(g):
                    pairs.append((km(gp, pp), gi, pi))
        ug, up = set(), set()
        for _, gi, pi in sorted(pairs):
            if gi in ug or pi in up:
                continue
            ug.add(gi)
            up.add(pi)
            g, p, ev = note.rows[gi], recs[pi], evs[pi]
            fat = (p.get("fatalities") or {}).get("min") or 0
            fok = int(fat) == int(g.get("fatalities") or 0)
            aok = acled_actor_match(p["_a1"], g.get("actor1"))
            c = counts[h]
            c["found"] += 1
            c["fat"] += fok
            c["a1"] += aok
            if h == "tune" and (not args.country or note.country == args.country):
                f = ev.fatalities
                if not fok:
                    errors.append(f"FAT {note.id} {note.country} gold {g.get('fatalities')} pred "
                                  f"{None if f is None else (f.min, f.max)} | {note.text[:400]!r}")
                if not aok:
                    a = ev.actor1
                    errors.append(f"A1  {note.id} {note.country} {g['event_type']}/{g['sub_event_type']} gold "
                                  f"{g.get('actor1')!r} pred {p['_a1']!r} "
                                  f"[{a.name if a else None} / {a.text if a else None}] | {note.text[:400]!r}")
    for h, c in counts.items():
        n = c["found"] or 1
        print(f"{h}: found pairs {c['found']} fatalities {c['fat'] / n:.3f} actor1 {c['a1'] / n:.3f}")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
