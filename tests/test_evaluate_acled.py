"""`frontwatch evaluate --acled`: reading ACLED exports, scoring, halves, and agreement with the
reference scorer shipped beside the ACLED notes (../shared/corpus/acled/score_acled.py)."""
import csv
import importlib.util
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.evaluate.acled import (AcledError, acled_actor_match, evaluate_acled, half_of, read_acled_csv,
                                       score_acled)

ROOT = Path(__file__).resolve().parents[1]
ACLED = ROOT.parent / "shared" / "corpus" / "acled"
COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
           "location", "latitude", "longitude", "geo_precision", "fatalities", "notes"]


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})
    return path


def _row(i, note, **kw):
    base = {"event_id_cnty": f"XYZ{i}", "event_date": "03 March 2021", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "Military Forces of Ruritania (2010-)", "country": "Ruritania",
            "latitude": "10.0", "longitude": "20.0", "geo_precision": "1", "fatalities": "3", "notes": note}
    base.update(kw)
    return base


NOTE_A = "On 3 March 2021, soldiers clashed with rebels in a town, killing 3."
NOTE_B = "On 2 March 2021, residents marched in the capital."


def test_notes_group_rows_and_dates_in_every_export_format(tmp_path):
    path = _write(tmp_path / "a.csv", [
        _row(1, NOTE_A), _row(2, NOTE_A, latitude="11.0", event_date="3-Mar-21"),
        _row(3, NOTE_B, event_date="2021-03-02", event_type="Protests", sub_event_type="Peaceful protest")])
    notes = read_acled_csv(path)
    assert [n.id for n in notes] == ["acled-XYZ1", "acled-XYZ3"]
    assert [len(n.rows) for n in notes] == [2, 1]
    assert str(notes[0].published) == "2021-03-03" and notes[0].rows[1]["event_date_iso"] == "2021-03-03"
    assert str(notes[1].published) == "2021-03-02"
    assert {n.half for n in notes} <= {"tune", "held"}
    assert half_of(NOTE_A) == half_of(NOTE_A)  # a fixed hash, not a random draw


def test_not_an_acled_export_is_a_named_error(tmp_path):
    bad = tmp_path / "b.csv"
    bad.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(AcledError, match="not an ACLED export"):
        read_acled_csv(bad)
    with pytest.raises(AcledError, match="event_date"):
        read_acled_csv(_write(tmp_path / "c.csv", [_row(1, NOTE_A, event_date="someday")]))


def test_scoring_by_hand(tmp_path):
    path = _write(tmp_path / "a.csv", [
        _row(1, NOTE_A), _row(2, NOTE_A, latitude="12.0"),
        _row(3, NOTE_B, event_type="Protests", sub_event_type="Peaceful protest", fatalities="0")])
    notes = read_acled_csv(path)
    near = {"latitude": 10.1, "longitude": 20.0, "country_code": "XX"}
    preds = {"acled-XYZ1": [
        {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash", "location": near,
         "date": {"start": "2021-03-03", "end": "2021-03-03"}, "fatalities": {"min": 3, "max": 3},
         "actor1": {"text": "soldiers", "name": "x", "acled": "Military Forces of Ruritania"}},
        {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash", "location": near,
         "date": {"start": "2021-03-01", "end": "2021-03-07"}, "fatalities": None, "actor1": None}]}
    res = score_acled(notes, preds)["all"]
    # gold 2 (12.0 N) is 222 km away: not found, but "type" holds (place ignored)
    assert res["gold"] == 3 and res["found"] == round(1 / 3, 3) and res["type"] == round(2 / 3, 3)
    assert res["place"] == round(1 / 3, 3) and res["precision"] == 0.5 and res["silent"] == 0.5
    assert res["sub_type"] == res["date"] == res["fatalities"] == res["actor1"] == 1.0


def test_actor_names_compare_without_period_and_case():
    assert acled_actor_match("Military Forces of Ruritania", "Military Forces of Ruritania (2010-)")
    assert acled_actor_match("police forces of ruritania", "Police Forces of Ruritania (2001-2010)")
    assert not acled_actor_match("Protesters (Ruritania)", "Rioters (Ruritania)")
    assert acled_actor_match(None, "")


def _reference():
    spec = importlib.util.spec_from_file_location("score_acled_reference", ACLED / "score_acled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (ACLED / "score_acled.py").exists(), reason="../shared/corpus/acled is not beside the checkout")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_figures_as_the_reference_scorer(seed):
    """Random predictions (types, points near and far, dates, fatalities) for every note of the dev file:
    the project's scorer reading the CSV and the reference scorer reading the JSONL agree exactly."""
    ref = _reference()
    notes = read_acled_csv(ACLED / "acled_dev.csv")
    golds = [json.loads(line) for line in (ACLED / "dev.gold.jsonl").read_text("utf-8").splitlines() if line]
    assert [n.id for n in notes] == [g["article"] for g in golds]
    rng = random.Random(seed)
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
             "Strategic developments", None]
    preds = {}
    for note in notes:
        events = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            row = rng.choice(note.rows)
            lat, lon = float(row["latitude"]), float(row["longitude"])
            shift = rng.choice([0.0, 0.2, 0.6, 1.5])
            events.append({
                "article_id": note.id, "acled_event_type": rng.choice(types),
                "acled_sub_event_type": rng.choice([row["sub_event_type"], "Armed clash"]),
                "location": rng.choice([None, {"latitude": lat + shift, "longitude": lon - shift}]),
                "date": rng.choice([None, {"start": row["event_date_iso"], "end": row["event_date_iso"]},
                                    {"start": "2020-01-01", "end": "2020-01-31"}]),
                "fatalities": rng.choice([None, {"min": int(row["fatalities"] or 0), "max": None}, {"min": 1, "max": 2}]),
            })
        preds[note.id] = events
    for by in (None, "country", "event_type"):
        ours = score_acled(notes, preds, by=by)
        theirs = ref.score(golds, preds, by)
        for group, figures in theirs.items():
            assert {k: ours[group][k] for k in figures} == figures, (by, group)
    # and through the public entry point
    report = evaluate_acled(None, ACLED / "acled_dev.csv", predictions=preds)
    assert {k: report.halves["all"][k] for k in ref.score(golds, preds)["all"]} == ref.score(golds, preds)["all"]


def test_cli_acled_json(tmp_path):
    path = _write(tmp_path / "a.csv", [_row(1, NOTE_A), _row(3, NOTE_B, event_type="Protests",
                                                                 sub_event_type="Peaceful protest")])
    result = CliRunner().invoke(main, ["evaluate", "--acled", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["halves"]) == {"all", "tune", "held"}
    assert data["halves"]["all"]["notes"] == 2 and data["halves"]["all"]["gold"] == 2
    assert set(data["by_country"]) == {"Ruritania"}
    assert set(data["by_event_type"]) == {"Battles", "Protests"}
