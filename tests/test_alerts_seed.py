"""The seed scenario, through the real pipeline (the shared ``web_store``: the two seeds with their
gold publication dates and the bundled samples): the offensive-imminent rule fires at the first
seed's main town from the May 2016 reports, and its outcome (the offensive, reported later) is
found by the backtest. Places come from the gold files, not from code."""
from datetime import date, datetime, timezone

import pytest

from frontwatch.alerts import AlertService
from frontwatch.alerts.backtest import backtest

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def monitor(web_store, tmp_path_factory):
    mon = web_store.open(tmp_path_factory.mktemp("alertseed"))
    yield mon
    mon.close()


def test_offensive_imminent_fires_from_the_first_seed_and_its_outcome_follows(monitor, web_store):
    name, lat, lon, published, _ = web_store.places[0]  # the first seed's main town (gold)
    svc = AlertService(monitor.store, clock=lambda: datetime(2016, 6, 1, tzinfo=timezone.utc))
    svc.run(through=date(2016, 6, 1))
    fired = [a for a in svc.evaluate(through=date(2016, 6, 1)) if a["rule"] == "offensive-imminent"]
    assert fired, "offensive-imminent did not fire"
    alert = min(fired, key=lambda a: web_store.km(lat, lon, a["place"]["latitude"], a["place"]["longitude"]))
    assert web_store.km(lat, lon, alert["place"]["latitude"], alert["place"]["longitude"]) < 25
    assert alert["raised"] <= published  # raised from reports published by then
    signals = alert["detail"]["signals"]
    assert set(signals) == {"warning", "mobilisation", "reinforcement"}
    assert signals["mobilisation"]["actor"] != signals["reinforcement"]["actor"]
    assert all(r["evidence"] for ev in alert["evidence"] for r in ev["reports"])
    rules = [r for r in svc.rules if r.id == "offensive-imminent"]
    report = backtest(rules, svc._facts(canonical=True), date(2016, 5, 1), date(2016, 6, 30))
    row = next(r for r in report["alerts"] if r["id"] == alert["id"])
    assert row["outcome"] is not None and row["lead_days"] > 0
    assert report["rules"]["offensive-imminent"]["precision"] == 1.0
