"""Transliteration folding: one key for the spellings of a name, used only inside the article's countries."""
import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.geo import Gazetteer
from frontwatch.geo.build import ADMIN, COUNTRY, PLACE, _Rows
from frontwatch.nlp.places.recognise import Recogniser
from frontwatch.nlp.places.translit import Folding, folding

VOCAB = spacy.blank("en").vocab


@pytest.mark.parametrize("spellings", [
    ("Ras al-Ayn", "Ras el Ain", "Ras Ein"),          # article forms, Ayn / Ain / Ein
    ("Tall Abyad", "Tal Abyad", "Tel Abiad"),         # doubled letters, y / i, vowels
    ("Hasakah", "Al-Hasakeh", "Hasaka"),              # -ah / -eh / -a
    ("Qamishli", "Kamishli", "Gamishli"),             # q / k / g
    ("Khan Tuman", "Han Tuman"),                      # kh / h
    ("Dhamar", "Damar"),                              # dh / d
    ("Ouahigouya", "Wahiguya"),                       # French ou / w / u
    ("Djibo", "Jibo"),                                # French dj / j
    ("Chouf", "Shouf"),                               # French ch / sh
    ("Deir ez-Zor", "Deir Ezzor"),                    # an article glued to its word
])
def test_spellings_of_one_name_share_the_key(spellings):
    f = folding()
    assert len({f.key(s) for s in spellings}) == 1
    assert all(f.same_name(spellings[0], s) for s in spellings)


def test_different_names_keep_different_keys_and_a_shared_key_needs_shared_letters():
    f = folding()
    assert f.key("Hama") != f.key("Homs") and f.key("Idlib") != f.key("Aleppo")
    assert f.key("Ghouta") == f.key("Kitoy") and not f.same_name("Ghouta", "Kitoy")


def test_the_rules_are_data_a_table_without_a_rule_does_not_fold():
    table = {"articles": [], "glued_article": ["^$", ""], "rules": [], "alternations": [], "min_similarity": 0.0}
    assert Folding(table).key("Ras al-Ayn") != Folding(table).key("Ras el Ain")


def gazetteer() -> Gazetteer:
    rows = _Rows()  # invented villages of unknown population in two countries
    rows.add("Ayn Zahwa", 36.2, 38.9, "SY", "Qurnat", PLACE, 0, 1, ["Ayn Zahwa"])
    rows.add("Qurnat", 36.0, 39.0, "SY", "Qurnat", ADMIN, 900000, 5, ["Qurnat"])
    rows.add("Ain Zahwa", 33.0, 44.0, "IQ", "Baghdad", PLACE, 0, 2, ["Ain Zahwa"])
    rows.add("Syria", 35.0, 38.0, "SY", "", COUNTRY, 17000000, 3, ["Syria"])
    rows.add("Iraq", 33.0, 44.0, "IQ", "", COUNTRY, 40000000, 4, ["Iraq"])
    return Gazetteer.from_payload(rows.payload())


def test_folded_candidates_come_only_from_the_articles_countries():
    rec = Recogniser(gazetteer())
    gaz = rec.gaz
    countries = lambda rows: {gaz.country_of(r) for r, _ in rows}  # noqa: E731
    rec.doc_countries = {"SY"}
    assert countries(rec.folded_rows("Ein Zahwa")) == {"SY"}
    rec.doc_countries = {"IQ"}
    assert countries(rec.folded_rows("Ein Zahwa")) == {"IQ"}
    rec.doc_countries = {"TR"}
    assert rec.folded_rows("Ein Zahwa") == []
    rec.doc_countries = set()
    assert rec.folded_rows("Ein Zahwa") == []  # an article about no country: no folding at all


def parse(words, ents):
    """Every token hangs on the first verb (enough for sentence bounds)."""
    pos = ["VERB" if w == "hit" else "PUNCT" if w in ",." else "ADP" if w == "in" else "PROPN" for w in words]
    root = words.index("hit")
    return Doc(VOCAB, words=words, ents=ents, pos=pos, heads=[root] * len(words),
               deps=["ROOT" if k == root else "dep" for k in range(len(words))])


def test_a_place_the_model_finds_is_matched_by_its_spelling_in_the_region_the_article_names():
    doc = parse(["Shelling", "hit", "Ein", "Zahwa", "in", "Qurnat", ",", "Syria", "."],
                ["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "B-GPE", "O"])
    gaz = gazetteer()
    found = {m.text: m for m in Recogniser(gaz).find(doc)}
    assert {gaz.country_of(r) for r, _ in found["Ein Zahwa"].rows} == {"SY"}
    assert "Ein Zahwa" not in {m.text for m in Recogniser(gaz, transliterate=False).find(doc)}


def test_a_spelling_variant_needs_the_articles_country_and_a_named_place_near_it():
    gaz = gazetteer()
    # the Iraqi village of that spelling has no named place near it; the Syrian one is abroad
    doc = parse(["Shelling", "hit", "Ein", "Zahwa", "in", "Iraq", "."], ["O", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O"])
    assert "Ein Zahwa" not in {m.text for m in Recogniser(gaz).find(doc)}
    doc = parse(["Shelling", "hit", "Ein", "Zahwa", "."], ["O", "O", "B-GPE", "I-GPE", "O"])  # no country
    assert "Ein Zahwa" not in {m.text for m in Recogniser(gaz).find(doc)}
