"""GET /api/labels: place and region names from the real gazetteer for the offline basemap, over
the shared web test store (seeds + samples, so places with events exist)."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from frontwatch.web.app import create_app  # noqa: E402
from frontwatch.web.routes import labels as lab  # noqa: E402

pytestmark = [pytest.mark.slow]

NORTH_SYRIA_Z4 = "24.0,28.0,53.0,44.0"  # what a 1400-pixel-wide map shows at zoom 4
NORTH_SYRIA_Z9 = "37.6,35.5,39.6,36.7"  # and at zoom 9
PLACES = {"capital", "city", "town", "village"}


@pytest.fixture(scope="module")
def client(web_store, tmp_path_factory):
    mon = web_store.open(tmp_path_factory.mktemp("labels"))
    with TestClient(create_app(mon)) as c:
        yield c
    mon.close()


def get(client, bbox, zoom):
    res = client.get("/api/labels", params={"bbox": bbox, "zoom": zoom})
    assert res.status_code == 200, res.text
    return res.json()["labels"]


def boxes_overlap(labels, zoom):
    import numpy as np

    x, y = lab._pixels(np.array([p["lat"] for p in labels]), np.array([p["lon"] for p in labels]), zoom)
    boxes = [lab._box(p["name"], lab.KINDS.index(p["kind"]), x[i], y[i]) for i, p in enumerate(labels)]
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def inside(p, bbox):
    w, s, e, n = (float(v) for v in bbox.split(","))
    return w <= p["lon"] <= e and s <= p["lat"] <= n


def test_zoomed_out_shows_countries_capitals_and_big_cities_only(client):
    found = get(client, NORTH_SYRIA_Z4, 4)
    assert all(inside(p, NORTH_SYRIA_Z4) for p in found)
    kinds = {p["kind"] for p in found}
    assert {"country", "capital"} <= kinds and not kinds & {"town", "village", "admin2"}
    assert all(p["population"] >= lab.POP_FLOOR[4] for p in found if p["kind"] == "city")
    assert not boxes_overlap(found, 4)


def test_zoomed_in_shows_towns_villages_regions_and_event_places_first(client):
    found = get(client, NORTH_SYRIA_Z9, 9)
    kinds = [p["kind"] for p in found]
    assert "village" in kinds and "town" in kinds and "admin1" in kinds and "country" not in kinds
    assert len([k for k in kinds if k in PLACES]) > 3 * len([p for p in get(client, NORTH_SYRIA_Z9, 4)
                                                              if p["kind"] in PLACES])
    assert not boxes_overlap(found, 9)
    # places that have events come first (the seeds and samples report from this area)
    flags = [p["events"] for p in found if p["kind"] in PLACES]
    assert any(flags) and flags == sorted(flags, reverse=True)


def test_every_event_place_in_view_is_labelled_when_zoomed_in(client):
    state = client.app.state
    box = tuple(float(v) for v in NORTH_SYRIA_Z9.split(","))
    index = lab._index(state)
    want = {index.name[index.gid[g]] for g in lab._event_places(state.engine, box) if g in index.gid}
    found = get(client, NORTH_SYRIA_Z9, 12)  # zoomed far in: room for every name
    assert want and {p["name"] for p in found if p["events"]} == want


@pytest.mark.parametrize("params, param", [
    ({"zoom": 4}, "bbox"), ({"bbox": "1,2,3", "zoom": 4}, "bbox"), ({"bbox": "0,95,1,96", "zoom": 4}, "bbox"),
    ({"bbox": NORTH_SYRIA_Z4}, "zoom"), ({"bbox": NORTH_SYRIA_Z4, "zoom": 99}, "zoom"),
])
def test_bad_parameters_are_named(client, params, param):
    res = client.get("/api/labels", params=params)
    assert res.status_code == 400 and res.json()["error"]["param"] == param, res.text


def test_the_index_reads_the_gazetteer_through_its_row_methods(client):
    gaz = client.app.state.monitor.gazetteer
    index = lab.build_index(gaz)
    row = gaz.lookup("Aleppo")[0].row
    assert index.name.count(gaz.name_of(row)) >= 1
    assert len(index.name) <= len(gaz)
