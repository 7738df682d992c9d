"""Train the PLOVER sentence classifier shipped in ``data/plover_textcat/`` (deterministic).

    python -m frontwatch.nlp.typing.train --plv ../shared/corpus/plover [--out DIR] [--limit N]
    python -m frontwatch.nlp.typing.train --plv ../shared/corpus/plover --cv 5 --rules DUMP.jsonl

Reads ``PLV_train.tsv`` in place (never PLV_test, never ACLED rows; the PLV data has no licence,
so only the derived weights ship). Each row's sentence, with the ``<s>``/``<t>`` marks removed,
is one example labelled with its ``gold_root``. The model is a blank English pipeline with one
exclusive-class ``textcat`` (bag of unigrams and bigrams, 2**15 hashed features: ~2 MB).
Determinism: fixed seed, rows in file order, a seeded shuffle per epoch, fixed batch size and
epoch count; the same data give byte-identical weights.

``--cv K --rules FILE`` chooses the combination weight of ``classifier.decide``: K folds of
PLV_train by a fixed hash of the sentence, each fold's probabilities from a model trained on the
other folds, combined with the rules' decisions on the same rows (FILE: the JSONL written by
``benchmarks/plover.py --split train --typer extractor --dump FILE`` with no model installed).
The chosen weight is written next to the weights (``combination.json``) by a normal run.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example

from .classifier import MODEL_DIR, decide

SEED = 0
EPOCHS = 12
BATCH = 16
DROPOUT = 0.2
HASH_LENGTH = 2 ** 15
WEIGHT = 0.75  # rules' score weight in ``decide``; chosen by --cv 5 on PLV_train (docs/typing.md)
TAG = re.compile(r"</?[st]>")
CONFIG = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": HASH_LENGTH,
}


def read_plv(path: Path, limit: int = 0) -> list[tuple[str, str]]:
    """(sentence without marks, gold_root) per row of a PLV TSV file, in file order."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(TAG.sub("", r["marked_sentence"]), r["gold_root"]) for r in csv.DictReader(fh, delimiter="\t")]
    return rows[::max(1, len(rows) // limit)][:limit] if limit else rows  # an even slice: the file is grouped by label


def train(rows: list[tuple[str, str]], epochs: int = EPOCHS, seed: int = SEED):
    """A blank English pipeline with a trained exclusive-class textcat."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": CONFIG})
    labels = sorted({lab for _, lab in rows})
    for lab in labels:
        textcat.add_label(lab)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab == gold) for lab in labels}})
                for text, gold in rows]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = [examples[i] for i in order[start:start + BATCH]]
            nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    return nlp


def save(nlp, out: Path, weight: float, rows: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    # the hashed bag-of-words needs no strings: ship the blank model's, not the training vocabulary
    spacy.blank("en").vocab.strings.to_disk(out / "vocab" / "strings.json")
    meta = {"weight": weight, "seed": SEED, "epochs": EPOCHS, "train_rows": rows, "data": "PLV_train.tsv"}
    (out / "combination.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")


def weights_hash(out: Path) -> str:
    """sha256 over the saved model files (names and bytes, in sorted order)."""
    h = hashlib.sha256()
    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(out)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def fold_of(text: str, k: int) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % k


def cross_validate(rows: list[tuple[str, str]], rules: list[dict], k: int) -> dict[float, float]:
    """Accuracy (the data's YIELD for RETREAT/CONCEDE) per combination weight over K folds."""
    probs: list[dict[str, float] | None] = [None] * len(rows)
    for fold in range(k):
        train_rows = [r for r in rows if fold_of(r[0], k) != fold]
        held = [i for i, r in enumerate(rows) if fold_of(r[0], k) == fold]
        nlp = train(train_rows)
        for i, doc in zip(held, nlp.pipe([rows[i][0] for i in held])):
            probs[i] = dict(doc.cats)
    as_plv = {"RETREAT": "YIELD", "CONCEDE": "YIELD"}
    out = {}
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 100.0):
        right = 0
        for (text, gold), rule, p in zip(rows, rules, probs):
            typ, score, retypable = (rule.get("rule") or (rule.get("type"), 0.0, True))[:3]
            if retypable or typ is None:
                typ, _ = decide(typ, score, p, weight)
            right += as_plv.get(typ, typ) == gold
        out[weight] = right / len(rows)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plv", type=Path, required=True, help="folder holding PLV_train.tsv (or the file itself)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--limit", type=int, default=0, help="only N rows, evenly spaced over the file (quick checks)")
    ap.add_argument("--weight", type=float, default=WEIGHT)
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation of the combination weight")
    ap.add_argument("--rules", type=Path, help="with --cv: the rules' decisions per PLV_train row (JSONL)")
    args = ap.parse_args(argv)
    path = args.plv / "PLV_train.tsv" if args.plv.is_dir() else args.plv
    if "test" in path.name.lower():
        ap.error("train on PLV_train only")
    rows = read_plv(path, args.limit)
    if args.cv:
        if not args.rules:
            ap.error("--cv needs --rules")
        rules = [json.loads(line) for line in args.rules.read_text("utf-8").splitlines() if line.strip()]
        if len(rules) != len(rows):
            ap.error(f"{len(rules)} rule rows for {len(rows)} PLV rows")
        for weight, acc in cross_validate(rows, rules, args.cv).items():
            print(f"weight {weight:6.2f}  accuracy {acc:.3f}")
        return
    t0 = time.perf_counter()
    nlp = train(rows)
    save(nlp, args.out, args.weight, len(rows))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"trained on {len(rows)} rows in {time.perf_counter() - t0:.1f} s; {size / 1e6:.1f} MB in {args.out}; "
          f"sha256 {weights_hash(args.out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
