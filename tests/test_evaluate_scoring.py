"""The GOLD.md scoring rules, on hand-built gold dicts and predictions (no model)."""
from __future__ import annotations

import json

import pytest

from frontwatch.evaluate import aggregate, haversine_km, score_article
from frontwatch.evaluate.control import match_control
from frontwatch.evaluate.matching import attribution_correct, match_events
from frontwatch.records import Actor, Attribution, Event, EventDate, Evidence, Fatalities, Location, PlaceMention

# Two real towns ~ 47 km apart and far ones, coordinates from GeoNames.
ALEPPO = (36.20124, 37.16117)
RAQQA = (35.95283, 39.00788)
TABQA = (35.83758, 38.54828)
MOSUL = (36.335, 43.11889)
ISIS = {"name": "ISIS", "aliases": ["Islamic State", "ISIL", "Daesh"]}
SDF = {"name": "SDF", "aliases": ["Syrian Democratic Forces"]}


def gold_event(eid="e1", plover="ASSAULT", status="occurred", place=RAQQA, precision=1, country="SY",
               date=("2017-05-10", "2017-05-10"), core=True, optional=False, actor1=SDF, actor2=ISIS,
               acled=("Battles", "Armed clash"), fatalities=None, attribution=None):
    return {
        "id": eid, "core": core, "optional": optional, "plover": plover, "acled": list(acled), "status": status,
        "actor1": actor1, "actor2": actor2,
        "place": None if place is None else {"name": "x", "country": country, "lat": place[0] if place else None,
                                             "lon": place[1] if place else None, "precision": precision},
        "date": None if date is None else {"start": date[0], "end": date[1]},
        "fatalities": fatalities, "attribution": attribution, "evidence": "text",
    }


def pred(etype="ASSAULT", status="occurred", at=RAQQA, country="SY", start="2017-05-10", end=None,
         actor1=("Syrian Democratic Forces", "SDF"), actor2=("IS", "ISIS"), acled=("Battles", "Armed clash"),
         fatalities=None, attribution=None):
    from datetime import date
    loc = None
    if at is not None or country is not None:
        loc = Location(text="x", latitude=at[0] if at else None, longitude=at[1] if at else None,
                       country_code=country)
    d = None
    if start is not None:
        d = EventDate(text=None, start=date.fromisoformat(start), end=date.fromisoformat(end or start), precision="day")
    return Event(
        article_id="a", event_type=etype, status=status, evidence=Evidence("text", 0, 4),
        acled_event_type=acled[0], acled_sub_event_type=acled[1],
        actor1=Actor(*actor1) if actor1 else None, actor2=Actor(*actor2) if actor2 else None,
        location=loc, date=d, fatalities=Fatalities(*fatalities) if fatalities else None,
        attribution=Attribution(attribution, attribution) if attribution else None,
    )


def gold(*events, toponyms=(), control=()):
    return {"article": "a.txt", "published": "2017-05-11", "events": list(events),
            "toponyms": list(toponyms), "control": list(control)}


def offset(point, km_north):
    """A point km_north kilometres due north of point."""
    return point[0] + km_north / 111.195, point[1]


def matched(g_event, p_event) -> bool:
    return bool(match_events([g_event], [p_event]))


# ----------------------------------------------------------------------------- distance

def test_haversine_known_distance_and_zero():
    assert haversine_km(*RAQQA, *RAQQA) == 0
    assert haversine_km(*ALEPPO, *RAQQA) == pytest.approx(168, abs=3)
    assert haversine_km(*offset(RAQQA, 49.0), *RAQQA) == pytest.approx(49.0, abs=0.1)


# ----------------------------------------------------------------------------- type and status

def test_plover_type_may_be_string_or_list():
    assert matched(gold_event(plover="ASSAULT"), pred("ASSAULT"))
    assert not matched(gold_event(plover="ASSAULT"), pred("COERCE"))
    assert matched(gold_event(plover=["AGREE", "CONCEDE"]), pred("CONCEDE"))
    assert not matched(gold_event(plover=["AGREE", "CONCEDE"]), pred("RETREAT"))


@pytest.mark.parametrize("gold_status,pred_status,ok", [
    ("occurred", "occurred", True), ("planned", "threatened", True), ("speculated", "denied", True),
    ("occurred", "planned", False), ("denied", "occurred", False),
])
def test_status_compares_real_against_not_real(gold_status, pred_status, ok):
    assert matched(gold_event(status=gold_status), pred(status=pred_status)) is ok


