"""Place recognition with added sources: a population-0 village taken with support, country abbreviations."""
import pytest

from gazetteer_helpers import dump_line as line, pipeline_with_dump

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    # invented names: nothing in the embedded index has them
    return pipeline_with_dump(tmp_path_factory, [
        line(99000001, "Kwentaba", "A", "ADM1", "91"),
        line(99000002, "Ouyoukoura", "P", "PPL", "91", lat=13.4, lon=-1.3),
    ])


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
