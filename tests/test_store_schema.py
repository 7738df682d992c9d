"""Store schema versions (Alembic revisions): fresh stores, newer stores refused, failing
migrations rolled back, migrations run in order from the stored version."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import inspect, text

from frontwatch.errors import SchemaVersionError, StoreError
from frontwatch.records import Article
from frontwatch.store import SCHEMA_VERSION, Store
from frontwatch.store.engine import WRITE, make_engine
from frontwatch.store.migrate import SCRIPTS, MIGRATIONS, migrate, read_version, stored_revision


@pytest.fixture
def db(tmp_path):
    return tmp_path / "frontwatch.db"


def _version(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        con.close()


def test_fresh_store_is_built_by_the_migrations_and_versioned(db):
    with Store(f"sqlite:///{db}") as store:
        assert store.migrated_from == 0
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert _version(db) == str(SCHEMA_VERSION)
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(MIGRATIONS[-1],)]
    con.close()
    with Store(f"sqlite:///{db}") as again:  # reopening runs nothing
        assert again.migrated_from == SCHEMA_VERSION


def test_newer_store_is_refused_and_left_untouched(db):
    Store(f"sqlite:///{db}").close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store(f"sqlite:///{db}")
    assert _version(db) == str(SCHEMA_VERSION + 1)


def test_version_zero_store_is_migrated_in_place(db):
    con = sqlite3.connect(db)  # a store stamped v0 before any table existed
    con.execute("CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    con.commit()
    con.close()
    with Store(f"sqlite:///{db}") as store:
        assert store.migrated_from == 0
        assert store.add(Article(id="a", text="Shelling hit the town."), [])
        assert store.counts()["articles"] == 1
    assert _version(db) == str(SCHEMA_VERSION)


def test_foreign_database_is_not_taken_over(db):
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a frontwatch store"):
        Store(f"sqlite:///{db}")
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["invoices"]
    con.close()


def _revision(folder, rev: str, down: str, body: str) -> None:
    (folder / f"{rev}_test.py").write_text(
        f"from alembic import op\nrevision = {rev!r}\ndown_revision = {down!r}\n\n"
        f"def upgrade():\n    conn = op.get_bind()\n" + body, encoding="utf-8")


@pytest.fixture
def scripts(tmp_path):
    """A copy of the store's migration scripts plus test revisions NEXT and AFTER."""
    folder = tmp_path / "migrations"
    shutil.copytree(SCRIPTS / "versions", folder / "versions",
                    ignore=shutil.ignore_patterns("__pycache__"))

    def add(rev, down, body):
        _revision(folder / "versions", rev, down, body)
        return folder
    return add


NEXT, AFTER = f"{len(MIGRATIONS) + 1:04d}", f"{len(MIGRATIONS) + 2:04d}"  # test revisions
ADD_COLUMN = "    conn.exec_driver_sql('ALTER TABLE articles ADD COLUMN reviewed INTEGER DEFAULT 0')\n"
ADD_TABLE = "    conn.exec_driver_sql('CREATE TABLE reviews (pk INTEGER PRIMARY KEY, note TEXT)')\n"
BROKEN = ("    conn.exec_driver_sql('CREATE TABLE half_done (pk INTEGER PRIMARY KEY)')\n"
          "    raise RuntimeError('migration failed half way')\n")


def test_migrations_run_in_order_from_the_stored_version(db, scripts):
    Store(f"sqlite:///{db}").close()  # a real store of the current version
    scripts(NEXT, MIGRATIONS[-1], ADD_COLUMN)
    folder = scripts(AFTER, NEXT, ADD_TABLE)
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.connect().execution_options(**WRITE) as conn, conn.begin():
            assert migrate(conn, MIGRATIONS + (NEXT, AFTER), scripts=folder) \
                == (SCHEMA_VERSION, SCHEMA_VERSION + 2)
        with engine.connect() as conn:
            assert read_version(conn) == SCHEMA_VERSION + 2
            assert stored_revision(conn) == AFTER
            names = inspect(conn).get_table_names()
            assert "reviews" in names
            assert "reviewed" in [c["name"] for c in inspect(conn).get_columns("articles")]
    finally:
        engine.dispose()
    # the code now refuses the newer store
    with pytest.raises(SchemaVersionError):
        Store(f"sqlite:///{db}")


def test_a_failing_migration_changes_nothing(db, scripts):
    Store(f"sqlite:///{db}").close()
    scripts(NEXT, MIGRATIONS[-1], ADD_TABLE)
    folder = scripts(AFTER, NEXT, BROKEN)
    engine = make_engine(f"sqlite:///{db}")
    try:
        with pytest.raises(RuntimeError):
            with engine.connect().execution_options(**WRITE) as conn, conn.begin():
                migrate(conn, MIGRATIONS + (NEXT, AFTER), scripts=folder)
        with engine.connect() as conn:
            assert read_version(conn) == SCHEMA_VERSION
            assert stored_revision(conn) == MIGRATIONS[-1]
            names = inspect(conn).get_table_names()
            assert "reviews" not in names and "half_done" not in names
    finally:
        engine.dispose()


def test_store_with_an_unknown_alembic_revision_is_refused_and_left_untouched(db):
    Store(f"sqlite:///{db}").close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")  # a later frontwatch's
    con.commit()
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store(f"sqlite:///{db}")
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("f00dcafe",)]
    con.close()