# ----------------------------------------------------------------------------- place thresholds

@pytest.mark.parametrize("precision,km,ok", [
    (1, 49, True), (1, 51, False), (2, 49, True), (2, 51, False),
    (3, 51, True), (3, 149, True), (3, 151, False),
])
def test_place_distance_threshold_depends_on_gold_precision(precision, km, ok):
    assert matched(gold_event(precision=precision), pred(at=offset(RAQQA, km))) is ok


def test_country_precision_needs_only_the_same_country():
    g = gold_event(precision=4, place=RAQQA, country="SY")
    assert matched(g, pred(at=ALEPPO, country="SY"))
    assert matched(g, pred(at=None, country="SY"))       # country-level prediction without coordinates
    assert not matched(g, pred(at=MOSUL, country="IQ"))


def test_null_gold_place_accepts_any_prediction_and_missing_coordinates_fail_otherwise():
    assert matched(gold_event(place=None), pred(at=MOSUL, country="IQ"))
    assert matched(gold_event(place=None), pred(at=None, country=None))
    assert not matched(gold_event(precision=1), pred(at=None, country="SY"))
    assert not matched(gold_event(precision=3), pred(at=None, country=None))


# ----------------------------------------------------------------------------- dates

@pytest.mark.parametrize("start,end,ok", [
    ("2017-05-10", None, True), ("2017-05-11", None, True), ("2017-05-09", None, True),
    ("2017-05-12", None, False), ("2017-05-01", "2017-05-08", False), ("2017-05-01", "2017-05-09", True),
])
def test_dates_overlap_with_one_day_of_slack(start, end, ok):
    assert matched(gold_event(date=("2017-05-10", "2017-05-10")), pred(start=start, end=end)) is ok


def test_unknown_dates_agree_with_anything():
    assert matched(gold_event(date=None), pred(start="2001-01-01"))
    assert matched(gold_event(date=("2017-05-10", "2017-05-10")), pred(start=None))


# ----------------------------------------------------------------------------- greedy order

def test_greedy_prefers_the_nearer_gold_event():
    near = gold_event("near", place=RAQQA)
    far = gold_event("far", place=offset(RAQQA, 40))
    p = pred(at=offset(RAQQA, 10))
    assert match_events([far, near], [p]) == [(1, 0)]


def test_greedy_takes_required_before_optional_and_town_level_before_vague():
    optional_exact = gold_event("opt", optional=True, core=False, place=RAQQA)
    required_near = gold_event("req", place=offset(RAQQA, 30))
    assert match_events([optional_exact, required_near], [pred(at=RAQQA)]) == [(1, 0)]
    vague = gold_event("vague", place=None)
    town = gold_event("town", place=offset(RAQQA, 40))
    assert match_events([vague, town], [pred(at=RAQQA)]) == [(1, 0)]


def test_greedy_breaks_distance_ties_by_core():
    side = gold_event("side", core=False)
    core = gold_event("core", core=True)
    assert match_events([side, core], [pred()]) == [(1, 0)]


def test_equal_distance_ties_go_to_the_better_fitting_pair():
    dated = gold_event("dated", core=False, date=("2018-09-10", "2018-09-10"))
    undated = gold_event("undated", core=False, date=None, actor1=ISIS, actor2=SDF)
    wrong_first = [pred(start=None, actor1=("ISIS", "ISIS"), actor2=("SDF", "SDF")), pred(start="2018-09-10")]
    assert match_events([dated, undated], wrong_first) == [(0, 1), (1, 0)]


def test_matching_is_one_to_one():
    g = gold(gold_event("e1"))
    s = score_article(g, [pred(), pred()], [])
    assert s.matched_required == 1 and s.spurious == [1]
    assert s.precision == 0.5 and s.recall == 1.0


# ----------------------------------------------------------------------------- P / R / F1 / core recall

