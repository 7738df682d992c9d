"""Gold files: the validator's errors, and every shared and development gold file is valid and
faithful to its article (verbatim evidence, literal toponyms; white space folded)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from frontwatch.errors import GoldFormatError
from frontwatch.evaluate import load_gold, load_gold_dir, validate_gold
from frontwatch.evaluate.gold import fold_space, unfaithful
from frontwatch.ingest.sidecar import INDEX_NAME, load_index
from frontwatch.records import normalize_text

TESTS = Path(__file__).resolve().parent
DEV_GOLD = TESTS / "gold"
CORPUS = TESTS.parents[1] / "shared" / "corpus"
SHARED_GOLD = CORPUS / "gold"
MAX_BYTES = 50_000_000  # the corpus indexes are far smaller
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not available")

GOOD = {
    "article": "a.txt", "published": "2017-05-11",
    "events": [{
        "id": "e1", "core": True, "plover": ["ASSAULT"], "acled": ["Battles", "Armed clash"],
        "status": "occurred", "actor1": {"name": "SDF", "aliases": []}, "actor2": None,
        "place": {"name": "Ar Raqqah", "country": "SY", "lat": 35.95, "lon": 39.0, "precision": 1},
        "date": {"start": "2017-05-10", "end": "2017-05-10"}, "fatalities": {"min": 1, "max": 2},
        "attribution": None, "evidence": "fighting",
    }],
    "toponyms": [{"text": "Syria", "name": "Syria", "country": "SY", "lat": None, "lon": None, "kind": "country"}],
    "control": [{"place": "Raqqa", "actor": "ISIS", "from": "2014", "to": None, "evidence": "held"}],
}


def _bad(path: str, value):
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    obj = data
    for p in parents:
        obj = obj[int(p)] if p.isdigit() else obj[p]
    if value is KeyError:
        del obj[last]
    else:
        obj[last] = value
    return data


def test_good_gold_validates():
    validate_gold(GOOD, "good.json")


def test_unfaithful_names_evidence_and_toponyms_missing_from_the_article():
    assert unfaithful(GOOD, "Heavy\u00a0fighting  in Syria; the town was held.") == []
    assert unfaithful(GOOD, "Fighting was held in Syria.", name="g.json") == [
        "g.json e1: evidence not in article: 'fighting'"]
    assert unfaithful(GOOD, "fighting, held", toponym_text="Syria: fighting, held") == []
    assert unfaithful(GOOD, "fighting in Syria") == ["a.txt control Raqqa: evidence not in article"]
    assert unfaithful(GOOD, "fighting, held") == ["a.txt toponym 'Syria' not in article"]


@pytest.mark.parametrize("path,value,field", [
    ("events.0.plover", ["FIGHT"], "events[0].plover"),
    ("events.0.acled", ["Battles", "Air/drone strike"], "events[0].acled"),
    ("events.0.status", "happened", "events[0].status"),
    ("events.0.place", {"name": "x", "country": "SY", "lat": None, "lon": None, "precision": 1},
     "events[0].place.lat"),
    ("events.0.place", {"name": "x", "country": "Syria", "lat": 1, "lon": 1, "precision": 1},
     "events[0].place.country"),
    ("events.0.date", {"start": "2017-05-11", "end": "2017-05-10"}, "events[0].date"),
    ("events.0.date", {"start": "May 2017", "end": "2017-05-10"}, "events[0].date.start"),
    ("events.0.fatalities", {"min": 3, "max": 1}, "events[0].fatalities"),
    ("events.0.actor1", "SDF", "events[0].actor1"),
    ("events.0.evidence", KeyError, "events[0].evidence"),
    ("events.0.core", "yes", "events[0].core"),
    ("toponyms.0.kind", "city", "toponyms[0].kind"),
    ("control.0.from", "10 May 2017", "control[0].from"),
    ("published", "11/05/2017", "published"),
])
def test_validation_errors_name_file_and_field(path, value, field):
    with pytest.raises(GoldFormatError) as info:
        validate_gold(_bad(path, value), "bad.json")
    assert info.value.file == "bad.json" and info.value.field == field
    assert str(info.value).startswith(f"bad.json: {field}:")


def test_duplicate_event_ids_and_broken_json_are_rejected(tmp_path):
    data = copy.deepcopy(GOOD)
    data["events"].append(copy.deepcopy(data["events"][0]))
    with pytest.raises(GoldFormatError, match=r"events\[1\]\.id"):
        validate_gold(data, "dup.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="broken.json"):
        load_gold(tmp_path / "broken.json")


def test_gold_dir_skips_fusion_files_and_rejects_two_files_for_one_article(tmp_path):
    (tmp_path / "a.txt.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "fusion.json").write_text(json.dumps({"kind": "fusion", "clusters": []}), encoding="utf-8")
    assert [g["article"] for g in load_gold_dir(tmp_path)] == ["a.txt"]
    (tmp_path / "b.json").write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="already annotated"):
        load_gold_dir(tmp_path)


# ----------------------------------------------------------------------------- the real gold files

def _gold_files() -> list[Path]:
    files = sorted(DEV_GOLD.glob("*.json"))
    if CORPUS.is_dir():
        files += sorted(SHARED_GOLD.glob("*.json"))
    return [f for f in files if f.name != "fusion.json"]


def _article_body(article_id: str) -> str:
    """The article text as the system sees it (title line removed), from the shared corpus."""
    for folder in ("samples", "clusters", "seeds"):
        path = CORPUS / folder / article_id
        if path.is_file():
            raw = normalize_text(path.read_text(encoding="utf-8"))
            _title, _sep, body = raw.partition("\n\n")
            return fold_space(body)
    raise AssertionError(f"no article file for {article_id}")


@needs_shared
def test_every_gold_file_validates_and_the_folders_load():
    assert len(_gold_files()) >= 22
    for path in _gold_files():
        load_gold(path)
    assert len(load_gold_dir(DEV_GOLD)) >= 20
    assert len(load_gold_dir(SHARED_GOLD)) == 2


@needs_shared
def test_dev_gold_file_names_follow_the_article_id():
    for path in sorted(DEV_GOLD.glob("*.json")):
        if path.name == "fusion.json":
            continue
        gold = load_gold(path)
        assert path.name == gold["article"].replace("/", "__") + ".json", path.name


@needs_shared
def test_evidence_is_verbatim_and_toponyms_are_literal():
    problems = []
    for path in _gold_files():
        gold = load_gold(path)
        problems += unfaithful(gold, _article_body(gold["article"]), name=path.name)
    assert not problems, "\n".join(problems)


@needs_shared
def test_dev_gold_published_dates_follow_the_corpus_index():
    index = {i: row.get("published") for folder in ("samples", "clusters")
             for i, row in load_index(CORPUS / folder / INDEX_NAME, MAX_BYTES).items()}
    for path in sorted(DEV_GOLD.glob("*.json")):
        if path.name == "fusion.json":
            continue
        gold = load_gold(path)
        assert gold["published"] == index[gold["article"]], path.name


@needs_shared
def test_fusion_gold_names_real_articles_and_real_gold_events():
    fusion = json.loads((DEV_GOLD / "fusion.json").read_text(encoding="utf-8"))
    assert fusion["kind"] == "fusion"
    golds = {g["article"]: g for folder in (DEV_GOLD, SHARED_GOLD) for g in load_gold_dir(folder)}
    seen = set()
    groups = fusion["clusters"] + fusion.get("other_groups", [])
    for group in groups:
        assert len(group["articles"]) >= 2
        for article_id in group["articles"]:
            _article_body(article_id)
            assert article_id not in seen, article_id
            seen.add(article_id)
        for copy_pair in group["copies"]:
            assert set(copy_pair) <= set(group["articles"])
        for event in group["events"]:
            assert len(event["mentions"]) >= 2, event["id"]
            for article_id, ids in event["mentions"].items():
                assert article_id in group["articles"], article_id
                gold_ids = {e["id"] for e in golds[article_id]["events"]}
                assert set(ids) <= gold_ids, (article_id, ids)
    clusters = {c["id"]: c for c in fusion["clusters"]}
    index = (CORPUS / "clusters" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    for row in map(json.loads, filter(None, index)):
        assert row["id"] in clusters[row["cluster"]]["articles"], row["id"]
    assert "13_centcom_airstrikes_destroy_captured_tanks_palmyra.txt" in \
        clusters["palmyra_captured_tanks_strike_2016_12"]["articles"]


def _perfect_predictions(gold: dict):
    """The predictions a perfect system would make for a gold file (first PLOVER type of each event)."""
    from datetime import date

    from frontwatch.records import (
        Actor, Attribution, Event, EventDate, Evidence, Fatalities, Location, PlaceMention,
    )

    events = []
    for g in gold["events"]:
        p, d = g["place"], g["date"]
        types = g["plover"] if isinstance(g["plover"], list) else [g["plover"]]
        events.append(Event(
            article_id=gold["article"], event_type=types[0], status=g["status"],
            evidence=Evidence(g["evidence"], 0, len(g["evidence"])),
            acled_event_type=g["acled"][0], acled_sub_event_type=g["acled"][1],
            actor1=Actor(g["actor1"]["name"], g["actor1"]["name"]) if g["actor1"] else None,
            actor2=Actor(g["actor2"]["name"], g["actor2"]["name"]) if g["actor2"] else None,
            location=Location(p["name"], latitude=p["lat"], longitude=p["lon"], country_code=p["country"]) if p else None,
            date=EventDate(None, date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), "day") if d else None,
            fatalities=Fatalities(**g["fatalities"]) if g["fatalities"] else None,
            attribution=Attribution(g["attribution"], g["attribution"]) if g["attribution"] else None,
        ))
    places = [PlaceMention(gold["article"], t["text"], 0, len(t["text"]), latitude=t["lat"], longitude=t["lon"],
                           country_code=t["country"], kind=t["kind"]) for t in gold["toponyms"]]
    control = [{"place": c["place"], "actor": c["actor"], "from": c["from"], "to": c["to"]}
               for c in gold.get("control") or []]
    return events, places, control


@needs_shared
def test_a_perfect_system_scores_perfectly_on_every_gold_file():
    """Scorer and gold agree: no gold event steals another's prediction, every rule accepts the truth."""
    from frontwatch.evaluate import aggregate, score_article

    scores = []
    for path in _gold_files():
        gold = load_gold(path)
        scores.append(score_article(gold, *_perfect_predictions(gold)))
        s = scores[-1]
        assert not s.missed and not s.spurious, (path.name, s.missed, s.spurious)
    total = aggregate(scores).total
    assert total.precision == total.recall == total.core_recall == 1.0
    for name in ("actor_both", "acled", "date_exact", "fatalities", "attribution"):
        assert total.accuracy(name) == 1.0, name
    assert total.toponym_accuracy == 1.0 and total.toponym_median_km == 0.0
    assert total.control_precision == total.control_recall == 1.0
