"""Schema versions: read, check and migrate in place.

``MIGRATIONS[n]`` upgrades a store from version ``n`` to ``n + 1``. A brand-new
(empty) database is version 0, so every store, fresh or old, is built by the same
ordered list. All steps run in one transaction: a failing step leaves the store
exactly as it was.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, inspect, select

from ..errors import SchemaVersionError, StoreError
from . import schema

Migration = Callable[[Connection], None]


def _create(conn: Connection, names: Sequence[str]) -> None:
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[n] for n in names], checkfirst=True)


def _v0_to_v1(conn: Connection) -> None:
    """Version 1: meta, sources, articles, events, places and their indexes."""
    _create(conn, schema.TABLES_V1)


def _v1_to_v2(conn: Connection) -> None:
    """Version 2: fusion - canonical events, their reports and versions, control claims and periods."""
    _create(conn, schema.TABLES_V2)


MIGRATIONS: tuple[Migration, ...] = (_v0_to_v1, _v1_to_v2)


def read_version(conn: Connection) -> int:
    """The schema version written in ``meta``; 0 for an empty database."""
    names = set(inspect(conn).get_table_names())
    if "meta" not in names:
        if names:
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


def write_version(conn: Connection, version: int) -> None:
    table = schema.meta
    if "meta" not in set(inspect(conn).get_table_names()):
        table.create(conn)
    done = conn.execute(
        table.update().where(table.c.key == "schema_version").values(value=str(version))
    )
    if done.rowcount == 0:
        conn.execute(table.insert().values(key="schema_version", value=str(version)))


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> tuple[int, int]:
    """Bring the store on ``conn`` up to ``len(migrations)``; return (old, new) version.

    The caller owns the transaction. A store newer than the code raises
    SchemaVersionError and is not touched.
    """
    target = len(migrations)
    found = read_version(conn)
    if found > target:
        raise SchemaVersionError(
            f"the store has schema version {found}, newer than this frontwatch "
            f"understands ({target}); upgrade frontwatch to open it"
        )
    for version in range(found, target):
        migrations[version](conn)
        write_version(conn, version + 1)
    return found, target
