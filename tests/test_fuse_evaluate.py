"""Pairwise precision/recall of fusion against a gold clustering, and the per-article baseline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.fuse import fuse
from frontwatch.fuse.syndication import copy_groups
from frontwatch.fuse.evaluate import baseline_groups, evaluate, load_gold, pairwise_scores

from test_fuse_factories import surrender_cluster, unrelated_strike


def test_pairwise_scores():
    s = pairwise_scores([["a", "b", "c"], ["d"]], [["a", "b"], ["c", "d"]])
    assert (s["tp"], s["predicted_pairs"], s["gold_pairs"]) == (1, 3, 2)
    assert s["precision"] == round(1 / 3, 4) and s["recall"] == 0.5
    base = pairwise_scores(baseline_groups("abcd"), [["a", "b"], ["c", "d"]])
    assert (base["precision"], base["recall"]) == (1.0, 0.0)


def test_items_outside_gold_are_ignored():
    s = pairwise_scores([["a", "b", "zz"]], [["a", "b"]])
    assert (s["precision"], s["recall"]) == (1.0, 1.0)


def test_evaluate_fusion_beats_baseline(tmp_path):
    gold_file = tmp_path / "fusion.json"
    gold_file.write_text(json.dumps({"clusters": [{"id": "handover", "articles": ["bf", "bi", "tp", "uv"]},
                                                  {"id": "strike", "articles": ["x1"]}]}))
    gold = load_gold(gold_file)
    assert gold == [["bf", "bi", "tp", "uv"], ["x1"]]
    scores = evaluate(fuse(surrender_cluster() + [unrelated_strike()]), gold)
    assert scores["fusion"]["f1"] == 1.0 and scores["baseline"]["recall"] == 0.0


def test_load_gold_shapes(tmp_path):
    for data in ({"e1": ["a", "b"], "e2": ["c"]}, [["a", "b"], ["c"]]):
        p = tmp_path / "g.json"
        p.write_text(json.dumps(data))
        assert load_gold(p) == [["a", "b"], ["c"]]


GOLD = Path(__file__).resolve().parent / "gold" / "fusion.json"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "frontwatch" / "samples"


def _text(item: str) -> str | None:
    for base in (SHARED / "clusters", SHARED / "seeds", SAMPLES):
        if (base / item).exists():
            return (base / item).read_text(encoding="utf-8")
    return None


@pytest.mark.skipif(not (GOLD.exists() and SHARED.exists()), reason="needs tests/gold/fusion.json and ../shared")
def test_syndicated_copies_in_gold_are_found_exactly():
    items = sorted({i for g in load_gold(GOLD) for i in g})
    texts = {i: t for i in items if (t := _text(i)) is not None}
    assert len(texts) == len(items)
    gold_copies = load_gold(GOLD, "copies")
    assert gold_copies  # the gold file lists at least one syndicated pair
    scores = pairwise_scores(copy_groups(texts), gold_copies + [[i] for i in items])
    assert (scores["precision"], scores["recall"]) == (1.0, 1.0), scores
