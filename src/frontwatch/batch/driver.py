"""What runs in a worker (``ingest_partition``) and the loop that hands out partitions,
retries failed ones and adds up the results (``drive``); shared by ``workers`` and ``dasked``.

A worker keeps ONE ``Monitor`` per settings for its whole life (pipeline and gazetteer load
once). A partition is ingested through ``Monitor.ingest``: ``nlp.pipe`` over its articles and
``Store.add`` per article, so a retried partition only adds what the failed attempt did not
store (the store's unique keys turn the rest into duplicates).
"""
from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import errors
from ..errors import IngestError
from ..monitor import IngestReport, Monitor
from ..records import Article
from ..settings import Settings
from .shards import Partition, Unit, read_units

_MONITORS: dict[Settings, "PartitionMonitor"] = {}


class PartitionMonitor(Monitor):
    """A Monitor whose ``read`` takes shard ``Unit``s (strings are read as usual)."""

    strict = False

    def read(self, sources: Iterable[Unit | str], published: date | None = None
             ) -> Iterator[Article | IngestError]:
        units = [s if isinstance(s, Unit) else Unit("source", str(s)) for s in sources]
        yield from read_units(units, self.settings, published, strict=self.strict)


def worker_monitor(settings: Settings, warm: bool = False) -> PartitionMonitor:
    """This process's Monitor for ``settings``, built once; ``warm`` loads pipeline and store now."""
    monitor = _MONITORS.get(settings)
    if monitor is None:
        monitor = _MONITORS[settings] = PartitionMonitor(settings)
    if warm:
        monitor.nlp, monitor.store  # noqa: B018 (loads the cached properties)
    return monitor


def warm_up(settings: Settings) -> None:
    """Process initializer: load the pipeline, gazetteer and store once."""
    worker_monitor(settings, warm=True)


def ingest_partition(settings: Settings, part: Partition, published: date | None = None,
                     attempt: int = 1, strict: bool = False) -> dict[str, Any]:
    """Ingest one partition in this process; a plain dict travels back to the driver."""
    started, wall_start = time.perf_counter(), time.time()
    monitor = worker_monitor(settings)
    monitor.nlp  # noqa: B018 (load time is not partition time once warm)
    loaded = time.perf_counter()
    monitor.strict = strict
    try:
        report = monitor.ingest(part.units, published=published, fuse=False)
    finally:
        monitor.strict = False
    return {
        "partition": part.index, "attempt": attempt, "pid": os.getpid(),
        "stored": report.stored, "duplicates": report.duplicates, "undated": report.undated,
        "errors": [(type(e).__name__, str(e)) for e in report.errors],
        "events": report.events, "places": report.places,
        "seconds": time.perf_counter() - loaded, "load_seconds": loaded - started,
        "started": wall_start, "finished": time.time(),
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class BatchReport(IngestReport):
    """An ``IngestReport`` plus what the partitions did."""

    partitions: list[dict[str, Any]] = field(default_factory=list)
    retries: list[tuple[int, int, str]] = field(default_factory=list)  # (partition, attempt, why)
    failed: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, result: dict[str, Any]) -> None:
        self.partitions.append({k: v for k, v in result.items()
                                if k not in ("stored", "duplicates", "undated", "errors")})
        self.stored.extend(result["stored"])
        self.undated.extend(result.get("undated", []))
        self.duplicates.extend(result["duplicates"])
        self.errors.extend(_error(name, text) for name, text in result["errors"])
        self.events += result["events"]
        self.places += result["places"]

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "partitions": len(self.partitions),
                "retries": len(self.retries), "failed": len(self.failed),
                "seconds": round(self.seconds, 2)}


def _error(name: str, text: str) -> IngestError:
    cls = getattr(errors, name, IngestError)
    return cls(text) if isinstance(cls, type) and issubclass(cls, IngestError) else IngestError(text)


Submit = Callable[[Partition, int, bool], Any]          # (partition, attempt, strict) -> future
WaitFirst = Callable[[list[Any]], Iterable[Any]]        # pending futures -> the finished ones
OnDone = Callable[[dict[str, Any]], None]
OnRetry = Callable[[Partition, int, BaseException], None]


def drive(partitions: list[Partition], submit: Submit, wait_first: WaitFirst, retries: int = 2,
          on_done: OnDone | None = None, on_retry: OnRetry | None = None) -> BatchReport:
    """Run every partition; a failed one is resubmitted up to ``retries`` times.

    Attempts before the last are strict (an unreadable local file fails the partition); the
    last is lenient, so a file that stays unreadable is reported as an error, like the
    single-process path does, and the rest of its partition is still stored.
    """
    report = BatchReport()
    started = time.perf_counter()
    pending = {submit(p, 1, retries > 0): (p, 1) for p in partitions}
    while pending:
        for fut in wait_first(list(pending)):
            part, attempt = pending.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001 (any failure of a partition is retried)
                if attempt <= retries:
                    report.retries.append((part.index, attempt, f"{type(exc).__name__}: {exc}"))
                    if on_retry:
                        on_retry(part, attempt, exc)
                    pending[submit(part, attempt + 1, attempt + 1 <= retries)] = (part, attempt + 1)
                else:
                    why = f"{type(exc).__name__}: {exc}"
                    report.failed.append((part.index, why))
                    report.errors.append(IngestError(
                        f"partition {part.index} failed after {attempt} attempts: {why}"))
                continue
            report.add(result)
            if on_done:
                on_done(result)
    report.seconds = time.perf_counter() - started
    return report


def prepare_store(settings: Settings) -> None:
    """Open (create or migrate) the store once here, before workers open it in parallel."""
    from ..store import Store

    Store(settings.db_url).close()


def fuse_after(settings: Settings, report: BatchReport, fuse: bool) -> BatchReport:
    """Fuse the newly stored events once, in this process, as ``Monitor.ingest`` does."""
    if fuse:
        with Monitor(settings) as monitor:
            report.fusion = monitor.fuse()
    return report
