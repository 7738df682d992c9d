"""How often an article without a publication date gets one from its text (a dateline or a
byline date, ``ingest.published.dateline_date``), and how often that date is right.

For each folder with an ``index.jsonl`` (the bundled samples; ../shared/corpus/news): the
index's ``published`` is the truth; it is set aside, the date is inferred from the text alone,
and the two are compared. Articles are split into a tune and a held half by a fixed hash of
their id (as the other benchmarks do); both halves are reported.

    PYTHONPATH=src python benchmarks/published_dates.py [FOLDER ...] [--show]
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from frontwatch.ingest.published import dateline_date, parse_published

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "src" / "frontwatch" / "samples", ROOT.parent.parent / "shared" / "corpus" / "news"]


def half(ident: str) -> str:
    return "tune" if int(hashlib.sha256(ident.encode()).hexdigest(), 16) % 2 == 0 else "held"


def measure(folder: Path, show: bool = False) -> dict[str, dict[str, int]]:
    counts = {h: {"articles": 0, "with_truth": 0, "inferred": 0, "right": 0, "wrong": 0,
                  "inferred_without_truth": 0} for h in ("tune", "held")}
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = folder / rec["id"]
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        truth = parse_published(rec.get("published"))
        found = dateline_date(text)
        c = counts[half(rec["id"])]
        c["articles"] += 1
        c["with_truth"] += truth is not None
        if found is None:
            continue
        if truth is None:
            c["inferred_without_truth"] += 1
        else:
            c["inferred"] += 1
            c["right" if found[0] == truth else "wrong"] += 1
        if show:
            print(f"  {rec['id']}: {text[found[1]:found[2]]!r} -> {found[0]} (truth {truth})")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--show", action="store_true", help="print each inferred date")
    args = ap.parse_args()
    for folder in args.folders:
        if not (folder / "index.jsonl").is_file():
            print(f"{folder}: no index.jsonl, skipped")
            continue
        print(folder)
        for name, c in measure(folder, args.show).items():
            rate = c["inferred"] / c["with_truth"] if c["with_truth"] else 0.0
            acc = c["right"] / c["inferred"] if c["inferred"] else 0.0
            print(f"  {name}: {c['articles']} articles, {c['with_truth']} with a published date; "
                  f"inferred {c['inferred']} ({rate:.0%}), right {c['right']} ({acc:.0%}), "
                  f"wrong {c['wrong']}; {c['inferred_without_truth']} dated from text with no "
                  "index date")


if __name__ == "__main__":
    main()
