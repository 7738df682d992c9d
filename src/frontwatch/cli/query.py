"""``frontwatch events`` and ``frontwatch control``: read the store."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.text import Text

from .. import validation
from ..terminal import neutralise, terminal_safe
from .common import (DATETIME, DAY, Checked, checked, db_option, err, existing_store, format_option, monitor_from,
                     output_option, utc)
from .tables import control_table, event_table, fused_table, sort_events, sort_records


def _console(output) -> Console:
    return Console(file=output, width=None if output.isatty() else 220)


@click.command()
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
@output_option
@click.pass_context
def events(ctx, db, fused, since, until, event_type, actor, place, country, status, min_sources,
           as_of, updated_since, limit, sort, fmt, output):
    """Query stored events: fused canonical events (default) or per-article reports; csv is the ACLED-style profile.
    Newest first unless --sort says otherwise."""
    from ..export import write_events, write_fused

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
                _console(output).print(event_table(found))
            else:
                articles = m.store.articles_by_id({e.article_id for e in found})
                write_events(found, fmt, output, articles=articles)
            return
        deleted: dict = {}
        if updated_since is not None:
            from ..store.fused import filter_records

            changes = m.updated_since(utc(updated_since))
            records = filter_records(list(changes["changed"].values()), min_sources=min_sources, **filters)
            deleted = changes["deleted"]
        else:
            records = m.fused_events(as_of=utc(as_of), min_sources=min_sources, **filters)
        records = sort_records(records, sort)[:limit]
        if fmt == "table":
            _console(output).print(fused_table(records, deleted))
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


@click.command()
@click.argument("place", required=False)
@db_option
@click.option("--at", type=DAY, default=None, help="Who held what on this day (YYYY-MM-DD, or 7d, 2w...).")
@click.option("--bbox", type=Checked(validation.parse_bbox, "bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
              help="Only places inside min_lon,min_lat,max_lon,max_lat.")
@format_option(["table", "jsonl", "geojson"], "table")
@output_option
@click.pass_context
def control(ctx, place, db, at, bbox, fmt, output):
    """Territorial control: PLACE's timeline (name substring), or with --at who held what on a day."""
    from ..export import control_feature_collection, write_records

    if place is not None:
        place = checked(validation.text, place, "place")
    existing_store(ctx, db)
    output = terminal_safe(output)
    with monitor_from(ctx, db=db) as m:
        rows = m.control(place=place, at=at, bbox=bbox)
    if fmt == "table":
        _console(output).print(control_table(rows))
    else:
        write_records(rows, fmt, output, control_feature_collection)
    if not rows:
        err.print("no control periods found", highlight=False)
