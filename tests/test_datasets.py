"""`frontwatch import acled|ucdp`: dataset rows stored as reports (ids kept, re-import updates
rather than duplicates, a bad row refused alone), on SQLite and PostgreSQL."""
import csv
from datetime import date

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.datasets import import_file, read_rows
from frontwatch.datasets.rows import DatasetRowError
from frontwatch.errors import MalformedInputError
from frontwatch.store import Store
from frontwatch.store import fused

from alerts_helpers import acled_row, write_acled

UCDP_COLUMNS = ["id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
                "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
                "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
                "source_article", "source_office", "source_date", "source_headline", "source_original",
                "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
                "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
                "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
                "high", "low", "gwnoa", "gwnob"]


def ucdp_row(i, start, end, best, tov="1", lat="36.2", lon="37.1"):
    row = {c: "" for c in UCDP_COLUMNS}
    row.update(id=str(i), year=start[:4], type_of_violence=tov, side_a="Government of Syria", side_b="Rebel front",
               where_coordinates="Aleppo town", adm_1="Aleppo governorate", latitude=lat, longitude=lon,
               country="Syria", date_start=start, date_end=end, best=str(best), low=str(max(0, best - 1)),
               high=str(best + 2), where_prec="1", date_prec="1", source_article="Wire report")
    return row


def write_ucdp(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=UCDP_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def test_acled_rows_become_reports_with_their_ids_and_reimport_updates(store_url, tmp_path):
    rows = [acled_row(1, date(2019, 1, 5), "North", 4), acled_row(2, date(2019, 2, 5), "South", 0,
                                                                 "Protests", "Peaceful protest", "Protesters", "")]
    path = write_acled(tmp_path / "a.csv", rows)
    with Store(store_url) as st:
        rep = import_file(st, "acled", path, today=date(2025, 1, 1))
        assert (rep.added, rep.updated, rep.unchanged, rep.errors) == (2, 0, 0, [])
        art = st.article("acled-TST1")
        assert art.outlet == "ACLED" and art.published == date(2019, 1, 5) and "TST1" in art.text
        (ev,) = st.events(article_id="acled-TST1")
        assert ev.event_type == "ASSAULT" and ev.acled_sub_event_type == "Armed clash"
        assert ev.location.admin1 == "North" and ev.location.country_code == "BF" and ev.fatalities.min == 4
        assert ev.evidence.text == art.text[ev.evidence.start:ev.evidence.end]
        assert len(fused.events(st)) == 2
        # the same file again: nothing changes
        rep = import_file(st, "acled", path, today=date(2025, 1, 1))
        assert (rep.added, rep.updated, rep.unchanged) == (0, 0, 2)
        # ACLED revised a row: updated in place, not duplicated, and re-fused
        rows[0]["fatalities"] = "9"
        rep = import_file(st, "acled", write_acled(tmp_path / "b.csv", rows), today=date(2025, 1, 1))
        assert (rep.added, rep.updated, rep.unchanged) == (0, 1, 1)
        assert st.counts()["articles"] == 2 and st.counts()["events"] == 2
        (ev,) = st.events(article_id="acled-TST1")
        assert ev.fatalities.min == 9
        recs = fused.events(st)
        assert len(recs) == 2 and sorted(r["fatalities_min"] or 0 for r in recs) == [0, 9]


def test_bad_rows_are_refused_alone_with_a_named_error(tmp_path):
    rows = [acled_row(1, date(2019, 1, 5), "North", 4), acled_row(2, date(2019, 1, 6), "North", 1),
            acled_row(3, date(2019, 1, 7), "North", 1), acled_row(4, date(2019, 1, 8), "North", 1)]
    rows[1]["event_date"] = "05 January 1850"     # outside the sane range
    rows[2]["latitude"] = "123.5"                  # not a latitude
    rows[3]["event_date"] = "05 January 2031"     # in the future
    path = write_acled(tmp_path / "a.csv", rows)
    out = list(read_rows("acled", path, today=date(2025, 1, 1)))
    assert isinstance(out[0], tuple)
    errors = out[1:]
    assert all(isinstance(e, DatasetRowError) for e in errors)
    assert ":3" in str(errors[0]) and "1850-01-05" in str(errors[0])
    assert "latitude" in str(errors[1]) and "2031-01-05" in str(errors[2])
    with Store(f"sqlite:///{tmp_path / 's.db'}") as st:
        rep = import_file(st, "acled", path, today=date(2025, 1, 1))
        assert rep.added == 1 and len(rep.errors) == 3 and st.counts()["events"] == 1


def test_a_file_that_is_not_the_export_is_refused_whole(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match="event_id_cnty"):
        list(read_rows("acled", path))


def test_ucdp_ged_rows(store_url, tmp_path):
    path = write_ucdp(tmp_path / "ged.csv", [ucdp_row(501, "2016-05-01", "2016-05-02", 7),
                                              ucdp_row(502, "2016-06-01", "2016-06-01", 3, tov="3"),
                                              ucdp_row(503, "2016-07-03", "2016-07-01", 3)])
    with Store(store_url) as st:
        rep = import_file(st, "ucdp", path, today=date(2025, 1, 1))
        assert rep.added == 2 and len(rep.errors) == 1 and "before date_start" in str(rep.errors[0])
        (ev,) = st.events(article_id="ucdp-501")
        assert ev.location.country_code == "SY" and ev.location.admin1 == "Aleppo"
        assert (ev.fatalities.min, ev.fatalities.max, ev.quantities["best"]) == (6, 9, 7)
        assert ev.date.start == date(2016, 5, 1) and ev.date.end == date(2016, 5, 2)
        (civ,) = st.events(article_id="ucdp-502")
        assert civ.acled_event_type == "Violence against civilians"
        assert import_file(st, "ucdp", path, today=date(2025, 1, 1)).unchanged == 2


def test_cli_import(tmp_path):
    path = write_acled(tmp_path / "a.csv", [acled_row(1, date(2019, 1, 5), "North", 4)])
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(main, ["import", "acled", "--db", str(db), str(path)])
    assert res.exit_code == 0, res.output
    assert "1 added" in res.stderr
    res = CliRunner().invoke(main, ["import", "acled", "--db", str(db), str(path)])
    assert "1 unchanged" in res.stderr


def test_row_dates_lie_in_the_records_range_and_not_after_today():
    from frontwatch.datasets.rows import check_day
    from frontwatch.records import DATE_MAX, DATE_MIN

    far = date(2300, 1, 1)
    assert check_day(DATE_MIN, "f.csv:2", far) == DATE_MIN
    assert check_day(DATE_MAX, "f.csv:2", far) == DATE_MAX
    for bad, today in ((date(1899, 12, 31), far), (date(2100, 1, 1), far), (date(2017, 5, 2), date(2017, 5, 1))):
        with pytest.raises(DatasetRowError, match="outside"):
            check_day(bad, "f.csv:2", today)
