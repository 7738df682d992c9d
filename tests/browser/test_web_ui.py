"""The web workspace in real headless Chromium against a live server (see conftest.py)."""
from __future__ import annotations

import csv
import io
import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

import httpx
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from helpers import screenshot, wait_for

WIDE = "/?since=2010-01-01&until=2020-12-31"


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def markers(driver):
    return driver.execute_script("return window.frontwatch.markers()")


def api(live_server, path, **params):
    base, _ = live_server
    res = httpx.get(base + path, params=params or None, timeout=30)
    assert res.status_code == 200, res.text
    return res


def no_alert(driver):
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_page_opens_on_the_latest_period_without_console_errors(page, live_server):
    driver = page("/")
    time.sleep(0.5)  # let the basemap draw
    shot = screenshot(driver, "ui_open")
    assert shot.stat().st_size > 10_000
    assert console_errors(driver) == []
    state = driver.execute_script("return window.frontwatch.state()")
    latest = api(live_server, "/api/timeline").json()["latest"]
    assert state["until"] == latest and state["since"] < latest
    assert "since=" in driver.current_url and "until=" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive, #map svg path")
    # at least 90 days, widened until it holds 50 dated events or all of them (a sparse store
    # does not open on an almost empty map); when some are left out, the reader is told how to see them
    bins = api(live_server, "/api/timeline").json()["bins"]
    since, until = date.fromisoformat(state["since"]), date.fromisoformat(state["until"])
    assert (until - since).days >= 89
    inside = sum(b["count"] for b in bins if b["end"] >= state["since"])
    total = sum(b["count"] for b in bins)
    assert inside >= min(50, total)
    text = driver.find_element(By.ID, "message").text
    if inside < total:
        assert f"latest {(until - since).days + 1} days" in text and "All dates" in text, text
    else:
        assert "All dates" not in text, text


def test_legend_explains_colours_sizes_clusters_and_the_timeline(page):
    driver = page(WIDE)
    types = driver.find_elements(By.CSS_SELECTOR, "#legend-types [data-type]")
    assert len(types) == 16
    assert all(len(t.get_attribute("title") or "") > 10 for t in types)  # each type described on hover
    options = driver.find_elements(By.CSS_SELECTOR, "select[name=event_type] option[value=ASSAULT]")
    assert options and "armed force" in options[0].text
    # the timeline has a count axis: events per bin at the top of the plot
    count = driver.find_element(By.CSS_SELECTOR, "#timeline .tl-count").text
    assert "events per" in count and float(count.split()[0]) > 0
    present = {m["type"] for m in markers(driver)}
    dimmed = {t.get_attribute("data-type") for t in types if "absent" in t.get_attribute("class")}
    assert present and not present & dimmed and dimmed  # types not on the map are dimmed
    sizes = driver.find_elements(By.CSS_SELECTOR, "#legend-precision .size-dot")
    widths = [d.size["width"] for d in sizes]
    assert len(widths) == 4 and widths == sorted(widths) and widths[0] < widths[-1]
    legend = driver.find_element(By.ID, "legend").text
    assert "town" in legend and "country" in legend and "several events" in legend
    assert "dated to a range" in legend and "control held" not in legend  # control is off
    # clusters are grey, so that they are never read as an event type's colour
    grey = driver.execute_script(
        "const d = document.querySelector('.marker-cluster div');"
        "return d ? getComputedStyle(d).backgroundColor : null")
    if grey is not None:
        r, g, b = [int(x) for x in grey[grey.index("(") + 1:].split(",")[:3]]
        assert max(r, g, b) - min(r, g, b) < 10, grey
    screenshot(driver, "ui_legend")


def test_markers_appear_at_the_gold_towns(page, web_store):
    driver = page(WIDE)
    shown = markers(driver)
    assert shown
    for name, lat, lon, *_ in web_store.places:
        assert min(web_store.km(lat, lon, m["lat"], m["lon"]) for m in shown) < 10, name
    screenshot(driver, "ui_wide")
    assert console_errors(driver) == []


