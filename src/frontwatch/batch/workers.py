"""``ingest --workers N``: partitions ingested by N local processes (spawn context).

Each process builds its Monitor once (pipeline, gazetteer, store) in the pool initializer and
then ingests whole partitions with ``nlp.pipe`` and ``Store.add``; the store's unique keys
keep re-runs, retries and overlapping inputs free of duplicates.
"""
from __future__ import annotations

import multiprocessing
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


def ingest_with_workers(settings: Settings, sources: Iterable[str], workers: int,
                        published: date | None = None, retries: int = 2,
                        partitions: int | None = None, fuse: bool = True,
                        on_plan=None, on_done: OnDone | None = None,
                        on_retry: OnRetry | None = None) -> BatchReport:
    """Ingest ``sources`` with ``workers`` processes; see the module docstring.

    ``on_plan(parts)`` is called once the inputs are partitioned, ``on_done(result)`` as
    each partition finishes, ``on_retry(partition, attempt, exc)`` before a retry.
    """
    prepare_store(settings)
    parts = plan(sources, settings, partitions or workers * PARTITIONS_PER_WORKER)
    if on_plan:
        on_plan(parts)
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=warm_up, initargs=(settings,)) as pool:
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
