"""Pairwise precision/recall of fusion against a gold clustering, and the per-article baseline."""
from __future__ import annotations

import json

from frontwatch.fuse import fuse
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
