"""evaluate(): real ingest and Monitor.analyse over a blank spaCy pipeline whose one component
writes fixed predictions (no model), so the driver's plumbing is what is tested."""
from __future__ import annotations

import json
from datetime import date

import pytest
import spacy
from spacy.language import Language

from frontwatch.evaluate import evaluate
from frontwatch.monitor import Monitor
from frontwatch.nlp import extensions  # noqa: F401  (registers doc._ extensions)
from frontwatch.records import Event, EventDate, Evidence, Location, PlaceMention

pytest.importorskip("frontwatch.ingest")

SEEN: dict[str, object] = {}          # article id -> doc._.published seen by the pipeline
RAQQA = (35.95283, 39.00788)


@Language.component("frontwatch_test_fixed_output")
def fixed_output(doc):
    SEEN[doc._.article_id] = doc._.published
    if "fighting" in doc.text:
        doc._.events = [Event(
            article_id=doc._.article_id, event_type="ASSAULT", evidence=Evidence("fighting", 0, 8),
            location=Location("Raqqa", latitude=RAQQA[0], longitude=RAQQA[1], country_code="SY"),
            date=EventDate(None, date(2017, 5, 10), date(2017, 5, 10), "day"))]
    else:
        doc._.events = []
    start = doc.text.find("Raqqa")
    doc._.places = [] if start < 0 else [PlaceMention(
        doc._.article_id, "Raqqa", start, start + 5, latitude=RAQQA[0], longitude=RAQQA[1], country_code="SY")]
    return doc


def _gold(article, published, with_event):
    events = [{
        "id": "e1", "core": True, "plover": "ASSAULT", "acled": ["Battles", "Armed clash"], "status": "occurred",
        "actor1": None, "actor2": None,
        "place": {"name": "Ar Raqqah", "country": "SY", "lat": RAQQA[0], "lon": RAQQA[1], "precision": 1},
        "date": {"start": "2017-05-10", "end": "2017-05-10"}, "fatalities": None, "attribution": None,
        "evidence": "fighting",
    }] if with_event else []
    return {"article": article, "published": published, "events": events,
            "toponyms": [{"text": "Raqqa", "name": "Ar Raqqah", "country": "SY", "lat": RAQQA[0],
                          "lon": RAQQA[1], "kind": "place"}],
            "control": [{"place": "Raqqa", "actor": "SDF", "from": "2017-05-10", "to": None}]}


@pytest.fixture
def monitor(tmp_path):
    m = Monitor(cache_dir=str(tmp_path / "cache"), db=str(tmp_path / "x.db"))
    nlp = spacy.blank("en")
    nlp.add_pipe("frontwatch_test_fixed_output")
    m.__dict__["nlp"] = nlp       # the cached_property slot: no model, no gazetteer
    SEEN.clear()
    return m


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    for name, data in {
        "a.txt.json": _gold("a.txt", "2017-05-11", True),
        "c1__b.txt.json": _gold("c1/b.txt", None, False),
        "gone.txt.json": _gold("gone.txt", None, False),
    }.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    (folder / "fusion.json").write_text(json.dumps({"kind": "fusion", "clusters": []}), encoding="utf-8")
    return folder


def test_evaluate_over_a_folder_fills_published_and_reports_missing(monitor, gold_dir, tmp_path):
    articles = tmp_path / "articles"
    (articles / "c1").mkdir(parents=True)
    (articles / "a.txt").write_text("A title\n\nHeavy fighting in Raqqa on Wednesday.\n", encoding="utf-8")
    (articles / "c1" / "b.txt").write_text("Another\n\nCalm day in Raqqa, residents said.\n", encoding="utf-8")
    control = {"a.txt": [{"place": "Raqqa", "actor": "SDF", "from": "2017-05-10"}]}
    report = evaluate(monitor, gold_dir, articles, control=control)
    assert [a.article for a in report.articles] == ["a.txt", "c1/b.txt"]
    assert report.missing == ["gone.txt"]
    assert SEEN["a.txt"] == date(2017, 5, 11)         # from the gold file
    total = report.total
    assert (total.required, total.matched_required, total.predictions) == (1, 1, 1)
    assert total.f1 == 1.0 and total.toponym_accuracy == 1.0
    assert (total.control_gold, total.control_matched) == (2, 1)
    assert "gone.txt" in report.render()


