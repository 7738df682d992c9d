"""Place recognition with added sources: a population-0 village taken with support, country abbreviations."""
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from frontwatch.geo import Gazetteer, manage
from frontwatch.settings import Settings

CACHE = os.environ.get("FRONTWATCH_TEST_CACHE", str(Path.home() / ".cache" / "frontwatch"))

pytestmark = pytest.mark.slow


def line(gid, name, fclass, fcode, a1, a2="", lat=13.1, lon=-1.1):
    return "\t".join([str(gid), name, name, "", str(lat), str(lon), fclass, fcode, "BF", "", a1, a2, "", "", "0",
                      "", "", "", "2020-01-01"])


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    from frontwatch.nlp import places
    from frontwatch.nlp.model import load_model

    Gazetteer.open(CACHE)  # the embedded index (built once)
    cache = tmp_path_factory.mktemp("cache")
    shutil.copy(Gazetteer.index_path(CACHE), Gazetteer.index_path(cache))
    dump = cache.parent / "BF.zip"
    with zipfile.ZipFile(dump, "w") as zf:  # invented names: nothing in the embedded index has them
        zf.writestr("BF.txt", "\n".join([
            line(99000001, "Kwentaba", "A", "ADM1", "91"),
            line(99000002, "Ouyoukoura", "P", "PPL", "91", lat=13.4, lon=-1.3),
        ]) + "\n")
    manage.add(str(dump), Settings(cache_dir=str(cache)))
    nlp = load_model()
    places.add_to(nlp, Gazetteer.open(cache))
    return nlp


def places(nlp, text):
    return [(p.text, p.country_code, p.kind) for p in nlp(text)._.places]


def test_village_with_a_settlement_cue_is_taken(nlp):
    assert ("Ouyoukoura", "BF", "place") in places(nlp, "On May 3, gunmen burned houses in the village of Ouyoukoura.")


def test_village_with_its_region_in_apposition(nlp):
    got = places(nlp, "On May 3, gunmen killed two herders in Ouyoukoura (Kwentaba).")
    assert ("Ouyoukoura", "BF", "place") in got and ("Kwentaba", "BF", "admin") in got


@pytest.mark.parametrize("name", ["DRC", "DR Congo", "Democratic Republic of Congo"])
def test_country_short_names(nlp, name):
    assert (name, "CD", "country") in places(nlp, f"Fighting resumed in eastern {name} on Monday, officials said.")
