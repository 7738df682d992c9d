"""Batch ingest (frontwatch.batch): partitions read exactly what read_sources reads; --workers
and --dask store exactly what the single-process path stores; re-runs and retried partitions
add no duplicates. Real files, real SQLite stores, real worker processes and Dask cluster."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.batch import has_parquet, ingest_with_dask, ingest_with_workers, plan
from frontwatch.batch.shards import UnitReadError, partition, read_units, units_of
from frontwatch.errors import IngestError
from frontwatch.ingest import read_sources
from frontwatch.samples import samples_dir
from frontwatch.settings import Settings

PLACES = ["Aleppo", "Mosul", "Kirkuk", "Homs", "Idlib", "Ramadi", "Fallujah", "Deir ez-Zor",
          "Hama", "Tikrit", "Baiji", "Manbij"]


def short_records(prefix: str, n: int) -> list[dict]:
    """n distinct one-paragraph reports (cheap for the pipeline)."""
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        out.append({"id": f"{prefix}-{i}", "published": f"2017-03-{1 + i % 28:02d}",
                    "title": f"Clash near {place}",
                    "text": f"Government forces shelled rebel positions near {place} on Monday, "
                            f"killing {i + 2} fighters, a monitoring group said ({prefix} {i})."})
    return out


def write_jsonl(path: Path, records: list[dict], blank_every: int = 0) -> Path:
    lines = []
    for i, r in enumerate(records):
        lines.append(json.dumps(r))
        if blank_every and i % blank_every == 0:
            lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def settings_for(tmp_path: Path, name: str) -> Settings:
    return Settings.from_env(db=str(tmp_path / f"{name}.db"))


def read_all(parts, settings) -> list:
    return [item for p in parts for item in read_units(p.units, settings)]


def summary(items) -> list:
    return [(type(i).__name__, str(i)) if isinstance(i, IngestError)
            else (i.id, i.key, i.content_hash, i.title, i.published) for i in items]


# ---------------------------------------------------------------------- partitions (no model)

def test_partitions_read_exactly_what_read_sources_reads(tmp_path):
    records = short_records("s", 23)
    shard = write_jsonl(tmp_path / "shards" / "a.jsonl", records, blank_every=5)
    with open(shard, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "no-text"}) + "\n")
    sources = [str(samples_dir()), str(tmp_path / "shards")]
    settings = Settings()
    whole = list(read_sources(sources, settings=settings))
    for n in (1, 3, 7):
        parts = plan(sources, settings, n, chunk=4)
        assert len(parts) == n
        assert summary(read_all(parts, settings)) == summary(whole)
    # the shard is split into line ranges; the sidecar index of the samples is no unit
    units = units_of(sources, settings, chunk=4)
    assert sum(u.kind == "lines" for u in units) == 7  # 25 non-blank lines in chunks of 4
    assert not any(u.path.endswith("index.jsonl") for u in units)
    assert sum(1 for i in whole if not isinstance(i, IngestError)) == 24 + 23


def test_partitions_are_balanced_and_keep_order(tmp_path):
    write_jsonl(tmp_path / "big.jsonl", short_records("b", 40))
    write_jsonl(tmp_path / "small.jsonl", short_records("c", 3))
    parts = plan([str(tmp_path)], Settings(), 4, chunk=5)
    sizes = [p.size for p in parts]
    assert sum(sizes) == 43 and max(sizes) - min(sizes) <= 5
    units = [u for p in parts for u in p.units]
    assert units == units_of([str(tmp_path)], Settings(), chunk=5)
    assert len(partition(units[:2], 10)) == 2  # never more partitions than units


def test_strict_reading_raises_lenient_reports(tmp_path):
    missing = tmp_path / "gone.jsonl"
    os.symlink(tmp_path / "nowhere.jsonl", missing)  # a dangling link: exists, cannot be opened
    units = units_of([str(missing)], Settings())
    with pytest.raises(UnitReadError):
        list(read_units(units, Settings(), strict=True))
    items = list(read_units(units, Settings(), strict=False))
    assert len(items) == 1 and isinstance(items[0], IngestError)


@pytest.mark.skipif(not has_parquet(), reason="pyarrow is not installed: Parquet shards unsupported")
def test_parquet_shard_reads_like_the_jsonl_shard(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = short_records("p", 12)
    jsonl = write_jsonl(tmp_path / "p.jsonl", records)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "p.parquet", row_group_size=5)
    settings = Settings()
    from_parquet = read_all(plan([str(tmp_path / "p.parquet")], settings, 3, chunk=5), settings)
    from_jsonl = list(read_sources([str(jsonl)], settings=settings))
    assert [a.id for a in from_parquet] == [r["id"] for r in records]
    assert [(a.id, a.key, a.published) for a in from_parquet] == \
        [(a.id, a.key, a.published) for a in from_jsonl]


# ---------------------------------------------------------------------- workers, dask (model)

def stored(settings: Settings) -> dict:
    """Everything a store holds, comparable across runs (fetch times aside)."""
    from frontwatch.store import Store

    with Store(settings.db_url) as store:
        articles = sorted((a.id, a.key, a.content_hash, a.title, a.published) for a in store.articles())
        events = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())
        places = sorted(json.dumps(p.to_dict(), sort_keys=True) for p in store.places())
        counts = store.counts()
    return {"articles": articles, "events": events, "places": places, "counts": counts}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    write_jsonl(folder / "shard-1.jsonl", short_records("one", 9))
    write_jsonl(folder / "shard-2.jsonl", short_records("two", 5))
    return [str(samples_dir()), str(folder / "shard-1.jsonl"), str(folder / "shard-2.jsonl")]


@pytest.mark.slow
def test_workers_and_dask_store_what_one_process_stores(tmp_path, inputs):
    from frontwatch.monitor import Monitor

    single = settings_for(tmp_path, "single")
    with Monitor(single) as m:
        assert len(m.ingest(inputs).stored) == 24 + 14
    expected = stored(single)
    assert expected["counts"]["events"] > 24

    workers = settings_for(tmp_path, "workers")
    report = ingest_with_workers(workers, inputs, 2, partitions=4)
    assert len(report.stored) == 38 and not report.errors and len(report.partitions) == 4
    assert all(p["peak_rss_mb"] > 50 for p in report.partitions)
    assert stored(workers) == expected

    dasked = settings_for(tmp_path, "dask")
    report = ingest_with_dask(dasked, inputs, "local:2", partitions=3)
    assert len(report.stored) == 38 and not report.errors and len(report.partitions) == 3
    assert stored(dasked) == expected

    # re-running through the CLI adds nothing
    from frontwatch.cli import main

    result = CliRunner().invoke(main, ["ingest", "--db", workers.db, "--workers", "2", *inputs])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "stored 0 articles" in said and "38 already stored" in said
    assert stored(workers) == expected


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["workers", "dask"])
def test_failed_partition_is_retried_without_duplicates(tmp_path, mode):
    first = write_jsonl(tmp_path / "a-first.jsonl", short_records("first", 20))
    later = tmp_path / "b-later.jsonl"
    os.symlink(tmp_path / "arrives-later.jsonl", later)  # unreadable until the first failure
    last = write_jsonl(tmp_path / "c-last.jsonl", short_records("last", 24))
    retried = []

    def repair(part, attempt, exc):  # the input becomes readable after the first failure
        retried.append((part.index, attempt, str(exc)))
        write_jsonl(tmp_path / "arrives-later.jsonl", short_records("later", 2))

    settings = settings_for(tmp_path, mode)
    sources = [str(first), str(later), str(last)]
    run = ingest_with_workers if mode == "workers" else ingest_with_dask
    target = 2 if mode == "workers" else "local:2"
    parts = []
    report = run(settings, sources, target, partitions=2, on_retry=repair, on_plan=parts.extend)

    assert [[Path(u.path).name for u in p.units] for p in parts] == \
        [["a-first.jsonl", "b-later.jsonl"], ["c-last.jsonl"]]

    assert len(retried) == 1 and retried[0][:2] == (0, 1) and "b-later.jsonl" in retried[0][2]
    assert not report.errors and not report.failed
    # the failed attempt stored the first nlp.pipe batch; the retry found those already stored
    assert report.duplicates and set(report.duplicates) <= {f"first-{i}" for i in range(20)}
    ids = sorted(a[0] for a in stored(settings)["articles"])
    expected = sorted([f"first-{i}" for i in range(20)] + ["later-0", "later-1"]
                      + [f"last-{i}" for i in range(24)])
    assert ids == expected
    assert sorted(report.stored + report.duplicates) == expected
