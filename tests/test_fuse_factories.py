"""Hand-built events and articles for the fusion tests (modelled on shared/corpus/clusters),
plus checks of the Report features they rely on."""
from __future__ import annotations

from datetime import date, timedelta

from frontwatch.fuse import Report
from frontwatch.fuse.records import evidence_tokens
from frontwatch.records import Actor, Article, Attribution, Event, EventDate, Evidence, Fatalities, Location

PLACES = {
    # name: (geonameid, lat, lon, country, admin1, precision)
    "Tabqa": (163345, 35.8364, 38.5481, "SY", "Ar-Raqqah", 1),
    "Jarniyah": (170001, 35.8860, 38.4890, "SY", "Ar-Raqqah", 1),   # ~7 km from Tabqa
    "Palmyra": (163345 + 2, 34.5581, 38.2760, "SY", "Homs", 1),
    "Tiyas": (170002, 34.5220, 37.6300, "SY", "Homs", 2),           # ~60 km west
    "Hajin": (170003, 34.6960, 40.8300, "SY", "Deir ez-Zor", 1),
    "Khasham": (170004, 35.2460, 40.3480, "SY", "Deir ez-Zor", 1),
    "Deir ez-Zor province": (170005, 35.3, 40.1, "SY", "Deir ez-Zor", 3),
    "Homs province": (170006, 34.7, 37.9, "SY", "Homs", 3),
    "Syria": (170007, 35.0, 38.0, "SY", None, 4),
}


def loc(name: str) -> Location:
    gid, lat, lon, cc, a1, prec = PLACES[name]
    return Location(text=name, name=name, geonameid=gid, latitude=lat, longitude=lon,
                    country_code=cc, admin1=a1, precision=prec)


def event(article_id: str, event_type: str, place: str | None, day: date | tuple[date, date] | None,
          text: str, actor1: str | None = None, actor2: str | None = None, *, start: int = 0,
          fatalities: tuple[int | None, int | None] | None = None, attribution: str | None = None,
          status: str = "occurred", sub: str | None = None, quantities: dict | None = None) -> Event:
    if isinstance(day, tuple):
        d = EventDate("text", day[0], day[1], "week" if (day[1] - day[0]).days < 8 else "month")
    elif day is not None:
        d = EventDate("text", day, day, "day")
    else:
        d = None
    return Event(
        article_id=article_id, event_type=event_type, status=status,
        evidence=Evidence(text, start, start + len(text)),
        acled_sub_event_type=sub,
        actor1=Actor(actor1, actor1) if actor1 else None,
        actor2=Actor(actor2, actor2) if actor2 else None,
        location=loc(place) if place else None, date=d,
        fatalities=Fatalities(*fatalities) if fatalities else None,
        quantities=quantities or {},
        attribution=Attribution(attribution, attribution) if attribution else None,
    )


def article(aid: str, outlet: str | None, published: date | None, text: str, url: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet, url=url or f"https://{aid}.example/story",
                   published=published)


def report(ev: Event, art: Article) -> Report:
    return Report.from_event(ev, art)


D = date(2017, 5, 10)
WIRE = ("Coalition aircraft destroyed fourteen tanks and an anti-aircraft system that militants had "
        "captured from the army in recent fighting near the ancient city, the coalition announced on "
        "Friday. The massive daylight airstrike involved sixteen aircraft that dropped bombs on targets, "
        "the coalition said in a statement. The militants seized the heavy weapons and other equipment "
        "when they recaptured the city from government forces earlier this week.")


def surrender_cluster() -> list[Report]:
    """Four outlets reporting one negotiated withdrawal/handover."""
    return [
        report(event("bf", "RETREAT", "Tabqa", D,
                     "About 70 ISIS fighters withdrew from Tabqa and handed the city to the SDF.",
                     "ISIS", "SDF", attribution="US defense officials", quantities={"fighters": 70}),
               article("bf", "BuzzFeed News", D + timedelta(days=1),
                       "US-backed forces asked ISIS to hand over a city. ISIS fighters withdrew and the SDF "
                       "took over the city and the dam after negotiations, US defense officials said.")),
        report(event("bi", "CONCEDE", "Tabqa", D,
                     "ISIS surrendered the city of Tabqa to the SDF after talks.", "ISIS", "SDF"),
               article("bi", "Business Insider (India edition; by Daniel Brown)", None,
                       "US-backed forces just got ISIS to surrender a city, and it is not the first time; "
                       "a deal let the fighters leave.")),
        report(event("tp", "RETREAT", "Tabqa", D,
                     "ISIS fighters agreed to leave Tabqa dam and city, handing them to the SDF.",
                     "ISIS", "SDF", attribution="Operation Inherent Resolve statement"),
               article("tp", "Task & Purpose", None,
                       "The coalition discovered a trick to defeating ISIS: asking it to leave. A statement "
                       "from Operation Inherent Resolve described the deal at the dam.")),
        report(event("uv", "AGREE", "Tabqa", (date(2017, 5, 6), date(2017, 5, 12)),
                     "US-backed forces cut a deal with ISIS fighters to leave Tabqa.", "SDF", "ISIS"),
               article("uv", "United Voice", None,
                       "Over the weekend U.S.-backed forces cut a deal with ISIS, letting fighters go.")),
    ]


def unrelated_strike() -> Report:
    """A coalition airstrike a few km away the next day: a different event."""
    return report(event("x1", "ASSAULT", "Jarniyah", D + timedelta(days=1),
                        "A coalition airstrike hit a vehicle near Jarniyah, killing two militants.",
                        "Coalition", "ISIS", fatalities=(2, 2)),
                  article("x1", "Kurdistan 24", D + timedelta(days=1), "Strike near Jarniyah."))


def test_report_features():
    r = surrender_cluster()[0]
    assert r.source_key == "outlet:buzzfeed news"
    assert r.actors == {"ISIS", "SDF"} and r.numbers == {70}
    assert r.day_start == r.day_end == D.toordinal()
    assert "withd" in r.tokens and "the" not in r.tokens  # words cut to 5 letters
    assert evidence_tokens("Tabqah liberated") == evidence_tokens("Tabqa liberation") == {"tabqa", "liber"}
    assert r.undated is False and r.actor_mentions == (("ISIS", ("isis",)), ("SDF", ("sdf",)))
    assert r.attribution_label() == "US defense officials via BuzzFeed News"


def test_undated_event_falls_back_to_publication_week():
    ev = event("u", "ASSAULT", "Hajin", None, "Clashes in Hajin.", "SDF", "ISIS")
    r = report(ev, article("u", "Rudaw", D, "text"))
    assert (r.day_start, r.day_end) == ((D - timedelta(days=7)).toordinal(), D.toordinal())
    assert r.undated
