"""The pair rules that make real extractor output fuse (noisy actors, undated reports, a capture
reported a day apart) and the near misses they must still keep apart."""
from __future__ import annotations

from datetime import timedelta

from frontwatch.fuse import Fuser, fuse, match
from frontwatch.fuse.similarity import (
    UNDATED_QUOTE_WORDS, actor_score, date_gap, date_score, score, shares_quote, sub_type_score,
)

from test_fuse_factories import D, article, event, report


def undated(aid, etype, place, text, a1=None, a2=None, published=D, sub=None):
    return report(event(aid, etype, place, None, text, a1, a2, sub=sub), article(aid, f"Outlet {aid}", published, aid))


def test_generic_actor_is_no_evidence_of_a_different_actor():
    a = report(event("a", "ASSAULT", "Hajin", D, "Clashes in Hajin.", "SDF", "ISIS"), article("a", "A", D, "a"))
    b = report(event("b", "ASSAULT", "Hajin", D, "Fighting in Hajin.", "Militants"), article("b", "B", D, "b"))
    c = report(event("c", "ASSAULT", "Hajin", D, "Fighting in Hajin.", "Army B"), article("c", "C", D, "c"))
    assert actor_score(a, b) == 0.0 and actor_score(a, c) == -2.0


def test_actor_named_in_the_other_reports_evidence_counts_as_shared():
    a = report(event("a", "ASSAULT", "Tabqa", D, "The Syrian Arab Coalition and the SDF liberated Tabqa.",
                     "SDF", sub="Non-state actor overtakes territory"), article("a", "A", D, "a"))
    b = report(event("b", "ASSAULT", "Tabqa", D, "The Syrian Arab Coalition completed the liberation of Tabqa.",
                     "Syrian Arab Coalition", sub="Non-state actor overtakes territory"), article("b", "B", D, "b"))
    assert actor_score(a, b) == actor_score(b, a) == 1.0  # b's evidence does not name the SDF
    assert match(a, b)
    c = report(event("c", "ASSAULT", "Tabqa", D, "Militias took Tabqa.", "Army B"), article("c", "C", D, "c"))
    assert actor_score(a, c) == -2.0


def test_related_actor_names_are_not_a_difference():
    a = report(event("a", "ASSAULT", "Hajin", D, "x", "US-led coalition"), article("a", "A", D, "a"))
    b = report(event("b", "ASSAULT", "Hajin", D, "y", "United States"), article("b", "B", D, "b"))
    assert actor_score(a, b) == 0.0


def test_undated_reports_published_the_same_day_agree_on_the_date_but_actors_still_count():
    a = undated("a", "PROTEST", "Tabqa", "Protesters gathered in Tabqa.", "Teachers")
    b = undated("b", "PROTEST", "Tabqa", "A demonstration in Tabqa.", "Farmers")
    assert date_score(a, b, date_gap(a, b)) == 1.0
    assert not match(a, b)                       # different specific actors
    c = undated("c", "PROTEST", "Tabqa", "A demonstration in Tabqa.", "Teachers")
    assert match(a, c)
    d = undated("d", "PROTEST", "Tabqa", "A demonstration in Tabqa.", "Farmers", published=D - timedelta(days=3))
    assert date_score(a, d, date_gap(a, d)) == 0.5  # overlapping publication windows, not the same day


def test_capture_reported_a_day_apart_fuses_but_a_strike_a_day_later_does_not():
    sub = "Non-state actor overtakes territory"
    cap1 = undated("c1", "ASSAULT", "Tabqa", "The SDF drove ISIS out of Tabqa.", "SDF", "ISIS", sub=sub)
    cap2 = report(event("c2", "ASSAULT", "Tabqa", D + timedelta(days=1), "The SDF claimed to have taken Tabqa.",
                        "SDF", sub=sub), article("c2", "C2", D + timedelta(days=3), "c2"))
    assert match(cap1, cap2)
    strike1 = undated("s1", "ASSAULT", "Tabqa", "A coalition strike hit an ISIS post in Tabqa.", "Coalition", "ISIS",
                      sub="Air/drone strike")
    strike2 = report(event("s2", "ASSAULT", "Tabqa", D + timedelta(days=1), "Coalition jets bombed a depot in Tabqa.",
                           "Coalition", "ISIS", sub="Air/drone strike"), article("s2", "S2", D + timedelta(days=1), "s2"))
    assert not match(strike1, strike2)
    # the capture of a town 7 km away a day later is another capture
    cap3 = report(event("c3", "ASSAULT", "Jarniyah", D + timedelta(days=1), "The SDF took Jarniyah from ISIS.",
                        "SDF", "ISIS", sub=sub), article("c3", "C3", D + timedelta(days=1), "c3"))
    assert score(cap1, cap3) is not None and not match(cap1, cap3)
    # a capture and an air strike in one town reported the same day: different ACLED classes
    assert sub_type_score(cap1, strike1) == -2.0 and not match(cap1, strike1)
    assert len(fuse([cap1, cap2, strike1, strike2, cap3])) == 4


