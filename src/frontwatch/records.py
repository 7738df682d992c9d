"""The record model: frontwatch's public contract (documented in docs/records.md).

Records are plain dataclasses. ``to_dict()`` gives exactly the JSON shape of the
contract (dates as ISO strings); ``from_dict()`` reads it back.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import InitVar, asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import DateOutOfRangeError, InvalidDateError, InvalidRecordError, TextTooLongError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# One line per PLOVER type, after the PLOVER manual's definitions (shown in the UI and exports' docs).
PLOVER_DESCRIPTIONS = {
    "AGREE": "agree to or sign an agreement, a deal or a ceasefire",
    "CONSULT": "meet, visit, talk or negotiate",
    "SUPPORT": "express support, praise or approval",
    "CONCEDE": "yield: ease restrictions, release, return, apologise",
    "COOPERATE": "act together: joint military, economic or security work",
    "AID": "give military, economic or humanitarian aid",
    "RETREAT": "withdraw, hand over, surrender or release; a ceasefire",
    "REQUEST": "ask, appeal or demand",
    "ACCUSE": "accuse, blame, condemn or allege",
    "REJECT": "refuse, reject, veto or deny",
    "THREATEN": "threaten force, sanctions or other action",
    "PROTEST": "demonstrate, riot, strike or boycott",
    "SANCTION": "punish without force: sanctions, expulsions, cut ties",
    "MOBILIZE": "ready or move forces, reinforce, raise alert",
    "COERCE": "force without armed attack: arrests, seizures, curfews, bans",
    "ASSAULT": "use armed force: attacks, strikes, shelling, killings, abductions",
}
STATUSES = ("occurred", "planned", "threatened", "speculated", "denied")
DATE_PRECISIONS = ("day", "week", "month", "season", "year")
PLACE_KINDS = ("place", "admin", "country", "demonym", "facility", "natural")  # demonym: "Syrian" -> Syria, never an event place
# Location precision: 1 the town itself, 2 near / part of a town, 3 province or region, 4 country.
PRECISIONS = (1, 2, 3, 4)

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}


# The sane range of every date frontwatch accepts (publication dates at every entry point,
# resolved event dates): a fixed constant, never the wall clock. A record outside it is refused
# with ``DateOutOfRangeError`` for that record only; date arithmetic clamps with ``shift_date``.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2099, 12, 31)
# The longest text the pipeline analyses (spaCy's default ``max_length``); longer texts are
# refused per item with ``TextTooLongError`` before any component runs.
MAX_TEXT_CHARS = 1_000_000


def in_range(day: date | None) -> bool:
    """True for None or a date within DATE_MIN .. DATE_MAX."""
    return day is None or DATE_MIN <= day <= DATE_MAX


def check_date(day: date | None, what: str = "published", source: str | None = None) -> date | None:
    """``day`` unchanged, or ``DateOutOfRangeError`` when it lies outside the sane range."""
    if day is not None and not in_range(day):
        raise DateOutOfRangeError(
            f"{what} {day.isoformat()} is outside {DATE_MIN.isoformat()} .. "
            f"{DATE_MAX.isoformat()}; fix the date or leave it out", source)
    return day


def shift_date(day: date, days: int) -> date:
    """``day`` plus ``days`` days, clamped to ``date.min`` .. ``date.max`` (never OverflowError)."""
    ordinal = min(max(day.toordinal() + days, date.min.toordinal()), date.max.toordinal())
    return date.fromordinal(ordinal)


def _iso(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class Record:
    """Mixin: contract-shaped dict conversion for the dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        def convert(obj: Any) -> Any:
            if isinstance(obj, dict):
                return {k: convert(v) for k, v in obj.items()}
            if isinstance(obj, (list, tuple)):
                return [convert(v) for v in obj]
            return _iso(obj)

        return convert(asdict(self))  # type: ignore[call-overload]

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Article

