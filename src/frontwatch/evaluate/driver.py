"""End-to-end evaluation: read the gold articles, run the Monitor's pipeline, score."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import IngestError
from ..records import Article
from .control import prediction_from_period
from .gold import load_gold_dir
from .metrics import EvalReport, aggregate, score_article

if TYPE_CHECKING:
    from ..monitor import Monitor


def _read_one(monitor: "Monitor", path: Path, errors: list[str]) -> Article | None:
    for item in monitor.read([str(path)]):
        if isinstance(item, IngestError):
            errors.append(str(item))
        else:
            return item
    return None


def _gather_one(monitor: "Monitor", golds: list[dict], articles: str | Path,
                errors: list[str]) -> dict[str, Article]:
    """Gold article id -> Article.

    A folder: the file ``<folder>/<gold article>`` (so "cluster/01_x.txt" names a file in a
    sub-folder), else ``<folder>/<base name>``. A JSONL/JSON file: the article whose ``id`` is
    the gold article, else its base name.
    """
    source = Path(articles)
    found: dict[str, Article] = {}
    if source.is_dir():
        for gold in golds:
            name = gold["article"]
            for path in (source / name, source / Path(name).name):
                if path.is_file():
                    article = _read_one(monitor, path, errors)
                    if article is not None:
                        found[name] = article
                    break
        return found
    by_id: dict[str, Article] = {}
    for item in monitor.read([str(source)]):
        if isinstance(item, IngestError):
            errors.append(str(item))
        else:
            by_id.setdefault(item.id, item)
    for gold in golds:
        name = gold["article"]
        article = by_id.get(name) or by_id.get(Path(name).name)
        if article is not None:
            found[name] = article
    return found


def _predicted_control(analysis: Any) -> list[dict[str, Any]]:
    """Control changes of one analysed article: ``analysis.control`` if the pipeline gives it,
    else the periods of ``fuse.control.control_timeline(events, control_claims)``."""
    given = getattr(analysis, "control", None)
    if given is not None:
        return list(given)
    try:
        from ..fuse.control import control_timeline
    except ImportError:
        return []
    periods = control_timeline(analysis.events, getattr(analysis, "control_claims", None) or [])
    return [p for p in map(prediction_from_period, periods) if p is not None]


def evaluate(monitor: "Monitor", gold_dir: str | Path, articles: str | Path | Sequence[str | Path],
             control: Mapping[str, list[dict[str, Any]]] | None = None) -> EvalReport:
    """Score the monitor's pipeline on every gold file of ``gold_dir``.

    ``articles`` is a folder of article files or a JSON/JSONL file of articles, or a list of
    them (searched in order; the first that has an article wins). An article
    without a publication date gets the gold file's ``published``. ``control`` maps a gold
    article id to predicted control changes; without it, a ``control`` attribute of the
    pipeline's Analysis is used when present, else the control timeline that
    ``frontwatch.fuse.control`` derives from the article's events and control claims.
    """
    golds = load_gold_dir(gold_dir)
    errors: list[str] = []
    sources = [articles] if isinstance(articles, (str, Path)) else list(articles)
    found: dict[str, Article] = {}
    for source in sources:
        wanted = [g for g in golds if g["article"] not in found]
        found.update(_gather_one(monitor, wanted, source, errors))
    missing = [g["article"] for g in golds if g["article"] not in found]
    present = [g for g in golds if g["article"] in found]
    for gold in present:
        article = found[gold["article"]]
        if article.published is None and gold.get("published"):
            article.published = date.fromisoformat(gold["published"])
    scores = []
    analyses = monitor.analyse([found[g["article"]] for g in present])
    for gold, analysis in zip(present, analyses):
        if control is not None:
            predicted_control = control.get(gold["article"], [])
        else:
            predicted_control = _predicted_control(analysis)
        scores.append(score_article(gold, analysis.events, analysis.places, predicted_control))
    return aggregate(scores, missing=missing, errors=errors)