def test_optional_matches_are_neither_true_nor_false_positives():
    g = gold(gold_event("core", core=True),
             gold_event("other", core=False, place=TABQA),
             gold_event("opt", core=False, optional=True, place=MOSUL, country="IQ"))
    preds = [pred(at=RAQQA), pred(at=MOSUL, country="IQ"), pred(etype="PROTEST")]
    s = score_article(g, preds, [])
    assert (s.required, s.core, s.matched_required, s.matched_optional) == (2, 1, 1, 1)
    assert s.precision == pytest.approx(1 / 2)       # PROTEST is the one false positive
    assert s.recall == pytest.approx(1 / 2)          # "other" missed
    assert s.f1 == pytest.approx(0.5)
    assert s.core_recall == 1.0
    assert s.missed == ["other"] and s.spurious == [2]


def test_per_type_counts_follow_the_matching():
    g = gold(gold_event("a", plover=["AGREE", "CONCEDE"]), gold_event("b", place=MOSUL, country="IQ"),
             gold_event("opt", optional=True, core=False, place=TABQA))
    preds = [pred("CONCEDE"), pred("PROTEST"), pred("ASSAULT", at=TABQA)]
    s = score_article(g, preds, [])
    assert s.by_type == {"CONCEDE": [1, 1, 1], "ASSAULT": [1, 0, 0], "PROTEST": [0, 1, 0]}
    assert s.spurious_text == ["PROTEST: text"]
    total = aggregate([s, s]).to_dict()["total"]
    assert total["by_type"]["CONCEDE"] == {"gold": 2, "predicted": 2, "matched": 2, "precision": 1.0, "recall": 1.0}
    assert total["by_type"]["ASSAULT"]["recall"] == 0.0 and total["by_type"]["ASSAULT"]["precision"] is None


def test_missing_optional_costs_nothing_and_empty_predictions_have_no_precision():
    g = gold(gold_event("opt", optional=True, core=False))
    s = score_article(g, [], [])
    assert s.recall is None and s.precision is None and s.f1 is None


def test_aggregate_is_micro_averaged():
    a = score_article(gold(gold_event("e1")), [pred()], [])
    b = score_article(gold(gold_event("e1"), gold_event("e2", place=MOSUL, country="IQ"),
                           gold_event("e3", place=TABQA)), [pred(etype="COERCE")], [])
    total = aggregate([a, b]).total
    assert total.recall == pytest.approx(1 / 4)      # macro would be (1 + 0) / 2
    assert total.precision == pytest.approx(1 / 2)


# ----------------------------------------------------------------------------- matched-pair accuracies

def test_actor_matching_uses_aliases_case_and_diacritics():
    g = gold(gold_event(actor1={"name": "Ahrar al-Shām", "aliases": ["Ahrar"]}, actor2=ISIS))
    s = score_article(g, [pred(actor1=("ahrar al-sham", "AHRAR AL SHAM"), actor2=("the group", "Daesh"))], [])
    assert (s.actor1, s.actor2, s.actor_both) == (1, 1, 1)
    s = score_article(g, [pred(actor1=("Ahrar", "x"), actor2=("Nusra", "Nusra Front"))], [])
    assert (s.actor1, s.actor2, s.actor_both) == (1, 0, 0)


def test_null_actor_against_null_is_correct_and_against_a_name_is_not():
    g = gold(gold_event(actor1=None, actor2=ISIS))
    s = score_article(g, [pred(actor1=None, actor2=None)], [])
    assert (s.actor1, s.actor2) == (1, 0)


def test_acled_pair_date_exact_and_fatalities_accuracy():
    g = gold(gold_event(acled=("Explosions/Remote violence", "Air/drone strike"),
                        date=("2017-05-08", "2017-05-10"), fatalities={"min": 3, "max": 5}))
    good = pred(acled=("Explosions/Remote violence", "Air/drone strike"), start="2017-05-08", end="2017-05-10",
                fatalities=(3, 5))
    s = score_article(g, [good], [])
    assert (s.pairs, s.acled, s.date_exact, s.fatalities) == (1, 1, 1, 1)
    bad = pred(acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"), start="2017-05-10",
               fatalities=(3, 4))
    s = score_article(g, [bad], [])
    assert (s.pairs, s.acled, s.date_exact, s.fatalities) == (1, 0, 0, 0)
    assert s.accuracy("acled") == 0.0


def test_null_fatalities_and_dates_are_matched_only_by_absence():
    g = gold(gold_event(date=None, fatalities=None))
    assert score_article(g, [pred(start=None)], []).date_exact == 1
    assert score_article(g, [pred(start="2017-05-10")], []).date_exact == 0
    assert score_article(g, [pred(fatalities=(1, 1))], []).fatalities == 0


