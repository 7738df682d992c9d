"""The ``frontwatch`` command line: a thin layer over ``Monitor`` and plain library functions."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import validation
from .errors import FrontwatchError, IngestError, InvalidParameterError
from .monitor import Monitor
from .records import Event, PlaceMention
from .settings import Settings, describe
from .terminal import cell, neutralise, progress, terminal_safe

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


def progress_bar(label: str):
    """Progress on stderr: a rich bar with counts and ETA on a terminal, else a plain line
    with count, rate and ETA every PROGRESS_EVERY seconds (``terminal.progress``)."""
    return progress(label, err, every=PROGRESS_EVERY)


PROGRESS_EVERY = 10.0  # seconds between plain progress lines when stderr is not a terminal


def today() -> date:
    """The day relative periods (--since 7d) count back from; tests replace it."""
    return date.today()


class Checked(click.ParamType):
    """An option checked by a ``frontwatch.validation`` function, as the API checks it."""

    def __init__(self, check: Callable, name: str, metavar: str = "TEXT", relative: bool = False,
                 **kwargs):
        self.check, self.param_name, self.metavar_text = check, name, metavar
        self.relative, self.kwargs = relative, kwargs
        self.name = metavar.lower()

    def get_metavar(self, param, *args, **kwargs) -> str:
        return self.metavar_text

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        name = param.name if param is not None and param.name else self.param_name
        try:
            if self.relative:
                return self.check(value, name, today())
            return self.check(value, name, **self.kwargs)
        except InvalidParameterError as exc:
            self.fail(neutralise(str(exc)), param, ctx)


def checked(check: Callable, *args, param: str | None = None):
    """``check(*args)`` from ``frontwatch.validation`` with its error as a usage error."""
    try:
        return check(*args)
    except InvalidParameterError as exc:
        raise click.BadParameter(neutralise(str(exc)),
                                 param_hint=f"--{(param or exc.param or '').replace('_', '-')}") from None


def existing_store(ctx: click.Context, db: str | None) -> None:
    """A command that only reads refuses a store that does not exist (StoreNotFoundError)."""
    from .errors import StoreNotFoundError
    from .store.engine import require_existing

    try:
        require_existing(ctx.obj.with_(db=db).db_url)
    except StoreNotFoundError as exc:
        raise click.ClickException(f"StoreNotFoundError: {neutralise(str(exc))}") from None


def warn_undated(undated: list[str]) -> None:
    """Say which stored articles had no publication date: their relative dates stay unresolved."""
    if not undated:
        return
    shown = neutralise(", ".join(undated[:3]), one_line=True) + (f" and {len(undated) - 3} more" if len(undated) > 3 else "")
    err.print(f"[yellow]warning[/yellow] {len(undated)} stored article(s) have no publication date "
              f"({shown}): relative dates such as 'on Wednesday' were left unresolved, and their events "
              "fuse with other reports only through shared wording. Give --published YYYY-MM-DD or a "
              "date in the input.", highlight=False)


def report_errors(errors: Iterable[IngestError]) -> int:
    n = 0
    for e in errors:
        err.print(Text.assemble(("error", "red"), f" {type(e).__name__}: {neutralise(e)}"),
                  highlight=False)
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
    if workers is not None:
        from .batch.workers import check_workers

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
                click.echo(neutralise(json.dumps(ev.to_dict(), ensure_ascii=False)))
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
                click.echo(neutralise(json.dumps(pm.to_dict(), ensure_ascii=False)))
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


DAY = Checked(validation.parse_day, "date", "DATE|7d|2w|3m|1y", relative=True)


@main.command()
@db_option
@click.option("--fused/--reports", default=True, show_default=True,
              help="Canonical events fused across articles (default), or every article's own events.")
@click.option("--since", type=DAY,
              help="Events on or after this date (YYYY-MM-DD), or this far back: 7d, 2w, 3m, 1y.")
@click.option("--until", type=DAY, help="Events on or before this date (YYYY-MM-DD, or 7d, 2w, 3m, 1y).")
@click.option("--type", "event_type", type=Checked(validation.event_types, "type", "TYPE"),
              help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", type=Checked(validation.text, "actor"),
              help="Actor name (substring of actor1 or actor2).")
@click.option("--place", type=Checked(validation.text, "place"), help="Place name (substring).")
@click.option("--country", type=Checked(validation.country, "country", "CC"),
              help="ISO 3166 alpha-2 country code, e.g. SY.")
@click.option("--status", type=click.Choice(["occurred", "planned", "threatened", "speculated", "denied"]))
@click.option("--min-sources", type=click.IntRange(min=1), default=None,
              help="Fused events reported by at least this many independent sources.")
@click.option("--as-of", type=DATETIME, default=None,
              help="Fused events as they stood at this date/time (UTC unless a zone is given).")
@click.option("--updated-since", type=DATETIME, default=None,
              help="Fused events changed after this date/time, and the ids deleted since.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--sort", "sort", default=validation.DEFAULT_SORT, show_default=True,
              help=f"Order: {', '.join(validation.SORT_KEYS)}; a leading '-' reverses "
                   "(-date: newest first).")
@format_option(["table", "csv", "jsonl", "geojson", "json"], "table")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
@click.pass_context
def events(ctx, db, fused, since, until, event_type, actor, place, country, status, min_sources,
           as_of, updated_since, limit, sort, fmt, output):
    """Query stored events: fused canonical events (default) or per-article reports; csv is the ACLED-style profile.
    Newest first unless --sort says otherwise."""
    from .export import write_events, write_fused

    checked(validation.date_range, since, until, param="since")
    limit = checked(validation.limit, limit, "limit")
    sort = checked(validation.sort_key, sort, "sort")
    if len(event_type or ()) > 1:
        raise click.BadParameter("give one PLOVER type", param_hint="--type")
    filters = dict(since=since, until=until, type=event_type[0] if event_type else None, actor=actor,
                   place=place, country=country, status=status)
    if not fused and (min_sources or as_of or updated_since):
        raise click.UsageError("--min-sources, --as-of and --updated-since apply to fused events only")
    if not fused and sort.lstrip("-") in ("sources", "grade"):
        raise click.UsageError("--sort sources/grade applies to fused events only")
    if as_of and updated_since:
        raise click.UsageError("give --as-of or --updated-since, not both")
    existing_store(ctx, db)
    output = terminal_safe(output)
    with monitor_from(ctx, db=db) as m:
        if not fused:
            found = sort_events(m.events(**filters), sort)[:limit]
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
        records = sort_records(records, sort)[:limit]
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
                err.print(Text(f"{len(deleted)} fused events deleted since {updated_since.isoformat()}: "
                               + neutralise(", ".join(deleted), one_line=True)), highlight=False)


@main.command()
@click.argument("place", required=False)
@db_option
@click.option("--at", type=DAY, default=None, help="Who held what on this day (YYYY-MM-DD, or 7d, 2w...).")
@click.option("--bbox", type=Checked(validation.parse_bbox, "bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
              help="Only places inside min_lon,min_lat,max_lon,max_lat.")
@format_option(["table", "jsonl", "geojson"], "table")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write here.")
@click.pass_context
def control(ctx, place, db, at, bbox, fmt, output):
    """Territorial control: PLACE's timeline (name substring), or with --at who held what on a day."""
    from .export import control_feature_collection

    if place is not None:
        place = checked(validation.text, place, "place")
    existing_store(ctx, db)
    output = terminal_safe(output)
    with monitor_from(ctx, db=db) as m:
        rows = m.control(place=place, at=at, bbox=bbox)
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
@click.option("--acled", "acled_file", type=click.Path(exists=True, dir_okay=False),
              help="Compare with ACLED's coding: extract from the notes of this ACLED CSV export and "
                   "score by half (tune/held), country and event type.")
