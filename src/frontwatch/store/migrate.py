"""Schema versions: read, check and migrate in place, with Alembic.

The migration scripts are the Alembic revisions in ``store/migrations/versions``; revision
``MIGRATIONS[n - 1]`` brings a store to schema version ``n``. They run programmatically
(no alembic.ini, no env.py) on the connection that opens the store, all in ITS
transaction: a failing step leaves the store exactly as it was.

The applied revision is kept in Alembic's ``alembic_version`` table and, as before, the
version number in ``meta.schema_version`` (what older frontwatch releases read to refuse a
store newer than themselves). A store made before Alembic (versions 1 and 2 had only
``meta``) is stamped with the revision of its version, then upgraded.

Concurrent first opens are serialised: on PostgreSQL ``migrate`` takes a
transaction-scoped advisory lock (released at commit or rollback) before reading the
version; on SQLite the caller's ``BEGIN IMMEDIATE`` (``engine.WRITE``) holds the write lock.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, inspect, select, text

from ..errors import SchemaVersionError, StoreError
from . import schema

SCRIPTS = Path(__file__).with_name("migrations")

# Key of the PostgreSQL advisory lock held while a store's schema is read and migrated
# (a fixed 64-bit number: "frontwatch" folded into a bigint).
MIGRATE_LOCK_KEY = 0x66726F6E7477


@lru_cache(maxsize=8)
def _scripts(location: str) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", location)
    return ScriptDirectory.from_config(config)


def revisions(scripts: Path | str = SCRIPTS) -> tuple[str, ...]:
    """The revision ids of the scripts in ``scripts``, oldest first (one linear chain)."""
    script = _scripts(str(scripts))
    heads = script.get_heads()
    if len(heads) != 1:
        raise StoreError(f"the store migrations in {scripts} have {len(heads)} heads, not one")
    return tuple(reversed([s.revision for s in script.walk_revisions()]))


MIGRATIONS: tuple[str, ...] = revisions()


def lock_schema(conn: Connection) -> None:
    """Serialise schema work on this database until the transaction ends (PostgreSQL only;
    SQLite writers are serialised by ``BEGIN IMMEDIATE``)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK_KEY})


def read_version(conn: Connection) -> int:
    """The schema version written in ``meta``; 0 for an empty database."""
    names = set(inspect(conn).get_table_names())
    if "meta" not in names:
        if names - {schema.VERSION_TABLE}:
            raise StoreError(
                "the database has tables but no frontwatch meta table "
                f"({', '.join(sorted(names)[:5])}): not a frontwatch store"
            )
        return 0
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    if row is None:
        return 0
    try:
        return int(row[0])
    except ValueError as exc:
        raise StoreError(f"unreadable schema_version {row[0]!r} in meta table") from exc


def stored_revision(conn: Connection) -> str | None:
    """The Alembic revision recorded in the store, or None (empty or pre-Alembic store)."""
    return MigrationContext.configure(
        connection=conn, opts={"version_table": schema.VERSION_TABLE}).get_current_revision()


def write_version(conn: Connection, version: int) -> None:
    table = schema.meta
    if "meta" not in set(inspect(conn).get_table_names()):
        table.create(conn)
    done = conn.execute(
        table.update().where(table.c.key == "schema_version").values(value=str(version))
    )
    if done.rowcount == 0:
        conn.execute(table.insert().values(key="schema_version", value=str(version)))


def _newer(found: int, target: int) -> SchemaVersionError:
    return SchemaVersionError(
        f"the store has schema version {found}, newer than this frontwatch "
        f"understands ({target}); upgrade frontwatch to open it"
    )


def migrate(conn: Connection, migrations: Sequence[str] = MIGRATIONS,
            scripts: Path | str = SCRIPTS) -> tuple[int, int]:
    """Bring the store on ``conn`` up to version ``len(migrations)`` (the revisions of
    ``scripts``, oldest first); return (old, new) version.

    The caller owns the transaction. A store newer than the code raises
    SchemaVersionError and is not touched.
    """
    target = len(migrations)
    lock_schema(conn)
    found = read_version(conn)
    if found > target:
        raise _newer(found, target)
    script = _scripts(str(scripts))
    destination = migrations[target - 1] if target else "base"
    env = EnvironmentContext(
        Config(), script, fn=lambda heads, _context: script._upgrade_revs(destination, heads))
    with env:
        env.configure(connection=conn, version_table=schema.VERSION_TABLE)
        context = env.get_context()
        current = context.get_current_revision()
        if current is not None:
            if current not in migrations:
                raise SchemaVersionError(
                    f"the store is at migration revision {current!r}, which this frontwatch "
                    f"does not know (a newer release made it; this one understands schema "
                    f"version {target}); upgrade frontwatch to open it")
            found = migrations.index(current) + 1
        elif found:  # made before Alembic: its meta version says which revision it is at
            context.stamp(script, migrations[found - 1])
        if found < target:
            try:
                env.run_migrations()  # with `op` bound for the revision scripts
            except CommandError as exc:
                raise StoreError(f"cannot migrate the store to {destination}: {exc}") from exc
    if read_version(conn) != target:
        write_version(conn, target)
    return found, target
