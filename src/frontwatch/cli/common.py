"""What the ``frontwatch`` commands share: consoles, options, checked parameters, the store
guard, progress and error lines."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date, timezone

import click
from rich.console import Console
from rich.text import Text

from .. import validation
from ..errors import IngestError, InvalidParameterError
from ..monitor import Monitor
from ..settings import Settings, describe
from ..terminal import neutralise, progress

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


def output_option(f: Callable) -> Callable:
    return click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
                        help="Write here.")(f)


def monitor_from(ctx: click.Context, **overrides) -> Monitor:
    settings: Settings = ctx.obj
    return Monitor(settings, **overrides)


def day_of(value) -> date | None:
    """A ``click.DateTime`` option as a date."""
    return value.date() if value is not None else None


def utc(value):
    """A datetime option as UTC (a value without a zone is taken as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


PROGRESS_EVERY = 10.0  # seconds between plain progress lines when stderr is not a terminal


def progress_bar(label: str):
    """Progress on stderr: a rich bar with counts and ETA on a terminal, else a plain line
    with count, rate and ETA every PROGRESS_EVERY seconds (``terminal.progress``)."""
    return progress(label, err, every=PROGRESS_EVERY)


def today() -> date:
    """The day relative periods (--since 7d) count back from; tests replace ``frontwatch.cli.today``."""
    return date.today()


# --------------------------------------------------------------------------- checked parameters

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
                from . import today as current_day  # looked up when used: the package's ``today``

                return self.check(value, name, current_day())
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


DAY = Checked(validation.parse_day, "date", "DATE|7d|2w|3m|1y", relative=True)
DATETIME = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
                                     "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"])


# --------------------------------------------------------------------------- store guard, messages

def existing_store(ctx: click.Context, db: str | None) -> None:
    """A command that only reads refuses a store that does not exist (StoreNotFoundError)."""
    from ..errors import StoreNotFoundError
    from ..store.engine import require_existing

    try:
        require_existing(ctx.obj.with_(db=db).db_url)
    except StoreNotFoundError as exc:
        raise click.ClickException(f"StoreNotFoundError: {neutralise(str(exc))}") from None


def print_error(e: Exception) -> None:
    """``error TypeName: message`` on stderr, the message's control characters escaped."""
    err.print(Text.assemble(("error", "red"), f" {type(e).__name__}: {neutralise(e)}"), highlight=False)


def report_errors(errors: Iterable[IngestError]) -> int:
    n = 0
    for e in errors:
        print_error(e)
        n += 1
    return n


def warn_undated(undated: list[str]) -> None:
    """Say which stored articles had no publication date: their relative dates stay unresolved."""
    if not undated:
        return
    shown = neutralise(", ".join(undated[:3]), one_line=True) + (f" and {len(undated) - 3} more" if len(undated) > 3 else "")
    err.print(f"[yellow]warning[/yellow] {len(undated)} stored article(s) have no publication date "
              f"({shown}): relative dates such as 'on Wednesday' were left unresolved, and their events "
              "fuse with other reports only through shared wording. Give --published YYYY-MM-DD or a "
              "date in the input.", highlight=False)