@pytest.mark.parametrize("gold_attr,said,ok", [
    (None, None, True), (None, "officials", False), ("US defense officials", None, False),
    ("US defense officials", "U.S. defense officials", True),
    ("US defense officials", "defense officials", True),
    ("US defense officials", "officials", False),
    ("Syrian Observatory for Human Rights", "the Syrian Observatory for Human Rights", True),
    ("Syrian Observatory for Human Rights", "Syrian Observatory of Human Right", True),
    ("ARA News", "Reuters", False),
])
def test_attribution_fuzzy_rule(gold_attr, said, ok):
    assert attribution_correct(gold_attr, Attribution(said, said) if said else None) is ok


# ----------------------------------------------------------------------------- toponyms

def mention(text, at=None, country=None, kind="place"):
    return PlaceMention(article_id="a", text=text, start=0, end=len(text), latitude=at[0] if at else None,
                        longitude=at[1] if at else None, country_code=country, kind=kind)


def test_toponyms_by_kind_and_median_error():
    tops = [
        {"text": "Raqqa", "name": "Ar Raqqah", "country": "SY", "lat": RAQQA[0], "lon": RAQQA[1], "kind": "place"},
        {"text": "Aleppo", "name": "Aleppo", "country": "SY", "lat": ALEPPO[0], "lon": ALEPPO[1], "kind": "place"},
        {"text": "Mosul", "name": "Mosul", "country": "IQ", "lat": MOSUL[0], "lon": MOSUL[1], "kind": "place"},
        {"text": "Syria", "name": "Syria", "country": "SY", "lat": None, "lon": None, "kind": "country"},
        {"text": "Nineveh", "name": "Nineveh", "country": "IQ", "lat": None, "lon": None, "kind": "admin"},
        {"text": "Tabqa", "name": "Al-Tabqa", "country": "SY", "lat": TABQA[0], "lon": TABQA[1], "kind": "place"},
    ]
    places = [
        mention("Raqqa", offset(RAQQA, 10), "SY"),             # 10 km: correct
        mention("Aleppo", offset(ALEPPO, 200), "SY"),          # 200 km: wrong, error 200
        mention("Mosul", None, "IQ"),                          # unresolved: found, no error, wrong
        mention("Syria", None, "SY", kind="country"),          # country: correct
        mention("Nineveh", None, "SY", kind="admin"),          # admin in the wrong country
        mention("tabqa", TABQA, "SY"),                         # text differs in case: not found
    ]
    s = score_article(gold(toponyms=tops), [], places)
    by_text = {t.text: t for t in s.toponyms}
    assert [by_text[t].correct for t in ("Raqqa", "Aleppo", "Mosul", "Syria", "Nineveh", "Tabqa")] == \
        [True, False, False, True, False, False]
    assert by_text["Mosul"].found and not by_text["Tabqa"].found
    assert s.toponym_accuracy == pytest.approx(2 / 6)
    assert s.toponym_median_km == pytest.approx(105, abs=1)     # median of 10 and 200
    assert by_text["Aleppo"].error_km == pytest.approx(200, abs=1)


@pytest.mark.parametrize("gold_text,said,ok", [
    ("Nangarhar", "Nangarhar province", True), ("the United States", "United States", True),
    ("Achin district", "Achin", True), ("Deir ez-Zor", "Deir ez-Zor Governorate", True),
    ("Nangarhar", "nangarhar", False), ("East Mosul", "Mosul", False), ("Raqqa", "Raqqa Is Being", False),
    ("the", "The", False),
])
def test_toponym_text_rule_tolerates_only_generic_designators(gold_text, said, ok):
    from frontwatch.evaluate.matching import same_toponym
    assert same_toponym(gold_text, said) is ok


def test_toponym_text_is_whitespace_normalised_and_best_resolution_counts():
    top = {"text": "Deir ez Zor", "name": "Deir ez-Zor", "country": "SY", "lat": 35.33588, "lon": 40.14084,
           "kind": "place"}
    places = [mention("Deir  ez\nZor", MOSUL, "IQ"), mention("Deir ez Zor", (35.33588, 40.14084), "SY")]
    s = score_article(gold(toponyms=[top]), [], places)
    assert s.toponyms[0].correct and s.toponyms[0].error_km == pytest.approx(0)