@format_option(["text", "json"], "text")
@click.pass_context
def evaluate(ctx, gold_dir, articles, floors_file, suites, acled_file, fmt):
    """Score extraction against GOLD_DIR gold files (GOLD.md metrics) on ARTICLES (folders or JSONL),
    compare with an ACLED export (--acled), or run the quality gate with --floors."""
    if acled_file:
        if gold_dir or articles or floors_file:
            raise click.UsageError("give --acled FILE alone")
        from .evaluate.acled import evaluate_acled

        acled_report = evaluate_acled(monitor_from(ctx), acled_file)
        click.echo(json.dumps(acled_report.to_dict(), indent=2) if fmt == "json" else acled_report.render())
        return
    if floors_file:
        if gold_dir or articles:
            raise click.UsageError("give either GOLD_DIR ARTICLES... or --floors FILE, not both")
        from .evaluate.floors import check_floors

        results = check_floors(monitor_from(ctx), floors_file, list(suites) or None)
        if fmt == "json":
            click.echo(json.dumps([r.to_dict() for r in results], indent=2))
        else:
            click.echo(neutralise("\n".join(r.render() for r in results)))
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
        click.echo(neutralise(report.render()))


@main.command()
def settings():
    """List every setting with its default and help text."""
    table = Table("setting", "env", "default", "help")
    for name, default, text in describe():
        _row(table, name, f"FRONTWATCH_{name.upper()}", str(default), text)
    out.print(table)


