"""Actors are parties: constructed sentences through the real pipeline (slow), and the
article-level passes (attackers from context, one name per party, ACLED-style names)."""
from __future__ import annotations

from datetime import date

import pytest

from event_helpers import events_pipeline, extract_events
from frontwatch.nlp.acled_actors import acled_actor_name, actor_class
from frontwatch.nlp.actor_context import attackers_from_context, canonical_actors, introduced_abbreviations
from frontwatch.records import Actor, Event, Evidence, Location

PUB = date(2020, 5, 10)


# --------------------------------------------------------------------------- pipeline (slow)

@pytest.fixture(scope="module")
def nlp():
    return events_pipeline()


def extract(nlp, text):
    return extract_events(nlp, text, PUB)


def attack(events):
    found = [e for e in events if e.event_type == "ASSAULT"]
    assert found, [(e.event_type, e.trigger.text) for e in events]
    return found[0]


def name(actor):
    return actor.name if actor is not None else None


@pytest.mark.slow
@pytest.mark.parametrize("text, actor1, actor2", [
    # the agent of the attack a victim clause gives as its cause
    ("At least four policemen were killed following attacks by Taliban militants on two checkpoints.",
     "Taliban", "Security forces"),
    ("At least eight civilians were killed in the latest attack blamed on the Allied Democratic Forces.",
     "ADF", "Civilians"),
    # whoever planted the device that killed
    ("A bomb suspected to have been planted by the Taliban killed three civilians on Sunday.", "Taliban",
     "Civilians"),
    # an operation or shelling "by X" that killed: X
    ("On 7 March 2020, operations by Afghan military forces killed 8 Taliban militants in Dih Bala.", "Afghan forces",
     "Taliban"),
    # members of a named group are the group
    ("Members of the Karamoja Liberation Front clashed with unidentified gunmen on Saturday.",
     "Karamoja Liberation Front", "Unidentified armed group"),
    # victims named by their trade are civilians
    ("On Tuesday, al-Shabaab militants killed at least 14 quarry workers near the town.", "al-Shabaab", "Civilians"),
])
def test_roles_name_the_parties(nlp, text, actor1, actor2):
    ev = attack(extract(nlp, text))
    assert (name(ev.actor1), name(ev.actor2)) == (actor1, actor2)


@pytest.mark.slow
def test_definite_description_refers_to_the_group_named_sentences_before(nlp):
    text = ("Al-Shabaab said it would fight on. The town was calm on Monday. Officials said schools were "
            "closed. Traders left the market. Earlier this month 50 soldiers were killed in a surprise "
            "attack by the militants.")
    ev = attack(extract(nlp, text))
    assert name(ev.actor1) == "al-Shabaab" and ev.actor1.text == "the militants"


@pytest.mark.slow
def test_gunmen_from_a_named_group_are_the_group(nlp):
    text = "Gunmen from the Karamoja Liberation Front attacked a police station in Moroto on Monday."
    ev = attack(extract(nlp, text))
    assert name(ev.actor1) == "Karamoja Liberation Front"


@pytest.mark.slow
def test_a_group_named_in_apposition_claims_and_its_patron_is_not_a_party(nlp):
    text = ("At least 15 people were killed after a suicide bomber hit a busy restaurant in Beledweyne. "
            "The Al Qaeda-affiliated terrorist group Al Shabab claimed responsibility.")
    events = [e for e in extract(nlp, text) if e.event_type == "ASSAULT"]
    assert events and all(name(e.actor1) == "al-Shabaab" for e in events)  # one sentence, one attacker
    assert all(name(e.actor2) != "al-Qaeda" for e in events)


@pytest.mark.slow
def test_pro_x_is_on_x_side(nlp):
    events = extract(nlp, "On 3 May 2020, pro-Houthi reinforcements reportedly arrived in Dimnat Khadir district.")
    assert [name(e.actor1) for e in events] == ["Houthis"]


@pytest.mark.slow
def test_no_group_is_nobody(nlp):
    events = extract(nlp, "No group attacked the convoy on Monday, police said.")
    assert all(e.actor1 is None for e in events)


@pytest.mark.slow
def test_each_actor_carries_its_acled_name(nlp):
    ev = attack(extract(nlp, "Malian soldiers killed three civilians in an ambush on Sunday."))
    assert ev.actor1.acled == "Military Forces" or ev.actor1.acled.startswith("Military Forces")
    assert ev.actor2.acled.startswith("Civilians")


# --------------------------------------------------------------------------- article-level passes

def ev(start, a1=None, a2=None, type_="ASSAULT", cc="ML"):
    return Event(article_id="a", event_type=type_, status="occurred", evidence=Evidence("x" * 10, start, start + 10),
                 actor1=a1, actor2=a2, location=Location("Town", "Town", None, 14.0, -4.0, cc, None, 1),
                 acled_event_type="Battles", acled_sub_event_type="Armed clash")


def test_attack_without_attacker_takes_the_nearest_named_attacker_not_its_own_target():
    jnim, mali = Actor("JNIM", "JNIM"), Actor("Malian army", "Malian forces")
    events = [ev(0, jnim, mali), ev(20, None, None), ev(40, None, jnim), ev(60, None, None, type_="PROTEST")]
    out = attackers_from_context(events)
    assert name(out[1].actor1) == "JNIM" and name(out[1].actor2) == "Malian forces"  # target of JNIM's attack
    assert out[2].actor1 is None  # the only attacker named is this attack's target
    assert out[3].actor1 is None  # only attacks are filled


