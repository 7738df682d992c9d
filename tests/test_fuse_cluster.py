"""Cross-document fusion: clusters fuse, copies count once, neighbours stay apart, order is irrelevant."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.fuse import Fuser, as_of, fuse, is_copy, match, source_groups, text_sketch
from frontwatch.fuse.blocking import BlockIndex
from frontwatch.fuse.records import Report

from test_fuse_factories import (
    D, PLACES, WIRE, article, event, report, surrender_cluster, unrelated_strike,
)

CLUSTERS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clusters"
P = date(2016, 12, 15)


def palmyra_cluster() -> list[Report]:
    """A wire story on two sites (one a re-headlined copy) plus two independent write-ups."""
    strike = "Coalition aircraft destroyed 14 tanks captured by ISIS near Palmyra."
    return [
        report(event("usa", "ASSAULT", "Palmyra", P, strike, "Coalition", "ISIS", quantities={"tanks": 14},
                     attribution="the coalition"),
               article("usa", "USA Today (by Jim Michaels)", P + timedelta(days=1), "Coalition planes destroy tanks\n\n" + WIRE)),
        report(event("copy", "ASSAULT", "Palmyra", P, strike, "Coalition", "ISIS", quantities={"tanks": 14},
                     attribution="the coalition"),
               article("copy", "BCNN1 (blog repost of USA Today)", P + timedelta(days=1),
                       "Coalition Aircraft Destroys 14 Tanks\n\n" + WIRE + "\n\nSOURCE: USA Today")),
        report(event("stripes", "ASSAULT", "Palmyra", P,
                     "US-led airstrikes destroyed 14 tanks and artillery seized by Islamic State fighters.",
                     "Coalition", "ISIS", quantities={"tanks": 14}),
               article("stripes", "Stars and Stripes", None,
                       "US-led airstrikes destroy Islamic State-seized weapons near the desert city.")),
        report(event("lwj", "ASSAULT", "Homs province", P,
                     "US airstrikes destroyed 14 Islamic State tanks at the Tiyas airbase.",
                     "Coalition", "ISIS", quantities={"tanks": 14}),
               article("lwj", "FDD's Long War Journal (by Bill Roggio)", None,
                       "US airstrikes destroy 14 Islamic State tanks near the ancient city.")),
    ]


def test_four_outlets_one_handover_fuse_into_one_event_with_four_sources():
    events = fuse(surrender_cluster())
    assert len(events) == 1
    ev = events[0]
    assert ev.sources == 4 and len(ev.reports) == 4
    assert ev.event_types == ["AGREE", "CONCEDE", "RETREAT"]
    assert (ev.date_start, ev.date_end, ev.date_conflict) == (D, D, False)
    assert ev.location["name"] == "Tabqa"
    assert "US defense officials via BuzzFeed News" in ev.attributions
    assert "Operation Inherent Resolve statement via Task & Purpose" in ev.attributions


def test_wire_copies_count_once_and_coarse_neighbour_place_joins_on_shared_number():
    events = fuse(palmyra_cluster())
    assert len(events) == 1
    ev = events[0]
    assert len(ev.reports) == 4 and ev.sources == 3
    assert ["BCNN1 (blog repost of USA Today)", "USA Today (by Jim Michaels)"] in ev.source_groups
    assert ev.location["name"] == "Palmyra"  # the most precise report's place


def test_same_outlet_twice_counts_once():
    a, b = surrender_cluster()[:2]
    b2 = report(b.event, article("bi", "BuzzFeed News", None, "A different write-up entirely."))
    assert len(source_groups([a, b2])) == 1


@pytest.mark.skipif(not CLUSTERS.exists(), reason="needs ../shared/corpus/clusters")
def test_real_syndicated_copy_detected_and_partial_quote_is_not():
    def rep(path: str) -> Report:
        text = (CLUSTERS / path).read_text(encoding="utf-8")
        sk, n = text_sketch(text)
        return Report(event=event(path, "ASSAULT", None, None, "x"), outlet=path.split("/")[1],
                      text_sketch=sk, shingle_count=n)
    orig = rep("palmyra_captured_tanks_strike_2016_12/01_usatoday.txt")
    assert is_copy(orig, rep("palmyra_captured_tanks_strike_2016_12/02_bcnn1_usatoday_copy.txt"))
    assert not is_copy(orig, rep("palmyra_captured_tanks_strike_2016_12/03_stripes.txt"))
    assert not is_copy(rep("tabqa_surrender_2017_05/01_buzzfeednews.txt"),
                       rep("tabqa_surrender_2017_05/03_taskandpurpose.txt"))


def test_unrelated_strike_a_few_km_and_a_day_away_stays_separate():
    events = fuse(surrender_cluster() + [unrelated_strike()])
    assert sorted(len(e.reports) for e in events) == [1, 4]


def test_same_kind_of_strike_next_day_or_next_town_stays_separate():
    base = report(event("s1", "ASSAULT", "Tabqa", D, "A coalition airstrike hit an ISIS checkpoint in Tabqa.",
                        "Coalition", "ISIS", fatalities=(3, 3)), article("s1", "Rudaw", D, "a"))
    next_day = report(event("s2", "ASSAULT", "Tabqa", D + timedelta(days=1),
                            "Coalition jets struck a weapons depot in Tabqa overnight.", "Coalition", "ISIS",
                            fatalities=(5, 5)), article("s2", "ANHA", D, "b"))
    next_town = report(event("s3", "ASSAULT", "Jarniyah", D,
                             "Coalition jets struck a weapons depot in Jarniyah.", "Coalition", "ISIS"),
                       article("s3", "SOHR", D, "c"))
    assert not match(base, next_day) and not match(base, next_town)
    assert len(fuse([base, next_day, next_town])) == 3


def test_conflicting_fatalities_become_a_range_with_who_said_which():
    day = date(2018, 2, 7)
    txt = "Coalition strikes hit pro-regime forces who attacked SDF headquarters near Khasham."
    reps = [
        report(event("meo", "ASSAULT", "Khasham", day, txt, "Coalition", "Pro-regime forces"),
               article("meo", "Middle East Online", None, "one")),
        report(event("rudaw", "ASSAULT", "Khasham", day, txt + " 20 were killed.", "Coalition", "Pro-regime forces",
                     fatalities=(20, 20), attribution="a monitor"), article("rudaw", "Rudaw", day, "two")),
        report(event("jp", "ASSAULT", "Deir ez-Zor province", day, txt + " More than 100 were killed.",
                     "Coalition", "Pro-regime forces", fatalities=(100, None), attribution="US officials"),
               article("jp", "The Jerusalem Post", None, "three")),
    ]
    ev = fuse(reps)
    assert len(ev) == 1
    ev = ev[0]
    assert (ev.fatalities_min, ev.fatalities_max) == (20, 100)
    said = {(c.outlet, c.min, c.max, c.attribution) for c in ev.fatality_claims}
    assert said == {("Rudaw", 20, 20, "a monitor"), ("The Jerusalem Post", 100, None, "US officials")}
    assert ev.location["name"] == "Khasham" and ev.grade.endswith("2")  # conflicting details


def test_inconsistent_dates_keep_the_widest_range_and_flag_it():
    a, b = surrender_cluster()[:2]
    late = report(event("late", "RETREAT", "Tabqa", D + timedelta(days=2),
                        "About 70 ISIS fighters withdrew from Tabqa and handed the city to the SDF.",
                        "ISIS", "SDF", quantities={"fighters": 70}), article("late", "Other", None, "x"))
    ev = fuse([a, b, late])
    assert len(ev) == 1 and ev[0].date_conflict
    assert (ev[0].date_start, ev[0].date_end) == (D, D + timedelta(days=2))


# ------------------------------------------------------------------ order independence

WIRE = "the fighters agreed to leave the town and hand over their heavy weapons to the forces"


def _pool(seed: int, n: int = 40) -> list[Report]:
    """Many near-miss reports around two towns: plenty of matches, chains and merges."""
    rnd = random.Random(seed)
    out = surrender_cluster() + palmyra_cluster() + [unrelated_strike()]
    towns = ["Tabqa", "Jarniyah", "Hajin", "Deir ez-Zor province", "Syria", None]
    types = ["ASSAULT", "RETREAT", "CONCEDE", "COERCE", "AGREE", "PROTEST"]
    subs = [None, None, "Non-state actor overtakes territory", "Air/drone strike", "Armed clash"]
    for i in range(n):
        day = D + timedelta(days=rnd.randint(0, 6))
        u = rnd.random()
        d = (day, day + timedelta(days=rnd.randint(1, 6))) if u < 0.3 else None if u < 0.5 else day  # None: undated
        published = None if 0.4 <= u < 0.5 else day     # no date at all: joins only on a long quote
        ev = event(f"r{i}", rnd.choice(types), rnd.choice(towns), d,
                   rnd.choice(["Fighters left the town.", "Strikes hit the town.", "The town was handed over.",
                               f"Officials said {WIRE}.", f"On Sunday {WIRE}, a monitor said."]),
                   rnd.choice(["ISIS", "SDF"]), rnd.choice(["SDF", None]), start=i,
                   fatalities=rnd.choice([None, (2, 2), (5, 9)]), sub=rnd.choice(subs))
        out.append(report(ev, article(f"r{i}", rnd.choice(["A", "B", "C", None]), published, f"text {i % 5}")))
    return out


def _result(fuser: Fuser) -> list[dict]:
    return [e.to_dict() for e in fuser.events()]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
def test_incremental_in_any_order_equals_batch(seed, order):
    reports = _pool(seed)
    batch = Fuser(changelog=False)
    batch.add_all(reports)
    shuffled = list(reports)
    order.shuffle(shuffled)
    inc = Fuser()
    for r in shuffled:
        inc.add(r)
    assert _result(inc) == _result(batch)
    assert inc.clusters() == batch.clusters()
    latest = as_of(inc.changelog, datetime.now(timezone.utc) + timedelta(days=1))
    assert latest == {e["id"]: e for e in sorted(_result(batch), key=lambda e: e["id"])}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_blocking_finds_every_matching_pair(seed):
    reports = _pool(seed, 60)
    index = BlockIndex()
    for i, r in enumerate(reports):
        index.add(i, r)
    for i, a in enumerate(reports):
        cands = index.candidates(a)
        for j, b in enumerate(reports):
            if i != j and match(a, b):
                assert j in cands, (a.key, b.key)
            assert match(a, b) == match(b, a)


def test_places_table_is_consistent():
    assert len({v[0] for v in PLACES.values()}) == len(PLACES)


def test_preloaded_reports_join_like_fused_ones_without_a_changelog_entry():
    reports = _pool(3)
    old, new = reports[:-5], reports[-5:]
    batch = Fuser(changelog=False)
    batch.add_all(reports)
    fuser = Fuser()
    fuser.preload(old)
    assert list(fuser.changelog) == []          # preloading records nothing
    fuser.add_all(new)
    assert fuser.clusters() == batch.clusters()
