"""Refit the recogniser's accept weights (``src/frontwatch/data/place_accept.json``) on the gold
toponyms of the TUNE halves of the geoparsing corpora (LGL, TR-News, GeoWebNews; geoparse.py's split).

The shipped weights distil the former rule chain (see the file's "about"); a refit on gold
raises the geoparsing figures but follows those corpora's conventions (GeoWebNews marks demonyms
as toponyms): measure the dev/news suites before writing (docs/architecture.md).

Every span the gazetteer matcher proposes (with candidates) is one example: its named features
(``nlp/places/accept.py``) and whether a gold toponym has exactly that span.  A logistic
regression with L2, full-batch gradient descent from zero, a fixed number of steps: the same
inputs give the same weights.  Gold toponyms count ``--positive-weight`` times (a missed toponym
costs accuracy@161km, an extra name only span precision).  Each round re-reads the spans the
matcher proposes under the weights just fitted.  Nothing is read from the held halves.

usage: PYTHONPATH=src python benchmarks/fit_accept.py [--cache-dir DIR] [--parsed-dir DIR]
       [--rounds 2] [--positive-weight 4] [--write]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import geoparse  # noqa: E402
from frontwatch.geo import Gazetteer  # noqa: E402
from frontwatch.nlp import places  # noqa: E402
from frontwatch.nlp.model import load_model  # noqa: E402
from frontwatch.nlp.places.accept import FEATURES, AcceptModel  # noqa: E402

OUT = ROOT / "src" / "frontwatch" / "data" / "place_accept.json"


def parsed_tune_docs(nlp, corpus_dir: Path, parsed_dir: Path | None):
    """(gold doc, parsed doc) pairs of every corpus's tune half; parses cached as DocBin files."""
    from spacy.tokens import DocBin
    out = []
    for name, file in geoparse.CORPORA.items():
        gold = geoparse.split(geoparse.read_corpus(corpus_dir / file), "tune")
        cached = parsed_dir / f"{name}-tune.spacy" if parsed_dir else None
        if cached and cached.exists():
            docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        else:
            with nlp.select_pipes(disable=[places.PIPE_NAME]):
                docs = list(nlp.pipe([d.text for d in gold], batch_size=16))
            if cached:
                bin_ = DocBin()
                for doc in docs:
                    bin_.add(doc)
                cached.parent.mkdir(parents=True, exist_ok=True)
                bin_.to_disk(cached)
        out += list(zip(gold, docs))
    return out


def examples(pipe, pairs) -> tuple[np.ndarray, np.ndarray]:
    """Features and gold labels of every span the matcher proposes under the current weights."""
    model = pipe.recogniser.accept_model
    xs, ys = [], []
    for gold, doc in pairs:
        spans = {(g.start, g.end) for g in gold.toponyms}
        model.trace = []
        pipe.recogniser.find(doc)
        for d, i, j, feats, _ in model.trace:
            name_i = i + 1 if d[i].lower_ == "the" and j - i > 1 else i
            xs.append([float(feats.get(f, False)) for f in FEATURES])
            ys.append(float((d[name_i].idx, d[j - 1].idx + len(d[j - 1].text)) in spans))
        model.trace = None
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, positive_weight: float, l2: float, steps: int,
        rate: float) -> tuple[float, np.ndarray]:
    """Weighted logistic regression by full-batch gradient descent from zero (deterministic)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    sample = np.where(y > 0, positive_weight, 1.0)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (sample * (p - y)) / len(y)
        grad[:-1] += l2 * w[:-1]
        w -= rate * grad
    return float(w[-1]), w[:-1]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache-dir", default=str(Path.home() / ".cache" / "frontwatch"))
    ap.add_argument("--corpus-dir", default=str(geoparse.default_corpus_dir()))
    ap.add_argument("--parsed-dir", help="cache the parsed tune halves here (DocBin files)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--positive-weight", type=float, default=4.0)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--rate", type=float, default=2.0)
    ap.add_argument("--write", action="store_true", help=f"write the weights to {OUT.relative_to(ROOT)}")
    args = ap.parse_args(argv)

    nlp = load_model()
    pipe = places.add_to(nlp, Gazetteer.open(args.cache_dir))
    pairs = parsed_tune_docs(nlp, Path(args.corpus_dir), Path(args.parsed_dir) if args.parsed_dir else None)
    result = {}
    for round_ in range(args.rounds):
        x, y = examples(pipe, pairs)
        bias, w = fit(x, y, args.positive_weight, args.l2, args.steps, args.rate)
        weights = {f: round(float(v), 2) for f, v in zip(FEATURES, w)}
        result = {"bias": round(bias, 2), "weights": weights}
        pipe.recogniser.accept_model = AcceptModel(result["bias"], weights)
        print(f"round {round_ + 1}: {len(y)} proposed spans, {int(y.sum())} gold", file=sys.stderr)
    about = ("Weights of the recogniser's accept decision (nlp/places/accept.py), fitted by "
             f"benchmarks/fit_accept.py --rounds {args.rounds} --positive-weight {args.positive_weight:g} "
             f"--l2 {args.l2:g} --steps {args.steps} --rate {args.rate:g} on the gold toponyms of the tune "
             "halves of LGL, TR-News and GeoWebNews")
    result = {"about": about, **result}
    text = json.dumps(result, indent=1) + "\n"
    if args.write:
        OUT.write_text(text, encoding="utf-8")
    print(text)
    return result


if __name__ == "__main__":
    main()