def test_evaluate_over_jsonl_matches_by_id(monitor, gold_dir, tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "a.txt", "text": "Heavy fighting near Raqqa."},
            {"id": "c1/b.txt", "text": "Nothing happened in Raqqa.", "published": "2017-05-01"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = evaluate(monitor, gold_dir, path)
    assert sorted(a.article for a in report.articles) == ["a.txt", "c1/b.txt"]
    assert SEEN["c1/b.txt"] == date(2017, 5, 1)       # the article's own date wins
    assert report.total.matched_required == 1
    assert report.total.control_predicted == 0 and report.total.control_recall == 0.0


def test_evaluate_searches_several_sources_in_order(monitor, gold_dir, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text("T\n\nHeavy fighting in Raqqa.\n", encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"id": "b.txt", "text": "Quiet in Raqqa."}) + "\n", encoding="utf-8")
    report = evaluate(monitor, gold_dir, [first, second])
    assert sorted(a.article for a in report.articles) == ["a.txt", "c1/b.txt"]
    assert report.missing == ["gone.txt"]


def test_module_entry_point_reports_bad_gold_without_loading_the_model(tmp_path, capsys):
    from frontwatch.evaluate.__main__ import main

    assert main([str(tmp_path / "missing"), str(tmp_path)]) == 2
    (tmp_path / "bad.json").write_text(json.dumps({"article": "a.txt", "events": [], "toponyms": [{}]}),
                                       encoding="utf-8")
    assert main([str(tmp_path), str(tmp_path)]) == 2
    assert "bad.json: toponyms[0].text" in capsys.readouterr().err


# --------------------------------------------------------------------------- the floors gate

def _floors_repo(tmp_path, gold_dir, floors: dict, articles=("articles",)):
    """A repository-like folder: tests/floors.json whose paths are relative to its root."""
    (tmp_path / "tests").mkdir(exist_ok=True)
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("A title\n\nHeavy fighting in Raqqa on Wednesday.\n", encoding="utf-8")
    path = tmp_path / "tests" / "floors.json"
    path.write_text(json.dumps({"suites": {
        "main": {"gold": gold_dir.name, "articles": list(articles), "floors": floors},
        "elsewhere": {"gold": "no-such-gold", "articles": ["articles"], "floors": {"f1": 0.5}},
    }}), encoding="utf-8")
    return path


def test_floors_gate_passes_fails_and_skips(monitor, gold_dir, tmp_path):
    from frontwatch.evaluate.floors import check_floors

    path = _floors_repo(tmp_path, gold_dir, {"f1": 1.0, "toponym_accuracy_161km": 0.9})
    results = {r.suite: r for r in check_floors(monitor, path)}
    assert results["main"].passed and results["main"].metrics["f1"] == 1.0
    assert results["elsewhere"].skipped and "no-such-gold" in results["elsewhere"].skipped
    assert "pass" in results["main"].render()

    path = _floors_repo(tmp_path, gold_dir, {"f1": 1.0, "control_recall": 0.9})
    (main,) = check_floors(monitor, path, ["main"])
    assert not main.passed and main.below == {"control_recall": (0.0, 0.9)}
    assert "below" in main.render() and main.to_dict()["below"]["control_recall"]["floor"] == 0.9


def test_floors_gate_rejects_bad_files_and_unknown_suites(monitor, gold_dir, tmp_path):
    from frontwatch.evaluate.floors import FloorsError, check_floors

    bad = tmp_path / "floors.json"
    for text, message in [("{", "not valid JSON"), ("{}", "no 'suites'"),
                          ('{"suites": {"x": {"gold": "g", "articles": "a", "floors": {}}}}', "needs 'gold'")]:
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(FloorsError, match=message):
            check_floors(monitor, bad)
    with pytest.raises(FloorsError, match="cannot read"):
        check_floors(monitor, tmp_path / "absent.json")
    path = _floors_repo(tmp_path, gold_dir, {"f1": 1.0})
    with pytest.raises(FloorsError, match="no suite named nope"):
        check_floors(monitor, path, ["nope"])


def test_evaluate_command_gate_exit_codes(tmp_path):
    from click.testing import CliRunner

    from frontwatch.cli import main
    from frontwatch.evaluate.floors import FloorsError

    bad = tmp_path / "floors.json"
    bad.write_text("{}", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--floors", str(bad)])
    assert isinstance(result.exception, FloorsError)
    result = runner.invoke(main, ["evaluate", str(tmp_path), str(tmp_path), "--floors", str(bad)])
    assert result.exit_code == 2 and "not both" in result.output
    result = runner.invoke(main, ["evaluate"])
    assert result.exit_code == 2 and "GOLD_DIR" in result.output
