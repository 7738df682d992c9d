"""The user's vector basemap (FRONTWATCH_WEB_TILES=pmtiles:///path): the archive served by HTTP
range requests, checked against a small PMTiles v3 archive the test writes itself."""
from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from frontwatch import Monitor  # noqa: E402
from frontwatch.settings import Settings  # noqa: E402
from frontwatch.web.app import create_app  # noqa: E402
from frontwatch.web.routes import tiles  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from pmtiles_writer import land_tile, tile_id, tiles_over, write_archive  # noqa: E402


@pytest.fixture
def archive(tmp_path):
    tile = land_tile(places=(("Testville", 2048, 2048),))
    return write_archive(tmp_path / "region.pmtiles", tiles_over((35, 33, 42, 38), range(0, 6), tile),
                         bounds=(35, 33, 42, 38), center=(38.5, 36.0, 5))


@pytest.fixture
def client(tmp_path, archive):
    settings = Settings.from_env(db=str(tmp_path / "fw.db"), web_tiles=f"pmtiles://{archive}")
    with Monitor(settings) as mon, TestClient(create_app(mon)) as c:
        yield c


def test_the_writer_follows_the_spec_header_and_hilbert_ids(archive):
    raw = archive.read_bytes()
    assert raw[:7] == b"PMTiles" and raw[7] == 3
    root_off, root_len = struct.unpack_from("<QQ", raw, 8)
    assert root_off == 127 and root_off + root_len <= 16384  # the root directory is in the first 16 KiB
    assert raw[99] == 1 and (raw[100], raw[101]) == (0, 5)  # MVT tiles, zooms 0-5
    # tile ids from the spec: z0 is 0, z1 starts at 1, (1,0,1) is the Hilbert curve's second cell
    assert [tile_id(0, 0, 0), tile_id(1, 0, 0), tile_id(1, 0, 1), tile_id(1, 1, 1), tile_id(1, 1, 0)] == [0, 1, 2, 3, 4]
    assert tile_id(2, 0, 0) == 5


def test_range_requests_answer_the_exact_bytes(client, archive):
    raw = archive.read_bytes()
    res = client.get(tiles.URL, headers={"Range": "bytes=0-126"})
    assert res.status_code == 206 and res.content == raw[:127]
    assert res.headers["content-range"] == f"bytes 0-126/{len(raw)}"
    assert res.headers["accept-ranges"] == "bytes" and res.headers["etag"]
    res = client.get(tiles.URL, headers={"Range": "bytes=130-"})
    assert res.status_code == 206 and res.content == raw[130:]
    res = client.get(tiles.URL, headers={"Range": "bytes=-10"})
    assert res.status_code == 206 and res.content == raw[-10:]
    res = client.get(tiles.URL, headers={"Range": f"bytes=100-{len(raw) + 500}"})  # clipped at the end
    assert res.status_code == 206 and res.content == raw[100:]
    assert client.get(tiles.URL).content == raw  # a small archive may be fetched whole


@pytest.mark.parametrize("header", ["bytes=5-2", "bytes=99999-", "bytes=0-1,4-5", "items=0-1", "bytes=-0",
                                    "bytes=-", "bytes=a-b"])
def test_bad_ranges_are_refused_with_416(client, header):
    res = client.get(tiles.URL, headers={"Range": header})
    assert res.status_code == 416 and res.json()["error"]["param"] == "Range"


def test_ranges_are_bounded():
    size = 10 * tiles.MAX_RANGE
    assert tiles.parse_range(f"bytes=0-{tiles.MAX_RANGE - 1}", size) == (0, tiles.MAX_RANGE - 1)
    with pytest.raises(tiles.ApiError) as err:
        tiles.parse_range(f"bytes=0-{tiles.MAX_RANGE}", size)
    assert err.value.status == 416


def test_the_page_loads_the_vector_renderer_only_with_an_archive(client, tmp_path):
    page = client.get("/").text
    assert 'data-basemap-url="/tiles/basemap.pmtiles"' in page and "protomaps-leaflet.js" in page
    with Monitor(Settings.from_env(db=str(tmp_path / "plain.db"))) as mon, TestClient(create_app(mon)) as c:
        plain = c.get("/").text
        assert "protomaps-leaflet.js" not in plain and 'data-basemap-url=""' in plain
        assert c.get(tiles.URL, headers={"Range": "bytes=0-9"}).status_code == 404


def test_a_raster_url_in_web_tiles_is_a_tile_layer_and_bad_values_are_named(tmp_path):
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    with Monitor(Settings.from_env(db=str(tmp_path / "r.db"), web_tiles=url)) as mon:
        app = create_app(mon)
        assert app.state.tile_url == url and app.state.pmtiles is None
        with TestClient(app) as c:
            assert "https://tiles.example.org" in c.get("/").headers["content-security-policy"]
    with pytest.raises(tiles.TilesError, match="no PMTiles archive"):
        tiles.basemap(f"pmtiles://{tmp_path / 'missing.pmtiles'}")
    (tmp_path / "fake.pmtiles").write_bytes(b"not an archive")
    with pytest.raises(tiles.TilesError, match="not a PMTiles archive"):
        tiles.basemap(f"pmtiles://{tmp_path / 'fake.pmtiles'}")
    with pytest.raises(tiles.TilesError, match="must be"):
        tiles.basemap("ftp://example.org/x")
