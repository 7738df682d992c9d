"""Small synthetic ACLED-format CSVs and facts for the alerts and dataset tests (written here, not
taken from any corpus)."""
from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from frontwatch.alerts.facts import Fact

ACLED_COLUMNS = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
                 "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                 "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
                 "latitude", "longitude", "geo_precision", "source", "source_scale", "fatalities", "timestamp", "iso3"]
# Two regions of an invented country coded as Burkina Faso (ISO BFA) so codes resolve.
REGIONS = {"North": (14.0, -0.5), "South": (11.0, -3.0)}


def acled_row(n: int, day: date, region: str, fatalities: int, etype="Battles", sub="Armed clash",
              actor1="Group A", actor2="Military Forces", offset: float = 0.0) -> dict:
    lat, lon = REGIONS[region]
    return {"data_id": str(1000 + n), "iso": "854", "event_id_cnty": f"TST{n}", "event_id_no_cnty": str(n),
            "event_date": day.strftime("%d %B %Y"), "year": str(day.year), "time_precision": "1",
            "event_type": etype, "sub_event_type": sub, "actor1": actor1, "assoc_actor_1": "", "inter1": "2",
            "actor2": actor2, "assoc_actor_2": "", "inter2": "1", "interaction": "12", "region": "Western Africa",
            "country": "Burkina Faso", "admin1": region, "admin2": "", "admin3": "",
            "location": f"Town {n % 7}", "latitude": f"{lat + offset + (n % 7) * 0.05:.4f}",
            "longitude": f"{lon + (n % 5) * 0.05:.4f}", "geo_precision": "1", "source": "Test Wire",
            "source_scale": "National", "fatalities": str(fatalities), "timestamp": "1600000000", "iso3": "BFA"}


def escalation_rows() -> list[dict]:
    """North: quiet (a clash with 1 death every ~2 months) from 2015, then rising from mid-2018 to
    40 deaths in one month (Jan 2019). South: quiet throughout, one first shelling in 2018."""
    rows, n = [], 0
    d = date(2015, 1, 10)
    while d < date(2018, 6, 1):
        rows.append(acled_row(n, d, "North", 1)); n += 1
        rows.append(acled_row(n, d + timedelta(days=20), "South", 0, "Protests", "Peaceful protest", "Protesters", "")); n += 1
        d += timedelta(days=61)
    for i, (day, deaths) in enumerate([(date(2018, 7, 3), 3), (date(2018, 8, 14), 6), (date(2018, 9, 20), 12),
                                        (date(2018, 10, 25), 14), (date(2018, 12, 2), 18), (date(2019, 1, 5), 20),
                                        (date(2019, 1, 19), 22)]):
        rows.append(acled_row(n, day, "North", deaths, offset=0.3 * (i % 2))); n += 1
    rows.append(acled_row(n, date(2018, 11, 2), "South", 2, "Explosions/Remote violence",
                          "Shelling/artillery/missile attack")); n += 1
    return rows


def write_acled(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def fact(i: int, day: date, area: str = "North", fatalities: int = 0, type="ASSAULT", acled="Battles",
         sub="Armed clash", known: date | None = None, lat=14.0, lon=-0.5, actor1="A", actor2=None,
         text="", cc="BF", place="Town", gid=None, report="") -> Fact:
    return Fact(f"ce-{i}", type, acled, sub, "occurred", day.toordinal(), (known or day).toordinal(), lat, lon,
                cc, area, place, gid, fatalities, 1, actor1, actor2, text, report=report)