# --------------------------------------------------------------------------- order

def _ordered(items: list, value: Callable, key: str) -> list:
    """``items`` by ``value(item, field)`` for ``key`` (``-`` reverses); missing values last."""
    field, reverse = key.lstrip("-"), key.startswith("-")
    present = [x for x in items if value(x, field) not in (None, "")]
    missing = [x for x in items if value(x, field) in (None, "")]
    return sorted(present, key=lambda x: value(x, field), reverse=reverse) + missing


def _record_value(r: dict, field: str):
    if field == "date":
        return r.get("date_start") or r.get("date_end")
    if field == "type":
        return r.get("event_type")
    if field == "country":
        return (r.get("location") or {}).get("country_code")
    return r.get(field)


def _event_value(e: Event, field: str):
    if field == "date":
        return (e.date.start or e.date.end).isoformat() if e.date and (e.date.start or e.date.end) else None
    if field == "type":
        return e.event_type
    if field == "country":
        return e.location.country_code if e.location else None
    return None


def sort_records(records: list[dict], key: str) -> list[dict]:
    """Fused event records in ``--sort`` order (validated by ``validation.sort_key``)."""
    return _ordered(records, _record_value, key)


def sort_events(events: list[Event], key: str) -> list[Event]:
    """Per-article events in ``--sort`` order (date, type or country)."""
    return _ordered(events, _event_value, key)


# --------------------------------------------------------------------------- tables
# Every cell goes through ``cell`` (terminal.neutralise): names and ids from inputs cannot
# send escape codes to the terminal nor be read as Rich markup.

def _row(table: Table, *values) -> None:
    table.add_row(*(cell(v) for v in values))


def event_table(events: list[Event]) -> Table:
    table = Table("date", "type", "status", "actor1", "actor2", "location", "attribution", "evidence",
                  show_lines=False)
    for e in events:
        d = e.date.start.isoformat() if e.date and e.date.start else ""
        if e.date and e.date.end and e.date.end != e.date.start:
            d += f"…{e.date.end.isoformat()}"
        loc = e.location.name or e.location.text if e.location else ""
        _row(table, d, e.event_type, e.status, e.actor1.name if e.actor1 else "",
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
        _row(table, d, r["event_type"], r["status"], r.get("actor1") or "", r.get("actor2") or "",
             loc.get("name") or loc.get("text") or "", str(r["sources"]), r["grade"],
             str(len(r.get("reports") or [])), r["id"])
    for cid, into in (deleted or {}).items():
        _row(table, "", "(deleted)", "", "", "", f"merged into {into}" if into else "", "", "", "", cid)
    return table


def control_table(rows: list[dict]) -> Table:
    table = Table("place", "controller", "from", "to", "tier", "certain", "evidence")
    for r in rows:
        start = r.get("from_start") or "?"
        if r.get("from_end") and r.get("from_end") != r.get("from_start"):
            start += f"…{r['from_end']}"
        end = r.get("to_start") or ""
        ev = r.get("evidence") or []
        _row(table, r.get("place") or "", r.get("controller") or "(none)", start, end, r.get("tier") or "",
             "" if "certain" not in r else ("yes" if r["certain"] else "no"),
             (ev[0].get("text") or "")[:100] + (f" (+{len(ev) - 1})" if len(ev) > 1 else "") if ev else "")
    return table


def place_table(places: list[PlaceMention]) -> Table:
    table = Table("article", "text", "offsets", "name", "country", "admin1", "lat", "lon", "kind")
    for p in places:
        _row(table, p.article_id, p.text, f"{p.start}-{p.end}", p.name or "", p.country_code or "",
             p.admin1 or "", f"{p.latitude:.4f}" if p.latitude is not None else "",
             f"{p.longitude:.4f}" if p.longitude is not None else "", p.kind)
    return table


def _register_subcommands() -> None:
    """Commands that live with their feature (web/, ...) join the group here."""
    from .web.cli import serve, token

    main.add_command(serve)
    main.add_command(token)
    from .alerts.cli import alerts
    from .datasets.cli import import_group
    main.add_command(alerts)
    main.add_command(import_group)
    from .geo.cli import gazetteer
    main.add_command(gazetteer)


_register_subcommands()


def run() -> None:
    try:
        main()
    except FrontwatchError as e:
        err.print(Text.assemble(("error", "red"), f" {type(e).__name__}: {neutralise(e)}"),
                  highlight=False)
        sys.exit(2)
