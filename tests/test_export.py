"""Exporters: ACLED-profile CSV, GeoJSON, JSON Lines, JSON — valid output, exact records."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from frontwatch.export import CSV_COLUMNS, FORMATS, event_id, read_jsonl, write_events
from frontwatch.export.acled_csv import event_date, geo_precision, safe_cell, time_precision
from frontwatch.records import (
    Actor, Article, Attribution, Event, EventDate, Evidence, Fatalities, Location,
)
from frontwatch.store import Store

ARTICLE = Article(id="art-1", text="x", url="https://www.example.org/a/1", outlet="Example News")


def strike(**kw) -> Event:
    values = dict(
        article_id="art-1", event_type="ASSAULT", status="occurred", mode="aerial",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike",
        evidence=Evidence("Coalition jets struck Raqqa, killing 12.", 0, 40),
        trigger=Evidence("struck", 15, 21),
        actor1=Actor("Coalition jets", "Global Coalition"), actor2=Actor("IS", "Islamic State"),
        location=Location("Raqqa", "Ar Raqqah", 163915, 35.95283, 39.00788, "SY",
                          "Ar Raqqah Governorate", 1),
        date=EventDate("on Monday", date(2017, 3, 20), date(2017, 3, 20), "day"),
        fatalities=Fatalities(12, 15), quantities={"jets": 4},
        attribution=Attribution("monitors", "SOHR"),
    )
    values.update(kw)
    return Event(**values)


UNLOCATED = strike(location=None, date=None, fatalities=None, event_type="THREATEN",
                   acled_event_type=None, acled_sub_event_type=None,
                   evidence=Evidence("IS threatened more attacks.", 41, 68))
COUNTRY_ONLY = strike(location=Location("Iraq", "Iraq", 99237, 33.0, 44.0, "IQ", None, 4),
                      date=EventDate("in March", date(2017, 3, 1), date(2017, 3, 31), "month"))
EVENTS = [strike(), UNLOCATED, COUNTRY_ONLY]


def export(fmt, events=EVENTS, **kw) -> str:
    out = io.StringIO()
    assert write_events(events, fmt, out, **kw) == len(events)
    return out.getvalue()


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_header_has_acled_columns_then_frontwatch_columns():
    header = next(csv.reader(io.StringIO(export("csv", []))))
    assert header == list(CSV_COLUMNS)
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    for acled in ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                  "location", "latitude", "longitude", "geo_precision", "source", "notes",
                  "fatalities"):
        assert header.index(acled) < header.index("plover_type")


def test_csv_row_values_follow_the_acled_profile():
    rows = csv_rows(export("csv", articles={"art-1": ARTICLE}))
    assert len(rows) == 3
    day, unlocated, country = rows
    assert day["event_id_cnty"].startswith("SYR-") and day["event_id_cnty"] == event_id(EVENTS[0])
    assert (day["event_date"], day["year"], day["time_precision"]) == ("2017-03-20", "2017", "1")
    assert (day["event_type"], day["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (day["actor1"], day["actor2"]) == ("Global Coalition", "Islamic State")
    assert (day["country"], day["iso"], day["admin1"]) == ("Syria", "760", "Ar Raqqah Governorate")
    assert (day["location"], float(day["latitude"]), float(day["longitude"])) == ("Ar Raqqah", 35.95283, 39.00788)
    assert day["geo_precision"] == "1"
    assert (day["source"], day["article_url"]) == ("Example News", "https://www.example.org/a/1")
    assert day["notes"] == day["evidence"] == "Coalition jets struck Raqqa, killing 12."
    assert (day["fatalities"], day["fatalities_max"]) == ("12", "15")
    assert (day["plover_type"], day["mode"], day["status"], day["attribution"]) == (
        "ASSAULT", "aerial", "occurred", "SOHR")
    assert (day["evidence_start"], day["evidence_end"], day["article_id"]) == ("0", "40", "art-1")

    assert unlocated["event_id_cnty"].startswith("XXX-")
    assert (unlocated["event_date"], unlocated["year"], unlocated["time_precision"]) == ("", "", "")
    assert (unlocated["latitude"], unlocated["country"], unlocated["fatalities"]) == ("", "", "0")

    assert (country["event_date"], country["time_precision"]) == ("2017-03-16", "3")
    assert (country["date_start"], country["date_end"]) == ("2017-03-01", "2017-03-31")
    assert (country["geo_precision"], country["country"]) == ("3", "Iraq")


def test_csv_without_articles_leaves_source_empty():
    row = csv_rows(export("csv", EVENTS[:1]))[0]
    assert row["source"] == "" and row["article_url"] == ""
    domain_only = Article(id="art-1", text="x", url="https://www.outlet.example/p")
    row = csv_rows(export("csv", EVENTS[:1], articles={"art-1": domain_only}))[0]
    assert row["source"] == "outlet.example"


def test_precision_mappings():
    d = date(2017, 3, 1)
    assert time_precision(d, d, "day") == 1
    assert time_precision(d, date(2017, 3, 7), "week") == 2
    for wide in ("month", "season", "year"):
        assert time_precision(d, date(2017, 12, 31), wide) == 3
    assert [time_precision(d, e, None) for e in (d, date(2017, 3, 5), date(2017, 4, 1))] == [1, 2, 3]
    assert time_precision(None, None, None) is None
    assert event_date(d, date(2017, 3, 7), "week") == date(2017, 3, 4)
    assert event_date(d, None, "month") == d
    assert [geo_precision(p) for p in (1, 2, 3, 4, None)] == [1, 2, 3, 3, None]


HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "=HYPERLINK(\"http://evil\",\"x\")"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_csv_neutralises_formulas_but_not_numbers(payload):
    event = strike(actor1=Actor(payload, payload),
                   evidence=Evidence(payload + ' "quoted", <script>x</script>\nnext', 0, 9),
                   location=Location("x", "x", None, -33.5, -70.6, "CL", None, 1))
    row = csv_rows(export("csv", [event]))[0]
    assert row["actor1"] == "'" + payload
    assert row["notes"] == "'" + payload + ' "quoted", <script>x</script>\nnext'
    assert (row["latitude"], row["longitude"]) == ("-33.5", "-70.6")
    assert safe_cell("plain") == "plain" and safe_cell(-4) == -4


def test_geojson_is_valid_with_lon_lat_points_and_counts_unlocated():
    data = json.loads(export("geojson"))
    assert data["type"] == "FeatureCollection"
    assert data["unlocated"] == 1
    assert len(data["features"]) == 2
    first = data["features"][0]
    assert first["type"] == "Feature" and first["id"] == event_id(EVENTS[0])
    assert first["geometry"] == {"type": "Point", "coordinates": [39.00788, 35.95283]}
    assert first["properties"] == EVENTS[0].to_dict()
    assert Event.from_dict(first["properties"]) == EVENTS[0]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_refuses_impossible_coordinates_as_unlocated():
    bad = [strike(location=Location("x", "x", None, 95.0, 10.0, "SY", None, 1)),
           strike(location=Location("x", "x", None, float("nan"), 10.0, "SY", None, 1)),
           strike(location=Location("x", "x", None, None, 10.0, "SY", None, 1))]
    data = json.loads(export("geojson", bad))
    assert data["features"] == [] and data["unlocated"] == 3


def test_jsonl_round_trips_to_events_exactly():
    text = export("jsonl")
    lines = text.splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in EVENTS]
    assert list(read_jsonl(io.StringIO(text))) == EVENTS


def test_json_is_an_array_of_records():
    assert json.loads(export("json")) == [e.to_dict() for e in EVENTS]


def test_hostile_text_survives_json_formats():
    payload = "</script><script>alert(1)</script> \"'; DROP TABLE events;-- \u2028 ✓"
    event = strike(evidence=Evidence(payload, 0, len(payload)))
    assert list(read_jsonl(io.StringIO(export("jsonl", [event])))) == [event]
    assert json.loads(export("geojson", [event]))["features"][0]["properties"]["evidence"]["text"] == payload


def test_unknown_format_is_refused():
    assert set(FORMATS) == {"csv", "jsonl", "geojson", "json"}
    with pytest.raises(ValueError, match="xml"):
        write_events([], "xml", io.StringIO())


def test_store_to_csv_with_articles_from_the_store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        assert store.add(ARTICLE, EVENTS, [])
        events = store.events()
        out = io.StringIO()
        write_events(events, "csv", out, articles=store.articles_by_id(e.article_id for e in events))
    rows = csv_rows(out.getvalue())
    assert [r["source"] for r in rows] == ["Example News"] * 3
    assert {r["event_id_cnty"] for r in rows} == {event_id(e) for e in EVENTS}
