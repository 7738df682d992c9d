"""Scaling of batch ingest: --workers 1 vs 2, Dask local:1 vs local:2, per-article cost by size.

    python benchmarks/scale.py [--n 1000] [--sizes 100,1000,10000] [--max-size N]
                               [--no-dask] [--write-doc docs/scale.md]

Builds N articles by repeating the bundled samples with varied text (so none is a duplicate)
into JSONL shards, then ingests them into fresh SQLite stores (fusion off: it runs once,
serially, after ingest). Prints, per mode: wall time (start-up included), the processing span
(first partition start to last partition end: model loading excluded), articles/s for both,
the busy-core rate (articles per second of one worker's processing time), peak memory per
worker, and the 2-vs-1 ratios. Then the single-process cost per article at each store size
up to --max-size, and a GDELT-scale estimate (cores for ~150,000 articles a day).
``--write-doc`` replaces the measured section of docs/scale.md with these figures.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import tempfile
import time
from datetime import date
from pathlib import Path

from frontwatch.batch import ingest_with_dask, ingest_with_workers
from frontwatch.errors import IngestError
from frontwatch.monitor import Monitor
from frontwatch.samples import samples_dir
from frontwatch.settings import Settings

DESKS = ["Baghdad", "Beirut", "Amman", "Erbil", "Gaziantep", "Cairo", "Kabul", "Doha"]
GDELT_PER_DAY = 150_000
MARK_START, MARK_END = "<!-- scale:measured -->", "<!-- /scale:measured -->"


def build_articles(n: int) -> list[dict]:
    """n distinct article records: the samples in turn, each with a varied closing line."""
    settings = Settings()
    base = [a for a in Monitor(settings).read([str(samples_dir())]) if not isinstance(a, IngestError)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        desk = DESKS[(i // len(base)) % len(DESKS)]
        text = (f"{a.text}\n\nFiled by the {desk} desk (dispatch {i}); updates will follow "
                f"on day {1 + i % 28} of the month.")
        out.append({"id": f"bench-{i}", "title": a.title, "outlet": a.outlet,
                    "published": a.published.isoformat() if a.published else None, "text": text})
    return out


def write_shards(records: list[dict], folder: Path, per_shard: int = 250) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(0, len(records), per_shard):
        path = folder / f"shard-{k // per_shard:04d}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records[k:k + per_shard]) + "\n",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def run_mode(kind: str, target, shards: list[str], tmp: Path) -> dict:
    settings = Settings.from_env(db=str(tmp / f"{kind}-{target}.db".replace(":", "_")))
    t0 = time.perf_counter()
    if kind == "workers":
        report = ingest_with_workers(settings, shards, target, fuse=False)
    else:
        report = ingest_with_dask(settings, shards, target, fuse=False)
    wall = time.perf_counter() - t0
    parts = report.partitions
    span = max(p["finished"] for p in parts) - min(p["started"] for p in parts)
    busy = sum(p["seconds"] for p in parts)
    peak: dict[int, float] = {}
    for p in parts:
        peak[p["pid"]] = max(peak.get(p["pid"], 0.0), p["peak_rss_mb"])
    n = len(report.stored)
    assert not report.errors, report.errors[:3]
    return {"mode": f"{kind} {target}", "articles": n, "wall": wall, "span": span, "busy": busy,
            "wall_rate": n / wall, "span_rate": n / span, "core_rate": n / busy,
            "workers": len(peak), "peak_mb": max(peak.values())}


def per_article_costs(records: list[dict], sizes: list[int], tmp: Path) -> list[dict]:
    """Single-process ingest of the first S articles into a fresh store, per size."""
    out = []
    for size in sizes:
        folder = tmp / f"cost-{size}"
        shards = write_shards(records[:size], folder)
        with Monitor(Settings.from_env(db=str(folder / "cost.db"))) as m:
            m.nlp, m.store  # noqa: B018 (load before timing)
            t0 = time.perf_counter()
            report = m.ingest(shards, fuse=False)
            seconds = time.perf_counter() - t0
        out.append({"size": size, "stored": len(report.stored), "seconds": seconds,
                    "ms_per_article": 1000 * seconds / max(1, len(report.stored))})
    return out


def gdelt(core_rate: float) -> dict:
    per_core_day = core_rate * 86_400
    cores = GDELT_PER_DAY / per_core_day
    return {"per_core_day": per_core_day, "cores": cores,
            "cores_provisioned": max(2, math.ceil(cores * 3))}  # x3: peaks, retries, headroom


def render(n: int, modes: list[dict], costs: list[dict], estimate: dict) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores "
             f"(load average at the end {load}; other jobs on the machine depress the ratios), "
             f"N = {n} articles, SQLite store, fusion off.", "",
             "| mode | articles | wall s | wall art/s | span s | span art/s | art/s per busy core "
             "| workers | peak MiB / worker |", "|---|---|---|---|---|---|---|---|---|"]
    for m in modes:
        lines.append(f"| {m['mode']} | {m['articles']} | {m['wall']:.1f} | {m['wall_rate']:.2f} | "
                     f"{m['span']:.1f} | {m['span_rate']:.2f} | {m['core_rate']:.2f} | {m['workers']} | "
                     f"{m['peak_mb']:.0f} |")
    by = {m["mode"]: m for m in modes}
    lines.append("")
    for one, two in (("workers 1", "workers 2"), ("dask local:1", "dask local:2")):
        if one in by and two in by:
            lines.append(f"- {two} vs {one}: wall throughput x{by[two]['wall_rate'] / by[one]['wall_rate']:.2f}, "
                         f"processing-span throughput x{by[two]['span_rate'] / by[one]['span_rate']:.2f}")
    if costs:
        lines += ["", "Single-process cost per article by store size:", "",
                  "| articles | seconds | ms / article |", "|---|---|---|"]
        lines += [f"| {c['size']} | {c['seconds']:.1f} | {c['ms_per_article']:.0f} |" for c in costs]
    lines += ["", f"GDELT scale: at {estimate['rate']:.2f} articles/s per busy core "
              f"({estimate['per_core_day']:,.0f} articles a day), ~{GDELT_PER_DAY:,} articles a day of this length need "
              f"{estimate['cores']:.1f} cores of steady work; provision {estimate['cores_provisioned']} "
              "(x3 for bursts, retries and headroom)."]
    return "\n".join(lines)


def write_doc(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
    path.write_text(text[:start] + "\n" + block + "\n" + text[end:], encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles for the throughput runs")
    ap.add_argument("--sizes", default="100,1000,10000", help="store sizes for the per-article cost")
    ap.add_argument("--max-size", type=int, default=None, help="skip cost sizes above this")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    ap.add_argument("--write-doc", type=Path, default=None, help="update the measured section of this file")
    args = ap.parse_args()

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    sizes = [s for s in sizes if args.max_size is None or s <= args.max_size]
    records = build_articles(max([args.n, *sizes]))
    with tempfile.TemporaryDirectory(prefix="frontwatch-scale-") as tmp_name:
        tmp = Path(tmp_name)
        shards = write_shards(records[:args.n], tmp / "shards")
        runs = [("workers", 1), ("workers", 2)]
        if not args.no_dask:
            runs += [("dask", "local:1"), ("dask", "local:2")]
        modes = []
        for kind, target in runs:
            modes.append(run_mode(kind, target, shards, tmp))
            m = modes[-1]
            print(f"{m['mode']:<14} {m['articles']} articles: wall {m['wall']:.1f} s ({m['wall_rate']:.2f}/s), "
                  f"span {m['span']:.1f} s ({m['span_rate']:.2f}/s), {m['core_rate']:.2f}/s per busy core, "
                  f"peak {m['peak_mb']:.0f} MiB/worker", flush=True)
        costs = per_article_costs(records, sizes, tmp)
        for c in costs:
            print(f"cost at {c['size']}: {c['ms_per_article']:.0f} ms/article", flush=True)
    rate = next(m["core_rate"] for m in modes if m["mode"] == "workers 1")
    estimate = {"rate": rate, **gdelt(rate)}
    block = render(args.n, modes, costs, estimate)
    print()
    print(block)
    if args.write_doc:
        write_doc(args.write_doc, block)


if __name__ == "__main__":
    main()
