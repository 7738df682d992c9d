"""Rule evaluation over facts: each kind fires where it should and not at its near misses, and
evaluating once equals a day-by-day replay with only the facts known by each day."""
from dataclasses import replace
from datetime import date, timedelta

from frontwatch.alerts.backtest import replay
from frontwatch.alerts.evaluate import evaluate
from frontwatch.alerts.rules import builtin_rules, parse_rule

from alerts_helpers import fact

RULES = {r.id: r for r in builtin_rules()}
D = date.fromordinal


def test_surge_needs_a_level_unseen_in_a_year_and_the_floor():
    quiet = [fact(i, date(2017, 1, 5) + timedelta(days=60 * i), fatalities=4) for i in range(12)]
    spike = [fact(100, date(2019, 3, 1), fatalities=6), fact(101, date(2019, 3, 10), fatalities=7)]
    eps = evaluate([RULES["surge"]], quiet + spike, date(2019, 4, 1).toordinal())
    assert [(e.scope, D(e.start)) for e in eps] == [("area:BF/North", date(2019, 3, 10))]
    ep = eps[0]
    assert ep.detail["value"] == 13 and ep.detail["max_1y"] == 4 and ep.detail["level_years"] == 3
    assert ep.evidence == ["ce-101", "ce-100"]  # most deaths first
    # below the floor (10): 4 + 5 = 9 deaths never alert, however quiet the area was
    low = [fact(100, date(2019, 3, 1), fatalities=4), fact(101, date(2019, 3, 10), fatalities=5)]
    assert evaluate([RULES["surge"]], quiet + low, date(2019, 4, 1).toordinal()) == []
    # a level already seen within the year does not alert again
    seen = [fact(200, date(2018, 11, 1), fatalities=14)]
    eps = evaluate([RULES["surge"]], quiet + seen + spike, date(2019, 4, 1).toordinal())
    assert [D(e.start) for e in eps] == [date(2018, 11, 1)]


def test_surge_level_one_year_only_when_a_higher_level_lies_two_years_back():
    old = [fact(1, date(2016, 6, 1), fatalities=30)]
    now = [fact(2, date(2018, 9, 1), fatalities=12)]
    first, ep = evaluate([RULES["surge"]], old + now, date(2018, 10, 1).toordinal())
    assert D(first.start) == date(2016, 6, 1) and first.detail["level_years"] == 3  # nothing before it
    assert D(ep.start) == date(2018, 9, 1) and ep.detail["level_years"] == 1 and ep.detail["max_3y"] == 30


def test_spread_fires_for_a_type_new_to_an_area_after_its_quiet_months():
    history = [fact(i, date(2016, 1, 1) + timedelta(days=30 * i), area="South", acled="Protests",
                    sub="Peaceful protest", type="PROTEST") for i in range(30)]
    first_battle = fact(100, date(2018, 3, 3), area="North")
    again = fact(101, date(2018, 5, 1), area="North")
    after_gap = fact(102, date(2019, 8, 1), area="North")
    eps = evaluate([RULES["spread"]], history + [first_battle, again, after_gap], date(2020, 1, 1).toordinal())
    assert [(e.scope, D(e.start), e.detail["type"]) for e in eps] == [
        ("area:BF/North", date(2018, 3, 3), "Battles"), ("area:BF/North", date(2019, 8, 1), "Battles")]
    # no alert while the country has less than min_history_months of record
    assert evaluate([RULES["spread"]], [first_battle], date(2020, 1, 1).toordinal()) == []


def test_first_strike_once_per_area():
    history = [fact(i, date(2016, 1, 1) + timedelta(days=30 * i), area="South") for i in range(12)]
    s1 = fact(50, date(2017, 2, 1), area="North", acled="Explosions/Remote violence", sub="Air/drone strike")
    s2 = fact(51, date(2017, 3, 1), area="North", acled="Explosions/Remote violence",
              sub="Shelling/artillery/missile attack")
    ied = fact(52, date(2017, 1, 1), area="North", acled="Explosions/Remote violence",
               sub="Remote explosive/landmine/IED")
    eps = evaluate([RULES["first-strike"]], history + [s1, s2, ied], date(2018, 1, 1).toordinal())
    assert [(e.scope, D(e.start), e.evidence) for e in eps] == [("area:BF/North", date(2017, 2, 1), ["ce-50"])]


