"""Creating the SQLAlchemy engine: SQLite set up for a long-lived, shared store.

SQLite connections get WAL journaling, foreign keys and a busy timeout on connect.
The pysqlite driver's own transaction handling is switched off so that SQLAlchemy's
``begin()`` really emits ``BEGIN`` (reads are consistent and SAVEPOINTs work); a
connection opened with ``execution_options(frontwatch_write=True)`` begins with
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of
failing on a lock upgrade.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..errors import StoreError

BUSY_TIMEOUT_MS = 30_000
WRITE = {"frontwatch_write": True}


def safe_url(url: str) -> str:
    """The URL as shown in messages: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and pragmas set."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database and parsed.database != ":memory:" \
            and not parsed.database.startswith("file:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder of {safe_url(url)}: {exc}") from exc
    try:
        engine = create_engine(parsed, future=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"no database driver for {safe_url(url)}: {exc}") from exc
    except ArgumentError as exc:
        raise StoreError(f"cannot use {safe_url(url)}: {exc}") from exc
    if is_sqlite:
        _setup_sqlite(engine)
    return engine


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        write = conn.get_execution_options().get("frontwatch_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
