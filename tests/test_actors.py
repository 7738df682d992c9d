"""The actor dictionary: data file shape, alias matching and normalisation (tokenizer only)."""
import json

import pytest
import spacy

from frontwatch.nlp.actors import DATA_DIR, ActorDictionary


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    return nlp


@pytest.fixture(scope="module")
def actors(blank):
    d = ActorDictionary.load()
    d.prepare(blank)
    return d


def names(actors, blank, text):
    doc = blank(text)
    return [(doc[m.start:m.end].text, m.entry.name) for m in actors.mentions(doc)]


def test_data_file_is_versioned_and_well_formed():
    data = json.loads((DATA_DIR / "actors.json").read_text("utf-8"))
    assert data["version"]
    seen = set()
    for item in data["actors"]:
        assert item["name"] not in seen
        seen.add(item["name"])
        assert item["sector"] in {"GOV", "MIL", "COP", "REB", "IGO", "MED", "CVL", "OPP"}
        assert item.get("country") is None or len(item["country"]) == 2


@pytest.mark.parametrize("text, name", [
    ("Daesh fighters", "ISIS"), ("the Islamic State of Iraq and the Levant", "ISIS"), ("ISIL", "ISIS"),
    ("the Syrian Democratic Forces", "SDF"), ("CJTF-OIR", "US-led coalition"),
    ("coalition forces", "US-led coalition"), ("the Syrian Arab Army", "Syrian government forces"),
    ("pro-regime forces", "Syrian government forces"), ("Iraqi forces", "Iraqi Security Forces"),
    ("Ansar Allah", "Houthis"), ("al-Shabab", "al-Shabaab"), ("Hayat Tahrir al-Sham", "HTS"),
    ("Jabhat al-Nusra", "HTS"), ("the Saudi-led coalition", "Saudi-led coalition"),
    ("Islamic State West Africa Province", "ISWAP"), ("Boko Haram", "Boko Haram"),
    ("the Taliban", "Taliban"), ("Russian troops", "Russian forces"), ("Armed Forces of Ukraine", "Ukrainian forces"),
    ("unidentified gunmen", "Unidentified armed group"), ("civilians", "Civilians"),
])
def test_aliases_normalise(actors, blank, text, name):
    found = names(actors, blank, text)
    assert found and found[0][1] == name, found


def test_case_sensitive_short_aliases(actors, blank):
    assert names(actors, blank, "IS fighters")[0] == ("IS", "ISIS")
    assert names(actors, blank, "this is it") == []
    assert names(actors, blank, "they told us") == []


def test_longest_match_wins(actors, blank):
    assert names(actors, blank, "the Syrian Arab Coalition") == [("Syrian Arab Coalition", "Syrian Arab Coalition")]
