"""The GOLD.md scorer: pure scoring functions plus an end-to-end driver over a Monitor.

    >>> from frontwatch.evaluate import evaluate
    >>> report = evaluate(monitor, "tests/gold", ["samples/", "clusters/"])
    >>> print(report.render()); report.to_dict()
"""
from .control import match_control
from .driver import evaluate
from .gold import load_gold, load_gold_dir, validate_gold
from .matching import haversine_km, match_events
from .metrics import ArticleScore, EvalReport, aggregate, score_article

score = score_article

__all__ = [
    "ArticleScore", "EvalReport", "aggregate", "evaluate", "haversine_km", "load_gold", "load_gold_dir",
    "match_control", "match_events", "score", "score_article", "validate_gold",
]
