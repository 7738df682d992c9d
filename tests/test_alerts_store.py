"""Alerts in the store (SQLite and PostgreSQL): versions new / updated / resolved, idempotent
re-runs, --as-of / --updated-since, incremental update equal to a full run, CLI output."""
import json
from datetime import date, datetime, timezone

from click.testing import CliRunner

from frontwatch.alerts import AlertService
from frontwatch.cli import main
from frontwatch.datasets import import_file
from frontwatch.store import Store
from frontwatch.store import alerts as db

from alerts_helpers import acled_row, escalation_rows, write_acled


def clock(*args):
    return lambda: datetime(*args, tzinfo=timezone.utc)


def _current(st):
    return {r["id"]: (r["rule"], r["raised"], r["status"], r["version"]) for r in db.query(st)}


def test_alert_versions_and_idempotent_runs(store_url, tmp_path):
    rows = escalation_rows()
    cut = [r for r in rows if r["event_date"].endswith("2018") or int(r["year"]) < 2018]
    with Store(store_url) as st:
        import_file(st, "acled", write_acled(tmp_path / "a.csv", [r for r in cut if int(r["year"]) <= 2018]),
                    today=date(2025, 1, 1))
        svc = AlertService(st, clock=clock(2018, 12, 31, 12))
        first = svc.run(through=date(2018, 12, 31))
        assert first.new >= 2 and first.updated == 0
        stored = _current(st)
        rules = {v[0] for v in stored.values()}
        assert {"surge", "first-strike"} <= rules
        surge = next(r for r in db.query(st, rule="surge") if r["raised"] >= "2018-07-01")
        assert surge["status"] == "new" and surge["version"] == 1
        assert surge["evidence"] and surge["evidence"][0]["reports"][0]["outlet"] == "ACLED"
        assert surge["evidence"][0]["grade"] and surge["place"]["admin1"] == "North"
        # the same store evaluated again: same ids, no new versions
        again = AlertService(st, clock=clock(2018, 12, 31, 13)).run(through=date(2018, 12, 31))
        assert (again.new, again.updated, again.resolved) == (0, 0, 0) and _current(st) == stored
        # January 2019 arrives: the North surge grows (updated), later it is resolved
        import_file(st, "acled", write_acled(tmp_path / "b.csv", rows), today=date(2025, 1, 1))
        up = AlertService(st, clock=clock(2019, 1, 20, 12)).update(through=date(2019, 1, 20))
        assert up.updated >= 1
        grown = db.query(st, rule="surge", place="north")[0]
        assert grown["id"] == surge["id"] and grown["status"] == "updated" and grown["version"] == 2
        done = AlertService(st, clock=clock(2019, 6, 1, 12)).run(through=date(2019, 6, 1))
        assert done.resolved >= 1
        assert db.query(st, rule="surge", place="north")[0]["status"] == "resolved"
        # versions: as of the first run, and what changed since then
        then = {r["id"]: r["status"] for r in db.as_of(st, datetime(2018, 12, 31, 12, 30, tzinfo=timezone.utc))}
        assert then[surge["id"]] == "new"
        changed = {r["id"] for r in db.updated_since(st, datetime(2018, 12, 31, 13, 30, tzinfo=timezone.utc))}
        assert surge["id"] in changed
        assert [v["status"] for v in db.history(st, surge["id"])] == ["new", "updated", "resolved"]


def test_incremental_update_equals_a_full_run(store_url, tmp_path):
    rows = escalation_rows()
    early = [r for r in rows if int(r["year"]) <= 2017]
    with Store(store_url) as st:
        import_file(st, "acled", write_acled(tmp_path / "a.csv", early), today=date(2025, 1, 1))
        AlertService(st, clock=clock(2019, 3, 1)).run(through=date(2019, 3, 1))
        import_file(st, "acled", write_acled(tmp_path / "b.csv", rows), today=date(2025, 1, 1))
        AlertService(st, clock=clock(2019, 3, 2)).update(through=date(2019, 3, 1))
        incremental = {k: v[:2] for k, v in _current(st).items()}
        fresh = AlertService(st).evaluate(through=date(2019, 3, 1))
        assert incremental == {r["id"]: (r["rule"], r["raised"]) for r in fresh}


def test_cli_alerts_formats(tmp_path):
    path = write_acled(tmp_path / "a.csv", escalation_rows() + [acled_row(999, date(2019, 2, 1), "South", 1)])
    db_path = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "acled", "--db", db_path, str(path)]).exit_code == 0
    res = runner.invoke(main, ["alerts", "--db", db_path, "--through", "2019-02-01", "--no-population",
                               "--rule", "surge"])
    assert res.exit_code == 0, res.output
    assert "surge" in res.stdout and "evidence (" in res.stdout and "via ACLED" in res.stdout
    res = runner.invoke(main, ["alerts", "--db", db_path, "--no-refresh", "--format", "jsonl"])
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs and all(r["id"].startswith("al-") and r["status"] in ("new", "updated", "resolved") for r in recs)
    res = runner.invoke(main, ["alerts", "--db", db_path, "--no-refresh", "--format", "geojson", "--place", "north"])
    fc = json.loads(res.stdout)
    assert fc["features"] and all(f["properties"]["place"] == "North" for f in fc["features"])
    res = runner.invoke(main, ["alerts", "--db", db_path, "--backtest", "--from", "2018-01-01", "--to", "2019-01-31"])
    assert res.exit_code == 0 and "precision" in res.stdout and "surge" in res.stdout
