"""The ``frontwatch`` command line: a thin layer over ``Monitor`` and plain library functions."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import FrontwatchError, IngestError
from .monitor import Monitor
from .records import Event, PlaceMention
from .settings import Settings, describe

err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 220)
HELP = {name: text for name, _, text in describe()}


# --------------------------------------------------------------------------- shared options

def db_option(f: Callable) -> Callable:
    return click.option("--db", default=None, metavar="URL", help=HELP["db"] + " [env FRONTWATCH_DB]")(f)


def published_option(f: Callable) -> Callable:
    return click.option(
        "--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        help="Publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it.",
    )(f)


def format_option(choices: list[str], default: str) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def monitor_from(ctx: click.Context, **overrides) -> Monitor:
    settings: Settings = ctx.obj
    return Monitor(settings, **overrides)


def _day(value) -> date | None:
    return value.date() if value is not None else None


def progress_bar(label: str) -> Progress:
    return Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def report_errors(errors: Iterable[IngestError]) -> int:
    n = 0
    for e in errors:
        err.print(f"[red]error[/red] {type(e).__name__}: {e}", markup=True, highlight=False)
        n += 1
    return n


# --------------------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="frontwatch")
@click.pass_context
def main(ctx: click.Context) -> None:
    """frontwatch: conflict reporting turned into a geolocated, source-attributed event record."""
    ctx.obj = Settings.from_env()


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--samples", is_flag=True, help="Also ingest the sample articles bundled with frontwatch.")
@db_option
@published_option
@click.pass_context
def ingest(ctx, sources, samples, db, published):
    """Ingest SOURCES (files, folders, JSON/JSONL, feeds, URLs): extract events and store them."""
    from .samples import samples_dir

    sources = list(sources) + ([str(samples_dir())] if samples else [])
    if not sources:
        raise click.UsageError("give at least one file, folder or URL (or --samples)")
    with monitor_from(ctx, db=db) as m, progress_bar("ingesting") as bar:
        task = bar.add_task("ingest", total=None)
        report = m.ingest(sources, published=_day(published), progress=lambda n: bar.advance(task, n))
        counts = m.store.counts()
    failed = report_errors(report.errors)
    err.print(f"stored {len(report.stored)} articles ({report.events} events, {report.places} place mentions); "
              f"{len(report.duplicates)} already stored; {failed} failed. "
              f"Store now holds {counts.get('articles', 0)} articles, {counts.get('events', 0)} events.",
              highlight=False)
    ctx.exit(1 if failed else 0)


def _analyse(ctx, paths, published, errors: list[IngestError]):
    """Analysis results for PATHS; read errors are collected into ``errors`` for the caller."""
    m = monitor_from(ctx)
    articles = []
    for item in m.read(paths, published=_day(published)):
        (errors if isinstance(item, IngestError) else articles).append(item)
    with progress_bar("extracting") as bar:
        task = bar.add_task("extract", total=len(articles))
        for result in m.analyse(articles):
            bar.advance(task)
            yield result


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@format_option(["jsonl", "table"], "jsonl")
@click.pass_context
def extract(ctx, paths, published, fmt):
    """Extract events from PATHS without storing them (one Event record a line with --format jsonl)."""
    rows, errors = [], []
    for result in _analyse(ctx, paths, published, errors):
        for ev in result.events:
            if fmt == "jsonl":
                click.echo(json.dumps(ev.to_dict(), ensure_ascii=False))
            else:
                rows.append(ev)
    if fmt == "table":
        out.print(event_table(rows))
    ctx.exit(1 if report_errors(errors) else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@format_option(["jsonl", "table"], "jsonl")
@click.pass_context
def geoparse(ctx, paths, published, fmt):
    """Place mentions in PATHS, resolved to GeoNames (one record a line with --format jsonl)."""
    rows, errors = [], []
    for result in _analyse(ctx, paths, published, errors):
        for pm in result.places:
            if fmt == "jsonl":
                click.echo(json.dumps(pm.to_dict(), ensure_ascii=False))
            else:
                rows.append(pm)
    if fmt == "table":
        out.print(place_table(rows))
    ctx.exit(1 if report_errors(errors) else 0)


@main.command()
@db_option
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or after this date.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or before this date.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Actor name (substring of actor1 or actor2).")
@click.option("--place", help="Place name (substring).")
@click.option("--country", help="ISO 3166 alpha-2 country code, e.g. SY.")
@click.option("--status", type=click.Choice(["occurred", "planned", "threatened", "speculated", "denied"]))
@click.option("--limit", type=int, default=None, help="At most this many events.")
@format_option(["table", "csv", "jsonl", "geojson", "json"], "table")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
@click.pass_context
def events(ctx, db, since, until, event_type, actor, place, country, status, limit, fmt, output):
    """Query stored events; csv is the ACLED-style profile."""
    from .export import write_events

    with monitor_from(ctx, db=db) as m:
        found = m.events(since=_day(since), until=_day(until), type=event_type, actor=actor, place=place,
                         country=country.upper() if country else None, status=status, limit=limit)
        if fmt == "table":
            Console(file=output, width=None if output.isatty() else 220).print(event_table(found))
        else:
            articles = m.store.articles_by_id({e.article_id for e in found})
            write_events(found, fmt, output, articles=articles)


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("articles", type=click.Path(exists=True))
@format_option(["text", "json"], "text")
@click.pass_context
def evaluate(ctx, gold_dir, articles, fmt):
    """Score extraction against GOLD_DIR gold files (GOLD.md metrics) on ARTICLES (folder or JSONL)."""
    from .evaluate import evaluate as run_evaluation

    report = run_evaluation(monitor_from(ctx), gold_dir, articles)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.render())


@main.command()
def settings():
    """List every setting with its default and help text."""
    table = Table("setting", "env", "default", "help")
    for name, default, text in describe():
        table.add_row(name, f"FRONTWATCH_{name.upper()}", str(default), text)
    out.print(table)


# --------------------------------------------------------------------------- tables

def event_table(events: list[Event]) -> Table:
    table = Table("date", "type", "status", "actor1", "actor2", "location", "attribution", "evidence",
                  show_lines=False)
    for e in events:
        d = e.date.start.isoformat() if e.date and e.date.start else ""
        if e.date and e.date.end and e.date.end != e.date.start:
            d += f"…{e.date.end.isoformat()}"
        loc = e.location.name or e.location.text if e.location else ""
        table.add_row(d, e.event_type, e.status, e.actor1.name if e.actor1 else "",
                      e.actor2.name if e.actor2 else "", loc or "",
                      e.attribution.name if e.attribution else "", _clip(e.evidence.text, 90))
    return table


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def place_table(places: list[PlaceMention]) -> Table:
    table = Table("article", "text", "offsets", "name", "country", "admin1", "lat", "lon", "kind")
    for p in places:
        table.add_row(p.article_id, p.text, f"{p.start}-{p.end}", p.name or "", p.country_code or "",
                      p.admin1 or "", f"{p.latitude:.4f}" if p.latitude is not None else "",
                      f"{p.longitude:.4f}" if p.longitude is not None else "", p.kind)
    return table


def _register_subcommands() -> None:
    """Commands that live with their feature (web/, ...) join the group here."""
    from .web.cli import serve

    main.add_command(serve)


_register_subcommands()


def run() -> None:
    try:
        main()
    except FrontwatchError as e:
        err.print(f"[red]error[/red] {type(e).__name__}: {e}", highlight=False)
        sys.exit(2)
