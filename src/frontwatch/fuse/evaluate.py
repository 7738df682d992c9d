"""Pairwise precision/recall of a fusion result against a gold clustering.

A clustering is a list of groups of item ids (report keys or article ids). The scored pairs are
the unordered pairs of items placed in one group; only items that occur in the gold clustering
count. The baseline "one event per article" places no two items together.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from frontwatch.fuse.records import CanonicalEvent


def pairs(groups: Iterable[Iterable[str]], universe: set[str] | None = None) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        items = sorted({i for i in g if universe is None or i in universe})
        out.update(combinations(items, 2))
    return out


def pairwise_scores(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> dict[str, Any]:
    """{'precision', 'recall', 'f1', 'tp', 'predicted_pairs', 'gold_pairs'}; precision is 1.0
    when nothing is predicted (nothing wrong was claimed)."""
    gold = [list(g) for g in gold]
    universe = {i for g in gold for i in g}
    gp, pp = pairs(gold), pairs(predicted, universe)
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted_pairs": len(pp), "gold_pairs": len(gp)}


def article_groups(events: Iterable[CanonicalEvent]) -> list[list[str]]:
    """Articles reported together in a canonical event (one group per event)."""
    return [sorted({r["article_id"] for r in e.reports}) for e in events]


def baseline_groups(items: Iterable[str]) -> list[list[str]]:
    """One event per article."""
    return [[i] for i in sorted(set(items))]


def _groups_in(data: Any) -> list[list[str]]:
    if isinstance(data, list):
        if all(isinstance(x, str) for x in data):
            return [data]
        return [g for x in data for g in _groups_in(x)]
    if isinstance(data, dict):
        for key in ("articles", "members", "reports", "items", "ids"):
            if isinstance(data.get(key), list):
                return _groups_in(data[key])
        for key in ("clusters", "groups"):
            if key in data:
                return _groups_in(data[key])
        return [g for v in data.values() for g in _groups_in(v)]
    return []


def load_gold(path: str | Path, what: str = "articles") -> list[list[str]]:
    """Groups from a gold file. tests/gold/fusion.json shape: {"clusters": [...], "other_groups":
    [...]}, each group with "articles" and "copies" (what="copies" gives the syndicated copies).
    Also accepted: a list of id lists, {name: [ids]}."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "clusters" in data:
        groups = list(data["clusters"]) + list(data.get("other_groups") or [])
        if what == "copies":
            return [list(c) for g in groups for c in g.get("copies") or []]
        return [list(g[what]) for g in groups]
    return _groups_in(data)


def evaluate(events: Iterable[CanonicalEvent], gold: list[list[str]]) -> dict[str, Any]:
    """Fusion and one-event-per-article baseline scores at article level."""
    items = {i for g in gold for i in g}
    return {"fusion": pairwise_scores(article_groups(events), gold),
            "baseline": pairwise_scores(baseline_groups(items), gold)}
