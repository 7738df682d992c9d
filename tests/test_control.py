"""Component ``frontwatch_control`` and control timelines from the store (real spaCy model,
gazetteer and SQLite store). Seed 003 is scored with GOLD.md's control metric."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from frontwatch.evaluate import match_control
from frontwatch.evaluate.control import control_places, prediction_from_period
from frontwatch.evaluate.metrics import _control_aliases
from frontwatch.fuse import ControlClaim
from frontwatch.monitor import Monitor
from frontwatch.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = SHARED / "seeds" / "003_f77d8574fdd8c207.txt"
GOLD = SHARED / "gold" / "003_f77d8574fdd8c207.txt.json"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def monitor(tmp_path_factory):
    m = Monitor(db=f"sqlite:///{tmp_path_factory.mktemp('ctl') / 'fw.db'}")
    yield m
    m.close()


def claims(monitor, text, published=date(2020, 3, 1)):
    result = next(monitor.analyse([Article(id="t", text=text, published=published)]))
    assert all(isinstance(c, ControlClaim) for c in result.control_claims)
    return [(c.place.text, c.actor, c.since, c.since_precision) for c in result.control_claims]


@pytest.mark.parametrize("text, expected", [
    ("Mosul has been under ISIS control since 2014.", [("Mosul", "ISIS", date(2014, 1, 1), "year")]),
    ("Mosul has been under ISIS control since June 2014.", [("Mosul", "ISIS", date(2014, 6, 1), "month")]),
    ("Residents of the ISIS-held town of Hajin fled on Monday.", [("Hajin", "ISIS", None, "day")]),
    ("Mosul, the biggest ISIS stronghold in Iraq, is surrounded.", [("Mosul", "ISIS", None, "day")]),
    ("Analysts expect a long fight for ISIS's self-proclaimed capital of Mosul.", [("Mosul", "ISIS", None, "day")]),
    ("Leaders moved to ISIS-controlled cities along the river, including Mosul and Abu Kamal.",
     [("Mosul", "ISIS", None, "day"), ("Abu Kamal", "ISIS", None, "day")]),
    ("Coalition aircraft struck Mosul on Monday.", []),
    ("Mosul is under ISIS control.", [("Mosul", "ISIS", None, "day")]),
    ("Mosul was once under ISIS control.", []),
    ("ISIS has had control of Mosul for two years.", [("Mosul", "ISIS", None, "day")]),
    ("ISIS still controls Mosul and its airport.", [("Mosul", "ISIS", None, "day")]),
    ("ISIS does not control Mosul.", []),
    ("Mosul, the de facto capital of ISIS in Iraq, was quiet.", [("Mosul", "ISIS", None, "day")]),
    ("Mosul, held by ISIS since 2014, was shelled.", [("Mosul", "ISIS", date(2014, 1, 1), "year")]),
])
def test_control_statements(monitor, text, expected):
    assert claims(monitor, text) == expected


def test_claims_carry_evidence_article_and_date(monitor):
    result = next(monitor.analyse([Article(id="art-1", text="Mosul has been under ISIS control since 2014.",
                                           published=date(2016, 1, 2))]))
    (c,) = result.control_claims
    assert c.evidence == "Mosul has been under ISIS control since 2014."
    assert c.article_id == "art-1" and c.as_of == date(2016, 1, 2)
    assert c.place.geonameid is not None and c.place.latitude is not None


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside the checkout")
def test_seed_003_control_periods_match_gold(monitor):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    report = monitor.ingest([str(SEED)], published=date.fromisoformat(gold["published"]))
    assert report.stored == [SEED.name] and report.fusion.periods > 0
    periods = monitor.control()
    predicted = [p for p in map(prediction_from_period, periods) if p is not None]
    pairs = match_control(gold["control"], predicted, _control_aliases(gold), control_places(gold))
    matched = {gold["control"][g]["place"] + "/" + gold["control"][g]["actor"] for g, _ in pairs}
    # the three dated changes the brief asks for, plus Raqqa held by ISIS (start unknown)
    assert {"Tabqa/ISIS", "Tabqa/SDF", "Manbij/SDF"} <= matched
    recall, precision = len(pairs) / len(gold["control"]), len(pairs) / len(predicted)
    assert recall == 1.0 and precision >= 0.5, (recall, precision, predicted)
    tabqa = [p for p in monitor.control(place="tabqa")]
    assert [(p["controller"], p["from_start"], p["to_start"]) for p in tabqa] == [
        ("ISIS", "2013-01-01", "2017-05-10"), ("SDF", "2017-05-10", None)]
    assert all(p["evidence"] and all(e["text"] and e["article_id"] == SEED.name for e in p["evidence"]) for p in tabqa)
    # who held it on a day: ISIS in 2016, the SDF after the withdrawal
    assert [p["controller"] for p in monitor.control(place="tabqa", at="2016-03-01")] == ["ISIS"]
    assert [p["controller"] for p in monitor.control(place="tabqa", at="2017-06-01")] == ["SDF"]
    around = monitor.control(at="2017-06-01", bbox=(37.5, 35.5, 39.0, 36.7))  # Tabqa and Manbij, not Raqqa
    assert {p["controller"] for p in around} == {"SDF"} and len(around) == 2
