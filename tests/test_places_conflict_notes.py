"""Places in conflict-report sentences: names the model reads as persons or organisations,
parentheses that locate a village, apposition chains, and villages a region named beside them
rules out (invented names only)."""
import pytest

from frontwatch.nlp.places.accept import locating_parenthesis, span_features
from gazetteer_helpers import dump_line as line, pipeline_with_dump


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    return pipeline_with_dump(tmp_path_factory, [
        line(99200001, "Vorumbaga", "A", "ADM1", "93", lat=12.0, lon=-2.0),
        line(99200002, "Zentouka", "A", "ADM2", "93", "9301", lat=12.2, lon=-2.2),
        line(99200003, "Qalgondi", "P", "PPL", "93", "9301", lat=12.25, lon=-2.25),
        # a village name only found far from Zentouka, in another region
        line(99200004, "Tamboxel", "P", "PPL", "94", lat=10.0, lon=-5.0),
        line(99200005, "Dravinka", "A", "ADM1", "94", lat=10.1, lon=-5.1),
        # one village name twice; the apposed town Sundravi lies by the smaller one
        line(99200006, "Marbekol", "P", "PPL", "93", "9301", lat=12.4, lon=-2.4),
        line(99200007, "Marbekol", "P", "PPL", "94", lat=10.3, lon=-5.3, pop=3000),
        line(99200008, "Sundravi", "P", "PPL", "93", "9301", lat=12.45, lon=-2.45, pop=2500),
    ])


def places_of(nlp, text):
    return {p.text: p for p in nlp(text)._.places}


def test_a_parenthesis_after_a_name_locates_it(nlp):
    doc = nlp.make_doc("Gunmen attacked Qalgondi (Zentouka, Vorumbaga) and left.")
    i = next(t.i for t in doc if t.text == "Vorumbaga")
    assert locating_parenthesis(doc, i, i + 1)
    doc = nlp.make_doc("Gunmen attacked the market (Zentouka said) and left.")
    i = next(t.i for t in doc if t.text == "Zentouka")
    assert not locating_parenthesis(doc, i, i + 1)  # a parenthesis after a common noun, with a verb in it


def test_a_name_labelled_person_after_in_is_located(nlp):
    doc = nlp("On 3 May, militants attacked an army position in Qalgondi, and no casualties were reported.")
    i = next(t.i for t in doc if t.text == "Qalgondi")
    labels = [None] * len(doc)
    labels[i] = "PERSON"  # what the model often says of an unknown village name
    assert span_features(doc, i, i + 1, labels)["located_other_label"]
    doc = nlp("On 3 May, militants met Qalgondi's brother in the town.")
    i = next(t.i for t in doc if t.text == "Qalgondi")
    labels = [None] * len(doc)
    labels[i] = "PERSON"
    assert not span_features(doc, i, i + 1, labels)["located_other_label"]


@pytest.mark.slow
def test_an_event_at_an_apposition_chain_takes_its_first_name(nlp):
    from frontwatch.nlp.places.events import PlaceIndex

    doc = nlp("On 2 May, rebels attacked soldiers in Qalgondi (Zentouka, Vorumbaga). Two soldiers were killed.")
    names = {p.text: p for p in doc._.places}
    assert {"Qalgondi", "Vorumbaga"} <= set(names), list(names)
    trigger = next(t for t in doc if t.lower_ == "attacked")
    location, _ = PlaceIndex(doc).location_for(trigger)
    assert location is not None and location.geonameid == 99200003


@pytest.mark.slow
def test_a_village_far_from_the_district_named_with_it_is_no_place(nlp):
    got = places_of(nlp, "On 2 May, gunmen killed two herders in the village of Tamboxel of Zentouka district, "
                         "Vorumbaga.")
    assert "Zentouka" in got or "Vorumbaga" in got, list(got)
    assert "Tamboxel" not in got, got["Tamboxel"].name
    got = places_of(nlp, "On 2 May, gunmen killed two herders in the village of Tamboxel, Dravinka.")
    assert got["Tamboxel"].geonameid == 99200004  # its own region: kept


@pytest.mark.slow
def test_an_apposed_town_picks_the_namesake_beside_it(nlp):
    got = places_of(nlp, "On 2 May, gunmen attacked the village of Marbekol, Sundravi.")
    assert got["Marbekol"].geonameid == 99200006, got["Marbekol"]
    got = places_of(nlp, "On 2 May, gunmen attacked the village of Marbekol.")
    assert got["Marbekol"].geonameid == 99200007  # alone: the larger one


@pytest.mark.slow
def test_conflict_report_units_are_admin_words(nlp):
    got = places_of(nlp, "On 2 May, protesters blocked roads in Zentouka woreda.")
    assert got["Zentouka"].kind == "admin"
