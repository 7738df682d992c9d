"""What the PLOVER typing component (``frontwatch_typing``) costs inside the full pipeline.

    PYTHONPATH=src python benchmarks/typing_cost.py [PATH ...] [--repeat N]

Default texts: the bundled samples (plus ../shared/corpus/seeds when present). Times the
component's own calls inside the full pipeline (best of N passes) and prints its share of the
pipeline's time, plus the numbers of events and interactions.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from frontwatch import Monitor
from frontwatch.errors import IngestError
from frontwatch.monitor import _docs
from frontwatch.nlp.typing.component import NAME
from frontwatch.samples import samples_dir

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = args.paths or [str(samples_dir())] + ([str(SEEDS)] if SEEDS.exists() else [])
    monitor = Monitor(db="sqlite://")
    articles = [a for a in monitor.read(paths) if not isinstance(a, IngestError)]
    nlp = monitor.nlp
    pipe = nlp.get_pipe(NAME)
    call = type(pipe).__call__
    spent = [0.0]

    def timed(self, doc):
        t0 = time.perf_counter()
        out = call(self, doc)
        spent[0] += time.perf_counter() - t0
        return out

    list(nlp.pipe(_docs(nlp, articles[:2]), as_tuples=True))  # warm up
    best = None
    type(pipe).__call__ = timed
    try:
        for _ in range(args.repeat):
            spent[0] = 0.0
            t0 = time.perf_counter()
            docs = [doc for doc, _ in nlp.pipe(_docs(nlp, articles), as_tuples=True)]
            total = time.perf_counter() - t0
            if best is None or total < best[0]:
                best = (total, spent[0], docs)
    finally:
        type(pipe).__call__ = call
    total, own, docs = best
    n = len(articles)
    print(f"articles: {n}; pipeline {total / n:.4f} s/article, of which {NAME} {own / n:.4f} s/article "
          f"({own / total:.1%})")
    print(f"events {sum(len(d._.events or []) for d in docs)}, "
          f"interactions {sum(len(d._.interactions or []) for d in docs)}")


if __name__ == "__main__":
    main()
