"""Gazetteer lookup/search on a small hand-built index, and the full build (slow)."""
import time

import pytest

from frontwatch.geo import Gazetteer
from frontwatch.geo.build import ADMIN, COUNTRY, PLACE, _midpoint, _Rows


def small_gazetteer() -> Gazetteer:
    rows = _Rows()
    rows.add("Ar Raqqah", 35.95, 39.01, "SY", "Ar-Raqqah", PLACE, 531952, 172955,
             ["Ar Raqqah", "Raqqa", "Ar-Raqqah"])
    rows.add("Ar-Raqqah", 35.9, 38.9, "SY", "Ar-Raqqah", ADMIN, 900000, None, ["Ar-Raqqah"])
    rows.add("Alexandria", 31.20, 29.92, "EG", "Alexandria", PLACE, 5263542, 361058, ["Alexandria"])
    rows.add("Alexandria", 31.31, -92.45, "US", "Louisiana", PLACE, 47723, 4314550, ["Alexandria"])
    rows.add("Syria", 35.0, 38.5, "SY", "", COUNTRY, 16906283, 163843, ["Syria"])
    return Gazetteer.from_payload(rows.payload())


def test_lookup_exact_then_fuzzy():
    gaz = small_gazetteer()
    names = [(c.name, c.kind, c.exact) for c in gaz.lookup("Raqqa")]
    assert names[0] == ("Ar Raqqah", "place", True)
    assert ("Ar-Raqqah", "admin", False) in names  # reached only through the skeleton
    assert [c.name for c in gaz.lookup("Raqqa", fuzzy=False)] == ["Ar Raqqah"]
    assert 172955 in {c.geonameid for c in gaz.lookup("al-Raqqah")}


def test_lookup_orders_by_population_and_carries_admin1():
    gaz = small_gazetteer()
    cands = gaz.lookup("alexandria")
    assert [c.country_code for c in cands] == ["EG", "US"]
    assert cands[1].admin1 == "Louisiana" and cands[1].population == 47723


def test_country_and_search():
    gaz = small_gazetteer()
    assert gaz.country("sy").name == "Syria"
    assert gaz.country("XX") is None
    assert [c.name for c in gaz.search("Alex", 5)][:1] == ["Alexandria"]
    assert gaz.search("", 5) == []
    assert gaz.lookup("Nowhere at all") == []


def test_midpoint_ignores_outliers_and_antimeridian():
    points = [(10.0 + i * 0.1, 20.0 + i * 0.1, 1) for i in range(100)] + [(80.0, 170.0, 1)]
    lat, lon, _ = _midpoint(points)
    assert 14 < lat < 16 and 24 < lon < 26
    east_west = [(60.0, 175.0, 1), (60.0, -175.0, 1)] * 10
    assert abs(abs(_midpoint(east_west)[1]) - 180.0) < 1.0


@pytest.mark.slow
def test_full_build_and_reload(tmp_path):
    t0 = time.perf_counter()
    gaz = Gazetteer.open(tmp_path)
    assert "build_seconds" in gaz.stats and len(gaz) > 200_000
    again = Gazetteer.open(tmp_path)
    assert "build_seconds" not in again.stats and again.stats["load_seconds"] < 10
    assert time.perf_counter() - t0 < 300
    abu = again.lookup("Abu Kamal")[0]
    assert abu.country_code == "SY" and abu.kind == "place"
    assert again.lookup("Deir ez Zour")[0].country_code == "SY"
    assert again.country("IQ").kind == "country"
    admin = [c for c in again.lookup("Texas") if c.kind == "admin"][0]
    assert admin.country_code == "US" and 29 < admin.lat < 33 and -102 < admin.lon < -97
    assert again.lookup("Europe")[0].kind == "admin"
