"""The extraction quality gate: `frontwatch evaluate` figures must not drop below the pinned floors.

Floors live in tests/floors.json. Raise one when you improve; lowering one needs a commit whose
message contains `floor-lowered:` and the reason — `test_floors_never_lowered_silently` checks the
file's git history for exactly that.
"""
import json
import subprocess
from pathlib import Path

import pytest

from frontwatch import Monitor
from frontwatch.evaluate.floors import check_floors

ROOT = Path(__file__).resolve().parents[1]
FLOORS_FILE = ROOT / "tests" / "floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def monitor():
    return Monitor(db="sqlite://")


@pytest.mark.slow
@pytest.mark.parametrize("suite", sorted(FLOORS["suites"]))
def test_evaluate_figures_stay_above_floors(monitor, suite):
    (result,) = check_floors(monitor, FLOORS_FILE, [suite])
    if result.skipped:
        pytest.skip(f"{suite}: {result.skipped} (../shared is not beside the checkout)")
    assert result.passed, f"{suite}: figures below their floors (measured, floor): {result.below}"


def _flatten(floors: dict) -> dict[tuple[str, str], float]:
    """Every pinned figure as 'higher is stricter': floors as they are, ceilings negated."""
    out = {(s, k): v for s, spec in floors.get("suites", {}).items() for k, v in spec["floors"].items()}
    out.update({(s, "ceiling " + k): -v for s, spec in floors.get("suites", {}).items()
                for k, v in spec.get("ceilings", {}).items()})
    return out


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _floors_at(commit: str) -> dict | None:
    try:
        return json.loads(_git("show", f"{commit}:tests/floors.json"))
    except subprocess.CalledProcessError:  # the file did not exist at that commit
        return None


def test_floors_never_lowered_silently():
    """Each commit against each of its parents (merges of parallel branches included)."""
    try:
        commits = _git("rev-list", "--parents", "HEAD", "--", "tests/floors.json").splitlines()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    pairs = []
    for line in commits:
        commit, *parents = line.split()
        pairs.append((commit, _floors_at(commit), _git("log", "-1", "--format=%B", commit),
                      [f for f in (_floors_at(p) for p in parents) if f is not None]))
    head = _git("rev-parse", "HEAD").strip()
    pairs.append(("working tree", FLOORS, "", [f for f in (_floors_at(head),) if f is not None]))
    lowered = []
    for commit, new, message, olds in pairs:
        new_f = _flatten(new)
        best: dict = {}
        for old in olds:
            for k, v in _flatten(old).items():
                best[k] = max(v, best.get(k, v))
        drops = [k for k, v in best.items() if k not in new_f or new_f[k] < v]
        if drops and "floor-lowered:" not in message:
            lowered.append((commit, drops))
    assert not lowered, f"floors lowered without a 'floor-lowered:' reason: {lowered}"
