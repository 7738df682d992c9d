"""``frontwatch gazetteer add | info | remove``: extend the embedded gazetteer with GeoNames dumps."""
from __future__ import annotations

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from ..settings import Settings
from . import manage

err = Console(stderr=True)
out = Console()


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal)


@click.group()
def gazetteer() -> None:
    """Extend the gazetteer with GeoNames dumps (XX.zip, allCountries.zip, cities500.zip,
    alternateNamesV2.zip) or Who's On First data written in that format."""


@gazetteer.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--name", default=None, help="Name for the source (one source only); default: the file name.")
@click.pass_context
def add(ctx, sources, name):
    """Add (or replace) gazetteer sources: files or http(s) URLs of GeoNames dumps."""
    settings: Settings = ctx.find_root().obj
    if name and len(sources) > 1:
        raise click.UsageError("--name names one source; give one file or URL with it")
    failed = 0
    with _progress() as bar:
        for source in sources:
            task = bar.add_task(f"adding {source}", total=None)

            def progress(done: int, total: int, task=task) -> None:
                bar.update(task, completed=done, total=total)

            try:
                result = manage.add(source, settings, name=name, progress=progress)
            except manage.GazetteerError as exc:
                err.print(f"[red]error[/red] {type(exc).__name__}: {exc}", highlight=False)
                failed += 1
                continue
            finally:
                bar.remove_task(task)
            countries = ", ".join(sorted(result["countries"])[:12])
            more = len(result["countries"]) - 12
            err.print(f"added [bold]{result['name']}[/bold]: {result['rows']:,} rows"
                      + (f" ({countries}{f' +{more}' if more > 0 else ''})" if countries else "")
                      + f" in {result['seconds']} s", highlight=False)
    if failed:
        raise SystemExit(2)


@gazetteer.command()
@click.pass_context
def info(ctx):
    """List the added sources, their rows, countries and feature classes, and the attribution."""
    settings: Settings = ctx.find_root().obj
    summary = manage.info(settings)
    table = Table("source", "kind", "rows", "countries", "feature classes", "added", "origin")
    for s in summary["sources"]:
        countries = sorted(s.get("countries", {}))
        classes = ", ".join(f"{k} {v:,}" for k, v in sorted(s.get("classes", {}).items()))
        table.add_row(s["name"], s["kind"], f"{s['rows']:,}",
                      ", ".join(countries[:8]) + (f" +{len(countries) - 8}" if len(countries) > 8 else ""),
                      classes, s["added"], s["origin"])
    out.print(f"embedded: {summary['embedded_rows']:,} rows (GeoNames cities500, regions, countries; "
              f"OurAirports air fields)")
    if summary["sources"]:
        out.print(table)
        out.print(f"added: {summary['added_places']:,} distinct places (deduplicated by geonameid)")
    else:
        out.print("no added sources: `frontwatch gazetteer add XX.zip` adds a GeoNames country dump")
    out.print("attribution: " + "; ".join(summary["attribution"]))


@gazetteer.command()
@click.argument("names", nargs=-1, required=True)
@click.pass_context
def remove(ctx, names):
    """Remove added sources by name (see `frontwatch gazetteer info`)."""
    settings: Settings = ctx.find_root().obj
    for name in names:
        rows = manage.remove(name, settings)
        err.print(f"removed {name} ({rows:,} rows)")
