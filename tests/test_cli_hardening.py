"""The CLI under the attack run's inputs (issue 15) and the CLI habits of issue 16: options
checked by the same module as the API, read commands refusing a missing store, control
characters neutralised, relative periods on a fixed day, plain progress lines off a terminal."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from rich.console import Console

from frontwatch import cli, validation
from frontwatch.cli import main
from frontwatch.errors import InvalidParameterError
from frontwatch.store import Store
from frontwatch.terminal import PlainProgress, cell, neutralise


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fw.db"
    Store(f"sqlite:///{path}").close()
    return str(path)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("args, api_param", [
    (["--limit", "-1"], "limit"),
    (["--since", "2017-02-01", "--until", "2017-01-01"], "since"),
    (["--country", "SYR"], "country"),
    (["--type", "NOTATYPE"], "type"),
    (["--actor", "a\x00b"], "actor"),
])
def test_events_options_are_refused_like_the_api(db, args, api_param):
    res = run("events", "--db", db, *args)
    assert res.exit_code == 2 and "Traceback" not in res.output, res.output
    assert "Invalid value" in res.output


def test_api_and_cli_share_the_checks():
    with pytest.raises(InvalidParameterError):
        validation.country("SYR")
    with pytest.raises(InvalidParameterError):
        validation.date_range(date(2017, 2, 1), date(2017, 1, 1))
    with pytest.raises(InvalidParameterError):
        validation.limit(-1)
    from frontwatch.web import params

    assert params.parse_bbox.__module__ == "frontwatch.web.params"
    with pytest.raises(params.ApiError):
        params.parse_bbox("1e999,0,1,1")


def test_control_bbox_overflow_is_a_clean_error(db):
    res = run("control", "--db", db, "--bbox", "1e999,0,1,1")
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "finite" in res.output
    assert not isinstance(res.exception, ValueError | OverflowError)


@pytest.mark.parametrize("command", [["events"], ["control"], ["token", "list"]])
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path, command):
    missing = tmp_path / "typo.db"
    res = run(*command, "--db", missing)
    assert res.exit_code != 0 and "StoreNotFoundError" in res.output
    assert not missing.exists()


def test_relative_periods_resolve_against_the_given_day():
    day = date(2017, 3, 31)
    assert validation.parse_day("7d", "since", day) == date(2017, 3, 24)
    assert validation.parse_day("2w", "since", day) == date(2017, 3, 17)
    assert validation.parse_day("1m", "since", day) == date(2017, 2, 28)  # the month's last day
    assert validation.parse_day("1y", "since", date(2016, 2, 29)) == date(2015, 2, 28)
    assert validation.parse_day("2017-01-05", "since", day) == date(2017, 1, 5)
    with pytest.raises(InvalidParameterError):
        validation.parse_day("7d", "since")  # the API's `at`/`published` take dates only
    with pytest.raises(InvalidParameterError):
        validation.parse_day("9999y", "since", day)


def test_cli_since_uses_the_injected_today(db, monkeypatch):
    monkeypatch.setattr(cli, "today", lambda: date(2017, 3, 31))
    res = run("events", "--db", db, "--since", "1w", "--until", "2017-03-01")
    assert res.exit_code == 2 and "2017-03-24" in res.output  # since (1w back) after until


def test_sort_orders_newest_first_and_keeps_missing_values_last():
    recs = [{"id": "a", "date_start": "2016-01-02", "sources": 1},
            {"id": "b", "date_start": None, "sources": 3},
            {"id": "c", "date_start": "2017-05-01", "sources": 2}]
    assert [r["id"] for r in cli.sort_records(recs, validation.sort_key(None))] == ["c", "a", "b"]
    assert [r["id"] for r in cli.sort_records(recs, "date")] == ["a", "c", "b"]
    assert [r["id"] for r in cli.sort_records(recs, validation.sort_key("-sources"))] == ["b", "c", "a"]
    with pytest.raises(InvalidParameterError):
        validation.sort_key("-evidence")


def test_control_characters_never_reach_the_terminal():
    hostile = "id\x1b[31mRED\x1b]0;title\x07\u202eevil\x9b2J"
    assert "\x1b" not in neutralise(hostile) and "\x07" not in neutralise(hostile)
    assert "\\x1b[31mRED" in neutralise(hostile) and "\\u202e" in neutralise(hostile)
    assert neutralise("a\nb\tc") == "a\nb\tc" and neutralise("a\nb", one_line=True) == "a\\x0ab"
    table = cli.fused_table([{"date_start": "2017-01-01", "event_type": "ASSAULT", "status": "occurred",
                              "actor1": "[bold]x\x1b[2J", "actor2": None, "location": {"name": "T\x00"},
                              "sources": 1, "grade": "B2", "reports": [], "id": hostile}])
    console = Console(width=300, record=True, force_terminal=True, color_system=None)
    console.print(table)
    text = console.export_text()
    assert "\x1b" not in text and "\x00" not in text and "[bold]x" in text  # markup not applied
    assert str(cell("\x1b")) == "\\x1b"


def test_plain_progress_prints_counts_rate_and_eta_on_a_test_clock():
    lines, now = [], [0.0]
    bar = PlainProgress("ingesting", lines.append, every=10, clock=lambda: now[0])
    with bar:
        task = bar.add_task("ingest", total=100)
        for _ in range(25):
            now[0] += 1
            bar.advance(task)
    assert lines[0] == "ingesting: 10/100 (10%), 1.0/s, 10s elapsed, ETA 1m30s"
    assert lines[1].startswith("ingesting: 20/100 (20%)")
    assert lines[-1].endswith(" - done") and "25/100" in lines[-1]
