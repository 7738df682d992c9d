"""Territorial control timelines from capture events and control statements."""
from __future__ import annotations

import json
from datetime import date

from frontwatch.fuse import ControlClaim, control_at, control_geojson, control_timeline, fuse

from test_fuse_factories import D, event, loc, surrender_cluster

CAPTURE = event("cap", "ASSAULT", "Tabqa", D, "The SDF captured Tabqa from ISIS.", "SDF", "ISIS",
                sub="Non-state actor overtakes territory")
SINCE_2013 = ControlClaim(place=loc("Tabqa"), actor="ISIS", since=date(2013, 6, 1), since_precision="year",
                          evidence="Tabqa has been under ISIS control since 2013.", article_id="bf",
                          as_of=date(2017, 5, 11))


def test_capture_plus_since_claim_gives_isis_then_sdf():
    periods = control_timeline([CAPTURE], [SINCE_2013])
    assert [(p.controller, p.from_start, p.from_end, p.to_start, p.to_end, p.tier) for p in periods] == [
        ("ISIS", date(2013, 1, 1), date(2013, 12, 31), D, D, "control"),
        ("SDF", D, D, None, None, "control"),
    ]
    assert periods[0].place == "Tabqa" and periods[0].geonameid == 163345
    assert periods[0].evidence[0]["text"].startswith("Tabqa has been under ISIS control")


def test_control_at_dates_and_bbox():
    periods = control_timeline([CAPTURE], [SINCE_2013])
    assert [(r["controller"], r["certain"]) for r in control_at(periods, date(2015, 1, 1))] == [("ISIS", True)]
    assert [(r["controller"], r["certain"]) for r in control_at(periods, date(2013, 3, 1))] == [("ISIS", False)]
    assert [r["controller"] for r in control_at(periods, D)] == ["SDF"]
    assert control_at(periods, date(2012, 1, 1)) == []
    assert control_at(periods, D, bbox=(0.0, 0.0, 1.0, 1.0)) == []
    assert len(control_at(periods, D, bbox=(38.0, 35.0, 39.0, 36.0))) == 1


def test_handover_canonical_event_is_a_control_change():
    canon = fuse(surrender_cluster())
    claim = ControlClaim(place=loc("Tabqa"), actor="ISIS", since=None, evidence="ISIS-held Tabqa",
                         article_id="bi")
    periods = control_timeline(canon, [claim])
    assert [(p.controller, p.from_start, p.to_start, p.tier) for p in periods] == [
        ("ISIS", None, D, "control"), ("SDF", D, None, "control")]


def test_withdrawal_without_successor_ends_the_period_and_party_claims_are_claimed():
    leave = event("w", "RETREAT", "Hajin", date(2018, 12, 14), "ISIS withdrew from Hajin.", "ISIS", None)
    held = ControlClaim(place=loc("Hajin"), actor="ISIS", since=date(2014, 7, 1), since_precision="month",
                        evidence="held since July 2014", article_id="r", attribution="Amaq")
    (p,) = control_timeline([leave], [held])
    assert (p.controller, p.from_start, p.from_end, p.to_start, p.tier) == (
        "ISIS", date(2014, 7, 1), date(2014, 7, 31), date(2018, 12, 14), "claimed")


def test_overlapping_start_ranges_are_contested():
    a = ControlClaim(place=loc("Hajin"), actor="ISIS", since=date(2014, 1, 1), since_precision="year",
                     evidence="x", article_id="a")
    b = event("b", "ASSAULT", "Hajin", date(2014, 6, 1), "Regime forces retook Hajin.", "Regime", "ISIS",
              sub="Government regains territory")
    periods = control_timeline([b], [a])
    assert [(p.controller, p.tier) for p in periods] == [("ISIS", "contested"), ("Regime", "contested")]


def test_non_occurred_and_non_territorial_events_are_ignored():
    planned = event("p", "RETREAT", "Hajin", D, "ISIS may withdraw.", "ISIS", "SDF", status="speculated")
    strike = event("s", "ASSAULT", "Hajin", D, "Strikes hit Hajin.", "Coalition", "ISIS")
    assert control_timeline([planned, strike]) == []


def test_geojson_is_valid_feature_collection():
    periods = control_timeline([CAPTURE], [SINCE_2013])
    gj = json.loads(json.dumps(control_geojson(periods), default=str))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    f = gj["features"][0]
    assert f["geometry"]["coordinates"] == [38.5481, 35.8364] and f["properties"]["controller"] == "ISIS"
    assert [f["properties"]["controller"] for f in control_geojson(periods, D)["features"]] == ["SDF"]
