"""`frontwatch events` (fused by default, --reports, --min-sources, --as-of, --updated-since) and
`frontwatch control`, through the CLI on real SQLite stores."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.fuse import ControlClaim
from frontwatch.fuse.service import FusionService
from frontwatch.store import Store, fused

from test_fuse_factories import loc
from test_fused_store import Clock, corpus

CLUSTERS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clusters"


@pytest.fixture
def db(tmp_path):
    """A store holding the hand-built corpus, fused, plus one control claim."""
    path = tmp_path / "fw.db"
    st = Store(f"sqlite:///{path}")
    for art, evs in corpus():
        st.add(art, evs)
    fused.add_claims(st, "a4", [ControlClaim(loc("Hajin"), "ISIS", date(2014, 1, 1), "Hajin has been under ISIS "
                                             "control since 2014.", "a4", "year", date(2017, 5, 13))])
    FusionService(st, clock=Clock()).update()
    st.close()
    return path


def run(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    return res


def test_events_default_to_fused(db):
    res = run("events", "--db", db, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(records) == 2
    withdrawal = next(r for r in records if r["event_type"] == "RETREAT")
    assert withdrawal["sources"] == 2 and withdrawal["grade"]
    assert {r["article_id"] for r in withdrawal["reports"]} == {"a1", "a2", "a3"}
    assert {"article_id", "outlet", "url", "published", "evidence", "attribution"} <= set(withdrawal["reports"][0])
    reports = run("events", "--db", db, "--reports", "--format", "jsonl")
    assert len(reports.stdout.splitlines()) == 4
    assert len(run("events", "--db", db, "--min-sources", 2, "--format", "jsonl").stdout.splitlines()) == 1
    table = run("events", "--db", db)
    assert table.exit_code == 0 and withdrawal["grade"] in table.stdout  # (80 columns: other cells are cut)


def test_fused_csv_and_geojson_carry_sources_and_grade(db):
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv").stdout)))
    assert len(rows) == 2
    row = next(r for r in rows if r["plover_type"] == "RETREAT")
    assert row["sources"] == "2" and row["reports"] == "3" and row["grade"]
    assert set(row["article_ids"].split("; ")) == {"a1", "a2", "a3"}
    assert row["event_date"] == "2017-05-10" and row["country"] == "Syria"
    fc = json.loads(run("events", "--db", db, "--format", "geojson").stdout)
    assert {f["properties"]["sources"] for f in fc["features"]} == {1, 2}
    assert all(f["id"].startswith("ce-") and f["properties"]["reports"] for f in fc["features"])


def test_options_that_need_fused_events(db):
    res = run("events", "--db", db, "--reports", "--min-sources", 2)
    assert res.exit_code == 2 and "fused events only" in res.output


def test_control_command(db):
    res = run("control", "Hajin", "--db", db, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    (period,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert period["controller"] == "ISIS" and period["from_start"] == "2014-01-01"
    assert period["evidence"][0]["text"].startswith("Hajin has been under ISIS")
    at = json.loads(run("control", "--db", db, "--at", "2016-06-01", "--bbox", "40,34,41.5,35",
                        "--format", "geojson").stdout)
    assert [f["properties"]["controller"] for f in at["features"]] == ["ISIS"]
    assert at["features"][0]["properties"]["certain"] is True
    assert json.loads(run("control", "--db", db, "--at", "2013-06-01", "--format", "geojson").stdout)["features"] == []
    assert "ISIS" in run("control", "hajin", "--db", db).stdout
    assert run("control", "--db", db, "--bbox", "1,2,3").exit_code == 2


@pytest.mark.slow
@pytest.mark.skipif(not CLUSTERS.exists(), reason="needs ../shared")
def test_as_of_and_updated_since_across_ingests(tmp_path):
    db = tmp_path / "seq.db"
    files = sorted((CLUSTERS / "palmyra_captured_tanks_strike_2016_12").glob("*.txt"))
    marks = []
    for path in files:  # one ingest per article, remembering the time before each
        marks.append(datetime.now(timezone.utc))
        res = run("ingest", "--db", db, "--published", "2016-12-16", path)
        assert res.exit_code == 0, res.output
    marks.append(datetime.now(timezone.utc))
    snapshots = []
    for t in marks:
        res = run("events", "--db", db, "--as-of", t.strftime("%Y-%m-%dT%H:%M:%S.%f%z"), "--format", "jsonl")
        assert res.exit_code == 0, res.output
        snapshots.append([json.loads(line) for line in res.stdout.splitlines()])
    assert snapshots[0] == []
    now = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert json.dumps(snapshots[-1], sort_keys=True) == json.dumps(now, sort_keys=True)
    # each snapshot holds exactly the reports of the articles ingested before it
    for i, snap in enumerate(snapshots):
        seen = {r["article_id"] for ev in snap for r in ev["reports"]}
        assert seen <= {f"{p.parent.name}/{p.name}" for p in files[:i]}
    grown = [len({r["article_id"] for ev in s for r in ev["reports"]}) for s in snapshots]
    assert grown == sorted(grown) and grown[-1] >= 3
    # changes after the second ingest: every changed record is current; deletions name survivors
    res = run("events", "--db", db, "--updated-since", marks[2].isoformat(), "--format", "json")
    changes = json.loads(res.stdout)
    current = {ev["id"]: ev for ev in now}
    assert changes["changed"] and all(current[r["id"]] == r for r in changes["changed"])
    assert all(into in current for into in changes["deleted"].values() if into)
    before = {ev["id"] for ev in snapshots[2]}
    assert set(changes["deleted"]) <= before | {r["id"] for s in snapshots[2:] for r in s}
    assert json.loads(run("events", "--db", db, "--updated-since", marks[-1].isoformat(),
                          "--format", "json").stdout) == {"changed": [], "deleted": {}}
