"""Sentence-level PLOVER relation typing on the PLV data (source -> target in one sentence).

    PYTHONPATH=src python benchmarks/plover.py [--split train|test] [--limit N] [--data DIR] [--errors N]
                                               [--typer relation|extractor]

For each row the marked ``<s>source</s>`` and ``<t>target</t>`` are stripped, the sentence is
parsed, and ``frontwatch.nlp.relation_typing`` types the pair with the packaged trigger
lexicon. The fallback (no trigger in the sentence) is the majority class of PLV_train only.
``--typer extractor`` measures the event extractor's own typing instead: the full frontwatch
pipeline runs on the sentence (``doc._.events`` and ``doc._.interactions``) and the type of the
event that stands for the marked pair is the prediction (``pick_key``: most actors among the
marked parties, then a trigger outside them, then nearest their middle; the fallback when it
extracts nothing). ``--select nearest`` keeps the older choice (the trigger nearest the middle).
Scoring: the data's YIELD stands for the current RETREAT and CONCEDE, so a predicted RETREAT
or CONCEDE counts as YIELD. Prints accuracy, macro-F1 over the gold labels, per-class
P/R/F1, the most frequent confusions, rows/second, and a majority-class baseline.
The PLV files are evaluation data without a licence: they are read in place, never bundled.
"""
from __future__ import annotations

import argparse
import csv
import re
import time
from collections import Counter
from pathlib import Path

