"""``python -m frontwatch.evaluate GOLD_DIR ARTICLES... [--json FILE]``: score the pipeline on gold files."""
from __future__ import annotations

import argparse
import json
import sys

from ..errors import FrontwatchError
from ..monitor import Monitor
from .driver import evaluate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m frontwatch.evaluate", description=__doc__)
    parser.add_argument("gold_dir", help="folder of GOLD.md files (*.json)")
    parser.add_argument("articles", nargs="+", help="folders or JSON/JSONL files holding the articles")
    parser.add_argument("--json", dest="json_out", help="also write the full report as JSON to this file")
    args = parser.parse_args(argv)
    try:
        report = evaluate(Monitor(), args.gold_dir, args.articles)
    except FrontwatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.render())
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as out:
            json.dump(report.to_dict(), out, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
