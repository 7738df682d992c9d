"""Creating the SQLAlchemy engine: SQLite set up for a long-lived, shared store.

SQLite connections get WAL journaling, foreign keys and a busy timeout on connect.
The pysqlite driver's own transaction handling is switched off so that SQLAlchemy's
``begin()`` really emits ``BEGIN`` (reads are consistent and SAVEPOINTs work); a
connection opened with ``execution_options(frontwatch_write=True)`` begins with
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of
failing on a lock upgrade.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..errors import StoreError, StoreNotFoundError

BUSY_TIMEOUT_MS = 30_000
WRITE = {"frontwatch_write": True}


def safe_url(url: str) -> str:
    """The URL as shown in messages: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other backends, memory and URI databases)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser()


def writable(url: str) -> bool:
    """False when the store is an SQLite file this process cannot write (the file, or the
    folder where SQLite keeps its journal and WAL files, lacks write permission)."""
    path = sqlite_file(url)
    if path is None or not path.exists():
        return True
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def require_existing(url: str) -> None:
    """Raise StoreNotFoundError when ``url`` is an SQLite file that does not exist (a command
    that only reads must not create an empty store at a mistyped path)."""
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise StoreNotFoundError(
            f"no store at {path}: check --db (or FRONTWATCH_DB); `frontwatch ingest` creates one")


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and pragmas set.

    ``read_only``: an SQLite file is opened with ``mode=ro`` (``immutable=1`` as well when its
    folder is not writable, since SQLite could not create the WAL index there), nothing created.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    path = sqlite_file(url)
    if read_only and path is not None:
        require_existing(url)
        query = "mode=ro" + ("" if os.access(path.parent, os.W_OK) else "&immutable=1")
        parsed = make_url(f"sqlite:///file:{quote(str(path.resolve()))}?{query}&uri=true")
    elif path is not None:
        folder = path.parent
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
        _setup_sqlite(engine, read_only)
    return engine


def _setup_sqlite(engine: Engine, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        write = conn.get_execution_options().get("frontwatch_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
