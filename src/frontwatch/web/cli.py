"""`frontwatch serve`: the click command; FastAPI is imported only when it runs."""
from __future__ import annotations

import click


@click.command()
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite file to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
def serve(ctx, db, host, port):
    """Serve the REST API (/api, docs at /docs) and the web map + timeline."""
    try:
        import uvicorn

        from .app import create_app
    except ImportError as e:
        raise click.ClickException(f"the web workspace needs the [web] extra: {e}") from e
    from ..monitor import Monitor

    monitor = Monitor(ctx.obj, db=db)
    uvicorn.run(create_app(monitor), host=host, port=port)
