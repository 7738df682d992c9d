"""Rendering an EvalReport as JSON-ready dict and as a plain-text table."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .metrics import ArticleScore, EvalReport


def report_dict(report: "EvalReport") -> dict[str, Any]:
    """{"total": {...counts, metrics}, "articles": [...], "missing": [...], "errors": [...]}."""
    total = report.total.to_dict()
    for key in ("matches", "missed", "spurious", "spurious_text", "toponyms"):
        total.pop(key)
    return {
        "articles_scored": len(report.articles),
        "total": total,
        "articles": [a.to_dict() for a in report.articles],
        "missing": list(report.missing),
        "errors": list(report.errors),
    }


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:4.0f}"


def _pct_sign(value: float | None) -> str:
    return " n/a" if value is None else f"{100 * value:3.0f}%"


def _km(value: float | None) -> str:
    return "     -" if value is None else f"{value:6.1f}"


_COLUMNS = ("article", "gold", "req", "core", "pred", "TP", "P%", "R%", "F1%", "coreR%", "top%", "medkm")


def _row(s: "ArticleScore", width: int) -> str:
    cells = [s.article[:width].ljust(width), f"{s.gold_events:4d}", f"{s.required:4d}", f"{s.core:4d}",
             f"{s.predictions:4d}", f"{s.matched_required:4d}", _pct(s.precision), _pct(s.recall),
             _pct(s.f1), _pct(s.core_recall).rjust(6), _pct(s.toponym_accuracy), _km(s.toponym_median_km)]
    return "  ".join(cells)


def render_report(report: "EvalReport") -> str:
    """A readable table: one row per article, the micro-averaged total, then pair accuracies."""
    width = max([len(a.article) for a in report.articles] + [12])
    width = min(width, 60)
    head = "  ".join([_COLUMNS[0].ljust(width)] + [c.rjust(4) if c != "coreR%" else c.rjust(6)
                                                  for c in _COLUMNS[1:-1]] + [_COLUMNS[-1].rjust(6)])
    lines = [head, "-" * len(head)]
    lines += [_row(a, width) for a in report.articles]
    lines += ["-" * len(head), _row(report.total, width), ""]
    t = report.total
    lines.append(f"matched pairs: {t.pairs} (to optional gold: {t.matched_optional})")
    for name in ("actor1", "actor2", "actor_both", "acled", "date_exact", "fatalities", "attribution"):
        lines.append(f"  {name + ' accuracy':<22}{_pct_sign(t.accuracy(name))}  ({getattr(t, name)}/{t.pairs})")
    if t.by_type:
        lines.append("by PLOVER type (non-optional gold):  matched/gold   matched/predicted")
        lines += [f"  {etype:<12}{m:>12}/{g:<6}{m:>10}/{p}" for etype, (g, p, m) in sorted(t.by_type.items())]
    correct = sum(x.correct for x in t.toponyms)
    lines.append(f"toponyms: accuracy@161km {_pct_sign(t.toponym_accuracy)} ({correct}/{len(t.toponyms)}), "
                 f"median error {_km(t.toponym_median_km).strip()} km")
    lines.append(f"control: precision {_pct_sign(t.control_precision)}  recall {_pct_sign(t.control_recall)}  "
                 f"({t.control_matched} matched, {t.control_predicted} predicted, {t.control_gold} gold)")
    if report.missing:
        lines.append(f"gold articles not found in the input ({len(report.missing)}): " + ", ".join(report.missing))
    if report.errors:
        lines.append(f"input errors ({len(report.errors)}):")
        lines += [f"  {e}" for e in report.errors]
    return "\n".join(lines)
