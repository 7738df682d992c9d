"""Ingest beyond one process: partitions of the inputs on local workers or a Dask cluster.

    >>> from frontwatch.batch import ingest_with_workers, ingest_with_dask
    >>> ingest_with_workers(settings, ["shards/"], workers=4)
    >>> ingest_with_dask(settings, ["shards/"], "local:4")      # or "tcp://scheduler:8786"

Modules: ``shards`` (inputs to units and partitions; JSONL and, with pyarrow, Parquet shards),
``driver`` (the per-worker Monitor, the partition task, the retry loop), ``workers``
(multiprocessing, spawn), ``dasked`` (dask.distributed). See docs/scale.md.
"""
from .dasked import ingest_with_dask
from .driver import BatchReport
from .shards import Partition, Unit, has_parquet, plan
from .workers import ingest_with_workers

__all__ = ["BatchReport", "Partition", "Unit", "has_parquet", "ingest_with_dask",
           "ingest_with_workers", "plan"]
