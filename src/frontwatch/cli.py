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


def warn_undated(undated: list[str]) -> None:
    """Say which stored articles had no publication date: their relative dates stay unresolved."""
    if not undated:
        return
    shown = ", ".join(undated[:3]) + (f" and {len(undated) - 3} more" if len(undated) > 3 else "")
    err.print(f"[yellow]warning[/yellow] {len(undated)} stored article(s) have no publication date "
              f"({shown}): relative dates such as 'on Wednesday' were left unresolved, and their events "
              "fuse with other reports only through shared wording. Give --published YYYY-MM-DD or a "
              "date in the input.", highlight=False)


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
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Ingest in N worker processes (inputs cut into partitions; JSONL/Parquet shards split).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Ingest on a Dask cluster: local:N starts N local workers, or tcp://host:8786.")
@click.pass_context
def ingest(ctx, sources, samples, db, published, workers=None, dask_address=None):
    """Ingest SOURCES (files, folders, JSON/JSONL, feeds, URLs): extract events and store them."""
    from .samples import samples_dir

    sources = list(sources) + ([str(samples_dir())] if samples else [])
    if not sources:
        raise click.UsageError("give at least one file, folder or URL (or --samples)")
    if workers is not None or dask_address is not None:
        return _ingest_batch(ctx, sources, db, published, workers, dask_address)
    with monitor_from(ctx, db=db) as m, progress_bar("ingesting") as bar:
        task = bar.add_task("ingest", total=None)
        report = m.ingest(sources, published=_day(published), progress=lambda n: bar.advance(task, n))
        counts = m.store.counts()
    failed = report_errors(report.errors)
    warn_undated(report.undated)
    err.print(f"stored {len(report.stored)} articles ({report.events} events, {report.places} place mentions); "
              f"{len(report.duplicates)} already stored; {failed} failed. "
              f"Store now holds {counts.get('articles', 0)} articles, {counts.get('events', 0)} events.",
              highlight=False)
    ctx.exit(1 if failed else 0)


def _ingest_batch(ctx, sources, db, published, workers, dask_address) -> None:
    """``ingest --workers N`` / ``--dask ADDRESS``: partitions on worker processes (frontwatch.batch)."""
    from .batch import ingest_with_dask, ingest_with_workers

    if workers is not None and dask_address is not None:
        raise click.UsageError("give --workers or --dask, not both")
    settings = ctx.obj.with_(db=db)
    with progress_bar("ingesting partitions") as bar:
        task = bar.add_task("ingest", total=None)
        hooks = dict(
            on_plan=lambda parts: bar.update(task, total=len(parts)),
            on_done=lambda r: bar.advance(task),
            on_retry=lambda part, attempt, exc: err.print(
                f"[yellow]retrying[/yellow] partition {part.index} (attempt {attempt} failed: {exc})",
                highlight=False))
        if dask_address is not None:
            report = ingest_with_dask(settings, sources, dask_address, published=_day(published), **hooks)
        else:
            report = ingest_with_workers(settings, sources, workers, published=_day(published), **hooks)
    with Monitor(settings) as m:
        counts = m.store.counts()
    failed = report_errors(report.errors)
    warn_undated(report.undated)
    err.print(f"stored {len(report.stored)} articles ({report.events} events, {report.places} place mentions) "
              f"in {len(report.partitions)} partitions, {len(report.retries)} retried; "
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


DATETIME = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
                                     "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"])