from frontwatch.nlp.lexicon import Lexicon
from frontwatch.nlp.model import load_model
from frontwatch.nlp.relation_typing import relation_type

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "plover"
TAG = re.compile(r"</?[st]>")
YIELD_AS = {"RETREAT": "YIELD", "CONCEDE": "YIELD"}


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def unmark(marked: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """Plain text plus the (start, end) character spans of the source and the target."""
    out, pos, opened, spans = [], 0, {}, {}
    for m in TAG.finditer(marked):
        out.append(marked[pos:m.start()])
        pos = m.end()
        here = sum(map(len, out))
        tag = m.group()
        if tag[1] == "/":
            spans.setdefault(tag[2], (opened.get(tag[2], here), here))  # a repeated mention: the first
        else:
            opened.setdefault(tag[1], here)
    out.append(marked[pos:])
    text = "".join(out)

    def strip(span):
        start, end = span
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end
    source = spans.get("s", spans.get("t"))  # an unmarked side ("a recipient"): the other span
    return text, strip(source), strip(spans.get("t", source))


def scores(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, tuple[float, float, float, int]]]:
    labels = sorted(set(gold))
    per = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = (prec, rec, f1, tp + fn)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return acc, sum(v[2] for v in per.values()) / len(per), per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("train", "test"), default="train")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", type=int, default=0, help="print N misclassified rows (use on train only)")
    ap.add_argument("--typer", choices=("relation", "extractor"), default="relation")
    ap.add_argument("--select", choices=("parties", "nearest"), default="parties",
                    help="with --typer extractor: how the event standing for the marked pair is chosen")
    ap.add_argument("--dump", type=Path, help="with --typer extractor: write each row's chosen event as JSONL")
    args = ap.parse_args()
    if args.errors and args.split == "test":
        ap.error("--errors shows rows for tuning: use it on the train split only")
    if not (args.data / "PLV_train.tsv").exists():
        raise SystemExit(f"PLV data not found in {args.data} (pass --data DIR)")

    train_labels = Counter(r["gold_root"] for r in read_rows(args.data / "PLV_train.tsv"))
    majority = train_labels.most_common(1)[0][0]
    fallback = "RETREAT" if majority == "YIELD" else majority
    rows = read_rows(args.data / f"PLV_{args.split}.tsv")
    if args.limit:
        rows = rows[:args.limit]
    if args.typer == "extractor":
        return extractor_typing(args, rows, fallback)
    nlp = load_model(disable=("ner",))
    lex = Lexicon.load()

    items = [unmark(r["marked_sentence"]) for r in rows]
    t0 = time.perf_counter()
    found = []
    for (text, s, t), doc in zip(items, nlp.pipe([i[0] for i in items], batch_size=64)):
        found.append(relation_type(doc, s, t, lex, fallback=fallback))
    elapsed = time.perf_counter() - t0
    gold = [r["gold_root"] for r in rows]
    pred = [YIELD_AS.get(f.type, f.type) or "NONE" for f in found]

    acc, macro, per = scores(gold, pred)
    base_acc, base_macro, _ = scores(gold, [YIELD_AS.get(fallback, fallback)] * len(gold))
    print(f"PLV_{args.split}: {len(rows)} rows, {len(rows) / elapsed:.1f} rows/s (parse + typing, 1 process)")
    print(f"accuracy {acc:.3f}  macro-F1 {macro:.3f}")
    print(f"majority baseline ({majority}, from train): accuracy {base_acc:.3f}  macro-F1 {base_macro:.3f}")
    tiers = Counter(f.tier for f in found)
    tier_acc = {k: sum(p == g for p, g, f in zip(pred, gold, found) if f.tier == k) / n for k, n in tiers.items()}
    print("decided by tier (0 path, 1 attached, 2 governing, 3 nearest, 5 fallback): " +
          ", ".join(f"{k}: {tiers[k]} rows acc {tier_acc[k]:.2f}" for k in sorted(tiers)))
    print(f"\n{'class':<11} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for lab, (p, r, f, n) in sorted(per.items(), key=lambda kv: -kv[1][3]):
        print(f"{lab:<11} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    print("\ntop confusions (gold -> predicted: rows)")
    for (g, p), n in Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(12):
        print(f"  {g:>10} -> {p:<10} {n}")
    shown = 0
    for row, g, p, f in zip(rows, gold, pred, found):
        if g != p and shown < args.errors:
            shown += 1
            trig = f"{f.trigger.text}/{f.trigger.dep_}" if f.trigger is not None else "-"
            print(f"\n[{g} -> {p} via {trig} tier {f.tier}] {row['marked_sentence'][:260]}")


def pick_key(event, text: str, s: tuple[int, int], t: tuple[int, int]) -> tuple:
    """Which extracted event stands for the marked pair: most of its actors among the marked
    parties, then a trigger outside both parties, then the trigger nearest the pair's middle."""
    marked = [text[a:b].casefold() for a, b in (s, t)]

    def named(actor) -> bool:
        if actor is None or not actor.text:
            return False
        low = actor.text.casefold()
        return any(low in m or m in low for m in marked if m)
    inside = any(a <= event.trigger.start < b for a, b in (s, t))
    mid = (min(s[0], t[0]) + max(s[1], t[1])) / 2
    return inside, -(named(event.actor1) + named(event.actor2)), abs(event.trigger.start - mid)


def extractor_typing(args, rows: list[dict], fallback: str) -> None:
    """PLV accuracy of the extracted events' own PLOVER types (see the module doc)."""
    from datetime import date

    from frontwatch import Monitor
    from frontwatch.records import Article

    from frontwatch.monitor import _docs

    monitor = Monitor(db="sqlite://")
    items = [unmark(r["marked_sentence"]) for r in rows]
    articles = [Article(id=str(i), text=text, published=date(2020, 1, 1)) for i, (text, _, _) in enumerate(items)]
    t0 = time.perf_counter()
    pred, silent, dump = [], 0, []
    other, rules_only = [], []  # the other selection; the rules' reading before the classifier
    docs = monitor.nlp.pipe(_docs(monitor.nlp, articles), as_tuples=True, batch_size=64)
    for (text, s, t), (doc, _) in zip(items, docs):
        events = [e for e in list(doc._.events or []) + list(doc._.interactions or []) if e.trigger is not None]
        if not events:
            silent += 1
            for out in (pred, other, rules_only):
                out.append(YIELD_AS.get(fallback, fallback))
            dump.append({"text": text, "type": None})
            continue
        mid = (min(s[0], t[0]) + max(s[1], t[1])) / 2
        nearest = min(events, key=lambda e: abs(e.trigger.start - mid))
        by_parties = min(events, key=lambda e: pick_key(e, text, s, t))
        best, alt = (nearest, by_parties) if args.select == "nearest" else (by_parties, nearest)
        pred.append(YIELD_AS.get(best.event_type, best.event_type))
        other.append(YIELD_AS.get(alt.event_type, alt.event_type))
        rule = doc.user_data.get("frontwatch_typing", {}).get(best.trigger.start)
        rule_type = rule[0] if rule else best.event_type
        rules_only.append(YIELD_AS.get(rule_type, rule_type))
        dump.append({"text": text, "type": best.event_type, "rule": rule})
    if args.dump:
        import json
        args.dump.write_text("".join(json.dumps(d) + "\n" for d in dump), "utf-8")
    elapsed = time.perf_counter() - t0
    gold = [r["gold_root"] for r in rows]
    acc, macro, per = scores(gold, pred)
    print(f"PLV_{args.split} (extractor typing): {len(rows)} rows, {len(rows) / elapsed:.1f} rows/s")
    print(f"accuracy {acc:.3f}  macro-F1 {macro:.3f}  (no event extracted: {silent} rows, typed {fallback})")
    print(f"same run, rules' reading before the classifier: accuracy {scores(gold, rules_only)[0]:.3f}; "
          f"with --select {'parties' if args.select == 'nearest' else 'nearest'}: accuracy {scores(gold, other)[0]:.3f}")
    print("\ntop confusions (gold -> predicted: rows)")
    for (g, p), n in Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(12):
        print(f"  {g:>10} -> {p:<10} {n}")


if __name__ == "__main__":
    main()
