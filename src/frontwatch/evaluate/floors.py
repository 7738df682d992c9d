"""The quality gate: run every suite of a floors file and compare its figures with the pinned floors.

A floors file (``tests/floors.json`` in this repository) names suites, each with a gold folder, the
article folders or JSONL files it is scored on, and floors for metrics of
``EvalReport.to_dict()['total']['metrics']``. An ACLED suite instead names an ACLED CSV export
(``"acled"``) and a half (``"half"``: all, tune or held) and pins the figures of
``frontwatch.evaluate.acled``; ``"ceilings"`` pins figures where lower is better (``silent``).
Paths are relative to the file's repository root (the
folder holding ``tests/``); ``<samples>`` stands for the bundled sample articles.

    >>> results = check_floors(monitor, "tests/floors.json")
    >>> [r.suite for r in results if not r.passed]
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FrontwatchError
from ..samples import samples_dir
from .driver import evaluate

if TYPE_CHECKING:
    from ..monitor import Monitor

__all__ = ["FloorsError", "SuiteResult", "check_floors", "load_floors"]

SAMPLES = "<samples>"


class FloorsError(FrontwatchError):
    """The floors file is missing, malformed, or names inputs that do not exist."""


@dataclass
class SuiteResult:
    suite: str
    metrics: dict[str, Any]
    floors: dict[str, float]
    below: dict[str, tuple[float | None, float]] = field(default_factory=dict)
    skipped: str | None = None
    ceilings: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.below

    def to_dict(self) -> dict[str, Any]:
        return {"suite": self.suite, "passed": self.passed, "skipped": self.skipped,
                "metrics": self.metrics, "floors": self.floors, "ceilings": self.ceilings,
                "below": {k: {"measured": m, "floor": f} for k, (m, f) in self.below.items()}}

    def render(self) -> str:
        if self.skipped:
            return f"{self.suite}: skipped ({self.skipped})"
        lines = [f"{self.suite}: {'pass' if self.passed else 'BELOW FLOOR'}"]
        for name, floor in self.floors.items():
            value = self.metrics.get(name)
            shown = "—" if value is None else f"{value:.3f}"
            mark = "  below" if name in self.below else ""
            lines.append(f"  {name:<26} {shown:>6}  floor {floor:.3f}{mark}")
        for name, ceiling in self.ceilings.items():
            value = self.metrics.get(name)
            shown = "—" if value is None else f"{value:.3f}"
            mark = "  above" if name in self.below else ""
            lines.append(f"  {name:<26} {shown:>6}  ceiling {ceiling:.3f}{mark}")
        return "\n".join(lines)


def _root_of(path: Path) -> Path:
    """The repository root for a floors file: the parent of its ``tests/`` folder, else its folder."""
    folder = path.resolve().parent
    return folder.parent if folder.name == "tests" else folder


def load_floors(path: str | Path) -> dict[str, dict[str, Any]]:
    """The suites of a floors file, validated: each has ``gold``, ``articles`` and numeric ``floors``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FloorsError(f"cannot read floors file {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise FloorsError(f"floors file {path} is not valid JSON: {exc}") from exc
    suites = data.get("suites") if isinstance(data, dict) else None
    if not isinstance(suites, dict) or not suites:
        raise FloorsError(f"floors file {path} has no 'suites' object")
    for name, spec in suites.items():
        numbers = (isinstance(spec, dict) and isinstance(spec.get("floors"), dict)
                   and isinstance(spec.get("ceilings", {}), dict)
                   and all(isinstance(v, (int, float)) for v in spec["floors"].values())
                   and all(isinstance(v, (int, float)) for v in spec.get("ceilings", {}).values()))
        if numbers and isinstance(spec.get("acled"), str):
            if spec.get("half", "all") not in ("all", "tune", "held"):
                raise FloorsError(f"suite {name!r} in {path}: 'half' is one of all, tune, held")
            continue
        ok = numbers and isinstance(spec.get("gold"), str) and isinstance(spec.get("articles"), list)
        if not ok:
            raise FloorsError(f"suite {name!r} in {path} needs 'gold' (path), 'articles' (list) "
                              "and 'floors' (metric -> number)")
    return suites


def resolve_input(root: Path, entry: str) -> Path:
    return samples_dir() if entry == SAMPLES else (root / entry).resolve()


def check_floors(monitor: "Monitor", path: str | Path, suites: list[str] | None = None) -> list[SuiteResult]:
    """Score each suite (or the named ones) and list the metrics below their floors.

    A suite whose gold or article folders do not exist is reported as skipped, not failed: the shared
    corpora live beside the checkout and may be absent on a developer's machine.
    """
    spec = load_floors(path)
    unknown = sorted(set(suites or []) - set(spec))
    if unknown:
        raise FloorsError(f"no suite named {', '.join(unknown)} in {path} (have: {', '.join(sorted(spec))})")
    root = _root_of(Path(path))
    results = []
    for name in sorted(suites or spec):
        s = spec[name]
        floors = {k: float(v) for k, v in s["floors"].items()}
        ceilings = {k: float(v) for k, v in s.get("ceilings", {}).items()}
        if "acled" in s:
            results.append(_check_acled(monitor, name, root, s, floors, ceilings))
            continue
        gold = resolve_input(root, s["gold"])
        inputs = [resolve_input(root, p) for p in s["articles"]]
        missing = [str(p) for p in [gold, *inputs] if not p.exists()]
        if missing:
            results.append(SuiteResult(name, {}, floors, skipped=f"missing {', '.join(missing)}"))
            continue
        metrics = evaluate(monitor, gold, inputs).to_dict()["total"]["metrics"]
        below = {k: (metrics.get(k), f) for k, f in floors.items()
                 if metrics.get(k) is None or metrics[k] + 1e-9 < f}
        results.append(SuiteResult(name, metrics, floors, below))
    return results


def _check_acled(monitor: "Monitor", name: str, root: Path, spec: dict[str, Any], floors: dict[str, float],
                 ceilings: dict[str, float]) -> SuiteResult:
    """An ACLED suite: extraction on the notes of its half only, scored as ``evaluate --acled``."""
    from .acled import evaluate_acled

    source = resolve_input(root, spec["acled"])
    if not source.exists():
        return SuiteResult(name, {}, floors, skipped=f"missing {source}", ceilings=ceilings)
    half = spec.get("half", "all")
    metrics = evaluate_acled(monitor, source, half=half).halves[half]
    below = {k: (metrics.get(k), f) for k, f in floors.items()
             if metrics.get(k) is None or metrics[k] + 1e-9 < f}
    below.update({k: (metrics.get(k), c) for k, c in ceilings.items()
                  if metrics.get(k) is None or metrics[k] - 1e-9 > c})
    return SuiteResult(name, metrics, floors, below, ceilings=ceilings)
