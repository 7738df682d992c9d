"""Scoring one article against its gold, and micro-averaging over articles (GOLD.md metrics)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field, fields
from typing import Any

from ..records import Event, PlaceMention
from .control import control_places, match_control
from .matching import (
    ToponymResult, acled_correct, actor_correct, attribution_correct, date_exact, fatalities_correct,
    match_events, normalise_name, score_toponym,
)

# Counters summed by aggregate(); everything else is derived from them.
_COUNTS = ("gold_events", "required", "core", "predictions", "matched_required", "matched_optional",
           "matched_core", "pairs", "actor1", "actor2", "actor_both", "acled", "date_exact",
           "fatalities", "attribution", "control_gold", "control_predicted", "control_matched")


def ratio(num: int, den: int) -> float | None:
    """num / den, or None when there is nothing to divide by."""
    return num / den if den else None


@dataclass
class ArticleScore:
    """Counts for one article (or, from aggregate(), for all articles: micro-averaging)."""

    article: str
    gold_events: int = 0          # all gold events
    required: int = 0             # non-optional gold events
    core: int = 0                 # core gold events
    predictions: int = 0
    matched_required: int = 0     # predictions matched to a non-optional gold event
    matched_optional: int = 0     # predictions matched to an optional gold event (neither TP nor FP)
    matched_core: int = 0
    pairs: int = 0                # all matched pairs (attribute accuracies are over these)
    actor1: int = 0
    actor2: int = 0
    actor_both: int = 0
    acled: int = 0
    date_exact: int = 0
    fatalities: int = 0
    attribution: int = 0
    control_gold: int = 0
    control_predicted: int = 0
    control_matched: int = 0
    toponyms: list[ToponymResult] = field(default_factory=list)
    matches: list[tuple[str, int]] = field(default_factory=list)   # (gold id, prediction index)
    missed: list[str] = field(default_factory=list)                # unmatched required gold ids
    spurious: list[int] = field(default_factory=list)              # unmatched prediction indices
    spurious_text: list[str] = field(default_factory=list)         # "TYPE: evidence" of each of them
    by_type: dict[str, list[int]] = field(default_factory=dict)    # type -> [gold, counted preds, matched]

    # ------------------------------------------------------------------ event metrics
    @property
    def precision(self) -> float | None:
        """Matched predictions / predictions not matched to an optional gold event."""
        return ratio(self.matched_required, self.predictions - self.matched_optional)

    @property
    def recall(self) -> float | None:
        """Matched non-optional gold events / non-optional gold events."""
        return ratio(self.matched_required, self.required)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def core_recall(self) -> float | None:
        return ratio(self.matched_core, self.core)

    def accuracy(self, name: str) -> float | None:
        """Share of matched pairs correct on ``name`` (actor1, actor2, actor_both, acled, ...)."""
        return ratio(getattr(self, name), self.pairs)

    # ------------------------------------------------------------------ toponyms and control
    @property
    def toponym_accuracy(self) -> float | None:
        """accuracy@161km: gold toponyms correctly found and resolved / all gold toponyms."""
        return ratio(sum(t.correct for t in self.toponyms), len(self.toponyms))

    @property
    def toponym_median_km(self) -> float | None:
        """Median error over gold ``place`` toponyms that have a resolved mention with that text."""
        errors = [t.error_km for t in self.toponyms if t.error_km is not None]
        return statistics.median(errors) if errors else None

    @property
    def control_precision(self) -> float | None:
        return ratio(self.control_matched, self.control_predicted)

    @property
    def control_recall(self) -> float | None:
        return ratio(self.control_matched, self.control_gold)

    def metrics(self) -> dict[str, Any]:
        """Every derived figure, by name."""
        out: dict[str, Any] = {
            "precision": self.precision, "recall": self.recall, "f1": self.f1, "core_recall": self.core_recall,
        }
        for name in ("actor1", "actor2", "actor_both", "acled", "date_exact", "fatalities", "attribution"):
            out[f"{name}_accuracy"] = self.accuracy(name)
        out.update(toponym_accuracy_161km=self.toponym_accuracy, toponym_median_error_km=self.toponym_median_km,
                   control_precision=self.control_precision, control_recall=self.control_recall)
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article}
        out.update({name: getattr(self, name) for name in _COUNTS})
        out["toponym_gold"] = len(self.toponyms)
        out["toponym_correct"] = sum(t.correct for t in self.toponyms)
        out["metrics"] = self.metrics()
        out["matches"] = [list(m) for m in self.matches]
        out["missed"] = list(self.missed)
        out["spurious"] = list(self.spurious)
        out["spurious_text"] = list(self.spurious_text)
        out["by_type"] = type_table(self.by_type)
        out["toponyms"] = [
            {"text": t.text, "kind": t.kind, "found": t.found, "correct": t.correct, "error_km": t.error_km}
            for t in self.toponyms
        ]
        return out


def type_table(by_type: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
    """Per PLOVER type: gold (non-optional), predicted (not matched to optional gold), matched, P, R."""
    return {t: {"gold": g, "predicted": p, "matched": m, "precision": ratio(m, p), "recall": ratio(m, g)}
            for t, (g, p, m) in sorted(by_type.items())}


def _count_types(score: ArticleScore, gold_events: list[dict], events: list[Event],
                 pairs: list[tuple[int, int]]) -> None:
    """Fill score.by_type: a matched gold event counts under the predicted type, a missed one under
    its first listed type; predictions matched to optional gold are left out."""
    pred_of = {gi: pi for gi, pi in pairs}
    optional_preds = {pi for gi, pi in pairs if gold_events[gi].get("optional")}
    for gi, gold in enumerate(gold_events):
        if gold.get("optional"):
            continue
        plover = gold["plover"] if isinstance(gold["plover"], list) else [gold["plover"]]
        etype = events[pred_of[gi]].event_type if gi in pred_of else plover[0]
        row = score.by_type.setdefault(etype, [0, 0, 0])
        row[0] += 1
        row[2] += gi in pred_of
    for pi, event in enumerate(events):
        if pi not in optional_preds:
            score.by_type.setdefault(event.event_type, [0, 0, 0])[1] += 1


def _control_aliases(gold: dict) -> dict[str, set[str]]:
    """Normalised canonical actor name -> normalised aliases, from the gold events' actors."""
    table: dict[str, set[str]] = {}
    for event in gold.get("events", []):
        for key in ("actor1", "actor2"):
            actor = event.get(key)
            if actor:
                names = {normalise_name(n) for n in [actor["name"], *actor.get("aliases", [])]}
                table.setdefault(normalise_name(actor["name"]), set()).update(names)
    return table


