"""Disambiguation on a hand-built gazetteer with hand-built mentions (no spaCy model)."""
from frontwatch.geo import Gazetteer
from frontwatch.geo.build import ADMIN, COUNTRY, PLACE, _Rows
from frontwatch.nlp.places.recognise import Mention
from frontwatch.nlp.places.resolve import Resolver


def gazetteer() -> Gazetteer:
    rows = _Rows()
    rows.add("Alexandria", 31.20, 29.92, "EG", "Alexandria", PLACE, 5263542, 1, ["Alexandria"])
    rows.add("Alexandria", 31.31, -92.45, "US", "Louisiana", PLACE, 47723, 2, ["Alexandria"])
    rows.add("Louisiana", 31.0, -92.0, "US", "Louisiana", ADMIN, 4600000, 3, ["Louisiana"])
    rows.add("Pineville", 31.32, -92.43, "US", "Louisiana", PLACE, 14000, 4, ["Pineville"])
    rows.add("Pineville", 36.76, -83.69, "US", "Kentucky", PLACE, 1700, 5, ["Pineville"])
    rows.add("Georgia", 42.0, 43.5, "GE", "", COUNTRY, 3700000, 6, ["Georgia"])
    rows.add("Georgia", 32.7, -83.4, "US", "Georgia", ADMIN, 10000000, 7, ["Georgia"])
    rows.add("Syria", 35.0, 38.0, "SY", "", COUNTRY, 17000000, 8, ["Syria"])
    rows.add("Tall Abyad", 36.69, 38.95, "SY", "Ar-Raqqah", PLACE, 14000, 9, ["Tall Abyad", "Tel Abyad"])
    rows.add("Tel Abyad", 40.0, 30.0, "TR", "Bursa", PLACE, 30000, 10, ["Tel Abyad"])
    payload = rows.payload()
    payload["demonyms"] = {"Syrian": "SY"}
    return Gazetteer.from_payload(payload)


def mention(gaz, text, start, hint=None, admin_cue=False):
    rows = gaz.rows_for(text)
    return Mention(start, start + len(text), 0, 1, text, text.lower(), "ner", rows,
                   country_hint=hint, admin_cue=admin_cue)


def chosen(gaz, mentions, demonyms=()):
    choice = Resolver(gaz).resolve(mentions, list(demonyms))
    return {m.key: gaz.candidate(choice[m.key]) for m in mentions if m.key in choice}


def test_population_prior_without_context():
    gaz = gazetteer()
    assert chosen(gaz, [mention(gaz, "Alexandria", 0)])["alexandria"].country_code == "EG"


def test_region_named_in_the_document_wins_over_population():
    gaz = gazetteer()
    got = chosen(gaz, [mention(gaz, "Alexandria", 0), mention(gaz, "Louisiana", 40)])
    assert got["alexandria"].country_code == "US"
    assert got["louisiana"].kind == "admin"


def test_apposition_hint_and_proximity():
    gaz = gazetteer()
    got = chosen(gaz, [mention(gaz, "Alexandria", 0, hint="Louisiana")])
    assert got["alexandria"].admin1 == "Louisiana"
    # a small town resolved near the other place of the article, not the bigger one far away
    got = chosen(gaz, [mention(gaz, "Alexandria", 0, hint="Louisiana"), mention(gaz, "Pineville", 30)])
    assert got["pineville"].admin1 == "Louisiana"


def test_country_name_prefers_country_unless_context_says_region():
    gaz = gazetteer()
    assert chosen(gaz, [mention(gaz, "Georgia", 0)])["georgia"].kind == "country"
    got = chosen(gaz, [mention(gaz, "Georgia", 0, admin_cue=True)])
    assert got["georgia"].country_code == "US"


def test_demonym_context_and_one_sense_per_name():
    gaz = gazetteer()
    ms = [mention(gaz, "Tel Abyad", 0), mention(gaz, "Tel Abyad", 50, hint="Syrian")]
    got = chosen(gaz, ms)
    assert got["tel abyad"].country_code == "SY"
    assert len(got) == 1  # both mentions share one resolution
    assert chosen(gaz, [mention(gaz, "Tel Abyad", 0)], demonyms=["Syrian"])["tel abyad"].country_code == "SY"


def test_a_town_and_the_county_it_lies_in_resolve_together():
    rows = _Rows()
    rows.add("Paris", 48.85, 2.35, "FR", "Ile-de-France", PLACE, 2138551, 1, ["Paris"], "Paris")
    rows.add("Paris", 36.30, -88.33, "US", "Tennessee", PLACE, 10156, 2, ["Paris"], "Henry County")
    rows.add("Henry County", 33.47, -84.20, "US", "Georgia", ADMIN, 230000, 0, ["Henry County"], "Henry County")
    rows.add("Henry County", 36.33, -88.32, "US", "Tennessee", ADMIN, 32000, 0, ["Henry County"], "Henry County")
    gaz = Gazetteer.from_payload(rows.payload())
    got = chosen(gaz, [mention(gaz, "Paris", 0), mention(gaz, "Henry County", 30)])
    assert got["paris"].admin1 == "Tennessee" and got["henry county"].admin1 == "Tennessee"
    # alone, each name keeps its population prior
    assert chosen(gaz, [mention(gaz, "Paris", 0)])["paris"].country_code == "FR"
    assert chosen(gaz, [mention(gaz, "Henry County", 0)])["henry county"].admin1 == "Georgia"


def test_demonyms_resolve_to_their_country_and_continent():
    from frontwatch.nlp.places import demonym_country

    rows = _Rows()
    rows.add("Syria", 35.0, 38.0, "SY", "", COUNTRY, 17000000, 8, ["Syria"])
    rows.add("Europe", 48.69, 9.14, "", "", ADMIN, 740000000, 6255148, ["Europe"])
    payload = rows.payload()
    payload["demonyms"] = {"Syrian": "SY"}
    gaz = Gazetteer.from_payload(payload)
    resolver = Resolver(gaz)
    assert gaz.name_of(demonym_country("Syrians", resolver)) == "Syria"
    assert gaz.name_of(demonym_country("the Syrian", resolver)) == "Syria"
    assert gaz.name_of(demonym_country("European", resolver)) == "Europe"
    assert demonym_country("Kurdish", resolver) is None
