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
from frontwatch.evaluate import evaluate
from frontwatch.samples import samples_dir

ROOT = Path(__file__).resolve().parents[1]
FLOORS_FILE = ROOT / "tests" / "floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
SHARED = ROOT.parent / "shared"


def resolve(path: str) -> Path:
    if path == "<samples>":
        return samples_dir()
    return (ROOT / path).resolve()


@pytest.fixture(scope="module")
def monitor():
    return Monitor(db="sqlite://")


@pytest.mark.slow
@pytest.mark.parametrize("suite", sorted(FLOORS["suites"]))
def test_evaluate_figures_stay_above_floors(monitor, suite):
    spec = FLOORS["suites"][suite]
    paths = [resolve(p) for p in spec["articles"]]
    if not SHARED.exists() or not all(p.exists() for p in paths):
        pytest.skip("../shared is not beside the checkout")
    report = evaluate(monitor, resolve(spec["gold"]), paths)
    metrics = report.to_dict()["total"]["metrics"]
    below = {k: (metrics.get(k), floor) for k, floor in spec["floors"].items()
             if metrics.get(k) is None or metrics[k] + 1e-9 < floor}
    assert not below, f"{suite}: figures below their floors (measured, floor): {below}"


def _flatten(floors: dict) -> dict[tuple[str, str], float]:
    return {(s, k): v for s, spec in floors.get("suites", {}).items() for k, v in spec["floors"].items()}


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_floors_never_lowered_silently():
    try:
        commits = _git("rev-list", "--reverse", "HEAD", "--", "tests/floors.json").split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    versions = [(c, json.loads(_git("show", f"{c}:tests/floors.json")), _git("log", "-1", "--format=%B", c))
                for c in commits]
    versions.append(("working tree", FLOORS, ""))
    lowered = []
    for (_, old, _), (commit, new, message) in zip(versions, versions[1:]):
        old_f, new_f = _flatten(old), _flatten(new)
        drops = [k for k in old_f if k in new_f and new_f[k] < old_f[k]] + [k for k in old_f if k not in new_f]
        if drops and "floor-lowered:" not in message:
            lowered.append((commit, drops))
    assert not lowered, f"floors lowered without a 'floor-lowered:' reason: {lowered}"
