"""Source grading: attribution classes and the Admiralty-style rules."""
from __future__ import annotations

from datetime import date

import pytest

from frontwatch.fuse import classify_attribution, fuse, grade, source_groups

from test_fuse_factories import article, event, report, surrender_cluster

D = date(2019, 3, 1)


@pytest.mark.parametrize("name,actors,cls", [
    ("US defense officials", (), "party"),
    ("a CENTCOM statement", (), "party"),
    ("the Defense Ministry", (), "party"),
    ("Syrian Observatory for Human Rights", (), "monitor"),
    ("UN OCHA", (), "monitor"),
    ("Human Rights Watch", (), "monitor"),
    ("Reuters", (), "media"),
    ("Associated Press", (), "media"),
    ("local residents", (), "witness"),
    ("Abu Mohammed", (), "witness"),
    ("SDF", ("SDF", "ISIS"), "party"),  # the attribution names an actor of the event
    (None, (), "observed"),
    ("", (), "observed"),
])
def test_classify_attribution(name, actors, cls):
    assert classify_attribution(name, actors) == cls


def _rep(aid, outlet, attribution=None, status="occurred", text="Clashes in Hajin between SDF and ISIS."):
    return report(event(aid, "ASSAULT", "Hajin", D, text, "SDF", "ISIS", attribution=attribution, status=status),
                  article(aid, outlet, D, f"body of {aid}"))


def test_single_party_claim_is_D3():
    code, reasons = grade(source_groups([_rep("a", "Rudaw", "the Pentagon")]), "occurred")
    assert code == "D3" and any(r.startswith("D:") for r in reasons)


def test_single_own_observation_is_C3_and_unnamed_sources_E3():
    assert grade(source_groups([_rep("a", "Rudaw")]), "occurred")[0] == "C3"
    assert grade(source_groups([_rep("a", "Rudaw", "residents")]), "occurred")[0] == "E3"


def test_no_known_publisher_is_F():
    r = report(event("a", "ASSAULT", "Hajin", D, "x", "SDF", "ISIS"), None)
    assert grade(source_groups([r]), "occurred")[0] == "F3"


def test_four_sources_with_own_reporting_and_distinct_bases_is_A1():
    assert fuse(surrender_cluster())[0].grade == "A1"


def test_many_write_ups_of_one_statement_are_B2():
    reps = [_rep(a, o, "coalition statement") for a, o in (("a", "Rudaw"), ("b", "Reuters"), ("c", "AFP"))]
    code, reasons = grade(source_groups(reps), "occurred")
    assert code == "B2" and "one claim" in reasons[-1]


def test_two_sources_party_plus_monitor():
    reps = [_rep("a", "Rudaw", "SDF spokesman"), _rep("b", "Asharq", "Syrian Observatory for Human Rights")]
    assert grade(source_groups(reps), "occurred")[0] == "B1"
    assert grade(source_groups(reps), "occurred", ["fatalities"])[0] == "B2"


def test_denials_lower_credibility():
    reps = [_rep("a", "Rudaw", "SDF"), _rep("b", "SANA", "SANA", status="denied")]
    assert grade(source_groups(reps), "occurred")[0][1] == "4"
    assert grade(source_groups(reps), "denied")[0][1] == "5"