# ----------------------------------------------------------------------------- control

def test_control_matches_place_new_controller_alias_and_from_date():
    g = gold(gold_event(actor1=SDF), control=[
        {"place": "Tabqa", "actor": "SDF", "from": "2017-05-10", "to": None},
        {"place": "Tabqa", "actor": "ISIS", "from": "2013", "to": "2017-05-10"},
    ])
    predicted = [
        {"place": "tabqa", "actor": "Syrian Democratic Forces", "from": "2017-05-11", "to": None},
        {"place": "Tabqa", "actor": "ISIS", "from": "2014-02-01", "to": None},      # wrong year
        {"place": "Raqqa", "actor": "SDF", "from": "2017-05-10", "to": None},        # wrong place
    ]
    s = score_article(g, [], [], predicted)
    assert (s.control_gold, s.control_predicted, s.control_matched) == (2, 3, 1)
    assert s.control_precision == pytest.approx(1 / 3) and s.control_recall == pytest.approx(1 / 2)
    assert match_control(g["control"], [{"place": "Tabqa", "actor": "ISIS", "from": "2013-06"}]) == [(1, 0)]
    late = [{"place": "Tabqa", "actor": "SDF", "from": "2017-05-12"}]
    assert match_control(g["control"], late) == []


def test_control_place_may_be_the_gazetteer_name_or_nearby_coordinates():
    top = {"text": "Raqqah", "name": "Ar Raqqah", "country": "SY", "lat": RAQQA[0], "lon": RAQQA[1], "kind": "place"}
    g = gold(toponyms=[top], control=[{"place": "Raqqah", "actor": "ISIS", "from": None, "to": None}])
    by_name = [{"place": "Ar Raqqah", "actor": "ISIS", "from": None}]
    near = [{"place": {"name": "Raqqa", "lat": offset(RAQQA, 20)[0], "lon": RAQQA[1]}, "actor": "ISIS"}]
    far = [{"place": {"name": "Raqqa", "lat": ALEPPO[0], "lon": ALEPPO[1]}, "actor": "ISIS"}]
    assert score_article(g, [], [], by_name).control_matched == 1
    assert score_article(g, [], [], near).control_matched == 1
    assert score_article(g, [], [], far).control_matched == 0


def test_control_periods_of_the_fusion_layer_are_scored():
    from datetime import date

    from frontwatch.evaluate.control import prediction_from_period

    top = {"text": "Tabqa", "name": "Al-Tabqa", "country": "SY", "lat": TABQA[0], "lon": TABQA[1], "kind": "place"}
    g = gold(gold_event(actor1=SDF), toponyms=[top],
             control=[{"place": "Tabqa", "actor": "SDF", "from": "2017-05-10", "to": None}])
    period = {"place": "Al-Tabqa", "geonameid": 1, "latitude": TABQA[0], "longitude": TABQA[1],
              "controller": "Syrian Democratic Forces", "from_start": date(2017, 5, 8), "from_end": date(2017, 5, 10),
              "to_start": None, "to_end": None, "tier": "control", "evidence": []}
    assert score_article(g, [], [], [prediction_from_period(period)]).control_matched == 1
    early = dict(period, from_start=date(2017, 4, 1), from_end=date(2017, 4, 30))
    assert score_article(g, [], [], [prediction_from_period(early)]).control_matched == 0
    assert prediction_from_period(dict(period, controller=None)) is None


def test_no_control_predictions_give_zero_recall_and_no_precision():
    s = score_article(gold(control=[{"place": "X", "actor": "Y", "from": None, "to": None}]), [], [])
    assert s.control_recall == 0.0 and s.control_precision is None


# ----------------------------------------------------------------------------- rendering

def test_report_renders_rows_and_serialises_to_json():
    a = score_article(gold(gold_event()), [pred()], [mention("Raqqa", RAQQA, "SY")])
    report = aggregate([a], missing=["gone.txt"], errors=["bad.txt: empty"])
    text = report.render()
    assert "a.txt" in text and "ALL" in text and "gone.txt" in text and "bad.txt: empty" in text
    d = json.loads(json.dumps(report.to_dict()))
    assert d["total"]["metrics"]["f1"] == 1.0
    assert d["articles"][0]["matches"] == [["e1", 0]]
    assert d["missing"] == ["gone.txt"]
