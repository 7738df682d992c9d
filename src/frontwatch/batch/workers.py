"""``ingest --workers N``: partitions ingested by N local processes (spawn context).

Each process builds its Monitor once (pipeline, gazetteer, store) in the pool initializer and
then ingests whole partitions with ``nlp.pipe`` and ``Store.add``; the store's unique keys
keep re-runs, retries and overlapping inputs free of duplicates.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from ..errors import FrontwatchError
from ..settings import Settings
from .driver import (BatchReport, OnDone, OnRetry, drive, fuse_after, ingest_partition,
                     prepare_store, warm_up)
from .shards import plan

PARTITIONS_PER_WORKER = 4
WORKER_MEMORY_MB = 1500  # a worker's pipeline, gazetteer and batch: what one process needs


def max_workers() -> int:
    """How many worker processes this machine can run: its CPUs, and its available memory
    at WORKER_MEMORY_MB each (Linux /proc/meminfo; CPUs only elsewhere)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            avail_kb = next(int(line.split()[1]) for line in f if line.startswith("MemAvailable:"))
        by_memory = max(1, avail_kb // 1024 // WORKER_MEMORY_MB)
    except (OSError, StopIteration, ValueError):
        by_memory = cpus
    return max(1, min(cpus, by_memory))


def check_workers(workers: int) -> int:
    """``workers`` when the machine can run them, else a FrontwatchError saying how many it can."""
    limit = max_workers()
    if workers < 1 or workers > limit:
        raise FrontwatchError(
            f"--workers {workers}: this machine can run 1 to {limit} worker processes "
            f"({os.cpu_count()} CPUs; about {WORKER_MEMORY_MB} MB of memory each)")
    return workers


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the process that started it ends, even by SIGKILL. Linux gets
    PR_SET_PDEATHSIG (the kernel sends SIGKILL); a watchdog thread polling the parent pid is
    the fallback everywhere."""
    import ctypes
    import signal
    import threading
    import time

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watch, name="frontwatch-parent-watchdog", daemon=True).start()


def start_worker(settings: Settings, parent: int) -> None:
    """Pool initializer: tie the worker's life to its parent's, then warm it up."""
    _die_with_parent(parent)
    warm_up(settings)


def ingest_with_workers(settings: Settings, sources: Iterable[str], workers: int,
                        published: date | None = None, retries: int = 2,
                        partitions: int | None = None, fuse: bool = True,
                        on_plan=None, on_done: OnDone | None = None,
                        on_retry: OnRetry | None = None) -> BatchReport:
    """Ingest ``sources`` with ``workers`` processes; see the module docstring.

    ``on_plan(parts)`` is called once the inputs are partitioned, ``on_done(result)`` as
    each partition finishes, ``on_retry(partition, attempt, exc)`` before a retry.
    """
    check_workers(workers)
    prepare_store(settings)
    parts = plan(sources, settings, partitions or workers * PARTITIONS_PER_WORKER)
    if on_plan:
        on_plan(parts)
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=start_worker, initargs=(settings, os.getpid())) as pool:
            report = drive(
                parts,
                submit=lambda part, attempt, strict: pool.submit(
                    ingest_partition, settings, part, published, attempt, strict),
                wait_first=lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
                retries=retries, on_done=on_done, on_retry=on_retry)
    except BrokenProcessPool as exc:
        raise FrontwatchError(
            "a worker process died (out of memory, or the pipeline failed to load); what was "
            "stored is kept: run the same command again to finish without duplicates") from exc
    return fuse_after(settings, report, fuse)