def score_article(gold: dict, events: list[Event], places: list[PlaceMention],
                  control: list[dict] | None = None) -> ArticleScore:
    """Score one article's predicted events, place mentions and (optional) control changes."""
    gold_events = gold.get("events", [])
    score = ArticleScore(article=gold["article"], gold_events=len(gold_events), predictions=len(events))
    score.required = sum(not g.get("optional") for g in gold_events)
    score.core = sum(bool(g.get("core")) for g in gold_events)

    pairs = match_events(gold_events, events)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = gold_events[gi], events[pi]
        score.matches.append((g["id"], pi))
        if g.get("optional"):
            score.matched_optional += 1
        else:
            score.matched_required += 1
        score.matched_core += bool(g.get("core"))
        score.pairs += 1
        a1, a2 = actor_correct(g.get("actor1"), p.actor1), actor_correct(g.get("actor2"), p.actor2)
        score.actor1 += a1
        score.actor2 += a2
        score.actor_both += a1 and a2
        score.acled += acled_correct(g, p)
        score.date_exact += date_exact(g, p)
        score.fatalities += fatalities_correct(g, p)
        score.attribution += attribution_correct(g.get("attribution"), p.attribution)
    score.missed = [g["id"] for gi, g in enumerate(gold_events) if gi not in matched_gold and not g.get("optional")]
    score.spurious = [pi for pi in range(len(events)) if pi not in matched_pred]
    score.spurious_text = [f"{events[pi].event_type}: {events[pi].evidence.text[:100]}" for pi in score.spurious]
    _count_types(score, gold_events, events, pairs)

    score.toponyms = [score_toponym(t, places) for t in gold.get("toponyms", [])]

    gold_control = gold.get("control") or []
    predicted_control = list(control or [])
    score.control_gold, score.control_predicted = len(gold_control), len(predicted_control)
    score.control_matched = len(match_control(gold_control, predicted_control, _control_aliases(gold),
                                              control_places(gold)))
    return score


@dataclass
class EvalReport:
    """Per-article scores, their micro-averaged total, and what could not be scored."""

    articles: list[ArticleScore]
    total: ArticleScore
    missing: list[str] = field(default_factory=list)   # gold articles not found among the inputs
    errors: list[str] = field(default_factory=list)    # inputs that could not be read

    def to_dict(self) -> dict[str, Any]:
        from .report import report_dict

        return report_dict(self)

    def render(self) -> str:
        from .report import render_report

        return render_report(self)


def aggregate(scores: list[ArticleScore], missing: list[str] | None = None,
              errors: list[str] | None = None) -> EvalReport:
    """Micro-average: sum the counts of every article, then derive the figures."""
    total = ArticleScore(article="ALL")
    for s in scores:
        for f in fields(ArticleScore):
            if f.name in _COUNTS:
                setattr(total, f.name, getattr(total, f.name) + getattr(s, f.name))
        total.toponyms.extend(s.toponyms)
        for etype, row in s.by_type.items():
            acc = total.by_type.setdefault(etype, [0, 0, 0])
            for i, n in enumerate(row):
                acc[i] += n
    return EvalReport(articles=list(scores), total=total, missing=list(missing or []), errors=list(errors or []))