def test_a_shared_verbatim_quote_lifts_a_coarse_place_pair_but_not_another_type():
    quote = "the coalition conducted strikes against attacking forces to repel the act of aggression"
    a = report(event("a", "ASSAULT", "Deir ez-Zor province", D, f"The coalition said {quote}.", "Coalition"),
               article("a", "A", D, "a"))
    b = report(event("b", "ASSAULT", "Syria", D, f"In defense of partner forces, {quote} against partners.",
                     "Coalition"), article("b", "B", D, "b"))
    assert shares_quote(a, b) and match(a, b)
    c = report(event("c", "ASSAULT", "Syria", D, "Coalition strikes repelled an attack on partner forces.",
                     "Coalition"), article("c", "C", D, "c"))
    assert not shares_quote(a, c) and not match(a, c)
    d = report(event("d", "PROTEST", "Syria", D, f"Protesters said {quote}.", "Coalition"), article("d", "D", D, "d"))
    assert shares_quote(a, d) and not match(a, d)  # a hard condition (type) still rules it out


def test_a_report_with_no_date_at_all_joins_only_on_a_long_shared_quote():
    wire = ("the coalition conducted a series of strikes that destroyed fourteen tanks seized by the "
            "militants near the ancient city")
    dated = report(event("d", "ASSAULT", "Palmyra", D, f"Officials said {wire}.", "Coalition", "ISIS",
                         sub="Air/drone strike"), article("d", "Daily", D, "d"))
    copy = undated("u", "ASSAULT", "Palmyra", f"On Thursday {wire}, a spokesman said.", "Coalition",
                   published=None, sub="Air/drone strike")
    assert copy.day_start is None and date_gap(dated, copy) is None
    assert shares_quote(dated, copy, UNDATED_QUOTE_WORDS) and match(dated, copy) and match(copy, dated)
    # same town, type and actors, but written independently: nothing ties it to that day
    own = undated("o", "ASSAULT", "Palmyra", "Coalition jets struck militants holding tanks near Palmyra.",
                  "Coalition", "ISIS", published=None, sub="Air/drone strike")
    assert not match(dated, own) and not match(copy, own)
    # a shared stock attribution (shorter than UNDATED_QUOTE_WORDS) is not enough either
    stock = "the syrian observatory for human rights a britain based monitor"
    a = report(event("a", "ASSAULT", "Palmyra", D, f"Strikes hit Palmyra, {stock} said.", "Coalition"),
               article("a", "A", D, "a"))
    b = undated("b", "ASSAULT", "Palmyra", f"Palmyra was shelled again, {stock} reported.", "Coalition",
                published=None)
    assert shares_quote(a, b) and not match(a, b)
    # the quote does not override a hard condition: another town far away
    far = undated("f", "ASSAULT", "Hajin", f"Yesterday {wire}.", "Coalition", published=None,
                  sub="Air/drone strike")
    assert not match(dated, far)


def test_undated_reports_fuse_the_same_in_any_order():
    wire = "the defense ministry said its forces had repelled an attack on the base and killed twelve fighters"
    dated = report(event("d", "ASSAULT", "Hajin", D, f"Reuters reported that {wire}.", "SDF", "ISIS"),
                   article("d", "Wire", D, "d"))
    later = report(event("l", "ASSAULT", "Hajin", D + timedelta(days=9), "Militants attacked the base again and "
                         "the ministry said its forces repelled them.", "SDF", "ISIS"),
                   article("l", "Later", D + timedelta(days=9), "l"))
    copy = undated("c", "ASSAULT", "Hajin", f"Earlier, {wire}.", "SDF", published=None)
    other = undated("x", "PROTEST", "Hajin", "Residents protested in Hajin.", "Residents", published=None)
    clusters = set()
    for order in ([dated, later, copy, other], [copy, other, later, dated], [other, dated, copy, later]):
        f = Fuser(changelog=False)
        for r in order:
            f.add(r)
        clusters.add(tuple(tuple(c) for c in f.clusters()))
        by_key = {r.key: f.canonical_of(r.key) for r in order}
        assert by_key[copy.key] == by_key[dated.key] != by_key[later.key]
        assert by_key[other.key] not in (by_key[dated.key], by_key[later.key])
    assert len(clusters) == 1
    batch = Fuser(changelog=False)
    batch.add_all([copy, later, other, dated])
    assert tuple(tuple(c) for c in batch.clusters()) in clusters
