"""End-to-end extraction speed vs the bare spaCy pass on the same texts, and peak memory.

    python benchmarks/extract.py [PATH ...] [--repeat N]

Default texts: the bundled samples (plus ../shared/corpus/seeds when present). Prints
articles/second for the bare spaCy model and for the full frontwatch pipeline on one core,
their ratio, seconds per article, and peak resident memory.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from frontwatch import Monitor
from frontwatch.errors import IngestError
from frontwatch.nlp.model import load_model
from frontwatch.samples import samples_dir

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the texts (best pass is reported)")
    args = ap.parse_args()
    paths = args.paths or [str(samples_dir())] + ([str(SEEDS)] if SEEDS.exists() else [])

    monitor = Monitor(db="sqlite://")
    articles = [a for a in monitor.read(paths) if not isinstance(a, IngestError)]
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    t_load = timed(lambda: monitor.nlp)
    bare = load_model(monitor.settings.model)
    list(bare.pipe(texts[:2])), list(monitor.analyse(articles[:2]))  # warm up both

    t_bare = min(timed(lambda: list(bare.pipe(texts, batch_size=16))) for _ in range(args.repeat))
    t_full = min(timed(lambda: list(monitor.analyse(articles))) for _ in range(args.repeat))
    n = len(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n} ({chars:,} characters); pipeline load {t_load:.2f} s")
    print(f"{'pass':<22}{'articles/s':>12}{'s/article':>12}")
    print(f"{'bare spaCy':<22}{n / t_bare:>12.1f}{t_bare / n:>12.4f}")
    print(f"{'frontwatch extract':<22}{n / t_full:>12.1f}{t_full / n:>12.4f}")
    print(f"throughput ratio frontwatch / bare spaCy: {t_bare / t_full:.2f} (target >= 0.70)")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
