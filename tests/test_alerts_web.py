"""/api/alerts, /api/alerts/{id} and the Atom feed of new alerts (parsed by feedparser), over a
store filled from a small synthetic ACLED file."""
from datetime import date, datetime, timezone

import feedparser
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from frontwatch import Monitor  # noqa: E402
from frontwatch.alerts import AlertService  # noqa: E402
from frontwatch.datasets import import_file  # noqa: E402
from frontwatch.web.app import create_app  # noqa: E402

from alerts_helpers import escalation_rows, write_acled  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alertsweb")
    mon = Monitor(db=str(folder / "fw.db"))
    import_file(mon.store, "acled", write_acled(folder / "a.csv", escalation_rows()), today=date(2025, 1, 1))
    AlertService(mon.store, clock=lambda: datetime(2019, 1, 25, tzinfo=timezone.utc)).run(through=date(2019, 1, 25))
    with TestClient(create_app(mon, rate_per_minute=1000)) as c:
        yield c
    mon.close()


def test_api_lists_and_filters_alerts(client):
    body = client.get("/api/alerts").json()
    assert body["count"] == len(body["alerts"]) >= 2
    rules = {a["rule"] for a in body["alerts"]}
    assert "surge" in rules
    surge = client.get("/api/alerts", params={"rule": "surge", "place": "north"}).json()["alerts"]
    assert surge and all(a["rule"] == "surge" and a["place"]["admin1"] == "North" for a in surge)
    assert client.get("/api/alerts", params={"status": "maybe"}).status_code == 400
    assert client.get("/api/alerts", params={"since": "2030-01-01"}).json()["count"] == 0
    gj = client.get("/api/alerts", params={"format": "geojson"}).json()
    assert gj["type"] == "FeatureCollection" and gj["features"][0]["geometry"]["type"] == "Point"
    old = client.get("/api/alerts", params={"as_of": "2000-01-01T00:00:00"}).json()
    assert old["count"] == 0


def test_one_alert_with_its_evidence_chain_and_versions(client):
    a = client.get("/api/alerts", params={"rule": "surge"}).json()["alerts"][0]
    body = client.get(f"/api/alerts/{a['id']}").json()
    assert body["alert"]["id"] == a["id"] and body["versions"][0]["status"] == "new"
    ev = body["alert"]["evidence"][0]
    assert ev["grade"] and ev["reports"][0]["evidence"] and ev["reports"][0]["outlet"] == "ACLED"
    assert client.get("/api/alerts/al-0000000000000000").status_code == 404


def test_atom_feed_of_new_alerts_is_valid(client):
    res = client.get("/api/alerts/feed.atom")
    assert res.status_code == 200 and res.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(res.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "frontwatch: new alerts"
    new = [a for a in client.get("/api/alerts", params={"status": "new"}).json()["alerts"]]
    assert len(feed.entries) == len(new) >= 1
    ids = {e.id for e in feed.entries}
    assert ids == {f"urn:frontwatch:alert:{a['id']}" for a in new}
    entry = feed.entries[0]
    assert entry.title and entry.updated_parsed and entry.summary and "Evidence" in entry.content[0].value
