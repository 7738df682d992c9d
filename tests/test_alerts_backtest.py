"""Backtest scoring on a small synthetic ACLED-format CSV (written by the test): first months
reaching a threshold per region, lead time, precision and recall, and the last-month baseline."""
from datetime import date, timedelta

from frontwatch.alerts.backtest import (backtest, baseline_episodes, first_crossings, replay,
                                        score_crossings)
from frontwatch.alerts.facts import fact_from_event
from frontwatch.alerts.rules import builtin_rules
from frontwatch.alerts.service import AlertService
from frontwatch.datasets import import_file, read_rows
from frontwatch.store import Store

from alerts_helpers import escalation_rows, fact, write_acled

RULES = {r.id: r for r in builtin_rules()}


def _truth(path):
    return [fact_from_event(ev, art.published, id=art.id)
            for art, ev in (x for x in read_rows("acled", path, today=date(2025, 1, 1)) if isinstance(x, tuple))]


def test_first_crossings_lead_time_precision_recall_and_baseline(tmp_path):
    path = write_acled(tmp_path / "esc.csv", escalation_rows())
    truth = _truth(path)
    # North reaches 25 deaths in one calendar month first in January 2019 (20 + 22, on the 19th)
    assert {a: date.fromordinal(d) for a, d in first_crossings(truth, 25).items()} == {"BF/North": date(2019, 1, 19)}
    with Store(f"sqlite:///{tmp_path / 's.db'}") as st:
        import_file(st, "acled", path, today=date(2025, 1, 1))
        rules = [RULES["surge"]]
        facts = AlertService(st, rules)._facts()
    eps = replay(rules, facts, date(2018, 1, 1), date(2019, 6, 30))
    # one surge alert, raised 2018-09-20 (12 deaths in 30 days) and updated as the toll grew:
    # 121 days before the crossing - a warning within a 180-day horizon, not within 90 days
    scores = score_crossings(eps, truth, 25, 180, date(2018, 1, 1), date(2019, 6, 30))
    (north,) = [r for r in scores["regions"] if r["area"] == "BF/North"]
    assert north["first_alert"] == "2018-09-20" and north["lead_days"] == 121
    assert scores["crossings_in_period"] == 1 and scores["recall"] == 1.0
    assert scores["alerts"] == 1 and scores["precision"] == 1.0
    short = score_crossings(eps, truth, 25, 90, date(2018, 1, 1), date(2019, 6, 30))
    assert short["recall"] == 0.0 and short["precision"] == 0.0
    # the naive baseline alerts on the 1st of a month after a month with >= 10 deaths: it fires
    # from October 2018 and warned of the January crossing too, with more alerts
    base = baseline_episodes(truth, 10, date(2018, 1, 1), date(2019, 6, 30))
    bscores = score_crossings(base, truth, 25, 90, date(2018, 1, 1), date(2019, 6, 30))
    assert date.fromordinal(min(e.start for e in base)) == date(2018, 10, 1)
    assert bscores["recall"] == 1.0 and bscores["regions"][0]["lead_days"] == 79


def test_backtest_precision_and_lead_per_rule():
    facts = [fact(i, date(2016, 1, 1) + timedelta(days=30 * i), area="South") for i in range(20)]
    facts += [fact(100, date(2017, 3, 1), area="North", acled="Explosions/Remote violence", sub="Air/drone strike"),
              fact(101, date(2017, 4, 15), area="North"),                                        # the outcome
              fact(102, date(2017, 5, 1), area="West", acled="Explosions/Remote violence",
                   sub="Shelling/artillery/missile attack")]                                      # nothing follows
    report = backtest([RULES["first-strike"]], facts, date(2017, 1, 1), date(2017, 12, 31))
    s = report["rules"]["first-strike"]
    assert (s["alerts"], s["followed_by_outcome"], s["precision"]) == (2, 1, 0.5)
    assert s["median_lead_days"] == 45
    rows = {r["scope"]: r for r in report["alerts"]}
    assert rows["area:BF/North"]["outcome_event"] == "ce-101" and rows["area:BF/West"]["outcome"] is None
