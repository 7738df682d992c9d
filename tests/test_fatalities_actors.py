"""Fatalities and attackers that belong to their event, on constructed sentences."""
from __future__ import annotations

from datetime import date

import pytest

from event_helpers import events_pipeline, extract_events

pytestmark = pytest.mark.slow

PUB = date(2021, 3, 10)
PLACES = {"Menaka": (15.92, 2.40, "ML"), "Gao": (16.27, -0.04, "ML")}


@pytest.fixture(scope="module")
def nlp():
    return events_pipeline()


def extract(nlp, text):
    return extract_events(nlp, text, PUB, PLACES)


def attacks(events):
    return [e for e in events if e.event_type == "ASSAULT"]


@pytest.mark.parametrize("described", ["The attackers used grenades after entering the building.",
                                       "Dozens of gunmen stormed the compound from three directions."])
def test_an_attacker_described_in_the_next_sentence_is_actor1(nlp, described):
    found = attacks(extract(nlp, "Ten policemen were killed in an attack on a police station in Menaka on Monday. "
                                 + described))
    assert found and found[0].actor1 is not None
    assert found[0].actor1.acled == "Unidentified Armed Group (Mali)"
    assert (found[0].fatalities.min, found[0].fatalities.max) == (10, 10)


def test_no_attacker_is_invented_when_none_is_described(nlp):
    found = attacks(extract(nlp, "Ten policemen were killed in an attack on a police station in Menaka on Monday. "
                                 "The injured were taken to a hospital in Gao."))
    assert found and all(e.actor1 is None for e in found)


def test_the_attacked_groups_own_fighters_described_next_are_not_the_attacker(nlp):
    found = attacks(extract(nlp, "A large bomb struck ISIS tunnels near Menaka on Monday, killing 36 fighters. "
                                 "Al-Shabaab fighters had used the tunnels to move freely."))
    assert found and found[0].actor2 is not None and found[0].actor2.name == "ISIS"
    assert found[0].actor1 is None or found[0].actor1.name != "al-Shabaab"


def test_a_group_described_after_an_air_strike_is_not_its_attacker(nlp):
    found = attacks(extract(nlp, "An air strike hit a tunnel complex near Menaka on Monday. "
                                 "Al-Shabaab fighters are using tunnels to thicken their defence."))
    assert found and all(e.actor1 is None or e.actor1.name != "al-Shabaab" for e in found)


def test_a_sides_losses_are_the_events_fatalities(nlp):
    found = attacks(extract(nlp, "Rebels attacked an army base in Menaka on Monday, and the army lost four (4) "
                                 "soldiers."))
    assert any(e.fatalities is not None and (e.fatalities.min, e.fatalities.max) == (4, 4) for e in found)


def test_the_agent_of_two_joined_passive_verbs_is_actor1(nlp):
    found = attacks(extract(nlp, "On Monday, a policeman was shot and killed by Taliban militants in Menaka."))
    assert found and found[0].actor1 is not None and found[0].actor1.name == "Taliban"
    assert (found[0].fatalities.min, found[0].fatalities.max) == (1, 1)


def test_the_agent_of_a_gerund_trigger_is_actor1(nlp):
    found = attacks(extract(nlp, "Shelling by Afghan security forces hit a residential area in Menaka on Monday."))
    assert found and found[0].actor1 is not None
    assert found[0].actor1.acled == "Military Forces of Afghanistan"


def test_the_other_side_of_a_clash_that_killed_is_actor1(nlp):
    found = attacks(extract(nlp, "On Monday, 12 JNIM militants were killed during clashes with Malian forces in "
                                 "Menaka."))
    assert found and found[0].actor1 is not None and found[0].actor1.acled == "Military Forces of Mali"
    assert found[0].actor2 is not None and found[0].actor2.name == "JNIM"
