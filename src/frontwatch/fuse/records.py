"""Fusion records: a Report (one article's account of an event), the CanonicalEvent built from
reports, control claims and periods. Plain dataclasses; ``to_dict()`` gives JSON-ready data."""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontwatch.records import Article, Event, Location, Record, shift_date

UNDATED_LOOKBACK_DAYS = 7  # an undated event is taken to lie in [published - 7 days, published]
_STOP = frozenset(
    "the and for that with from this was were has have had are its his her their said says "
    "been after into over near also about which who when where than then there they them "
    "but not out off all more most some such other will would could can may".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STEM_CHARS = 5  # evidence words are cut to this many letters ("Hamah"/"Hama", "liberated"/"liberation")
# Actor names that say nothing about which side acted ("forces", "militants"): never evidence that
# two reports have different actors.
GENERIC_ACTORS = frozenset({
    "forces", "militants", "fighters", "troops", "soldiers", "gunmen", "civilians", "people",
    "residents", "rebels", "insurgents", "attackers", "security forces", "armed men",
    "unidentified gunmen", "unknown attackers", "government forces", "armed forces",
})


def flat(obj: Any) -> dict[str, Any] | None:
    """A flat record (only scalar fields) as a JSON-ready dict; cheaper than Record.to_dict."""
    if obj is None:
        return None
    d = dict(vars(obj))
    for k, v in d.items():
        if isinstance(v, date):
            d[k] = v.isoformat()
    return d


def outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """Publisher identity: outlet name without bylines/notes in brackets, else the URL host."""
    if outlet:
        name = re.sub(r"\(.*?\)", " ", outlet).lower()
        name = re.sub(r"^the\s+", "", " ".join(name.split()))
        if name:
            return "outlet:" + name
    if url:
        host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
        return "host:" + re.sub(r"^(www|amp|m)\.", "", host)
    return "article:" + article_id


def evidence_tokens(text: str) -> frozenset[str]:
    """Content words of an evidence sentence (lower case, >= 3 letters, no stop words), each cut
    to its first STEM_CHARS letters so that spelling and inflection variants agree."""
    return frozenset(sys.intern(w[:STEM_CHARS]) for w in (m.group().lower() for m in _WORD.finditer(text))
                     if len(w) >= 3 and w not in _STOP)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ALIASES = (("united states", "us"), ("u s ", "us "), ("american", "us"), ("america", "us"))
_ACTOR_FILLER = frozenset("the of and led backed force forces group".split())


def norm_name(text: str) -> str:
    """Lower case, punctuation to spaces, 'United States'/'U.S.'/'American' to 'us'."""
    out = " " + _NON_ALNUM.sub(" ", text.lower()) + " "
    for old, new in _ALIASES:
        out = out.replace(old, new)
    return " ".join(out.split())


def actor_mentions(event: Event) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, normalised name and surface text) of each specific (non-generic) actor."""
    out = []
    for a in (event.actor1, event.actor2):
        if a is None or not a.name:
            continue
        forms = tuple(sorted({f for f in (norm_name(a.name), norm_name(a.text or "")) if len(f) >= 2}))
        if forms and not any(f in GENERIC_ACTORS for f in forms):
            out.append((a.name, forms))
    return tuple(out)


@dataclass(slots=True)
class Report:
    """One article's account of one event, with the article metadata fusion needs.

    Slotted (no per-instance dict) and with interned token stems: a million reports are held
    at once while fusing."""

    event: Event
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    text_sketch: Sequence[int] = ()  # bottom-k shingle sketch of the article text
    shingle_count: int = 0
    content_hash: str = ""
    # derived, set in __post_init__
    key: str = field(init=False)
    source_key: str = field(init=False)
    day_start: int | None = field(init=False)
    day_end: int | None = field(init=False)
    tokens: frozenset[str] = field(init=False)
    actors: frozenset[str] = field(init=False)
    numbers: frozenset[int] = field(init=False)
    undated: bool = field(init=False)   # the day range is the publication window, not a text date
    actor_mentions: tuple = field(init=False)        # specific actors: (name, normalised forms)
    actor_words: frozenset[str] = field(init=False)   # words of those forms, without "led", "forces"
    _evidence_norm: str | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        ev = self.event
        self.key = f"{ev.article_id}#{ev.evidence.start:07d}#{ev.event_type}"
        self.source_key = outlet_key(self.outlet, self.url, ev.article_id)
        start = end = None
        self.undated = False
        if ev.date is not None and (ev.date.start or ev.date.end):
            start = ev.date.start or ev.date.end
            end = ev.date.end or ev.date.start
        elif self.published is not None:
            start, end = shift_date(self.published, -UNDATED_LOOKBACK_DAYS), self.published
            self.undated = True
        self.day_start = start.toordinal() if start else None
        self.day_end = end.toordinal() if end else None
        self.tokens = evidence_tokens(ev.evidence.text)
        self.actors = frozenset(a.name for a in (ev.actor1, ev.actor2) if a is not None and a.name)
        self.actor_mentions = actor_mentions(ev)
        self.actor_words = frozenset(w for _, forms in self.actor_mentions for f in forms
                                     for w in f.split() if w not in _ACTOR_FILLER)
        nums = set(v for v in ev.quantities.values() if v)
        if ev.fatalities is not None:
            nums.update(v for v in (ev.fatalities.min, ev.fatalities.max) if v)
        self.numbers = frozenset(nums)

    @property
    def evidence_norm(self) -> str:
        """The evidence text normalised like actor names, padded with spaces (computed once)."""
        if self._evidence_norm is None:
            self._evidence_norm = " " + norm_name(self.event.evidence.text) + " "
        return self._evidence_norm

    @property
    def article_id(self) -> str:
        return self.event.article_id

    @property
    def location(self) -> Location | None:
        return self.event.location

    @property
    def sort_key(self) -> tuple:
        """Canonical order: earliest publication first, then article id and position."""
        return (self.published or date.max, self.key)

    @classmethod
    def from_event(cls, event: Event, article: Article | None = None,
                   sketch: tuple[Sequence[int], int] | None = None) -> "Report":
        """A report from an extracted event and its article (sketch computed if not given)."""
        from frontwatch.fuse.syndication import text_sketch

        if article is None:
            return cls(event=event)
        sk, n = sketch if sketch is not None else text_sketch(article.text)
        return cls(event=event, outlet=article.outlet, url=article.url, published=article.published,
                   text_sketch=sk, shingle_count=n, content_hash=article.content_hash)

    def attribution_label(self) -> str:
        """'<who> via <outlet>' for attributed reports, the outlet alone for its own reporting."""
        outlet = self.outlet or self.url or self.article_id
        att = self.event.attribution
        return f"{att.name} via {outlet}" if att is not None and att.name else outlet

    def to_dict(self) -> dict[str, Any]:
        ev = self.event
        return {
            "article_id": ev.article_id, "outlet": self.outlet, "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "event_type": ev.event_type, "status": ev.status,
            "evidence": ev.evidence.text,
            "attribution": ev.attribution.name if ev.attribution else None,
            "date": flat(ev.date), "location": flat(ev.location), "fatalities": flat(ev.fatalities),
        }


def reports_from(events: list[Event], articles: list[Article] | dict[str, Article]) -> list[Report]:
    """Reports for per-article events; each article's text is sketched once."""
    from frontwatch.fuse.syndication import text_sketch

    by_id = articles if isinstance(articles, dict) else {a.id: a for a in articles}
    sketches: dict[str, tuple[Sequence[int], int]] = {}
    out = []
    for ev in events:
        art = by_id.get(ev.article_id)
        if art is not None and art.id not in sketches:
            sketches[art.id] = text_sketch(art.text)
        out.append(Report.from_event(ev, art, sketches.get(ev.article_id)))
    return out


