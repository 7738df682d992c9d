"""The alerts panel and map layer in headless Chromium: the store's alerts (evaluated over the
seeds and samples by the real pipeline) are listed, drawn as circles, and an alert opens its
evidence chain (events -> reports -> evidence sentences, sources, grades). Writes a screenshot."""
from __future__ import annotations

from datetime import date, datetime, timezone

from selenium.webdriver.common.by import By

from helpers import screenshot, wait_for


def test_alerts_panel_opens_the_evidence_chain(page, live_server):
    from frontwatch.alerts import AlertService

    _, mon = live_server
    result = AlertService(mon.store, clock=lambda: datetime(2016, 6, 1, tzinfo=timezone.utc)).run(
        through=date(2016, 6, 1))
    assert result.alerts >= 1
    driver = page("/?since=2016-01-01&until=2016-12-31")
    wait_for(lambda: driver.execute_script("return window.frontwatchAlerts.alerts().length") >= 1)
    listed = driver.execute_script("return window.frontwatchAlerts.alerts()")
    assert {a["id"] for a in listed} == {r["id"] for r in result.records}
    circles = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "path.al-circle"))
    assert len(circles) >= 1
    driver.find_element(By.ID, "alerts-open").click()
    items = wait_for(lambda: [i for i in driver.find_elements(By.CSS_SELECTOR, "#alerts-list .al-item") if i.is_displayed()])
    target = next((i for i in items if "Offensive imminent" in i.text), items[0])
    target.click()
    detail = wait_for(lambda: driver.find_element(By.ID, "alert-detail") if driver.find_element(By.ID, "alert-detail").is_displayed() else None)
    events = detail.find_elements(By.CSS_SELECTOR, ".al-chain > li.al-event")
    assert events and "Evidence chain" in detail.text and "grade" in detail.text
    quotes = detail.find_elements(By.CSS_SELECTOR, "q.al-evidence")
    assert quotes and all(q.text.strip() for q in quotes)
    shot = screenshot(driver, "ui_alerts_panel")
    assert shot.exists() and shot.stat().st_size > 10_000
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