def test_brushing_the_timeline_filters_the_map(page, live_server):
    driver = page(WIDE)
    before = markers(driver)
    svg = driver.find_element(By.CSS_SELECTOR, "#timeline svg")
    width = svg.size["width"]
    # drag across the right third of the timeline
    ActionChains(driver).move_to_element_with_offset(svg, int(width * 0.15), 0).click_and_hold() \
        .move_by_offset(int(width * 0.3), 0).release().perform()
    wait_for(lambda: driver.execute_script("return window.frontwatch.state().since") != "2010-01-01"
             and driver.execute_script("return document.body.dataset.state") == "ready")
    state = driver.execute_script("return window.frontwatch.state()")
    since, until = state["since"], state["until"]
    assert "2010-01-01" < since <= until < "2020-12-31"
    after = markers(driver)
    assert 0 < len(after) < len(before)
    for m in after:
        assert m["end"] >= since and m["start"] <= until
    want = api(live_server, "/api/events", since=since, until=until, limit=10000).json()["events"]
    assert len(after) == sum(1 for e in want if e["location"])
    assert f"since={since}" in driver.current_url and f"until={until}" in driver.current_url
    screenshot(driver, "ui_brushed")


def test_clicking_a_marker_shows_the_evidence_sentence(page, live_server, web_store):
    name, lat, lon, published, article = web_store.places[1]
    driver = page(f"/?since={published[:4]}-01-01&until={published}&view={lat},{lon},11")
    paths = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#map path.fw-marker"))
    ActionChains(driver).move_to_element(paths[-1]).click().perform()
    mark = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#panel mark.evidence"))
    event_id = driver.execute_script("return window.frontwatch.state().event")
    ev = api(live_server, f"/api/events/{event_id}").json()
    assert mark.text.strip() == ev["reports"][0]["evidence"]["text"].strip()
    assert article in [r["article_id"] for r in ev["reports"]]
    assert "event=" in driver.current_url
    facts = driver.find_element(By.CSS_SELECTOR, "#panel .event > dl").text
    assert "null" not in facts and "undefined" not in facts and "[object" not in facts
    # codes are explained in words: the PLOVER type under the heading, the grade in its row
    described = driver.find_element(By.CSS_SELECTOR, "#panel .type-description").text
    assert described.startswith(ev["event_type"] + ": ") and len(described) > len(ev["event_type"]) + 10
    if ev.get("grade"):
        assert f"{ev['grade']}: source " in facts and "information " in facts, facts
    screenshot(driver, "ui_event_panel")
    assert console_errors(driver) == []


def test_export_link_downloads_exactly_the_filtered_rows(page, live_server, downloads):
    driver = page(WIDE + "&country=SY&status=occurred")
    link = driver.find_element(By.ID, "export-csv")
    href = link.get_attribute("href")
    params = parse_qs(urlsplit(href).query)
    assert params["country"] == ["SY"] and params["status"] == ["occurred"]
    assert params["since"] == ["2010-01-01"] and params["until"] == ["2020-12-31"]
    want = api(live_server, "/api/events", country="SY", status="occurred", since="2010-01-01",
               until="2020-12-31", limit=10000).json()["events"]
    assert len(markers(driver)) == sum(1 for e in want if e["location"])
    for old in downloads.glob("*"):
        old.unlink()
    link.click()
    got = wait_for(lambda: [p for p in downloads.glob("*.csv")], timeout=20)
    rows = list(csv.DictReader(io.StringIO(got[0].read_text(encoding="utf-8"))))
    id_column = "canonical_id" if "canonical_id" in rows[0] else "event_id_cnty"
    assert [r[id_column] for r in rows] == [e["export_id"] for e in want]
    geo_href = driver.find_element(By.ID, "export-geojson").get_attribute("href")
    geo = api(live_server, "/api/events?" + urlsplit(geo_href).query).json()
    assert len(geo["features"]) + geo["unlocated"] == len(want)


def test_filters_are_reflected_in_the_url_and_the_map(page):
    driver = page(WIDE)
    box = driver.find_element(By.NAME, "actor")
    box.send_keys("ISIS")
    wait_for(lambda: "actor=ISIS" in driver.current_url
             and driver.execute_script("return document.body.dataset.state") == "ready")
    narrowed = markers(driver)
    assert narrowed
    # reloading the URL restores the filter in the form
    driver.get(driver.current_url)
    wait_for(lambda: driver.execute_script("return document.body.dataset.state") == "ready")
    assert driver.find_element(By.NAME, "actor").get_attribute("value") == "ISIS"
    assert len(markers(driver)) == len(narrowed)