def _signal_facts(mob_actor="Group B", reinforce_actor="Group C", km_off=0.0, days=(0, 2, 5)):
    d0 = date(2020, 4, 1)
    return [
        fact(1, d0 + timedelta(days=days[0]), type="REQUEST", actor1="Group A", actor2="Civilians",
             text="leaflets urged civilians to evacuate the town", report="r1", gid=7),
        fact(2, d0 + timedelta(days=days[1]), type="MOBILIZE", actor1=mob_actor, text="convoys massed",
             lat=14.0 + km_off / 111.0, report="r2"),
        fact(3, d0 + timedelta(days=days[2]), type="MOBILIZE", actor1=reinforce_actor, text="sent reinforcements",
             report="r3"),
    ]


def test_offensive_imminent_needs_all_signals_near_one_place_within_days():
    rule = RULES["offensive-imminent"]
    through = date(2020, 6, 1).toordinal()
    (ep,) = evaluate([rule], _signal_facts(), through)
    assert ep.scope == "place:g:7" and D(ep.start) == date(2020, 4, 6) and ep.evidence == ["ce-1", "ce-2", "ce-3"]
    assert ep.detail["signals"]["mobilisation"]["actor"] in ("Group B", "Group C")
    assert evaluate([rule], _signal_facts(reinforce_actor="Group B"), through) == []  # one party only
    assert evaluate([rule], _signal_facts(km_off=60), through) == []                    # too far apart
    assert evaluate([rule], _signal_facts(days=(0, 2, 20)), through) == []              # too far apart in time
    no_warning = _signal_facts()
    no_warning[0] = replace(no_warning[0], text="officials discussed the budget")
    assert evaluate([rule], no_warning, through) == []


def test_control_change_and_contested_from_periods():
    periods = [
        {"place": "Town", "geonameid": 9, "latitude": 1.0, "longitude": 2.0, "controller": "A",
         "from_start": "2015-01-01", "from_end": "2015-01-01", "tier": "control", "evidence": []},
        {"place": "Town", "geonameid": 9, "latitude": 1.0, "longitude": 2.0, "controller": "B",
         "from_start": "2016-03-02", "from_end": "2016-03-03", "tier": "control",
         "evidence": [{"canonical_id": "ce-9", "article_id": "a", "text": "B took the town"}]},
        {"place": "Hill", "geonameid": 10, "latitude": 1.0, "longitude": 2.1, "controller": "C",
         "from_start": "2016-04-01", "from_end": "2016-04-30", "tier": "contested",
         "evidence": [{"article_id": "b", "text": "C says it holds the hill", "claim": True}]},
    ]
    through = date(2017, 1, 1).toordinal()
    (change,) = evaluate([RULES["control-change"]], [], through, periods)
    assert change.detail["previous"] == "A" and change.detail["controller"] == "B" and change.evidence == ["ce-9"]
    (contested,) = evaluate([RULES["contested-control"]], [], through, periods)
    assert contested.scope == "place:g:10" and contested.detail["statements"][0]["text"].startswith("C says")


def test_one_evaluation_equals_a_day_by_day_replay_with_late_reports():
    rules = [RULES["surge"], RULES["spread"], RULES["first-strike"], RULES["offensive-imminent"]]
    facts = [fact(i, date(2016, 1, 1) + timedelta(days=40 * i), area="South", fatalities=1) for i in range(15)]
    # reported late: the alert may only come when the reports are published
    facts += [fact(100 + i, date(2017, 9, 1) + timedelta(days=3 * i), area="North", fatalities=4,
                   known=date(2017, 9, 20)) for i in range(4)]
    facts += [replace(f, id=f"s{f.id}") for f in _signal_facts()]
    start, end = date(2017, 8, 1), date(2017, 10, 15)
    once = replay(rules, facts, start, end)
    daily = replay(rules, facts, start, end, daily=True)
    assert sorted((e.id, e.start) for e in once) == sorted((e.id, e.start) for e in daily)
    assert any(e.rule == "surge" and D(e.start) == date(2017, 9, 20) for e in once)
    # idempotent ids: the same facts give the same alerts
    assert [e.id for e in replay(rules, list(reversed(facts)), start, end)] == [e.id for e in once]
