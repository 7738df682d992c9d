"""Fusion with the real extractor on the multi-outlet gold (used by ``benchmarks/fusion.py --real``).

Every article of tests/gold/fusion.json (the ../shared clusters, the bundled samples, the seeds)
is ingested with ``Monitor.ingest`` into a temporary SQLite store (real pipeline, no fusion), the
store is fused once (``Monitor.fuse``) and the canonical events' article groups are scored
pairwise against the gold, next to the baseline "one event per article".

Publication dates come from the sidecar index (clusters, samples) or the seed's gold file. An
article without one gets, by default, the earliest known date of its gold group (what a crawler
that found the pages together would give it); ``--no-crawl-dates`` leaves it undated (its
undated events then never fuse).
"""
from __future__ import annotations

import json
import tempfile
import time
from datetime import date
from pathlib import Path

from frontwatch.fuse.evaluate import baseline_groups, load_gold, pairs, pairwise_scores

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "fusion.json"
SHARED = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "src" / "frontwatch" / "samples"


def _meta(shared: Path) -> dict[str, dict]:
    meta: dict[str, dict] = {}
    for index in (shared / "clusters" / "index.jsonl", SAMPLES / "index.jsonl"):
        if index.exists():
            for line in index.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    meta[row["id"]] = row
    for seed in (shared / "seeds").glob("*.txt"):
        g = shared / "gold" / (seed.name + ".json")
        if g.exists() and seed.name not in meta:
            meta[seed.name] = {"id": seed.name, "published": json.loads(g.read_text(encoding="utf-8")).get("published")}
    return meta


def _path(item: str, shared: Path) -> Path:
    for base in (shared / "clusters", shared / "seeds", SAMPLES):
        if (base / item).exists():
            return base / item
    raise FileNotFoundError(item)


def _published(group: list[str], meta: dict, crawl_dates: bool) -> dict[str, date | None]:
    known = {a: date.fromisoformat(meta[a]["published"]) for a in group if (meta.get(a) or {}).get("published")}
    fallback = min(known.values()) if (known and crawl_dates) else None
    return {a: known.get(a, fallback) for a in group}


def run_real(gold_path: Path = GOLD, shared: Path = SHARED, crawl_dates: bool = True) -> dict:
    """Ingest, fuse and score; returns scores, per-group results and timings."""
    from frontwatch.monitor import Monitor

    groups = load_gold(gold_path)
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    names = [g.get("id", str(i)) for i, g in enumerate(data["clusters"] + data.get("other_groups", []))]
    meta = _meta(shared)
    with tempfile.TemporaryDirectory() as tmp, Monitor(db=f"sqlite:///{tmp}/real.db") as m:
        t0 = time.perf_counter()
        n_events = 0
        for group in groups:
            days = _published(group, meta, crawl_dates)
            for item in group:
                # a sidecar date wins over the one given here; the seed has no sidecar
                rep = m.ingest([str(_path(item, shared))], published=days[item], fuse=False)
                if rep.errors or not rep.stored:
                    raise RuntimeError(f"{item}: {rep.errors or 'not stored'}")
                n_events += rep.events
        t1 = time.perf_counter()
        m.fuse()
        t2 = time.perf_counter()
        canon = m.fused_events()
    predicted = [sorted({r["article_id"] for r in ev["reports"]}) for ev in canon]
    universe = {i for g in groups for i in g}
    gold_pairs, pred_pairs = pairs(groups), pairs(predicted, universe)
    per_group = []
    for name, group in zip(names, groups):
        gp = pairs([group])
        found = gp & pred_pairs
        main = max(canon, key=lambda ev: (len({r["article_id"] for r in ev["reports"]} & set(group)), ev["sources"]))
        main_articles = {r["article_id"] for r in main["reports"]} & set(group)
        per_group.append({"group": name, "articles": len(group), "pairs": len(gp), "found": len(found),
                          "main_event_articles": len(main_articles), "main_event_sources": main["sources"],
                          "main_event_type": main["event_type"], "missed": sorted(gp - pred_pairs)})
    return {"fusion": pairwise_scores(predicted, groups),
            "baseline": pairwise_scores(baseline_groups(universe), groups),
            "wrong_pairs": sorted(pred_pairs - gold_pairs), "groups": per_group,
            "articles": len(universe), "events": n_events, "canonical": len(canon),
            "extract_s": t1 - t0, "fuse_s": t2 - t1}


def print_real(res: dict) -> None:
    print(f"fusion gold: {res['articles']} articles, {res['events']} per-article events -> "
          f"{res['canonical']} canonical events (extract {res['extract_s']:.1f} s, fuse {res['fuse_s']:.2f} s)")
    print(f"{'system':<26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}")
    for name, key in (("frontwatch fusion", "fusion"), ("one event per article", "baseline")):
        s = res[key]
        print(f"{name:<26} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['tp']:>4} "
              f"{s['predicted_pairs']:>5} {s['gold_pairs']:>5}")
    print(f"\n{'group':<40} {'articles':>8} {'pairs found':>11} {'main event':>10} {'sources':>7}")
    for g in res["groups"]:
        print(f"{g['group']:<40} {g['articles']:>8} {g['found']:>5}/{g['pairs']:<5} "
              f"{g['main_event_articles']:>6}/{g['articles']:<3} {g['main_event_sources']:>7}")
        for a, b in g["missed"]:
            print(f"    missed: {a} + {b}")
    for a, b in res["wrong_pairs"]:
        print(f"wrong pair: {a} + {b}")