def test_empty_and_error_states_say_what_to_do(page):
    driver = page(WIDE + "&q=zzqqxxnothing")
    assert markers(driver) == []
    assert "No events match" in driver.find_element(By.ID, "message").text
    note = driver.find_element(By.ID, "map-note")  # said over the map too, where the eye is
    assert note.is_displayed() and "No events match" in note.text and "Clear" in note.text
    driver = page(WIDE + "&country=XYZ", state="error")
    text = driver.find_element(By.ID, "message").text
    assert "refused" in text and "country" in text and "Clear" in text
    assert driver.find_element(By.ID, "map-note").is_displayed()
    assert "valid filter" in driver.find_element(By.ID, "timeline").text  # not "No dated events"
    screenshot(driver, "ui_error")
    driver = page(WIDE)
    assert not driver.find_element(By.ID, "map-note").is_displayed()


def test_hostile_article_renders_inert(page, live_server):
    hostile = [e for e in api(live_server, "/api/events", q="killing 12", limit=100).json()["events"]
               if "hostile-1" in [r["article_id"] for r in e["reports"]]]
    assert hostile
    driver = page(WIDE + f"&q=killing+12&event={hostile[0]['id']}")
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#panel .report-title"))
    time.sleep(0.5)
    titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#panel .report-title")]
    assert any("<script>" in t for t in titles)  # shown as text
    contexts = [c.get_attribute("textContent")
                for c in driver.find_elements(By.CSS_SELECTOR, "#panel blockquote.context")]
    assert any("<img src=x onerror" in c and "<script>" in c for c in contexts)
    assert no_alert(driver)
    assert driver.execute_script("return window.pwned === undefined")
    injected = driver.execute_script(
        "return document.querySelectorAll('#panel script, #panel img, #panel iframe').length")
    assert injected == 0
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#panel a")]
    assert not any(h and h.lower().startswith("javascript") for h in hrefs)
    evil = [o for o in driver.find_elements(By.CSS_SELECTOR, "#panel .outlet") if "Evil" in o.text]
    assert evil and all(o.tag_name == "span" for o in evil)  # a javascript: URL is no link
    screenshot(driver, "ui_hostile")
    assert console_errors(driver) == []


def test_an_empty_store_says_how_to_fill_it(browser, tmp_path):
    import threading

    import uvicorn

    from frontwatch import Monitor
    from frontwatch.web.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(Monitor(db=str(tmp_path / "empty.db"))),
                                           host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        browser.get(f"http://127.0.0.1:{port}/")
        wait_for(lambda: browser.execute_script("return document.body.dataset.state") == "ready")
        text = browser.find_element(By.ID, "message").text
        assert "No events are stored yet" in text and "frontwatch ingest --samples" in text
        assert browser.find_element(By.ID, "map-note").is_displayed()
        screenshot(browser, "ui_empty")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_control_layer_shows_who_held_what_at_the_period_end(page, live_server, web_store):
    *_, published, _ = web_store.places[1]
    driver = page(f"/?since={published[:4]}-01-01&until={published}&control=1")
    assert driver.find_element(By.ID, "show-control").is_selected()
    want = api(live_server, "/api/control", at=published).json()["features"]
    assert want, "the pipeline found no control claim in the seeds"
    shown = driver.execute_script("return window.frontwatch.control()")
    assert sorted((round(m["lat"], 4), round(m["lon"], 4), m["controller"]) for m in shown) == sorted(
        (round(f["geometry"]["coordinates"][1], 4), round(f["geometry"]["coordinates"][0], 4),
         f["properties"]["controller"]) for f in want)
    screenshot(driver, "ui_control")
    driver.find_element(By.ID, "show-control").click()
    wait_for(lambda: driver.execute_script("return window.frontwatch.control().length") == 0)
    assert "control=1" not in driver.current_url
    assert console_errors(driver) == []
