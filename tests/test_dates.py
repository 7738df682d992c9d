"""Time expressions resolved against the publication date (no spaCy model needed)."""
from datetime import date

import pytest

from frontwatch.nlp.dates import find_time_expressions

PUB = date(2017, 5, 11)  # a Thursday


def one(text, published=PUB):
    found = [t for t in find_time_expressions(text, published)]
    assert len(found) == 1, found
    t = found[0]
    return t.date_start, t.date_end, t.precision


@pytest.mark.parametrize("text, expected", [
    ("Its collapse Wednesday could mark", (date(2017, 5, 10), date(2017, 5, 10), "day")),
    ("dropped there on Thursday", (date(2017, 5, 11), date(2017, 5, 11), "day")),
    ("talks last Thursday", (date(2017, 5, 4), date(2017, 5, 4), "day")),
    ("they met on Saturday", (date(2017, 5, 6), date(2017, 5, 6), "day")),
    ("resumed again earlier this week", (date(2017, 5, 7), date(2017, 5, 11), "week")),  # Sunday .. publication
    ("negotiated last summer after", (date(2016, 6, 1), date(2016, 8, 31), "season")),
    ("began surrounding it late last year", (date(2016, 9, 1), date(2016, 12, 31), "season")),
    ("talks began a week ago", (date(2017, 5, 4), date(2017, 5, 4), "day")),
    ("three days ago", (date(2017, 5, 8), date(2017, 5, 8), "day")),
    ("he died in January", (date(2017, 1, 1), date(2017, 1, 31), "month")),
    ("under its control since 2013", (date(2013, 1, 1), PUB, "year")),
    ("last month", (date(2017, 4, 1), date(2017, 4, 30), "month")),
    ("yesterday", (date(2017, 5, 10), date(2017, 5, 10), "day")),
    ("the attack on 19 September killed", (date(2016, 9, 19), date(2016, 9, 19), "day")),
    ("On Jan. 8, coalition forces", (date(2017, 1, 8), date(2017, 1, 8), "day")),
    ("on May 10, 2015 the town fell", (date(2015, 5, 10), date(2015, 5, 10), "day")),
    ("in March 2016", (date(2016, 3, 1), date(2016, 3, 31), "month")),
    ("fighting in 2014", (date(2014, 1, 1), date(2014, 12, 31), "year")),
    ("last year", (date(2016, 1, 1), date(2016, 12, 31), "year")),
    ("over the weekend", (date(2017, 5, 6), date(2017, 5, 7), "week")),
    ("2017-05-02", (date(2017, 5, 2), date(2017, 5, 2), "day")),
])
def test_each_form_resolves(text, expected):
    assert one(text) == expected


def test_month_later_than_publication_is_last_year():
    assert one("in December") == (date(2016, 12, 1), date(2016, 12, 31), "month")


def test_date_without_year_after_publication_is_last_year():
    assert one("on December 3") == (date(2016, 12, 3), date(2016, 12, 3), "day")


def test_last_summer_in_autumn_is_this_years_summer():
    assert one("last summer", date(2017, 10, 2)) == (date(2017, 6, 1), date(2017, 8, 31), "season")


def test_relative_dates_need_a_publication_date():
    assert one("on Thursday", None) == (None, None, None)
    assert one("earlier this week", None) == (None, None, None)


def test_absolute_dates_resolve_without_publication_date():
    assert one("on 19 September 2016", None) == (date(2016, 9, 19), date(2016, 9, 19), "day")
    assert one("since 2013", None) == (date(2013, 1, 1), date(2013, 12, 31), "year")


def test_lower_case_may_is_a_verb_not_a_month():
    assert find_time_expressions("the group may withdraw", PUB) == []


def test_offsets_point_into_the_text():
    text = "Fighting resumed on Tuesday near the dam."
    (t,) = find_time_expressions(text, PUB)
    assert text[t.start:t.end] == t.text == "on Tuesday"


@pytest.mark.parametrize("before, start", [
    ("leading to the end of a two-month long ", date(2017, 3, 10)),
    ("marked the end of the 10-day ", date(2017, 4, 30)),
    ("after the close of a three-week ", date(2017, 4, 19)),
])
def test_duration_before_an_ending_gives_the_start(before, start):
    from frontwatch.nlp.dates import duration_start
    assert duration_start(before, date(2017, 5, 10)) == start


def test_a_duration_without_an_ending_gives_nothing():
    from frontwatch.nlp.dates import duration_start
    assert duration_start("a two-month long ", date(2017, 5, 10)) is None
    assert duration_start("the end of the ", date(2017, 5, 10)) is None


@pytest.mark.parametrize("text", ["shelled overnight", "killed over the past day", "in the last 24 hours"])
def test_overnight_and_the_past_day_span_the_day_before_and_publication(text):
    assert one(text) == (date(2017, 5, 10), PUB, "day")
