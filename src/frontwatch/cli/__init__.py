"""The ``frontwatch`` command line: a thin layer over ``Monitor`` and plain library functions.

The group lives here; its commands live by concept: ``analyse`` (ingest, extract, geoparse),
``query`` (events, control), ``quality`` (evaluate), and with their feature (web/, alerts/,
datasets/, geo/). ``common`` holds the shared options and messages, ``tables`` what they print.
"""
from __future__ import annotations

import sys

import click

from ..errors import FrontwatchError
from ..settings import Settings, describe
from .analyse import extract, geoparse, ingest
from .common import (DATETIME, DAY, HELP, PROGRESS_EVERY, Checked, checked, db_option, err, existing_store,
                     format_option, monitor_from, out, print_error, progress_bar, published_option, report_errors,
                     today, warn_undated)
from .quality import evaluate
from .query import control, events
from .tables import control_table, event_table, fused_table, place_table, settings_table, sort_events, sort_records


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="frontwatch")
@click.pass_context
def main(ctx: click.Context) -> None:
    """frontwatch: conflict reporting turned into a geolocated, source-attributed event record."""
    ctx.obj = Settings.from_env()


@main.command()
def settings():
    """List every setting with its default and help text."""
    out.print(settings_table(describe()))


def _register_subcommands() -> None:
    """The commands of this package, and those that live with their feature (web/, ...), join the group."""
    for command in (ingest, extract, geoparse, events, control, evaluate):
        main.add_command(command)
    from ..web.cli import serve, token

    main.add_command(serve)
    main.add_command(token)
    from ..alerts.cli import alerts
    from ..datasets.cli import import_group
    main.add_command(alerts)
    main.add_command(import_group)
    from ..geo.cli import gazetteer
    main.add_command(gazetteer)


_register_subcommands()


def run() -> None:
    try:
        main()
    except FrontwatchError as e:
        print_error(e)
        sys.exit(2)


__all__ = [
    "DATETIME", "DAY", "HELP", "PROGRESS_EVERY", "Checked", "checked", "control", "control_table", "db_option",
    "err", "evaluate", "event_table", "events", "existing_store", "extract", "format_option", "fused_table",
    "geoparse", "ingest", "main", "monitor_from", "out", "place_table", "progress_bar", "published_option",
    "report_errors", "run", "settings", "sort_events", "sort_records", "today", "warn_undated",
]