def _utc(value):
    """A datetime option as UTC (a value without a zone is taken as UTC)."""
    from datetime import timezone

    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _bbox(value: str | None):
    if not value:
        return None
    try:
        box = tuple(float(v) for v in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4:
        raise click.BadParameter("give min_lon,min_lat,max_lon,max_lat", param_hint="--bbox")
    return box


@main.command()
@db_option
@click.option("--fused/--reports", default=True, show_default=True,
              help="Canonical events fused across articles (default), or every article's own events.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or after this date.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events on or before this date.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Actor name (substring of actor1 or actor2).")
@click.option("--place", help="Place name (substring).")
@click.option("--country", help="ISO 3166 alpha-2 country code, e.g. SY.")
@click.option("--status", type=click.Choice(["occurred", "planned", "threatened", "speculated", "denied"]))
@click.option("--min-sources", type=click.IntRange(min=1), default=None,
              help="Fused events reported by at least this many independent sources.")
@click.option("--as-of", type=DATETIME, default=None,
              help="Fused events as they stood at this date/time (UTC unless a zone is given).")
@click.option("--updated-since", type=DATETIME, default=None,
              help="Fused events changed after this date/time, and the ids deleted since.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@format_option(["table", "csv", "jsonl", "geojson", "json"], "table")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
@click.pass_context
def events(ctx, db, fused, since, until, event_type, actor, place, country, status, min_sources,
           as_of, updated_since, limit, fmt, output):
    """Query stored events: fused canonical events (default) or per-article reports; csv is the ACLED-style profile."""
    from .export import write_events, write_fused

    filters = dict(since=_day(since), until=_day(until), type=event_type, actor=actor, place=place,
                   country=country.upper() if country else None, status=status, limit=limit)
    if not fused and (min_sources or as_of or updated_since):
        raise click.UsageError("--min-sources, --as-of and --updated-since apply to fused events only")
    if as_of and updated_since:
        raise click.UsageError("give --as-of or --updated-since, not both")
    with monitor_from(ctx, db=db) as m:
        if not fused:
            found = m.events(**filters)
            if fmt == "table":
                Console(file=output, width=None if output.isatty() else 220).print(event_table(found))
            else:
                articles = m.store.articles_by_id({e.article_id for e in found})
                write_events(found, fmt, output, articles=articles)
            return
        deleted: dict = {}
        if updated_since is not None:
            from .store.fused import filter_records

            changes = m.updated_since(_utc(updated_since))
            records = filter_records(list(changes["changed"].values()), min_sources=min_sources, **filters)
            deleted = changes["deleted"]
        else:
            records = m.fused_events(as_of=_utc(as_of), min_sources=min_sources, **filters)
        if fmt == "table":
            Console(file=output, width=None if output.isatty() else 220).print(fused_table(records, deleted))
        elif fmt == "jsonl":
            write_fused(records, fmt, output)
            for cid, into in deleted.items():
                output.write(json.dumps({"id": cid, "deleted": True, "merged_into": into}) + "\n")
        elif fmt == "json" and updated_since is not None:
            json.dump({"changed": records, "deleted": deleted}, output, ensure_ascii=False, indent=2)
            output.write("\n")
        else:
            write_fused(records, fmt, output)
            if deleted:
                err.print(f"{len(deleted)} fused events deleted since {updated_since.isoformat()}: "
                          + ", ".join(deleted), highlight=False)


@main.command()
@click.argument("place", required=False)
@db_option
@click.option("--at", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Who held what on this day.")
@click.option("--bbox", help="Only places inside min_lon,min_lat,max_lon,max_lat.")
@format_option(["table", "jsonl", "geojson"], "table")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
@click.pass_context
def control(ctx, place, db, at, bbox, fmt, output):
    """Territorial control: PLACE's timeline (name substring), or with --at who held what on a day."""
    from .export import control_feature_collection

    with monitor_from(ctx, db=db) as m:
        rows = m.control(place=place, at=_day(at), bbox=_bbox(bbox))
    if fmt == "jsonl":
        for r in rows:
            output.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        json.dump(control_feature_collection(rows), output, ensure_ascii=False)
        output.write("\n")
    else:
        Console(file=output, width=None if output.isatty() else 220).print(control_table(rows))
    if not rows:
        err.print("no control periods found", highlight=False)


@main.command()
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False))
@click.argument("articles", nargs=-1, type=click.Path(exists=True))
@click.option("--floors", "floors_file", type=click.Path(exists=True, dir_okay=False),
              help="Run every suite of this floors file (e.g. tests/floors.json) and exit 1 "
                   "if a figure is below its pinned floor.")
@click.option("--suite", "suites", multiple=True, help="With --floors: only this suite (repeatable).")
@format_option(["text", "json"], "text")
@click.pass_context
def evaluate(ctx, gold_dir, articles, floors_file, suites, fmt):
    """Score extraction against GOLD_DIR gold files (GOLD.md metrics) on ARTICLES (folders or JSONL),
    or run the quality gate with --floors."""
    if floors_file:
        if gold_dir or articles:
            raise click.UsageError("give either GOLD_DIR ARTICLES... or --floors FILE, not both")
        from .evaluate.floors import check_floors

        results = check_floors(monitor_from(ctx), floors_file, list(suites) or None)
        if fmt == "json":
            click.echo(json.dumps([r.to_dict() for r in results], indent=2))
        else:
            click.echo("\n".join(r.render() for r in results))
        if not all(r.passed for r in results):
            ctx.exit(1)
        return
    if not gold_dir or not articles:
        raise click.UsageError("give GOLD_DIR and at least one ARTICLES folder or file, or --floors FILE")
    from .evaluate import evaluate as run_evaluation

    report = run_evaluation(monitor_from(ctx), gold_dir, list(articles))
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


def fused_table(records: list[dict], deleted: dict | None = None) -> Table:
    table = Table("date", "type", "status", "actor1", "actor2", "location", "sources", "grade", "reports",
                  "id", show_lines=False)
    for r in records:
        d = r.get("date_start") or ""
        if r.get("date_end") and r.get("date_end") != r.get("date_start"):
            d += f"…{r['date_end']}"
        loc = r.get("location") or {}
        table.add_row(d, r["event_type"], r["status"], r.get("actor1") or "", r.get("actor2") or "",
                      loc.get("name") or loc.get("text") or "", str(r["sources"]), r["grade"],
                      str(len(r.get("reports") or [])), r["id"])
    for cid, into in (deleted or {}).items():
        table.add_row("", "(deleted)", "", "", "", f"merged into {into}" if into else "", "", "", "", cid)
    return table


def control_table(rows: list[dict]) -> Table:
    table = Table("place", "controller", "from", "to", "tier", "certain", "evidence")
    for r in rows:
        start = r.get("from_start") or "?"
        if r.get("from_end") and r.get("from_end") != r.get("from_start"):
            start += f"…{r['from_end']}"
        end = r.get("to_start") or ""
        ev = r.get("evidence") or []
        table.add_row(r.get("place") or "", r.get("controller") or "(none)", start, end, r.get("tier") or "",
                      "" if "certain" not in r else ("yes" if r["certain"] else "no"),
                      (ev[0].get("text") or "")[:100] + (f" (+{len(ev) - 1})" if len(ev) > 1 else "") if ev else "")
    return table


def place_table(places: list[PlaceMention]) -> Table:
    table = Table("article", "text", "offsets", "name", "country", "admin1", "lat", "lon", "kind")
    for p in places:
        table.add_row(p.article_id, p.text, f"{p.start}-{p.end}", p.name or "", p.country_code or "",
                      p.admin1 or "", f"{p.latitude:.4f}" if p.latitude is not None else "",
                      f"{p.longitude:.4f}" if p.longitude is not None else "", p.kind)
    return table


def _register_subcommands() -> None:
    """Commands that live with their feature (web/, ...) join the group here."""
    from .web.cli import serve, token

    main.add_command(serve)
    main.add_command(token)
    from .geo.cli import gazetteer
    main.add_command(gazetteer)


_register_subcommands()


def run() -> None:
    try:
        main()
    except FrontwatchError as e:
        err.print(f"[red]error[/red] {type(e).__name__}: {e}", highlight=False)
        sys.exit(2)
