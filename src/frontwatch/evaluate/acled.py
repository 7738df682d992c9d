"""``frontwatch evaluate --acled FILE.csv``: compare frontwatch with ACLED's own coding.

Reads an ACLED export as ACLED writes it (one row per event, a ``notes`` column with the
coder's English summary). A note is one article: the rows sharing a note are that article's
gold events, its id is ``acled-<event_id_cnty of its first row>`` and its publication date is
the first row's ``event_date``. The notes are the only input; the coded columns are the answer.

Scoring (``../shared/corpus/acled/README.md``): a gold event is **found** when an event extracted
from its note has ACLED's ``event_type`` and lies within 50 km of ACLED's point (100 km at
``geo_precision`` 3); pairs are matched one to one, nearest first. Reported:

  found       gold events found (type + place)
  type        gold events with some extracted event of their event_type (place ignored)
  place       gold events with some extracted event within the distance (type ignored)
  precision   found pairs / extracted events
  sub_type    sub_event_type right, on found pairs
  date        extracted date span equals ACLED's day, on found pairs
  fatalities  extracted minimum (0 when none) equals ACLED's, on found pairs
  actor1      extracted actor1's ACLED-style name equals ACLED's actor1, on found pairs
  silent      notes with no extracted event

Halves: a note is in the *tune* half when the first byte of the SHA-256 of its text is even,
else in the *held* half (fixed, independent of order and of the run).
"""
from __future__ import annotations

import csv
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FrontwatchError
from ..records import Article, Event

if TYPE_CHECKING:
    from ..monitor import Monitor

__all__ = ["AcledError", "AcledNote", "HALVES", "METRICS", "acled_actor_match", "evaluate_acled", "half_of",
           "read_acled_csv", "render_acled", "score_acled"]

HALVES = ("all", "tune", "held")
METRICS = ("found", "type", "place", "precision", "sub_type", "date", "fatalities", "actor1", "silent")
NEEDED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude", "notes")


class AcledError(FrontwatchError):
    """The ACLED file cannot be read or lacks the columns the comparison needs."""


@dataclass
class AcledNote:
    """One note (= one article) and the ACLED rows coded from it."""

    id: str
    text: str
    published: date | None
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def half(self) -> str:
        return half_of(self.text)

    @property
    def country(self) -> str:
        return self.rows[0].get("country") or "?"


