"""Inputs to partitions: files, folders, JSONL and Parquet shards cut into units of work.

A ``Unit`` is the smallest piece of input a worker reads: one file or URL read whole, a
range of lines of a JSONL shard, or a range of rows of a Parquet shard (Parquet needs
``pyarrow``). ``plan`` groups units into ``Partition``s of about equal size; ``read_units``
turns units back into articles exactly as ``ingest.read_sources`` would (same ids, same
sidecar metadata, same line numbers in fallback ids).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import IngestError, MalformedInputError
from ..records import Article
from ..settings import Settings
from ..ingest.jsonl import jsonl_articles, record_article
from ..ingest.sources import Reader, _walk
from ..ingest.text import decode
from ..ingest.web import is_url

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIX = ".parquet"
CHUNK = 50  # lines / rows per unit of a shard


class UnitReadError(Exception):
    """A local input could not be opened; its partition fails and is retried."""


def has_parquet() -> bool:
    """True when pyarrow is installed (Parquet shards can be read)."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Unit:
    """One piece of input: ``source`` (a file or URL read whole), ``lines`` or ``rows``."""

    kind: str
    path: str
    start: int = 0
    stop: int = 0
    size: int = 1  # articles it holds (an estimate for ``source``)


@dataclass
class Partition:
    """Units processed together by one worker, in one ``nlp.pipe`` stream."""

    index: int
    units: list[Unit] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(u.size for u in self.units)


# ---------------------------------------------------------------------- planning

def units_of(sources: Iterable[str], settings: Settings, chunk: int = CHUNK) -> list[Unit]:
    """The units of every source: folders expanded as ``read_sources`` reads them."""
    reader = Reader(settings)
    units: list[Unit] = []
    for source in sources:
        source = os.fspath(source)
        path = Path(source).expanduser()
        if is_url(source) or not path.is_dir():
            units.extend(file_units(source, chunk))
            continue
        for found in _walk(path):
            if found.suffix.lower() == PARQUET_SUFFIX or reader._wanted(found):
                units.extend(file_units(str(found), chunk))
    return units


def file_units(source: str, chunk: int = CHUNK) -> list[Unit]:
    """A JSONL shard as line ranges, a Parquet shard as row ranges, anything else whole."""
    suffix = Path(source).suffix.lower()
    if is_url(source) or not os.path.isfile(source):
        return [Unit("source", source)]
    if suffix in JSONL_SUFFIXES:
        return _ranges("lines", source, _jsonl_lines(source), chunk)
    if suffix == PARQUET_SUFFIX and has_parquet():
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(source).metadata.num_rows
        return _ranges("rows", source, list(range(rows)), chunk)
    return [Unit("source", source)]


def _jsonl_lines(path: str) -> list[int]:
    """Indexes of the non-blank lines of a JSONL file."""
    with open(path, "rb") as fh:
        return [i for i, line in enumerate(fh) if line.strip()]


def _ranges(kind: str, path: str, positions: list[int], chunk: int) -> list[Unit]:
    if not positions:
        return [Unit("source", path)]  # read whole: reports the empty input as usual
    return [Unit(kind, path, positions[i], positions[min(i + chunk, len(positions)) - 1] + 1,
                 len(positions[i:i + chunk]))
            for i in range(0, len(positions), chunk)]


def partition(units: list[Unit], n: int) -> list[Partition]:
    """``units`` in order, cut into at most ``n`` partitions of about equal article counts."""
    n = max(1, min(n, len(units)))
    total = sum(u.size for u in units)
    parts = [Partition(0)]
    done = 0
    for unit in units:
        target = total * len(parts) / n  # articles up to the end of the current partition
        if parts[-1].units and done + unit.size / 2 > target and len(parts) < n:
            parts.append(Partition(len(parts)))
        parts[-1].units.append(unit)
        done += unit.size
    return parts


def plan(sources: Iterable[str], settings: Settings, partitions: int,
         chunk: int = CHUNK) -> list[Partition]:
    """The partitions of ``sources`` for ``partitions`` pieces of parallel work (shards are
    cut finer than ``chunk`` when there would be fewer units than partitions)."""
    sources = list(sources)
    units = units_of(sources, settings, chunk)
    if len(units) < partitions and any(u.kind != "source" for u in units):
        finer = max(1, sum(u.size for u in units) // partitions)
        if finer < chunk:
            units = units_of(sources, settings, finer)
    return partition(units, partitions)


# ---------------------------------------------------------------------- reading

def read_units(units: Iterable[Unit], settings: Settings, published: date | None = None,
               strict: bool = False) -> Iterator[Article | IngestError]:
    """Articles of the units in order; errors are yielded like ``read_sources`` does.

    ``strict``: a local file that cannot be opened raises ``UnitReadError`` instead, so that
    the partition fails and is retried (a last, lenient attempt reports it as an error).
    """
    reader = Reader(settings, published)
    try:
        for unit in units:
            try:
                if unit.kind == "source":
                    if strict and not is_url(unit.path):
                        _probe(unit.path)
                    yield from reader.read(unit.path)
                elif unit.kind == "lines":
                    yield from _lines(unit, published)
                elif unit.kind == "rows":
                    yield from _rows(unit, published)
                else:
                    yield IngestError(f"unknown unit kind {unit.kind!r}", unit.path)
            except OSError as exc:
                if strict:
                    raise UnitReadError(f"{unit.path}: {exc}") from exc
                yield IngestError(f"could not be read ({exc.strerror or exc})", unit.path)
            except IngestError as exc:
                yield exc
    finally:
        reader.close()


def _probe(path: str) -> None:
    try:
        with open(path, "rb"):
            pass
    except IsADirectoryError:
        pass  # read as a folder
    except OSError as exc:
        raise UnitReadError(f"{path}: {exc}") from exc


def _lines(unit: Unit, published: date | None) -> Iterator[Article | IngestError]:
    """Lines [start, stop) of a JSONL shard, numbered as in the whole file."""
    chunks = []
    with open(unit.path, "rb") as fh:
        for i, line in enumerate(fh):
            if i >= unit.stop:
                break
            if i >= unit.start:
                chunks.append(line)
    data = b"".join(chunks)
    if not data.strip():
        return
    text = decode(data, unit.path)
    yield from jsonl_articles("\n" * unit.start + text, source=unit.path,
                              name=Path(unit.path).name, published=published)


def _rows(unit: Unit, published: date | None) -> Iterator[Article | IngestError]:
    """Rows [start, stop) of a Parquet shard, each one record as in a JSONL file."""
    import pyarrow.parquet as pq

    table = pq.read_table(unit.path).slice(unit.start, unit.stop - unit.start)
    name = Path(unit.path).name
    for offset, record in enumerate(table.to_pylist()):
        row = unit.start + offset + 1
        where = f"{unit.path}:{row}"
        try:
            yield record_article(record, source=where, fallback_id=f"{name}:{row}",
                                 published=published)
        except IngestError as exc:
            yield exc
        except (TypeError, ValueError) as exc:
            yield MalformedInputError(f"row {row} cannot be read as an article ({exc})", where)
