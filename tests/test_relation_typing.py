"""Relation typing (source -> target in one sentence) on constructed sentences, real spaCy model."""
from __future__ import annotations

import pytest

from frontwatch.nlp.lexicon import Lexicon
from frontwatch.nlp.relation_typing import relation_type, type_relation

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from frontwatch.nlp.model import load_model

    return load_model(disable=("ner",))


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load()


def typed(nlp, lex, text: str, source: str, target: str, fallback: str | None = None):
    doc = nlp(text)
    s = text.index(source)
    t = text.index(target)
    return type_relation(doc, (s, s + len(source)), (t, t + len(target)), lex, fallback=fallback)


@pytest.mark.parametrize("text, source, target, expected", [
    ("The rebels shelled the northern suburbs overnight.", "The rebels", "the northern suburbs", "ASSAULT"),
    ("Border guards detained two fishermen near the harbour.", "Border guards", "two fishermen", "COERCE"),
    ("The opposition leader condemned the ruling party for the violence.", "The opposition leader",
     "the ruling party", "ACCUSE"),
    ("The militia threatened to bomb the embassy of the neighbouring state.", "The militia",
     "the embassy", "THREATEN"),
    ("The committee rejected the proposal submitted by the union.", "The committee", "the union", "REJECT"),
    ("The foreign minister held talks with her counterpart in the capital.", "The foreign minister",
     "her counterpart", "CONSULT"),
    ("The charity delivered food aid to the flooded villages.", "The charity", "the flooded villages", "AID"),
    ("The army deployed thousands of soldiers to the border region.", "The army", "the border region",
     "MOBILIZE"),
    ("Thousands of farmers protested against the new land law.", "Thousands of farmers", "the new land law",
     "PROTEST"),
    ("The donor country suspended development aid to the island state.", "The donor country",
     "the island state", "SANCTION"),
    ("The union urged the government to raise the minimum wage.", "The union", "the government", "REQUEST"),
    ("The cabinet praised the mediators for their patience.", "The cabinet", "the mediators", "SUPPORT"),
])
def test_active_verb_triggers(nlp, lex, text, source, target, expected):
    assert typed(nlp, lex, text, source, target)[0] == expected


def test_passive_keeps_the_agent_as_source(nlp, lex):
    text = "The two students were arrested by the secret police on Tuesday."
    assert typed(nlp, lex, text, "the secret police", "The two students")[0] == "COERCE"
    text = "The convoy was attacked by gunmen outside the town."
    assert typed(nlp, lex, text, "gunmen", "The convoy")[0] == "ASSAULT"


def test_nominal_triggers(nlp, lex):
    text = "The ministry announced the withdrawal of its troops from the disputed valley."
    assert typed(nlp, lex, text, "The ministry", "the disputed valley")[0] in ("RETREAT", "CONCEDE")
    text = "The regulator launched an investigation into the bank over the missing funds."
    assert typed(nlp, lex, text, "The regulator", "the bank")[0] == "ACCUSE"
    text = "The council imposed sanctions on the shipping company."
    assert typed(nlp, lex, text, "The council", "the shipping company")[0] == "COERCE"


def test_governing_trigger_beats_embedded_one(nlp, lex):
    # "accused Y of attacking Z": the accusation links source and target, not the attack
    text = "The governor accused the rival faction of attacking the power station."
    assert typed(nlp, lex, text, "The governor", "the rival faction")[0] == "ACCUSE"


def test_promise_is_agree_and_negation_is_reject(nlp, lex):
    text = "The government said it will release the detained fishermen next week."
    assert typed(nlp, lex, text, "The government", "the detained fishermen")[0] == "AGREE"
    text = "The council did not accept the offer from the neighbouring province."
    assert typed(nlp, lex, text, "The council", "the neighbouring province")[0] == "REJECT"


def test_stated_hostile_intent_is_threaten_and_an_order_to_jail_is_coerce(nlp, lex):
    text = "The opposition parties said they will boycott the local elections."
    assert typed(nlp, lex, text, "The opposition parties", "the local elections")[0] == "THREATEN"
    text = "The opposition parties boycotted the local elections."
    assert typed(nlp, lex, text, "The opposition parties", "the local elections")[0] == "REJECT"
    text = "The judge ordered the editors to be jailed for a month."
    assert typed(nlp, lex, text, "The judge", "the editors")[0] == "COERCE"


def test_what_the_target_must_do_is_a_request(nlp, lex):
    text = "The envoy said the neighbouring government must stop the attacks on the border."
    assert typed(nlp, lex, text, "The envoy", "the neighbouring government")[0] == "REQUEST"


def test_labour_strike_is_protest_not_an_air_strike(nlp, lex):
    text = "Nurses at the city hospital went on strike against the health ministry."
    assert typed(nlp, lex, text, "Nurses at the city hospital", "the health ministry")[0] == "PROTEST"
    text = "The air force carried out strikes against the rebel depots."
    assert typed(nlp, lex, text, "The air force", "the rebel depots")[0] == "ASSAULT"


def test_concluded_agreement_is_support_and_commitment_is_agree(nlp, lex):
    text = "Norway and Chile signed a fisheries treaty in the spring."
    assert typed(nlp, lex, text, "Norway", "Chile")[0] == "SUPPORT"
    text = "The rebels agreed to hand over their weapons to the monitors."
    assert typed(nlp, lex, text, "The rebels", "the monitors")[0] == "AGREE"


def test_time_phrase_is_no_particle(nlp, lex):
    # "called X on Friday" is a phone call, not "call on X" (a request)
    text = "The president called the prime minister on Friday."
    assert typed(nlp, lex, text, "The president", "the prime minister")[0] == "CONSULT"


def test_no_trigger_uses_the_fallback_with_a_low_score(nlp, lex):
    text = "The sky above the harbour and the old fort was grey."
    kind, mode, score = typed(nlp, lex, text, "the harbour", "the old fort", fallback="AGREE")
    assert (kind, mode) == ("AGREE", None) and score < 0.2
    assert typed(nlp, lex, text, "the harbour", "the old fort")[0] is None


def test_spans_can_be_given_as_spacy_spans_and_result_names_its_trigger(nlp, lex):
    doc = nlp("Police arrested the protest organisers in the square.")
    found = relation_type(doc, doc[0:1], doc[2:5], lex)
    assert found.type == "COERCE" and found.trigger.lemma_ == "arrest" and found.tier == 0
    assert 0 < found.score <= 1


def test_weak_entries_type_relations_but_never_start_extracted_events(nlp, lex):
    doc = nlp("The volunteers helped the villagers after the storm.")
    helped = doc[2]
    assert lex.match(helped) is None  # the extractor's lookup
    assert lex.match(helped, weak=True).type == "AID"
    # a weak plural entry must not hide the strong lemma entry
    doc = nlp("The jets carried out strikes on the depot.")
    strikes = next(t for t in doc if t.lower_ == "strikes")
    assert lex.match(strikes) is not None and lex.match(strikes).type == "ASSAULT"
