"""`frontwatch serve`: the click command; FastAPI is imported only when it runs."""
from __future__ import annotations

import click


@click.command()
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite file to serve.")
@click.option("--host", default=None, help="Interface to listen on (setting web_host, default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port to listen on (setting web_port, default 8000).")
@click.pass_context
def serve(ctx, db, host, port):
    """Serve the REST API (/api, docs at /docs) and the web map + timeline."""
    try:
        import uvicorn

        from .app import create_app
    except ImportError as e:
        raise click.ClickException(f"the web workspace needs the [web] extra: {e}") from e
    from ..cli import existing_store
    from ..monitor import Monitor

    existing_store(ctx, db)  # serving never creates an empty store at a mistyped --db
    monitor = Monitor(ctx.obj, db=db, web_host=host, web_port=port)
    cfg = monitor.settings
    if monitor.store.read_only:
        click.echo("frontwatch: the store is read-only (no write permission): serving it read-only, "
                   "POST /api/articles answers 503", err=True)
    click.echo(f"frontwatch: serving {cfg.db_url} at http://{cfg.web_host}:{cfg.web_port}/ "
               f"(API docs at /docs; Ctrl+C stops)", err=True)
    uvicorn.run(create_app(monitor), host=cfg.web_host, port=cfg.web_port)


@click.group()
def token():
    """API tokens for POST /api/articles (stored hashed; shown once)."""


def _engine(ctx, db):
    from ..cli import existing_store
    from ..monitor import Monitor
    from ..store.engine import make_engine

    existing_store(ctx, db)  # tokens belong to a store made by `frontwatch ingest`
    monitor = Monitor(ctx.obj, db=db)
    _ = monitor.store  # create or migrate the store first
    return make_engine(monitor.settings.db_url)


@token.command("create")
@click.argument("name")
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite file.")
@click.pass_context
def token_create(ctx, name, db):
    """Create a token for NAME and print it (it cannot be shown again)."""
    from . import tokens

    try:
        click.echo(tokens.create_token(_engine(ctx, db), name))
    except ValueError as e:
        raise click.ClickException(str(e)) from e


@token.command("list")
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite file.")
@click.pass_context
def token_list(ctx, db):
    """List token names, creation times and whether they are revoked (never the tokens)."""
    from ..terminal import neutralise
    from . import tokens

    for t in tokens.list_tokens(_engine(ctx, db)):
        click.echo(neutralise(f"{t['name']}\t{t['created_at']}\t{'revoked' if t['revoked'] else 'active'}"))


@token.command("revoke")
@click.argument("name")
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite file.")
@click.pass_context
def token_revoke(ctx, name, db):
    """Revoke every token of NAME."""
    from . import tokens

    click.echo(f"revoked {tokens.revoke(_engine(ctx, db), name)} token(s)")
