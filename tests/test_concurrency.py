"""Concurrent writers on one store: four `frontwatch ingest` processes over overlapping inputs
lose no article and duplicate none (SQLite WAL file; PostgreSQL when
FRONTWATCH_TEST_POSTGRES_URL is set, see .ci/postgres.sh). Real processes, real databases."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontwatch.store import SCHEMA_VERSION, Store

from store_threads import open_at_once

pytestmark = pytest.mark.slow

SRC = str(Path(__file__).resolve().parents[1] / "src")
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("FRONTWATCH_TEST_POSTGRES_URL") else [])
TOWNS = ["Aleppo", "Mosul", "Kirkuk", "Homs", "Idlib", "Ramadi", "Hama", "Tikrit"]


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(os.environ["FRONTWATCH_TEST_POSTGRES_URL"])
    name = f"frontwatch_conc_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def shards(folder: Path, n_shards: int = 4, per_shard: int = 6) -> list[Path]:
    """n_shards JSONL files of distinct short reports; ids are shard-i."""
    paths = []
    for s in range(n_shards):
        lines = []
        for i in range(per_shard):
            town = TOWNS[(s + i) % len(TOWNS)]
            lines.append(json.dumps({
                "id": f"shard{s}-{i}", "published": f"2017-04-{1 + i:02d}",
                "url": f"https://news.example.org/{s}/{i}",
                "text": f"Militants attacked a checkpoint near {town} on Tuesday, killing "
                        f"{s * 10 + i + 1} soldiers, officials said (report {s}.{i})."}))
        path = folder / f"shard-{s}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run_four(tmp_path: Path, db_url: str) -> tuple[list[Path], list[subprocess.Popen], list]:
    """Four `frontwatch ingest` processes at once; each reads two shards, each shard is read
    by two processes."""
    files = shards(tmp_path)
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("FRONTWATCH_DB", None)
    procs = []
    for k in range(4):
        mine = [str(files[k]), str(files[(k + 1) % 4])]
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "frontwatch", "ingest", "--db", db_url, *mine],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    return files, procs, [p.communicate(timeout=600) for p in procs]


def test_four_concurrent_ingests_lose_and_duplicate_nothing(tmp_path, db_url):
    Store(db_url).close()  # the schema exists, as in a deployed store (see the test below)
    _, procs, outputs = run_four(tmp_path, db_url)
    for p, (_, err) in zip(procs, outputs):
        assert p.returncode == 0, err

    expected = sorted(f"shard{s}-{i}" for s in range(4) for i in range(6))
    with Store(db_url) as store:
        ids = sorted(a.id for a in store.articles())
        counts = store.counts()
        per_article = {}
        for e in store.events():
            per_article.setdefault(e.article_id, []).append(e)
    assert ids == expected                      # none lost, none twice
    assert counts["articles"] == 24
    reported = [_summary(err) for _, err in outputs]
    assert sum(r[0] for r in reported) == 24     # each article stored by exactly one process
    assert sum(r[1] for r in reported) == counts["events"] == sum(len(v) for v in per_article.values())
    assert set(per_article) <= set(expected) and len(per_article) >= 12


def _summary(stderr: str) -> tuple[int, int]:
    """(articles, events) from the line `stored N articles (M events, ...`."""
    text = " ".join(stderr.split())
    head = text.split("stored ", 1)[1]
    return int(head.split(" ")[0]), int(head.split("(", 1)[1].split(" ")[0])


def test_concurrent_first_open_of_an_empty_store(db_url):
    """Eight threads open (and so create) the schema of an EMPTY database at once: migrate()
    runs under pg_advisory_xact_lock (PostgreSQL) or BEGIN IMMEDIATE (SQLite), so exactly one
    builds the schema and the others find it built (issue 7)."""
    migrated_from, failures = open_at_once(db_url, 8)
    assert not failures, failures[0]
    assert sorted(migrated_from) == [0] + [SCHEMA_VERSION] * 7
