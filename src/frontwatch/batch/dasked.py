"""``ingest --dask local:N | tcp://host:8786``: partitions ingested on a Dask cluster.

``local:N`` starts a ``LocalCluster`` of N single-threaded worker processes for the run;
an address connects to a running scheduler (its workers need frontwatch installed and must
reach the store, i.e. PostgreSQL, or an SQLite file on a shared disk). A worker plugin loads
the pipeline, gazetteer and store once per worker; each partition runs ``nlp.pipe`` over its
articles and writes them with ``Store.add`` from the worker. Retries are driven from here
(not with Dask's own ``retries=``) so that each one is reported and the last is lenient.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import date

from ..errors import FrontwatchError
from ..settings import Settings
from .driver import (BatchReport, OnDone, OnRetry, drive, fuse_after, ingest_partition,
                     prepare_store, warm_up)
from .shards import plan

PARTITIONS_PER_WORKER = 4


def parse_address(address: str) -> tuple[int | None, str | None]:
    """``local:N`` → (N, None); ``tcp://host:port`` (or ``host:port``) → (None, address)."""
    if address.startswith("local"):
        _, _, n = address.partition(":")
        try:
            workers = int(n or "1")
        except ValueError:
            workers = 0
        if workers < 1:
            raise FrontwatchError(f"bad Dask address {address!r}: write local:N with N >= 1")
        return workers, None
    if "://" not in address:
        address = "tcp://" + address
    return None, address


def open_client(address: str):
    """A ``distributed.Client`` (and the LocalCluster it owns, or None)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise FrontwatchError("Dask is not installed: pip install 'frontwatch[dask]'") from exc
    workers, remote = parse_address(address)
    if remote is not None:
        try:
            return Client(remote, timeout="10s"), None
        except OSError as exc:
            raise FrontwatchError(f"cannot reach the Dask scheduler at {remote}: {exc}") from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def worker_plugin(settings: Settings):
    """A WorkerPlugin that builds the worker's Monitor once, when the worker starts."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class MonitorPlugin(WorkerPlugin):
        name = "frontwatch-monitor"

        def __init__(self, settings: Settings):
            self.settings = settings

        def setup(self, worker) -> None:
            warm_up(self.settings)

    return MonitorPlugin(settings)


def ingest_with_dask(settings: Settings, sources: Iterable[str], address: str,
                     published: date | None = None, retries: int = 2,
                     partitions: int | None = None, fuse: bool = True,
                     on_plan=None, on_done: OnDone | None = None,
                     on_retry: OnRetry | None = None) -> BatchReport:
    """Ingest ``sources`` on the Dask cluster at ``address``; see the module docstring."""
    from distributed import wait

    prepare_store(settings)
    client, cluster = open_client(address)
    try:
        client.register_plugin(worker_plugin(settings))
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = plan(sources, settings, partitions or n_workers * PARTITIONS_PER_WORKER)
        if on_plan:
            on_plan(parts)
        run = uuid.uuid4().hex[:8]
        report = drive(
            parts,
            submit=lambda part, attempt, strict: client.submit(
                ingest_partition, settings, part, published, attempt, strict,
                key=f"frontwatch-{run}-p{part.index}-a{attempt}", pure=False),
            wait_first=lambda pending: wait(pending, return_when="FIRST_COMPLETED").done,
            retries=retries, on_done=on_done, on_retry=on_retry)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return fuse_after(settings, report, fuse)
