"""Precision of event extraction: dates of the event's own clause, history left out, one event per
real event (the scored same-event decision). Constructed sentences, the real spaCy model (slow)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from frontwatch.records import Event, EventDate, Evidence, Location, PlaceMention

pytestmark = pytest.mark.slow

PUB = date(2017, 5, 11)  # Thursday
PLACES = {
    "Hajin": (34.69, 40.83, "SY", "place", 1), "Mosul": (36.34, 43.12, "IQ", "place", 1),
    "Menaka": (15.92, 2.40, "ML", "place", 1), "Mali": (17.0, -4.0, "ML", "country", 4),
    "Syria": (35.0, 38.0, "SY", "country", 4),
}


@pytest.fixture(scope="module")
def nlp():
    from frontwatch.nlp import events
    from frontwatch.nlp.model import load_model

    model = load_model()
    events.add_to(model)
    return model


def extract(nlp, text, published=PUB):
    doc = nlp.make_doc(text)
    doc._.article_id = "t"
    doc._.published = published
    found = []
    for name, (lat, lon, cc, kind, precision) in PLACES.items():
        for m in re.finditer(re.escape(name), text):
            found.append(PlaceMention("t", name, m.start(), m.end(), name=name, latitude=lat, longitude=lon,
                                      country_code=cc, kind=kind, precision=precision))
    doc._.places = found
    return nlp(doc)._.events


def assaults(events):
    return [e for e in events if e.event_type == "ASSAULT"]


# ------------------------------------------------------------------ dates of the event's own clause

@pytest.mark.parametrize("text", [
    "Rebel forces launched an offensive Sunday to gain control of Hajin, the town overrun by militants in 2014.",
    "Rebel forces launched an offensive on Sunday to capture Hajin, a town that militants seized in 2014.",
])
def test_a_date_describing_an_argument_does_not_date_the_event(nlp, text):
    events = assaults(extract(nlp, text))
    assert events
    assert all(e.date is not None and e.date.start == date(2017, 5, 7) for e in events), \
        [(e.trigger.text, e.date) for e in events]


def test_a_coarse_date_in_a_relative_clause_of_an_argument_is_history(nlp):
    text = ("Government troops said they had retaken Hajin, where the insurgency began in 2012, "
            "after heavy fighting.")
    events = assaults(extract(nlp, text))
    assert events and all(e.date is None or e.date.start.year == 2017 for e in events)


def test_the_event_of_a_relative_clause_keeps_its_own_date(nlp):
    from frontwatch.nlp.dates.event_date import describes_argument
    from frontwatch.nlp.dates import find_time_expressions

    doc = nlp("Rebels captured Hajin, which militants had seized in 2014.")
    sent = next(doc.sents)
    times = find_time_expressions(sent.text, PUB)
    seized = next(t for t in doc if t.lower_ == "seized")
    captured = next(t for t in doc if t.lower_ == "captured")
    assert not describes_argument(sent, times[0], seized, seized)
    assert describes_argument(sent, times[0], captured, captured)


def test_a_weekday_resolves_to_the_latest_such_day_on_or_before_publication(nlp):
    ev = assaults(extract(nlp, "Militants attacked an army post in Menaka on Friday, killing four soldiers."))[0]
    assert ev.date.start == date(2017, 5, 5)


# ------------------------------------------------------------------ history

def _event(day: date | None) -> Event:
    when = EventDate(text="x", start=day, end=day, precision="day") if day else None
    return Event(article_id="t", event_type="ASSAULT", evidence=Evidence(text="x", start=0, end=1), date=when)


def test_events_ended_more_than_a_year_before_publication_are_history():
    from frontwatch.nlp.events.history import drop_history, is_history

    old, recent, undated = _event(date(2015, 5, 1)), _event(date(2017, 1, 3)), _event(None)
    assert is_history(old, PUB) and not is_history(recent, PUB) and not is_history(undated, PUB)
    assert not is_history(old, None)  # no publication date: nothing is known to be old
    assert drop_history([old, recent, undated], PUB) == [recent, undated]


def test_background_sentence_of_an_earlier_year_is_not_coded(nlp):
    text = ("Militants attacked an army post in Menaka on Friday, killing four soldiers.\n\n"
            "The country descended into violence in 2012 when rebels attacked army posts in Mali.")
    events = assaults(extract(nlp, text))
    assert len(events) == 1 and events[0].date.start == date(2017, 5, 5)


# ------------------------------------------------------------------ one event per real event

def test_a_report_placed_only_at_the_country_joins_the_same_event_in_a_town(nlp):
    text = ("Militants attacked an army post in Menaka on Friday, killing four soldiers.\n\n"
            "The attack on Friday in Mali killed four soldiers, officials said.")
    events = assaults(extract(nlp, text))
    assert len(events) == 1, [(e.trigger.text, e.location and e.location.name) for e in events]
    assert events[0].location.name == "Menaka"


def test_same_event_score_reads_its_weights_from_data(tmp_path):
    from frontwatch.nlp.events.merge import Draft
    from frontwatch.nlp.events.same_event import best_match, features, merge_weights, same_event_score

    town = Location(text="Menaka", name="Menaka", country_code="ML", precision=1, latitude=15.9, longitude=2.4)
    country = Location(text="Mali", name="Mali", country_code="ML", precision=4, latitude=17.0, longitude=-4.0)
    a = Draft(_event(date(2017, 5, 5)), lemma="attack")
    a.event.location = town
    b = Draft(_event(date(2017, 5, 5)), lemma="attack")
    b.event.location = country
    f = features(a, b)
    assert f["place_country_holds_other"] and f["same_trigger_lemma"] and not f["places_differ"]
    assert best_match([a], b) == 0
    c = Draft(_event(date(2017, 4, 20)), lemma="attack")
    c.event.location = country
    assert features(a, c)["dates_conflict"] and best_match([a], c) is None
    strict = tmp_path / "w.json"
    strict.write_text('{"threshold": 5, "weights": {"place_country_holds_other": 0.5}}')
    assert same_event_score(a, b, merge_weights(str(strict))) < merge_weights(str(strict)).threshold


# ------------------------------------------------------------------ statements are not events

@pytest.mark.parametrize("text", [
    "Officials could not say whether any soldiers had been killed in Menaka.",
    "“Let us collaborate with the army in Menaka and denounce any suspicious cases,” he said.",
    "The governor said that such cowardly attacks in Menaka would not demoralize the police.",
    "The government typically blames the militants for violence in Menaka.",
    "This is the ninth town in which the rebels have captured territory since the truce in Mali.",
    "Some 900 civilians have been killed in Menaka since the state of siege was declared.",
    # an inquiry into the reported incident is the authorities' follow-up, not a conflict event
    "The police in Menaka have launched an investigation into the incident.",
    "The army said it would investigate the incident in Menaka.",
])
def test_questions_calls_generic_talk_habits_and_descriptions_are_not_events(nlp, text):
    assert extract(nlp, text) == [], [(e.event_type, e.trigger.text, e.status) for e in extract(nlp, text)]


def test_a_concrete_act_beside_a_statement_is_still_an_event(nlp):
    text = ("Militants attacked an army post in Menaka on Friday, killing four soldiers, "
            "and officials could not say whether more soldiers had been killed.")
    events = assaults(extract(nlp, text))
    assert len(events) == 1 and events[0].status == "occurred" and events[0].trigger.text == "attacked"


def test_a_past_event_in_a_relative_clause_of_a_common_noun_is_kept(nlp):
    text = "The gunmen who attacked an army post in Menaka on Friday killed four soldiers."
    assert assaults(extract(nlp, text))


def test_a_dateline_stamps_the_report_not_the_event(nlp):
    from datetime import date as day

    text = ("Bamako, May 11 (Agency) — Militants attacked an army post in Menaka, killing four soldiers. "
            "The attack took place on Tuesday, officials said.")
    events = assaults(extract(nlp, text))
    assert events and all(e.date is None or e.date.start == day(2017, 5, 9) for e in events), \
        [(e.trigger.text, e.date) for e in events]


def test_a_dated_opening_clause_is_not_a_dateline(nlp):
    from frontwatch.nlp.dates.event_date import dateline_end

    doc = nlp("On May 9 militants attacked an army post in Menaka — four soldiers died.")
    assert dateline_end(next(doc.sents)) == -1
    doc = nlp("Bamako, May 11 (Agency) — Militants attacked an army post.")
    assert dateline_end(next(doc.sents)) > 0


def test_a_territorial_gain_since_an_offensive_began_is_an_event(nlp):
    text = "The army has seized a string of towns near Menaka since launching an offensive three days ago."
    assert assaults(extract(nlp, text))


def test_a_neighbour_country_report_needs_more_agreement_than_its_place():
    from frontwatch.nlp.events.merge import Draft
    from frontwatch.nlp.events.same_event import best_match, features

    town = Location(text="Menaka", name="Menaka", country_code="ML", precision=1, latitude=15.9, longitude=2.4)
    other = Location(text="Niger", name="Niger", country_code="NE", precision=4, latitude=17.0, longitude=9.0)
    a = Draft(_event(date(2017, 5, 5)), lemma="ambush")
    a.event.location = town
    same_word = Draft(_event(date(2017, 5, 5)), lemma="ambush")
    same_word.event.location = other
    other_word = Draft(_event(date(2017, 5, 5)), lemma="say")
    other_word.event.location = other
    assert features(a, same_word)["place_country_elsewhere"]
    assert best_match([a], same_word) == 0 and best_match([a], other_word) is None


def test_a_report_of_victims_takes_the_means_of_the_same_event(nlp):
    text = "On Friday one policeman was killed in Menaka when a roadside bomb hit his vehicle."
    events = assaults(extract(nlp, text))
    assert len(events) == 1, [(e.trigger.text, e.mode) for e in events]
    assert events[0].acled_event_type == "Explosions/Remote violence"


def test_a_repeated_blow_is_not_a_habit(nlp):
    assert assaults(extract(nlp, "On Friday unidentified assailants repeatedly hit a journalist with clubs in Menaka."))
