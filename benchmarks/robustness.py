"""Time per character of the whole pipeline (``Monitor.extract``) on hostile shapes of input.

Inputs: N copies of one short dated sentence in one paragraph (200 and 400), the bundled
samples joined into one ~120 KB article without paragraph breaks (and the same with them),
and - with ``--fuzz N`` - N articles drawn by the hypothesis strategies of
tests/test_fuzz_ingest.py (fixed seed). Prints ms and ms/KB per input and the worst ms/KB.

    PYTHONPATH=src python benchmarks/robustness.py [--fuzz 200] [--only repeat200]
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from frontwatch import Monitor
from frontwatch.records import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwatch" / "samples"
SENTENCE = "Rebels attacked Homs on Monday, killing 3 soldiers."


def samples_text(target: int = 120_000, paragraphs: bool = False) -> str:
    """The bundled sample articles joined until ``target`` characters (one paragraph unless
    ``paragraphs``)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < target:
        for t in texts:
            body = "\n\n".join(b.strip() for b in t.split("\n\n") if b.strip()) if paragraphs \
                else " ".join(t.split())
            parts.append(body)
            size += len(body) + 2
            if size >= target:
                break
    return ("\n\n" if paragraphs else " ").join(parts)[:target]


def inputs() -> dict[str, str]:
    return {
        "repeat200": " ".join([SENTENCE] * 200),
        "repeat400": " ".join([SENTENCE] * 400),
        "samples120k_one_paragraph": samples_text(),
        "samples120k_paragraphs": samples_text(paragraphs=True),
    }


def fuzz_inputs(n: int) -> dict[str, str]:
    """``n`` articles drawn (derandomized: the same on every run) from the fuzz tests' own
    ``article_texts`` strategy, in longer form (up to 200 sentences)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from hypothesis import HealthCheck, given, settings

    from test_fuzz_ingest import article_texts

    found: list[str] = []

    @settings(max_examples=n, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(article_texts(max_sentences=200))
    def collect(text: str) -> None:
        found.append(text)

    collect()
    drawn = {f"fuzz{i:03d}": text for i, text in enumerate(found)}
    drawn["fuzz_all_joined"] = " ".join(found)  # every draw as one article, one paragraph
    return drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fuzz", type=int, default=0, help="also N fuzz articles (fixed seed)")
    ap.add_argument("--only", default=None, help="run only the input of this name")
    args = ap.parse_args()
    cases = inputs()
    if args.fuzz:
        cases.update(fuzz_inputs(args.fuzz))
    if args.only:
        cases = {args.only: cases[args.only]}
    m = Monitor()
    m.extract(Article(id="warm", text=SENTENCE, published=date(2016, 5, 10)))
    worst = (0.0, "")
    fuzz_worst = (0.0, "")
    for name, text in cases.items():
        t0 = time.perf_counter()
        events = m.extract(Article(id=name, text=text, published=date(2016, 5, 10)))
        ms = (time.perf_counter() - t0) * 1000
        per_kb = ms / max(1.0, len(text.encode("utf-8")) / 1024)
        if not name.startswith("fuzz") or name == "fuzz_all_joined":
            print(f"{name:28s} {len(text):>8,} chars {ms:>10.0f} ms {per_kb:>8.1f} ms/KB "
                  f"{len(events):>5} events", flush=True)
            worst = max(worst, (per_kb, name))
        else:
            fuzz_worst = max(fuzz_worst, (per_kb, name))
    print(f"worst ms/KB (fixed inputs): {worst[0]:.1f} ({worst[1]})")
    if args.fuzz:
        print(f"worst ms/KB over {args.fuzz} fuzz articles: {fuzz_worst[0]:.1f} ({fuzz_worst[1]})")


if __name__ == "__main__":
    main()
