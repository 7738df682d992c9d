"""Why ACLED events are not placed: each tune-half miss of ``acled_places.py`` by cause.

Analysis only: ACLED's point (and, to tell the causes apart, its ``location`` name) are read to
score and to explain a miss, never to build anything. Causes, first that applies:

- no event extracted            the note yields no event
- no place recognised           events, but the note's text gives no resolved place
- recognised name resolved to a wrong entry   no recognised place is within the limit, but one of
                                the recognised names has a gazetteer entry within it
- event at country point        a recognised place lies within the limit; the event took the country
- event at another place of the note   ... the event took another (or a wrong) place
- events without a place        ... and the events have no place at all
- not recognised                a capitalised name of the note (not recognised) has an entry within
                                the limit ("(event at region/country)": the event took a region)
- region/country point too far  the event took a region or country point; no name has an entry near
- not in gazetteer              no name of the note has an entry within the limit
- wrong homonym (abroad)        a fuzzy match of a recognised name lies within the limit

usage: PYTHONPATH=src python benchmarks/acled_causes.py [--split tune|held] [--show CAUSE] [--limit N]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from acled_places import DEFAULT_CSV, event_day, half, km, notes  # noqa: E402
from frontwatch import Monitor  # noqa: E402
from frontwatch.records import Article  # noqa: E402

NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|ar|as|an|at|ash|de|du|of|la|le)[-\s]+)?[A-Z][\w'’-]*){0,3}")


def spans(text: str) -> set[str]:
    """Capitalised word runs of the note and their sub-runs (candidate names)."""
    out = set()
    for m in NAME.finditer(text):
        words = re.split(r"[\s]+", m.group(0))
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 4) + 1):
                out.add(" ".join(words[i:j]))
                if "-" in words[i]:
                    out.update(w for w in words[i].split("-") if w[:1].isupper())
    return out


def classify(gaz, note: str, g: dict, res) -> tuple[str, str]:
    gp = (float(g["latitude"]), float(g["longitude"]))
    limit = 100.0 if g["geo_precision"].strip() == "3" else 50.0
    located = [e for e in res.events if e.location is not None and e.location.latitude is not None]
    if not res.events:
        return "no event extracted", ""
    places = [p for p in res.places if p.kind != "demonym" and p.latitude is not None]
    near = [p for p in places if km(gp, (p.latitude, p.longitude)) <= limit]
    reach = [p.text for p in places if any(km(gp, gaz.latlon(r)) <= limit for r, _ in gaz.rows_for(p.text))]
    if not near and reach:
        return "recognised name resolved to a wrong entry (one within reach exists)", str(reach[:2])
    if near:
        if located and all((e.location.precision or 4) >= 4 for e in located):
            return "event at country point", near[0].text
        if not located:
            return "events without a place (a place was in reach)", near[0].text
        return "event at another place of the note", f"{near[0].text} vs " + ",".join(
            e.location.text or "" for e in located)
    if not places:
        return "no place recognised", ""
    if located and any(e.location.precision == 3 for e in located) and g["geo_precision"].strip() != "3":
        # region point too far, but is the gold point inside that region? (same admin1 name)
        pass
    recognised = {p.text for p in res.places}
    hit_rec, hit_unrec = [], []
    for s in spans(note):
        for r, exact in gaz.rows_for(s, fuzzy=True):
            if km(gp, gaz.latlon(r)) <= limit:
                (hit_rec if s in recognised else hit_unrec).append((s, gaz.name_of(r), exact))
                break
    if hit_rec:
        chosen = next(p for p in res.places if p.text == hit_rec[0][0])
        abroad = chosen.country_code != (located[0].location.country_code if located else chosen.country_code)
        return ("wrong homonym" + (" abroad" if abroad else "")), f"{hit_rec[0]} chosen {chosen.name}[{chosen.country_code}]"
    if located and all((e.location.precision or 1) >= 3 for e in located):
        if hit_unrec:
            return "not recognised (event at region/country)", str(hit_unrec[:2])
        return "region/country point too far, finer place not in gazetteer", g["location"]
    if hit_unrec:
        return "not recognised", str(hit_unrec[:2])
    return "not in gazetteer", g["location"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "held"], default="tune")
    ap.add_argument("--show", default="", help="print the misses whose cause starts with this (all: every miss)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    by_note = notes(DEFAULT_CSV)
    items = [(n, rows) for n, rows in by_note.items() if half(n) == args.split]
    if args.limit:
        items = items[: args.limit]
    monitor = Monitor()
    gaz = monitor.gazetteer
    arts = [Article(id=f"acled-{rows[0]['event_id_cnty']}", text=n, title="", published=event_day(rows[0]))
            for n, rows in items]
    results = list(monitor.analyse(arts))
    causes: Counter = Counter()
    shown: dict[str, list] = defaultdict(list)
    total = ok = 0
    for (n, rows), res in zip(items, results):
        pts = [(e.location.latitude, e.location.longitude) for e in res.events
               if e.location is not None and e.location.latitude is not None]
        for g in rows:
            total += 1
            limit = 100.0 if g["geo_precision"].strip() == "3" else 50.0
            gp = (float(g["latitude"]), float(g["longitude"]))
            if any(km(gp, p) <= limit for p in pts):
                ok += 1
                continue
            cause, detail = classify(gaz, n, g, res)
            causes[cause] += 1
            shown[cause].append((n, g, res, detail))
    print(f"place {args.split} {ok / max(total, 1):.3f} ({ok}/{total}); misses by cause:")
    for cause, count in causes.most_common():
        print(f"  {count:4d}  {cause}")
    for cause, items_ in shown.items():
        if not args.show or not (args.show == "all" or cause.startswith(args.show)):
            continue
        for n, g, res, detail in items_:
            got = "; ".join(f"{e.location.text}->{e.location.name}[{e.location.country_code},p{e.location.precision}]"
                            if e.location else "-" for e in res.events)
            places = ", ".join(f"{p.text}->{p.name}[{p.country_code},{p.kind}]" for p in res.places)
            print(f"\n[{cause}] {n[:400]}\n  events: {got or 'none'}\n  places: {places}\n  detail: {detail}"
                  f"  (gold prec {g['geo_precision']})")


if __name__ == "__main__":
    main()
