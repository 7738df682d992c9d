"""``frontwatch import acled|ucdp FILE.csv``: another dataset's events stored as reports."""
from __future__ import annotations

import click


@click.group("import")
def import_group():
    """Import another event dataset's public CSV export (ACLED, UCDP GED) as reports."""


def _run(ctx, kind: str, files, db, fuse: bool) -> None:
    from ..monitor import Monitor
    from .importer import import_file

    failed = 0
    with Monitor(ctx.obj, db=db) as m:
        for f in files:
            rep = import_file(m.store, kind, f, fuse=fuse)
            for e in rep.errors:
                click.echo(f"error {type(e).__name__}: {e}", err=True)
            failed += len(rep.errors)
            fused = f"; fused: {rep.fusion.to_dict()}" if rep.fusion is not None else ""
            click.echo(f"{f}: {rep.added} added, {rep.updated} updated, {rep.unchanged} unchanged, "
                       f"{len(rep.errors)} rejected{fused}", err=True)
    ctx.exit(1 if failed else 0)


def _import_command(kind: str, help_text: str) -> click.Command:
    """``frontwatch import KIND FILES... [--db URL] [--fuse/--no-fuse]``: one per dataset."""

    @click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
    @click.option("--db", default=None, metavar="URL", help="Database URL or SQLite path [env FRONTWATCH_DB].")
    @click.option("--fuse/--no-fuse", default=True, show_default=True, help="Fuse the imported events.")
    @click.pass_context
    def command(ctx, files, db, fuse):
        _run(ctx, kind, files, db, fuse)

    return import_group.command(kind, help=help_text)(command)


acled = _import_command("acled", "ACLED export CSV (event_id_cnty, event_date, event_type, sub_event_type, ...).")
ucdp = _import_command(
    "ucdp", "UCDP GED CSV (id, type_of_violence, side_a, side_b, latitude, longitude, date_start, ...).")