def half_of(note: str) -> str:
    """'tune' or 'held', by a fixed hash of the note text."""
    return "tune" if hashlib.sha256(note.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def parse_acled_date(value: str) -> date | None:
    """ACLED's export writes "01 March 2020", spreadsheets re-save it as "1-May-20" or
    "02-March-2022", its API writes "2020-03-01"; all are accepted."""
    value = (value or "").strip()
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d-%b-%y", "%d-%B-%y", "%d-%b-%Y", "%d %b %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_acled_csv(path: str | Path) -> list[AcledNote]:
    """The notes of an ACLED CSV export, in file order, each with its rows."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in NEEDED if c not in (reader.fieldnames or [])]
            if missing:
                raise AcledError(f"{path} is not an ACLED export: no column {', '.join(missing)}")
            notes: dict[str, AcledNote] = {}
            for row in reader:
                text = (row.get("notes") or "").strip()
                if not text:
                    continue
                day = parse_acled_date(row["event_date"])
                if day is None:
                    raise AcledError(f"{path}: row {row.get('event_id_cnty')!r} has an unreadable "
                                     f"event_date {row['event_date']!r}")
                row = dict(row, event_date_iso=day.isoformat())
                note = notes.get(text)
                if note is None:
                    note = notes[text] = AcledNote(f"acled-{row['event_id_cnty']}", text, day)
                note.rows.append(row)
    except OSError as exc:
        raise AcledError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise AcledError(f"{path} is not a readable CSV file: {exc}") from exc
    return list(notes.values())


# ---------------------------------------------------------------------------- scoring

def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _point(event: Mapping[str, Any]) -> tuple[float, float] | None:
    loc = event.get("location") or {}
    lat, lon = loc.get("latitude"), loc.get("longitude")
    return None if lat is None or lon is None else (float(lat), float(lon))


def _days(event: Mapping[str, Any]) -> tuple[date, date] | None:
    d = event.get("date") or {}
    start, end = d.get("start"), d.get("end") or d.get("start")
    try:
        if start and end and len(str(start)) >= 10 and len(str(end)) >= 10:
            return date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
    except ValueError:
        return None
    return None


def _limit(row: Mapping[str, Any]) -> float:
    return 100.0 if str(row.get("geo_precision")) == "3" else 50.0


_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")


def _fold_actor(name: str | None) -> str:
    """ACLED actor names compared without their period suffix ("(2014-)"), case and articles."""
    return " ".join(w for w in _YEARS.sub("", name or "").casefold().split() if w != "the")


def acled_actor_match(predicted: str | None, gold: str | None) -> bool:
    """Does an extracted ACLED-style actor name agree with ACLED's? Both empty agree."""
    return _fold_actor(predicted) == _fold_actor(gold)


def _acled_actor1(event: Mapping[str, Any]) -> str | None:
    actor = event.get("actor1") or {}
    return actor.get("acled") or actor.get("name") if isinstance(actor, Mapping) else None


def score_acled(notes: Sequence[AcledNote] | Sequence[Mapping[str, Any]],
                predictions: Mapping[str, list[Mapping[str, Any]]],
                by: str | None = None) -> dict[str, dict[str, Any]]:
    """Figures per group ("all", plus the value of row field ``by`` of a note's first row).

    ``notes``: AcledNote objects or ``{"article", "events": rows}`` dicts; ``predictions``: note id
    -> extracted events as dicts (``Event.to_dict()``, ``actor1`` optionally with an ``acled`` name).
    """
    c: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for note in notes:
        if isinstance(note, AcledNote):
            art, gold = note.id, note.rows
        else:
            art, gold = note["article"], note["events"]
        pr = predictions.get(art, [])
        groups = ["all"] + ([gold[0].get(by) or "?"] if by else [])
        for grp in groups:
            c[grp]["notes"] += 1
            c[grp]["silent"] += not pr
            c[grp]["predicted"] += len(pr)
        pairs = []
        for gi, g in enumerate(gold):
            gp = (float(g["latitude"]), float(g["longitude"]))
            near = type_ok = False
            for pi, p in enumerate(pr):
                pp = _point(p)
                d = km(gp, pp) if pp else None
                same = (p.get("acled_event_type") or "") == g["event_type"]
                type_ok |= same
                near |= d is not None and d <= _limit(g)
                if same and d is not None and d <= _limit(g):
                    pairs.append((d, gi, pi))
            for grp in groups:
                c[grp]["gold"] += 1
                c[grp]["type"] += type_ok
                c[grp]["place"] += near
        used_g: set[int] = set()
        used_p: set[int] = set()
        for d, gi, pi in sorted(pairs):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold[gi], pr[pi]
            gd = date.fromisoformat(g["event_date_iso"])
            fat = (p.get("fatalities") or {}).get("min") or 0
            for grp in groups:
                c[grp]["found"] += 1
                c[grp]["sub_type"] += (p.get("acled_sub_event_type") or "") == g["sub_event_type"]
                c[grp]["date"] += _days(p) == (gd, gd)
                c[grp]["fatalities"] += int(fat) == int(g.get("fatalities") or 0)
                c[grp]["actor1"] += acled_actor_match(_acled_actor1(p), g.get("actor1"))
    out = {}
    for grp, k in c.items():
        n, f = k["gold"], k["found"]

        def share(x: int, of: int) -> float:
            return round(x / of, 3) if of else 0

        out[grp] = {"notes": k["notes"], "gold": n, "predicted": k["predicted"],
                    "found": share(f, n), "type": share(k["type"], n), "place": share(k["place"], n),
                    "precision": share(f, k["predicted"]), "sub_type": share(k["sub_type"], f),
                    "date": share(k["date"], f), "fatalities": share(k["fatalities"], f),
                    "actor1": share(k["actor1"], f), "silent": share(k["silent"], k["notes"])}
    return out


# ---------------------------------------------------------------------------- end to end

def predict(monitor: "Monitor", notes: Iterable[AcledNote]) -> dict[str, list[dict[str, Any]]]:
    """Extract events from each note (its event_date as publication date) -> note id -> event dicts."""
    from ..nlp.acled_actors import acled_actor_name

    notes = list(notes)
    articles = [Article(id=n.id, text=n.text, title=None, outlet="ACLED notes", published=n.published)
                for n in notes]
    out: dict[str, list[dict[str, Any]]] = {}
    for analysis in monitor.analyse(articles):
        events = []
        for ev in analysis.events:
            rec = ev.to_dict()
            for role in ("actor1", "actor2"):
                name = acled_actor_name(getattr(ev, role), ev, role)
                if rec.get(role) or name:
                    rec[role] = dict(rec.get(role) or {}, acled=name)
            events.append(rec)
        out[analysis.article.id] = events
    return out


@dataclass
class AcledReport:
    """Figures of one comparison: per half, and per country / event type (all notes)."""

    halves: dict[str, dict[str, Any]]
    by_country: dict[str, dict[str, Any]]
    by_event_type: dict[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"halves": self.halves, "by_country": self.by_country, "by_event_type": self.by_event_type}

    def render(self) -> str:
        return render_acled(self)


def evaluate_acled(monitor: "Monitor", path: str | Path,
                   predictions: Mapping[str, list[Mapping[str, Any]]] | None = None,
                   half: str = "all") -> AcledReport:
    """Read an ACLED export, extract from its notes (unless ``predictions`` are given), score.

    ``half`` "tune" or "held" reads only that half's notes (the other half's figures are then absent).
    """
    notes = [n for n in read_acled_csv(path) if half == "all" or n.half == half]
    if predictions is None:
        predictions = predict(monitor, notes)
    halves = {}
    for name in HALVES if half == "all" else (half,):
        part = [n for n in notes if name == "all" or n.half == name]
        halves[name] = score_acled(part, predictions).get("all", {})
    by_country = score_acled(notes, predictions, by="country")
    by_type = score_acled(notes, predictions, by="event_type")
    by_country.pop("all", None)
    by_type.pop("all", None)
    return AcledReport(halves, by_country, by_type)


_COLUMNS = ("notes", "gold", "found", "type", "place", "precision", "sub_type", "date", "fatalities", "actor1",
            "silent")


def _table(title: str, rows: Mapping[str, Mapping[str, Any]], order: Iterable[str]) -> list[str]:
    lines = [f"{title:28}" + "".join(f"{c:>11}" for c in _COLUMNS)]
    for grp in order:
        lines.append(f"{grp[:28]:28}" + "".join(f"{rows[grp].get(c, 0):>11}" for c in _COLUMNS))
    return lines


def render_acled(report: AcledReport) -> str:
    lines = _table("half", report.halves, [h for h in HALVES if h in report.halves])
    lines.append("")
    lines += _table("country (all notes)", report.by_country, sorted(report.by_country))
    lines.append("")
    lines += _table("ACLED event type (gold)", report.by_event_type, sorted(report.by_event_type))
    return "\n".join(lines)
