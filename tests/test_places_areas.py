"""Places located by the areas a text names: region/district containment, area appositions,
a region's namesake town, and parenthesised places as event locations (invented names only)."""
import pytest

from frontwatch.geo.areas import area_keys, named_areas
from gazetteer_helpers import dump_line as line, pipeline_with_dump


def test_area_keys_ignore_admin_words_and_spelling():
    assert area_keys("Province du Soum") & area_keys("Soum")
    assert area_keys("Sikasso Region") & area_keys("Sikasso")
    assert area_keys("Bassa LGA") & area_keys("Bassa")
    assert area_keys("Deir ez-Zor") & area_keys("Deir-ez-Zor")
    assert not area_keys("district")
    assert not area_keys("Soum") & area_keys("Sahel")


def test_named_areas_reads_the_capitalised_runs():
    keys = named_areas("in Miango (Bassa LGA, Plateau) on Monday")
    assert area_keys("Bassa") <= keys and area_keys("Plateau") <= keys
    assert "monday" in keys and "on" not in keys


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    # invented names: nothing in the embedded index has them
    return pipeline_with_dump(tmp_path_factory, [
        line(99100001, "Kwentaba", "A", "ADM1", "91", lat=13.0, lon=-1.0),
        line(99100002, "Dabrosso", "A", "ADM1", "92", lat=11.0, lon=-4.0),
        line(99100003, "Tinsogo", "A", "ADM2", "91", "9101", lat=13.2, lon=-1.2),
        # one village name in two regions; the one in Dabrosso is larger
        line(99100004, "Zindoura", "P", "PPL", "91", "9101", lat=13.3, lon=-1.3),
        line(99100005, "Zindoura", "P", "PPL", "92", lat=11.2, lon=-4.1, pop=5000),
        # a region and the town it is named after
        line(99100006, "Kwentaba", "P", "PPL", "91", lat=13.05, lon=-1.05),
    ])


def place(nlp, text, name):
    doc = nlp(text)
    hit = [p for p in doc._.places if p.text == name]
    assert hit, [(p.text, p.name) for p in doc._.places]
    return hit[0]


@pytest.mark.slow
def test_the_candidate_in_the_region_the_sentence_names_wins(nlp):
    p = place(nlp, "On May 3, gunmen killed two herders in Zindoura (Tinsogo, Kwentaba).", "Zindoura")
    assert p.geonameid == 99100004
    p = place(nlp, "On May 3, gunmen killed two herders in Zindoura, Dabrosso region.", "Zindoura")
    assert p.geonameid == 99100005


@pytest.mark.slow
def test_a_region_name_alone_means_its_namesake_town_unless_the_text_says_region(nlp):
    assert place(nlp, "On May 3, hundreds of traders protested in Kwentaba against new taxes.",
                 "Kwentaba").kind == "place"
    assert place(nlp, "On May 3, gunmen attacked two villages in Kwentaba region.", "Kwentaba").kind == "admin"


@pytest.mark.slow
def test_a_parenthesis_locates_an_event(nlp):
    from frontwatch.nlp.places.events import PlaceIndex

    doc = nlp("On 2 May, rebels clashed with soldiers in Tassemdi Yiri (Kwentaba). Seven soldiers were killed.")
    index = PlaceIndex(doc)
    assert any(p.text == "Kwentaba" for p in index.places), [(p.text, p.kind) for p in doc._.places]
    trigger = next(t for t in doc if t.lower_ == "clashed")
    location, _ = index.location_for(trigger)
    assert location is not None and location.name == "Kwentaba"
