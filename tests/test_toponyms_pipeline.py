"""The frontwatch_toponyms component on the real model and full gazetteer (slow)."""
import json
import os
from pathlib import Path

import pytest

from frontwatch.evaluate.matching import score_toponym

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CACHE = os.environ.get("FRONTWATCH_TEST_CACHE", str(Path.home() / ".cache" / "frontwatch"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from frontwatch.geo import Gazetteer
    from frontwatch.nlp import places
    from frontwatch.nlp.model import load_model

    nlp = load_model()
    places.add_to(nlp, Gazetteer.open(CACHE))
    return nlp


def test_pipe_is_added_after_ner_and_writes_places(nlp):
    assert nlp.pipe_names.index("frontwatch_toponyms") == nlp.pipe_names.index("ner") + 1
    doc = nlp("Fighting was reported near Aleppo, and officials in Baghdad said Iraq would respond.")
    places = {p.text: p for p in doc._.places}
    assert places["Aleppo"].country_code == "SY" and places["Aleppo"].precision == 2
    assert places["Baghdad"].country_code == "IQ" and places["Baghdad"].precision == 1
    assert places["Iraq"].kind == "country" and places["Iraq"].precision == 4
    for p in doc._.places:
        assert doc.text[p.start:p.end] == p.text


def test_demonyms_and_organisation_names_are_not_places(nlp):
    text = ("Syrian and Kurdish fighters advanced, the Institute for the Study of War said. "
            "The group Aleppo Media Center reported shelling in Idlib province.")
    doc = nlp(text)
    texts = [p.text for p in doc._.places if p.kind != "demonym"]
    assert "Syrian" not in texts and "Kurdish" not in texts
    # a demonym is kept apart: resolved to its country, marked so no event is placed there
    syrian = [p for p in doc._.places if p.text == "Syrian"]
    assert syrian and syrian[0].kind == "demonym" and syrian[0].country_code == "SY"
    assert syrian[0].precision == 4
    assert not [p for p in doc._.places if p.text == "Kurdish"]  # no country of that name
    idlib = [p for p in doc._.places if p.text.startswith("Idlib")]
    assert idlib and idlib[0].kind == "admin" and idlib[0].precision == 3


def test_dates_and_headline_words_are_not_places(nlp):
    doc = nlp("On Thursday, officials in Mosul said the offensive would resume in August.")
    texts = {p.text for p in doc._.places}
    assert texts == {"Mosul"}


def test_city_preferred_over_its_homonymous_province(nlp):
    doc = nlp("Fighters moved from Deir ez Zour to Abu Kamal on the border.")
    places = {p.text: p for p in doc._.places}
    assert places["Deir ez Zour"].kind == "place" and places["Deir ez Zour"].precision == 1
    assert places["Abu Kamal"].country_code == "SY"


def test_mislabelled_names_found_by_the_gazetteer_matcher(nlp):
    doc = nlp("Militants moved to the Iraqi towns of al Qaim and Rawa near the border.")
    places = {p.text: p for p in doc._.places}
    assert places["al Qaim"].country_code == "IQ"
    assert places["Rawa"].country_code == "IQ"


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared corpus not present")
def test_seed_gold_toponyms_all_resolved(nlp):
    results = []
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text())
        text = (SHARED / "seeds" / gold["article"]).read_text()
        doc = nlp(text)
        results += [score_toponym(t, doc._.places) for t in gold["toponyms"]]
        # demonyms never become places
        assert not {"Syrian", "Kurdish", "Iraqi"} & {p.text for p in doc._.places if p.kind != "demonym"}
    wrong = [r for r in results if not r.correct]
    assert results and not wrong, wrong


def test_the_is_not_part_of_a_place_name_and_abbreviations_keep_their_period(nlp):
    doc = nlp("Diplomats were expelled from the United States. He lives in Charleston, W.Va. now.")
    texts = {p.text for p in doc._.places}
    assert "United States" in texts and "the United States" not in texts
    us = next(p for p in doc._.places if p.text == "United States")
    assert doc.text[us.start:us.end] == "United States"
    assert "W.Va." in texts


def test_demonyms_never_locate_events(nlp):
    doc = nlp("Russian warplanes bombed the town of Maarat al-Numan on Monday, killing 12 people.")
    assert any(p.kind == "demonym" for p in doc._.places)
    for event in doc._.events or []:
        assert event.location is None or event.location.country_code != "RU"


def test_context_makes_a_mislabelled_name_a_place(nlp):
    doc = nlp("On Sunday many Gainesville residents marched. The retailer sold its stores in Zilina, "
              "Nitra and Kosice. A manager in Post Falls, Idaho, said he had tested the houses.")
    places = {p.text: p for p in doc._.places}
    assert places["Gainesville"].country_code == "US"
    assert places["Nitra"].country_code == "SK"
    assert places["Post Falls"].admin1 == "Idaho"


def test_territory_that_is_held_taken_or_under_control_is_a_place(nlp):
    # lone town names the model tags ORG / PRODUCT / PERSON, or nothing when they open a sentence
    for text, name, country in [
        ("Manbij has been under SDF control since 2016, officials said.", "Manbij", "SY"),
        ("The militia has held Kobani since the siege ended.", "Kobani", "SY"),
        ("Tal Abyad has been held by the SDF since 2015.", "Tal Abyad", "SY"),
        ("The town of Tal Abyad has been quiet.", "Tal Abyad", "SY"),
    ]:
        places = {p.text: p for p in nlp(text)._.places}
        assert name in places and places[name].country_code == country, (text, places)
    # a person captured is no place; a lone capitalised word in no territorial frame stays out
    for text in ("Police captured Smith after a chase.", "Manbij was quiet on Sunday."):
        assert not nlp(text)._.places, text


def test_country_points_lie_inside_the_country():
    # every country's point comes from packaged data (countryinfo, Natural Earth outlines)
    import reverse_geocoder

    from frontwatch.geo import Gazetteer

    gazetteer = Gazetteer.open(CACHE)
    for code in ("US", "RU", "CN", "CA", "BR", "AU", "SY", "FJ"):
        c = gazetteer.country(code)
        assert c is not None and -90 <= c.lat <= 90 and -180 <= c.lon <= 180
        assert reverse_geocoder.search([(c.lat, c.lon)], mode=1, verbose=False)[0]["cc"] == code or code == "FJ"


def test_a_township_resolves_to_its_town(nlp):
    doc = nlp("Police in Hamilton Township, Ohio, said the road was closed.")
    places = {p.text: p for p in doc._.places}
    assert places["Hamilton Township"].name == "Hamilton"
    assert places["Hamilton Township"].admin1 == "Ohio"


def test_strike_report_bullets_and_cue_words(nlp):
    text = ("Strikes in Syria\n"
            "•Near Raqqah, one strike engaged an ISIL tactical unit.\n"
            "• Near Ayn Isa, a strike destroyed a fighting position.\n"
            "Residents of East Mosul fled to Camp Hurriya near the Euphrates River. "
            "East Timor and North Korea were also named.")
    doc = nlp(text)
    places = {p.text: p for p in doc._.places}
    assert places["Raqqah"].country_code == "SY" and places["Raqqah"].precision == 2
    assert places["Ayn Isa"].country_code == "SY"  # population 0 in GeoNames: unknown, not tiny
    assert places["Mosul"].country_code == "IQ"
    assert places["East Timor"].kind == "country" and places["North Korea"].kind == "country"
    # generic words never stand alone as places, and no cue word is part of a name
    assert not {"Near", "East", "Camp", "River", "Isa"} & set(places)
    assert not any(t.startswith("Near") for t in places)


def test_a_spelling_variant_abroad_is_dropped_when_the_article_names_its_countries(nlp):
    doc = nlp("Coalition forces struck ISIS in Syria and Iraq. Near Al Shadaddi, two strikes "
              "destroyed an oil well.")
    for p in doc._.places:
        assert p.country_code in {"SY", "IQ", None}, p
