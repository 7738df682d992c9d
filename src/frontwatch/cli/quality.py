"""``frontwatch evaluate``: score against gold files, compare with an ACLED export, or run the
quality gate of a floors file."""
from __future__ import annotations

import json

import click

from ..terminal import neutralise
from .common import format_option, monitor_from


@click.command()
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
        from ..evaluate.acled import evaluate_acled

        acled_report = evaluate_acled(monitor_from(ctx), acled_file)
        click.echo(json.dumps(acled_report.to_dict(), indent=2) if fmt == "json" else acled_report.render())
        return
    if floors_file:
        if gold_dir or articles:
            raise click.UsageError("give either GOLD_DIR ARTICLES... or --floors FILE, not both")
        from ..evaluate.floors import check_floors

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
    from ..evaluate import evaluate as run_evaluation

    report = run_evaluation(monitor_from(ctx), gold_dir, list(articles))
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(neutralise(report.render()))
