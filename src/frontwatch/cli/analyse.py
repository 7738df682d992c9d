"""``frontwatch ingest`` (one process, worker processes or a Dask cluster), and ``extract`` /
``geoparse``, which analyse inputs without storing them."""
from __future__ import annotations

import json
from collections.abc import Callable

import click
from rich.text import Text

from ..errors import FrontwatchError, IngestError
from ..monitor import Monitor
from ..terminal import neutralise
from .common import (day_of, db_option, err, format_option, monitor_from, out, progress_bar, published_option,
                     report_errors, warn_undated)
from .tables import event_table, place_table


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--samples", is_flag=True, help="Also ingest the sample articles bundled with frontwatch.")
@db_option
@published_option
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Ingest in N worker processes (inputs cut into partitions; JSONL/Parquet shards split).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Ingest on a Dask cluster: local:N starts N local workers, or tcp://host:8786.")
@click.pass_context
def ingest(ctx, sources, samples, db, published, workers=None, dask_address=None):
    """Ingest SOURCES (files, folders, JSON/JSONL, feeds, URLs): extract events and store them."""
    from ..samples import samples_dir

    sources = list(sources) + ([str(samples_dir())] if samples else [])
    if not sources:
        raise click.UsageError("give at least one file, folder or URL (or --samples)")
    if workers is not None or dask_address is not None:
        return _ingest_batch(ctx, sources, db, published, workers, dask_address)
    with monitor_from(ctx, db=db) as m, progress_bar("ingesting") as bar:
        task = bar.add_task("ingest", total=None)
        report = m.ingest(sources, published=day_of(published), progress=lambda n: bar.advance(task, n))
        counts = m.store.counts()
    _summary(ctx, report, counts, "; ")


def _ingest_batch(ctx, sources, db, published, workers, dask_address) -> None:
    """``ingest --workers N`` / ``--dask ADDRESS``: partitions on worker processes (frontwatch.batch)."""
    from ..batch import ingest_with_dask, ingest_with_workers

    if workers is not None and dask_address is not None:
        raise click.UsageError("give --workers or --dask, not both")
    if workers is not None:
        from ..batch.workers import check_workers

        try:
            check_workers(workers)
        except FrontwatchError as exc:
            raise click.BadParameter(str(exc), param_hint="--workers") from None
    settings = ctx.obj.with_(db=db)
    with progress_bar("ingesting partitions") as bar:
        task = bar.add_task("ingest", total=None)
        hooks = dict(
            on_plan=lambda parts: bar.update(task, total=len(parts)),
            on_done=lambda r: bar.advance(task),
            on_retry=lambda part, attempt, exc: err.print(Text.assemble(
                ("retrying", "yellow"), f" partition {part.index} (attempt {attempt} failed: "
                                        f"{neutralise(exc)})"), highlight=False))
        if dask_address is not None:
            report = ingest_with_dask(settings, sources, dask_address, published=day_of(published), **hooks)
        else:
            report = ingest_with_workers(settings, sources, workers, published=day_of(published), **hooks)
    with Monitor(settings) as m:
        counts = m.store.counts()
    _summary(ctx, report, counts,
             f" in {len(report.partitions)} partitions, {len(report.retries)} retried; ")


def _summary(ctx, report, counts: dict, middle: str) -> None:
    """Errors, undated articles and the closing line of an ingest; exit status 1 if an input failed."""
    failed = report_errors(report.errors)
    warn_undated(report.undated)
    err.print(f"stored {len(report.stored)} articles ({report.events} events, {report.places} place mentions)"
              f"{middle}{len(report.duplicates)} already stored; {failed} failed. "
              f"Store now holds {counts.get('articles', 0)} articles, {counts.get('events', 0)} events.",
              highlight=False)
    ctx.exit(1 if failed else 0)


def _analyse(ctx, paths, published, errors: list[IngestError]):
    """Analysis results for PATHS; read errors are collected into ``errors`` for the caller."""
    m = monitor_from(ctx)
    articles = []
    for item in m.read(paths, published=day_of(published)):
        (errors if isinstance(item, IngestError) else articles).append(item)
    with progress_bar("extracting") as bar:
        task = bar.add_task("extract", total=len(articles))
        for result in m.analyse(articles):
            bar.advance(task)
            yield result


def _print_analysis(ctx, paths, published, fmt: str, records: Callable, table: Callable) -> None:
    """The records ``records(result)`` of every analysed input, one JSON a line (``jsonl``) or as
    ``table(rows)``; read errors after them, exit status 1 if there were any."""
    rows, errors = [], []
    for result in _analyse(ctx, paths, published, errors):
        for record in records(result):
            if fmt == "jsonl":
                click.echo(neutralise(json.dumps(record.to_dict(), ensure_ascii=False)))
            else:
                rows.append(record)
    if fmt == "table":
        out.print(table(rows))
    ctx.exit(1 if report_errors(errors) else 0)


def _analysis_command(name: str, help_text: str, records: Callable, table: Callable) -> click.Command:
    """``frontwatch NAME PATHS... [--published DATE] [--format jsonl|table]``: ``records(result)``
    of every input, printed without storing."""

    @click.argument("paths", nargs=-1, required=True)
    @published_option
    @format_option(["jsonl", "table"], "jsonl")
    @click.pass_context
    def command(ctx, paths, published, fmt):
        _print_analysis(ctx, paths, published, fmt, records, table)

    return click.command(name, help=help_text)(command)


extract = _analysis_command(
    "extract", "Extract events from PATHS without storing them (one Event record a line with --format jsonl).",
    lambda result: result.events, event_table)
geoparse = _analysis_command(
    "geoparse", "Place mentions in PATHS, resolved to GeoNames (one record a line with --format jsonl).",
    lambda result: result.places, place_table)
