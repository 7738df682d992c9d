"""`frontwatch extract` / `geoparse` / `ingest` / `events` on the two seed articles, through the CLI."""
import csv
import io
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.records import Event, PlaceMention

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SEEDS.exists(), reason="../shared is not beside the checkout")]


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def gold_of(seed: Path) -> dict:
    return json.loads((GOLD / f"{seed.name}.json").read_text(encoding="utf-8"))


def seed_files():
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def extracted():
    """Events per seed, each seed run with its gold publication date."""
    runner = CliRunner()
    out = {}
    for seed in seed_files():
        res = runner.invoke(main, ["extract", "--format", "jsonl", "--published", gold_of(seed)["published"], str(seed)])
        assert res.exit_code == 0, res.output
        out[seed.name] = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return out


def test_extract_prints_valid_event_records_with_true_offsets(extracted):
    for name, records in extracted.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert records, f"no events for {name}"
        for rec in records:
            ev = Event.from_dict(rec)
            assert ev.article_id == name
            assert ev.to_dict() == rec  # exactly the contract, nothing more, nothing less
            ev_text = text[ev.evidence.start:ev.evidence.end]
            assert ev_text == ev.evidence.text


def test_each_seed_has_an_event_at_its_main_town(extracted):
    # The main town of each seed is the place of its first core gold event (read from gold, not code).
    for seed in seed_files():
        gold = gold_of(seed)
        place = next(e["place"] for e in gold["events"] if e["core"] and e["place"])
        located = [r["location"] for r in extracted[seed.name] if r["location"] and r["location"]["latitude"] is not None]
        dists = [km(place["lat"], place["lon"], loc["latitude"], loc["longitude"]) for loc in located]
        assert dists and min(dists) <= 10.0, (seed.name, place["name"], dists[:5])


def test_geoparse_jsonl_offsets_and_resolution():
    seed = seed_files()[0]
    res = CliRunner().invoke(main, ["geoparse", "--format", "jsonl", str(seed)])
    assert res.exit_code == 0, res.output
    text = seed.read_text(encoding="utf-8")
    places = [PlaceMention.from_dict(json.loads(l)) for l in res.stdout.splitlines() if l.strip()]
    assert places
    for p in places:
        assert text[p.start:p.end] == p.text
        assert p.kind in {"place", "admin", "country", "demonym"}
    assert any(p.latitude is not None for p in places)


def test_ingest_then_query_events_in_every_format(tmp_path):
    db = tmp_path / "fw.db"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", "--db", str(db), "--published", "2017-05-11", str(SEEDS)])
    assert res.exit_code == 0, res.output
    assert "no publication date" not in res.stderr
    again = runner.invoke(main, ["ingest", "--db", str(db), str(SEEDS)])
    assert again.exit_code == 0 and "2 already stored" in again.stderr
    undated = tmp_path / "undated.txt"
    undated.write_text("Shelling\n\nShelling hit Aleppo on Wednesday, a monitor said.\n", encoding="utf-8")
    res = runner.invoke(main, ["ingest", "--db", str(db), str(undated)])
    assert res.exit_code == 0 and "1 stored article(s) have no publication date (undated.txt)" in res.stderr
    res = runner.invoke(main, ["events", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                     "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "notes",
                     "source", "status", "attribution", "evidence", "article_url"} <= set(rows[0])
    res = runner.invoke(main, ["events", "--db", str(db), "--format", "geojson", "--country", "SY"])
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 35 < lon < 43 and 32 < lat < 38  # Syria, lon/lat order
    res = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl", "--type", "ASSAULT"])
    assert all(json.loads(l)["event_type"] == "ASSAULT" for l in res.stdout.splitlines() if l.strip())


def test_every_command_has_help():
    runner = CliRunner()
    for cmd in [[], ["ingest"], ["extract"], ["geoparse"], ["events"], ["evaluate"], ["settings"]]:
        res = runner.invoke(main, cmd + ["--help"])
        assert res.exit_code == 0 and "Usage" in res.output, cmd