def test_generic_attackers_are_never_carried():
    events = [ev(0, Actor("gunmen", "Unidentified armed group")), ev(20)]
    assert attackers_from_context(events, frozenset({"unidentified armed group"}))[1].actor1 is None


def test_one_name_per_party_within_an_article():
    text = "Fighters of the Karamoja Liberation Front (KLF) attacked. The KLF said it killed two soldiers."
    assert introduced_abbreviations(text) == {"klf": "karamoja liberation front"}
    events = [ev(0, Actor("Karamoja Liberation Front", "Karamoja Liberation Front")),
              ev(20, Actor("The KLF", "KLF")), ev(40, Actor("KLF", "KLF")), ev(60, Actor("Daesh", "ISIS"))]
    out = canonical_actors(events, text, acled_actor_name)
    assert [e.actor1.name for e in out] == ["KLF", "KLF", "KLF", "ISIS"]
    assert [e.actor1.text for e in out][:2] == ["Karamoja Liberation Front", "The KLF"]  # as written
    assert out[3].actor1.acled == "ISIS"


@pytest.mark.parametrize("actor, event_type, expected", [
    (Actor("police", "Security forces"), "Battles", "Police Forces of Mali"),
    (Actor("police officers", "police officers"), "Battles", "Police Forces of Mali"),
    (Actor("Malian soldiers", "Malian forces"), "Battles", "Military Forces of Mali"),
    (Actor("Heavy truck drivers", "Heavy truck drivers"), "Protests", "Protesters (Mali)"),
    (Actor("civil society activists", "civil society activists"), "Protests", "Protesters (Mali)"),
    (Actor("Youths", "Youths"), "Riots", "Rioters (Mali)"),
    (Actor("quarry workers", "Civilians"), "Violence against civilians", "Civilians (Mali)"),
    (Actor("an unknown party", "unknown party"), "Explosions/Remote violence", "Unidentified Armed Group (Mali)"),
    (Actor("gunmen", "Unidentified armed group"), "Battles", "Unidentified Armed Group (Mali)"),
    (Actor("Security Belt forces", "Security Belt forces"), "Battles", "Security Belt forces"),
    (Actor("the NAF rebel forces", "NAF rebel forces"), "Battles", "NAF rebel forces"),
])
def test_acled_style_names(actor, event_type, expected):
    e = ev(0, actor)
    e.acled_event_type = event_type
    e.acled_sub_event_type = {"Protests": "Peaceful protest", "Riots": "Violent demonstration"}.get(event_type)
    assert acled_actor_name(actor, e, "actor1") == expected


def test_a_kind_of_people_is_not_a_named_party():
    assert actor_class(Actor("Kurdish doctors", "Kurdish doctors"))[0] == "civilians"
    assert actor_class(Actor("Anti-Houthi National Resistance forces", "x"))[0] == "named"


def test_civilians_are_not_attackers_and_protests_have_protesters():
    jnim = Actor("JNIM", "JNIM")
    out = attackers_from_context([ev(0, jnim), ev(20, Actor("people", "Civilians"))])
    assert name(out[1].actor1) == "JNIM"
    protest = ev(0, None, type_="PROTEST")
    protest.acled_event_type, protest.acled_sub_event_type = "Protests", "Peaceful protest"
    out = canonical_actors([protest], "", acled_actor_name)
    assert name(out[0].actor1) == "Protesters" and out[0].actor1.acled == "Protesters (Mali)"


def test_a_state_that_strikes_does_so_with_its_military():
    e = ev(0, Actor("US", "United States"))
    e.acled_event_type = "Explosions/Remote violence"
    assert acled_actor_name(e.actor1, e, "actor1") == "Military Forces of United States"
    e.acled_event_type = "Strategic developments"
    assert acled_actor_name(e.actor1, e, "actor1") == "Government of United States"


@pytest.mark.parametrize("name_, expected", [("al-Shabaab", "Al Shabaab"), ("al Qaeda", "Al Qaeda"),
                                           ("Alliance of Patriots", "Alliance of Patriots"), ("JNIM", "JNIM")])
def test_named_groups_take_acleds_spelling_of_the_article(name_, expected):
    e = ev(0, Actor(name_, name_))
    e.acled_event_type = "Battles"
    assert acled_actor_name(Actor(name_, name_), e, "actor1") == expected


@pytest.mark.parametrize("sub, expected", [
    ("Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)"),
    ("Attack", "Unidentified Armed Group (Mali)"),
    ("Air/drone strike", None),
    ("Armed clash", None),
])
def test_an_unnamed_perpetrator_of_one_sided_violence_is_an_unidentified_armed_group(sub, expected):
    e = ev(0, None)
    e.acled_sub_event_type = sub
    assert acled_actor_name(None, e, "actor1") == expected
    assert acled_actor_name(None, e, "actor2") is None


@pytest.mark.parametrize("text, expected", [
    ("suspected Fulani militias", "Fulani Ethnic Militia (Mali)"),
    ("Borana militia", "Borana Ethnic Militia (Mali)"),
    ("Malian militia", None),
    ("unidentified militia", None),
    ("JNIM militia", None),
])
def test_identity_militias_are_named_after_their_community(text, expected):
    actor = Actor(text, "Militants")
    e = ev(0, actor)
    e.acled_event_type = "Battles"
    got = acled_actor_name(actor, e, "actor1")
    assert (got == expected) if expected else not got.endswith("Ethnic Militia (Mali)")
