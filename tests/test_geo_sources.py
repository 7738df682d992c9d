"""Gazetteer sources a user adds (GeoNames dumps): add, merge, remove, errors, downloads, cache safety."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import GazetteerError, MalformedGazetteerError
from frontwatch.geo import Gazetteer, cachefile, manage  # noqa: F401
from frontwatch.geo.build import ADMIN, COUNTRY, FORMAT_VERSION, PLACE, _Rows
from frontwatch.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "gazetteer"


def small_payload() -> dict:
    rows = _Rows()
    rows.add("Tambao", 10.0, 1.0, "ZZ", "North", PLACE, 5000, 900001, ["Tambao"])
    rows.add("Zedland", 11.0, 1.0, "ZZ", "", COUNTRY, 1_000_000, 900000, ["Zedland"])
    rows.add("North", 12.0, 1.0, "ZZ", "North", ADMIN, 100_000, None, ["North"])
    return rows.payload()


def dump_line(gid, name, fclass, fcode, a1="01", a2="", lat=12.5, lon=1.5, alternates="", pop=0, cc="ZZ"):
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "", "Africa/Abidjan", "2020-01-01"]
    return "\t".join(cols)


def write_dump(path: Path, lines: list[str], zipped: bool = True) -> Path:
    text = "\n".join(lines) + "\n"
    if zipped:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(path.stem + ".txt", text)
            zf.writestr("readme.txt", "not data")
    else:
        path.write_text(text, encoding="utf-8")
    return path


def zz_lines() -> list[str]:
    return [
        dump_line(1001, "Kossoland", "A", "ADM1", a1="01"),
        dump_line(1002, "Baraga", "A", "ADM2", a1="01", a2="B1"),
        dump_line(1003, "Ouyoukou", "P", "PPL", a1="01", a2="B1", alternates="Ouyoukou Village,وي"),
        dump_line(1004, "Ouyoukou Air Base", "S", "AIRB", a1="01", a2="B1"),
        dump_line(1005, "Old Ruin", "S", "HTL", a1="01"),  # hotels are not kept
        dump_line(900001, "Tambao", "P", "PPL", a1="01", alternates="Tambaou"),  # an embedded place
    ]


@pytest.fixture
def cache(tmp_path) -> Path:
    """A cache dir holding a small embedded index (so nothing builds the full one)."""
    d = tmp_path / "cache"
    d.mkdir()
    cachefile.write(Gazetteer.index_path(d), small_payload(), FORMAT_VERSION)
    return d


def test_add_reads_a_dump_with_region_names_and_kinds(cache, tmp_path):
    settings = Settings(cache_dir=str(cache))
    result = manage.add(str(write_dump(tmp_path / "ZZ.zip", zz_lines())), settings)
    assert result["name"] == "ZZ" and result["rows"] == 5 and result["countries"] == {"ZZ": 5}
    gaz = Gazetteer.open(cache)
    village = gaz.lookup("Ouyoukou")[0]
    assert (village.name, village.kind, village.admin1, village.population) == ("Ouyoukou", "place", "Kossoland", 0)
    assert gaz.admin2_of(village.row) == "Baraga" and gaz.feature_code(village.row) == "P.PPL"
    assert gaz.lookup("Ouyoukou Village")[0].row == village.row
    assert gaz.lookup("Ouyoukou Air Base")[0].kind == "facility"
    assert gaz.lookup("Baraga")[0].kind == "admin"
    assert gaz.lookup("Old Ruin") == []
    # a geonameid the embedded index holds is that row, with the dump's extra name
    assert [c.row for c in gaz.lookup("Tambaou", fuzzy=False)] == [gaz.lookup("Tambao")[0].row]
    assert gaz.candidate(gaz.lookup("Tambaou")[0].row).population == 5000


def test_sources_merge_by_geonameid_and_add_incrementally(cache, tmp_path):
    settings = Settings(cache_dir=str(cache))
    (tmp_path / "wof").mkdir()
    manage.add(str(write_dump(tmp_path / "ZZ.zip", zz_lines())), settings)
    other = [dump_line(1003, "Ouyoukou", "P", "PPL", alternates="Wuyuku", pop=1200),
             dump_line(2001, "Sanbi", "P", "PPL", cc="YY")]
    manage.add(str(write_dump(tmp_path / "wof" / "ZZ.zip", other)), settings)
    info = manage.info(settings)
    assert [(s["name"], s["rows"]) for s in info["sources"]] == [("ZZ", 5), ("wof-ZZ", 2)]
    assert info["added_places"] == 6  # 1003 counted once
    assert any("Who's On First" in a for a in info["attribution"])
    gaz = Gazetteer.open(cache)
    rows = gaz.lookup("Ouyoukou", fuzzy=False)
    assert len([c for c in rows if c.kind == "place"]) == 1 and rows[0].population == 1200
    assert gaz.lookup("Wuyuku")[0].row == rows[0].row
    # replacing one source leaves the other as it was
    manage.add(str(write_dump(tmp_path / "wof" / "ZZ.zip", other[:1])), settings)
    assert [(s["name"], s["rows"]) for s in manage.info(settings)["sources"]] == [("ZZ", 5), ("wof-ZZ", 1)]
    assert manage.remove("wof-ZZ", settings) == 1
    gaz = Gazetteer.open(cache)
    assert gaz.lookup("Wuyuku") == [] and gaz.lookup("Ouyoukou")[0].population == 0
    with pytest.raises(GazetteerError, match="no source named 'nope'"):
        manage.remove("nope", settings)


def test_malformed_dump_names_the_line_and_keeps_what_was_built(cache, tmp_path):
    settings = Settings(cache_dir=str(cache))
    manage.add(str(write_dump(tmp_path / "ZZ.zip", zz_lines())), settings)
    bad = zz_lines()[:2] + ["1009\tBroken\tBroken\t\t12.0"] + zz_lines()[2:]
    with pytest.raises(MalformedGazetteerError, match=r"line 3: 5 tab-separated columns"):
        manage.add(str(write_dump(tmp_path / "ZZ.txt", bad, zipped=False)), settings, name="ZZ")
    with pytest.raises(MalformedGazetteerError, match="not a readable zip"):
        (tmp_path / "XX.zip").write_bytes(b"PK\x03\x04 truncated")
        manage.add(str(tmp_path / "XX.zip"), settings)
    assert [(s["name"], s["rows"]) for s in manage.info(settings)["sources"]] == [("ZZ", 5)]
    assert Gazetteer.open(cache).lookup("Ouyoukou")[0].name == "Ouyoukou"


def test_size_cap(cache, tmp_path):
    settings = Settings(cache_dir=str(cache), gazetteer_max_bytes=100)
    with pytest.raises(GazetteerError, match="gazetteer_max_bytes"):
        manage.add(str(write_dump(tmp_path / "ZZ.txt", zz_lines(), zipped=False)), settings)


def test_url_download_through_the_address_guard(cache, tmp_path, http_server):
    write_dump(http_server.root / "ZZ.zip", zz_lines())
    url = http_server.url("ZZ.zip")
    with pytest.raises(GazetteerError, match="refused"):
        manage.add(url, Settings(cache_dir=str(cache)))
    settings = Settings(cache_dir=str(cache), allow_private_urls=True)
    assert manage.add(url, settings)["name"] == "ZZ"
    assert Gazetteer.open(cache).lookup("Ouyoukou")[0].kind == "place"
    with pytest.raises(GazetteerError, match="HTTP 404"):
        manage.add(http_server.url("missing.zip"), settings)
    with pytest.raises(GazetteerError, match="gazetteer_max_bytes"):
        manage.add(url, settings.with_(gazetteer_max_bytes=50))
    assert not list(cache.glob(".gazetteer-download-*"))  # no partial downloads left


def test_corrupt_or_planted_cache_is_rebuilt_not_run(tmp_path):
    path = Gazetteer.index_path(tmp_path)
    path.write_bytes(b"\x80\x04cos\nsystem\n(S'touch planted'\ntR.")  # a pickle that would run code
    gaz = Gazetteer.open(tmp_path, builder=small_payload)
    assert gaz.stats.get("rebuilt_corrupt") == 1.0 and gaz.lookup("Tambao")[0].population == 5000
    assert not (tmp_path / "planted").exists()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    assert Gazetteer.open(tmp_path, builder=small_payload).stats.get("rebuilt_corrupt") == 1.0
    again = Gazetteer.open(tmp_path, builder=small_payload)
    assert "rebuilt_corrupt" not in again.stats and again.lookup("Zedland")[0].kind == "country"


def test_cli_add_info_remove(cache, tmp_path):
    dump = write_dump(tmp_path / "ZZ.zip", zz_lines())
    env = {"FRONTWATCH_CACHE_DIR": str(cache)}
    runner = CliRunner()
    res = runner.invoke(main, ["gazetteer", "add", str(dump)], env=env)
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["gazetteer", "info"], env=env)
    assert res.exit_code == 0 and "ZZ" in res.output and "GeoNames" in res.output
    bad = write_dump(tmp_path / "BAD.txt", ["1\t2\t3"], zipped=False)
    res = runner.invoke(main, ["gazetteer", "add", str(bad)], env=env)
    assert res.exit_code == 2 and "line 1" in res.output
    res = runner.invoke(main, ["gazetteer", "remove", "ZZ"], env=env)
    assert res.exit_code == 0
    assert "no added sources" in runner.invoke(main, ["gazetteer", "info"], env=env).output


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/gazetteer not present")
def test_real_geonames_dump(cache):
    settings = Settings(cache_dir=str(cache))
    result = manage.add(str(SHARED / "geonames" / "BF.zip"), settings)
    assert result["name"] == "geonames-BF" and result["countries"].keys() == {"BF"} and result["rows"] > 10_000
    gaz = Gazetteer.open(cache)
    kinds = {c.kind for c in gaz.lookup("Kossi", fuzzy=False) if c.country_code == "BF"}
    assert {"admin", "place"} <= kinds