@dataclass
class FatalityClaim(Record):
    article_id: str
    outlet: str | None
    min: int | None
    max: int | None
    attribution: str | None = None


@dataclass
class CanonicalEvent(Record):
    """One real-world event fused from every report of it. Conflicts are kept, not averaged."""

    id: str
    event_type: str
    event_types: list[str]
    status: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    location: dict | None
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    date_conflict: bool
    fatalities_min: int | None
    fatalities_max: int | None
    fatality_claims: list[FatalityClaim]
    sources: int
    source_groups: list[list[str]]
    attributions: list[str]
    grade: str
    grade_reasons: list[str]
    reports: list[dict]

    def to_dict(self) -> dict[str, Any]:  # asdict() copies deeply; this stays cheap
        d = dict(self.__dict__)
        d["date_start"] = self.date_start.isoformat() if self.date_start else None
        d["date_end"] = self.date_end.isoformat() if self.date_end else None
        d["fatality_claims"] = [c.to_dict() for c in self.fatality_claims]
        return d


@dataclass
class ControlClaim(Record):
    """An explicit statement that `actor` controls `place` (since a date, or of unknown start),
    made in `article_id` on `as_of` (the article's date; kept with the evidence)."""

    place: Location
    actor: str
    since: date | None
    evidence: str
    article_id: str
    since_precision: str = "day"  # day | month | year
    as_of: date | None = None
    attribution: str | None = None  # who states it; a party's own statement gives tier "claimed"


@dataclass
class ControlPeriod(Record):
    """Who held a place from when to when; uncertain bounds are ranges (start, end)."""

    place: str
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    controller: str | None
    from_start: date | None
    from_end: date | None
    to_start: date | None
    to_end: date | None
    tier: str  # control | contested | claimed
    evidence: list[dict] = field(default_factory=list)
