"""Worker processes of ``ingest --workers N`` die with their parent, even when it is killed
with SIGKILL (issue 15), and N is bounded by the machine. A real parent process with a real
spawn pool using the workers' initializer; the test polls (bounded) for the workers to go."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.batch.workers import check_workers, max_workers
from frontwatch.cli import main
from frontwatch.errors import FrontwatchError

SRC = str(Path(__file__).resolve().parents[1] / "src")
PARENT = r"""
import os, sys, time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from frontwatch.batch.workers import _die_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_die_with_parent, initargs=(os.getpid(),))
    pids = set()
    futures = [pool.submit(time.sleep, 0.5) for _ in range(4)]
    for f in futures:
        f.result()
    print(" ".join(str(p) for p in pool._processes), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (dead, not reaped yet) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and SIGKILL semantics")
def test_workers_die_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=SRC))
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 60
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in workers)
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_workers_are_bounded_by_the_machine(tmp_path):
    limit = max_workers()
    assert 1 <= limit <= (os.cpu_count() or 1)
    assert check_workers(limit) == limit
    with pytest.raises(FrontwatchError, match="this machine can run"):
        check_workers(limit + 1000)
    res = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "fw.db"), "--workers",
                                    str(limit + 1000), str(tmp_path)])
    assert res.exit_code == 2 and "this machine can run" in res.output
    assert not (tmp_path / "fw.db").exists()