# Control characters: C0 (but tab and newline), DEL and C1. Vertical tab, form feed and the
# Unicode line/paragraph separators end a line.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_FIELD_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def normalize_text(text: str) -> str:
    """Text as stored: NFC, unix newlines, no trailing spaces, no NUL or other control
    characters (tab and newline kept)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_field(value: Any) -> Any:
    """A one-line metadata string (title, outlet, id) without control characters; white space
    folded; None when nothing is left. Non-strings are returned unchanged."""
    if not isinstance(value, str):
        return value
    return " ".join(_FIELD_CONTROLS.sub(" ", value).split()) or None


_USERINFO = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*@")


def strip_credentials(url: str | None) -> str | None:
    """The URL without ``user:password@`` (never stored nor served), parseable or not."""
    if not url or "@" not in url:
        return url
    return _USERINFO.sub(lambda m: (m.group(1) or "") + "//", url, count=1)


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space folded and case kept: same words, same hash."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """A URL reduced for de-duplication: lower-case host, no fragment, no tracking params."""
    try:
        parts = urlsplit(strip_credentials(url.strip()) or "")
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:  # not a parseable URL ("http://[::1"): compared as written
        return " ".join(url.split()).lower()
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.lower().startswith(("utm_", "fbclid", "gclid"))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


@dataclass
class Article(Record):
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    fetched_at: datetime | None = None
    language: str = "en"
    content_hash: str = ""
    key: str = ""
    # Set when ``published`` was read from the text itself (a dateline or byline date, not
    # metadata): the date as written, with its offsets in ``text``. Not kept by the store.
    published_evidence: Evidence | None = None
    # False only when reading back what a store holds: an article stored before these checks
    # existed must stay readable (fusion, exports), never block anything.
    checked: InitVar[bool] = True

    def __post_init__(self, checked: bool = True) -> None:
        source = self.id if isinstance(self.id, str) else None
        try:
            self.published = _parse_date(self.published)
        except (TypeError, ValueError) as exc:
            raise InvalidDateError(f"published {self.published!r} is not a date", source) from exc
        if checked:
            self._check(source)
        if isinstance(self.id, str):  # ids reach terminals and URLs: no control characters
            self.id = _FIELD_CONTROLS.sub("", self.id) or "article"
        self.title = clean_field(self.title)
        self.outlet = clean_field(self.outlet)
        self.url = strip_credentials(clean_field(self.url))
        if isinstance(self.fetched_at, str):
            self.fetched_at = datetime.fromisoformat(self.fetched_at)
        if self.fetched_at is None:
            self.fetched_at = datetime.now(timezone.utc).replace(microsecond=0)
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.key:
            self.key = ("url:" + canonical_url(self.url)) if self.url else ("sha256:" + self.content_hash)

    def _check(self, source: str | None) -> None:
        """The contract's limits for a new article: a sane publication date, a text the
        pipeline can analyse."""
        check_date(self.published, "published", source)
        if isinstance(self.text, str) and len(self.text) > MAX_TEXT_CHARS:
            raise TextTooLongError(
                f"the text has {len(self.text):,} characters, over the {MAX_TEXT_CHARS:,} the "
                "pipeline analyses; split it into several articles", source)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        known = {k: data.get(k) for k in cls.field_names() if k in data}
        if isinstance(known.get("published_evidence"), dict):
            known["published_evidence"] = Evidence(**known["published_evidence"])
        return cls(**known)


# --------------------------------------------------------------------------- Event parts

@dataclass
class Actor(Record):
    text: str
    name: str
    acled: str | None = None  # ACLED-style name ("Military Forces of Mali", "Civilians (Niger)", a named group)


@dataclass
class Location(Record):
    text: str
    name: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: int | None = None


@dataclass
class EventDate(Record):
    text: str | None
    start: date | None
    end: date | None
    precision: str | None  # one of DATE_PRECISIONS, or None when unknown


@dataclass
class Fatalities(Record):
    min: int | None
    max: int | None

    def __post_init__(self) -> None:
        for value in (self.min, self.max):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise InvalidRecordError(f"fatalities must be counts (whole numbers >= 0), not {value!r}")
        if self.min is not None and self.max is not None and self.min > self.max:
            # conflicting claims merged into one record: the range that spans both (never an
            # impossible min > max; one bad merge must not cost the article its events)
            self.min, self.max = self.max, self.min


@dataclass
class Attribution(Record):
    text: str
    name: str


@dataclass
class Evidence(Record):
    text: str
    start: int
    end: int


@dataclass
class Event(Record):
    article_id: str
    event_type: str
    evidence: Evidence
    status: str = "occurred"
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    date: EventDate | None = None
    fatalities: Fatalities | None = None
    quantities: dict[str, int] = field(default_factory=dict)
    attribution: Attribution | None = None
    trigger: Evidence | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        def sub(kind: type, value: Any) -> Any:
            return kind(**value) if isinstance(value, dict) else value

        d = dict(data)
        for name, kind in (("actor1", Actor), ("actor2", Actor), ("location", Location),
                           ("fatalities", Fatalities), ("attribution", Attribution),
                           ("evidence", Evidence), ("trigger", Evidence)):
            d[name] = sub(kind, d.get(name))
        if isinstance(d.get("date"), dict):
            dd = dict(d["date"])
            dd["start"], dd["end"] = _parse_date(dd.get("start")), _parse_date(dd.get("end"))
            d["date"] = EventDate(**dd)
        known = {k: d[k] for k in cls.field_names() if k in d}
        return cls(**known)


# --------------------------------------------------------------------------- Place mention

@dataclass
class PlaceMention(Record):
    article_id: str
    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    kind: str = "place"  # one of PLACE_KINDS
    precision: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PlaceMention":
        return cls(**{k: data[k] for k in cls.field_names() if k in data})
