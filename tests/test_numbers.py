"""Fatality and number parsing (no spaCy model needed)."""
import pytest

from frontwatch.nlp.numbers import fatalities_in, number_range, parse_number


@pytest.mark.parametrize("text, expected", [
    ("three soldiers were killed in the ambush", (3, 3)),
    ("at least 82 people were killed", (82, None)),
    ("more than 20 civilians were killed", (20, None)),
    ("up to 30 fighters died", (None, 30)),
    ("between 10 and 15 people were killed", (10, 15)),
    ("the blast killed 12 people", (12, 12)),
    ("killing at least seven", (7, None)),
    ("a soldier was killed", (1, 1)),
    ("the death toll rose to 45", (45, 45)),
    ("dozens of other members have died since", (12, None)),
    ("seventy-two dead", (72, 72)),
    ("with at least ten people killed", (10, None)),
    ("about 40 people died", (40, 40)),
    ("scores of people were killed", (20, None)),
    ("hundreds were killed", (100, None)),
    ("no fewer than 12 villagers were killed", (12, None)),
    ("not less than nine people died", (9, None)),
    ("fewer than 10 people were killed", (None, 9)),
])
def test_fatality_forms(text, expected):
    assert fatalities_in(text) == expected


@pytest.mark.parametrize("text", [
    "roughly 70 ISIS fighters withdrew",
    "It is unclear how many fighters died",
    "coalition forces conducted 34 strikes",
])
def test_no_fatality_count(text):
    assert fatalities_in(text) is None


@pytest.mark.parametrize("text, value", [
    ("70", 70), ("4,000", 4000), ("seventy-two", 72), ("two hundred", 200),
    ("one thousand five hundred", 1500), ("a dozen", 12), ("twelve", 12),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words():
    assert parse_number("several people") is None


def test_number_range_qualifiers():
    assert number_range("70", "roughly") == (70, 70)
    assert number_range("70", "nearly") == (None, 70)
    assert number_range("dozens", None) == (12, None)


def test_an_article_is_not_a_count():
    assert fatalities_in("A landmine blast killed four soldiers near Gao") == (4, 4)
    assert fatalities_in("A drone strike killed a senior commander") == (1, 1)


@pytest.mark.parametrize("text, expected", [
    ("the attacking force which lost four (4) soldiers", (4, 4)),
    ("the army lost 12 of its soldiers in the fighting", (12, 12)),
    ("the unit lost at least three policemen", (3, None)),
])
def test_losses_of_a_side_are_deaths(text, expected):
    assert fatalities_in(text) == expected


@pytest.mark.parametrize("text", ["they lost control of the town", "the convoy lost two vehicles"])
def test_losses_of_things_are_not_deaths(text):
    assert fatalities_in(text) is None


@pytest.mark.parametrize("text, expected", [
    ("tens of people were killed", (10, None)),
    ("tens of thousands were killed", (10_000, None)),
    ("hundreds of thousands died", (100_000, None)),
    ("more than 30 civilians were killed", (30, None)),
    ("over 5 soldiers died", (5, None)),
])
def test_vague_and_open_counts_keep_the_reported_figure_as_minimum(text, expected):
    assert fatalities_in(text) == expected


def test_min_never_exceeds_max_over_random_texts():
    import random

    rng = random.Random(13)
    pieces = ["at least", "up to", "between", "and", "more than", "nearly", "dozens", "three", "12", "20", "7",
              "soldiers", "civilians", "people", "were killed", "died", "killing", "lost", "to", "-", "of",
              "a dozen", "hundreds", "tens of thousands", "and 4 policemen", ",", "the death toll rose to"]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(2, 12)))
        found = fatalities_in(text)
        if found is not None and found[0] is not None and found[1] is not None:
            assert found[0] <= found[1], text


def test_a_long_victim_phrase_still_carries_its_count():
    assert fatalities_in("Seven government soldiers and alleged foreign mercenaries were reportedly killed") == (7, 7)
