"""Reading and validating gold annotation files (format: shared/corpus/GOLD.md).

Every problem raises :class:`GoldFormatError` naming the file and the field
(``gold.json: events[2].place.lat: ...``); the error also carries ``.file`` and ``.field``.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError
from ..records import ACLED_TYPES, PLACE_KINDS, PLOVER_TYPES, PRECISIONS, STATUSES

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def gold_error(file: str, field: str, message: str) -> GoldFormatError:
    """A GoldFormatError whose message and attributes name the file and the field."""
    err = GoldFormatError(f"{file}: {field}: {message}")
    err.file, err.field = file, field  # type: ignore[attr-defined]
    return err


def is_fusion_gold(data: Any) -> bool:
    """True for a fusion gold file (``{"kind": "fusion", "clusters": ...}``), not an article gold."""
    return isinstance(data, dict) and data.get("kind") == "fusion"


def load_gold(path: str | Path) -> dict[str, Any]:
    """One article gold file, parsed and validated."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise gold_error(path.name, "<file>", f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise gold_error(path.name, "<json>", f"invalid JSON: {exc}") from exc
    validate_gold(data, path.name)
    return data


def load_gold_dir(folder: str | Path) -> list[dict[str, Any]]:
    """Every article gold file (``*.json``) of a folder, sorted by file name.

    Fusion gold files (``"kind": "fusion"``) are skipped; two files for one article are an error.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise gold_error(str(folder), "<folder>", "not a folder")
    golds: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise gold_error(path.name, "<json>", f"invalid JSON: {exc}") from exc
        if is_fusion_gold(raw):
            continue
        validate_gold(raw, path.name)
        if raw["article"] in seen:
            raise gold_error(path.name, "article", f"{raw['article']!r} already annotated in {seen[raw['article']]}")
        seen[raw["article"]] = path.name
        golds.append(raw)
    return golds


def fold_space(text: str) -> str:
    """White space runs (including no-break spaces) as one space."""
    return " ".join(text.split())


def unfaithful(gold: dict[str, Any], body: str, toponym_text: str | None = None, name: str = "") -> list[str]:
    """What of a gold file is not in its article: event and control evidence not verbatim in
    ``body``, toponyms not literal in ``toponym_text`` (default ``body``); white space folded."""
    body = fold_space(body)
    places = body if toponym_text is None else fold_space(toponym_text)
    name = name or gold.get("article", "<gold>")
    problems = [f"{name} {ev['id']}: evidence not in article: {ev['evidence']!r}"
                for ev in gold["events"] if fold_space(ev["evidence"]) not in body]
    problems += [f"{name} control {ctl['place']}: evidence not in article"
                 for ctl in gold.get("control") or [] if "evidence" in ctl and fold_space(ctl["evidence"]) not in body]
    problems += [f"{name} toponym {top['text']!r} not in article"
                 for top in gold["toponyms"] if fold_space(top["text"]) not in places]
    return problems


# ----------------------------------------------------------------------------- validation

def validate_gold(data: Any, file: str = "<gold>") -> None:
    """Raise GoldFormatError unless ``data`` follows GOLD.md."""
    def fail(field: str, message: str) -> GoldFormatError:
        return gold_error(file, field, message)

    if not isinstance(data, dict):
        raise fail("<root>", "must be a JSON object")
    for key in ("article", "events", "toponyms"):
        if key not in data:
            raise fail(key, "missing")
    if not isinstance(data["article"], str) or not data["article"]:
        raise fail("article", "must be a non-empty string")
    if data.get("published") is not None:
        _full_date(data["published"], "published", fail)
    for key in ("events", "toponyms", "control"):
        if key in data and not isinstance(data[key], list):
            raise fail(key, "must be a list")
    ids: set[str] = set()
    for i, event in enumerate(data["events"]):
        _event(event, f"events[{i}]", fail)
        if event["id"] in ids:
            raise fail(f"events[{i}].id", f"duplicate id {event['id']!r}")
        ids.add(event["id"])
    for i, toponym in enumerate(data["toponyms"]):
        _toponym(toponym, f"toponyms[{i}]", fail)
    for i, control in enumerate(data.get("control") or []):
        _control(control, f"control[{i}]", fail)


def _full_date(value: Any, field: str, fail) -> date:
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise fail(field, f"must be a YYYY-MM-DD date, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(field, str(exc)) from exc


def _event(ev: Any, at: str, fail) -> None:
    if not isinstance(ev, dict):
        raise fail(at, "must be an object")
    for key in ("id", "core", "plover", "acled", "status", "actor1", "actor2", "place", "date",
                "fatalities", "attribution", "evidence"):
        if key not in ev:
            raise fail(f"{at}.{key}", "missing")
    if not isinstance(ev["id"], str) or not ev["id"]:
        raise fail(f"{at}.id", "must be a non-empty string")
    for key in ("core", "optional"):
        if key in ev and not isinstance(ev[key], bool):
            raise fail(f"{at}.{key}", "must be true or false")
    types = ev["plover"] if isinstance(ev["plover"], list) else [ev["plover"]]
    if not types:
        raise fail(f"{at}.plover", "empty list")
    for t in types:
        if t not in PLOVER_TYPES:
            raise fail(f"{at}.plover", f"unknown PLOVER type {t!r}")
    acled = ev["acled"]
    if (not isinstance(acled, list) or len(acled) != 2 or acled[0] not in ACLED_TYPES
            or acled[1] not in ACLED_TYPES[acled[0]]):
        raise fail(f"{at}.acled", f"not an ACLED [event_type, sub_event_type] pair: {acled!r}")
    if ev["status"] not in STATUSES:
        raise fail(f"{at}.status", f"must be one of {STATUSES}, got {ev['status']!r}")
    for key in ("actor1", "actor2"):
        _actor(ev[key], f"{at}.{key}", fail)
    _place(ev["place"], f"{at}.place", fail)
    if ev["date"] is not None:
        if not isinstance(ev["date"], dict):
            raise fail(f"{at}.date", "must be an object or null")
        start = _full_date(ev["date"].get("start"), f"{at}.date.start", fail)
        end = _full_date(ev["date"].get("end"), f"{at}.date.end", fail)
        if end < start:
            raise fail(f"{at}.date", "end before start")
    fat = ev["fatalities"]
    if fat is not None:
        if not isinstance(fat, dict) or not all(isinstance(fat.get(k), int) and fat[k] >= 0 for k in ("min", "max")):
            raise fail(f"{at}.fatalities", "must be {min: int >= 0, max: int >= 0} or null")
        if fat["max"] < fat["min"]:
            raise fail(f"{at}.fatalities", "max below min")
    if "quantity" in ev and not (isinstance(ev["quantity"], dict) and all(
            isinstance(k, str) and isinstance(v, int) for k, v in ev["quantity"].items())):
        raise fail(f"{at}.quantity", "must map names to integers")
    if ev["attribution"] is not None and not (isinstance(ev["attribution"], str) and ev["attribution"].strip()):
        raise fail(f"{at}.attribution", "must be a non-empty string or null")
    if not isinstance(ev["evidence"], str) or not ev["evidence"].strip():
        raise fail(f"{at}.evidence", "must be a non-empty string")


def _actor(actor: Any, at: str, fail) -> None:
    if actor is None:
        return
    if not isinstance(actor, dict) or not isinstance(actor.get("name"), str) or not actor["name"].strip():
        raise fail(at, "must be {name, aliases} or null")
    aliases = actor.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise fail(f"{at}.aliases", "must be a list of strings")


def _coords(obj: dict, at: str, fail, required: bool) -> None:
    lat, lon = obj.get("lat"), obj.get("lon")
    if lat is None and lon is None and not required:
        return
    if not isinstance(lat, (int, float)) or isinstance(lat, bool) or not -90 <= lat <= 90:
        raise fail(f"{at}.lat", f"must be a latitude, got {lat!r}")
    if not isinstance(lon, (int, float)) or isinstance(lon, bool) or not -180 <= lon <= 180:
        raise fail(f"{at}.lon", f"must be a longitude, got {lon!r}")


def _country(obj: dict, at: str, fail) -> None:
    code = obj.get("country")
    if not isinstance(code, str) or not re.match(r"^[A-Z]{2}$", code):
        raise fail(f"{at}.country", f"must be an ISO 3166 alpha-2 code, got {code!r}")


def _place(place: Any, at: str, fail) -> None:
    if place is None:
        return
    if not isinstance(place, dict) or not isinstance(place.get("name"), str):
        raise fail(at, "must be {name, country, lat, lon, precision} or null")
    _country(place, at, fail)
    if place.get("precision") not in PRECISIONS:
        raise fail(f"{at}.precision", f"must be one of {PRECISIONS}")
    _coords(place, at, fail, required=place["precision"] != 4)


def _toponym(top: Any, at: str, fail) -> None:
    if not isinstance(top, dict):
        raise fail(at, "must be an object")
    for key in ("text", "name"):
        if not isinstance(top.get(key), str) or not top[key].strip():
            raise fail(f"{at}.{key}", "must be a non-empty string")
    if top.get("kind") not in PLACE_KINDS:
        raise fail(f"{at}.kind", f"must be one of {PLACE_KINDS}")
    _country(top, at, fail)
    _coords(top, at, fail, required=top["kind"] == "place")


def _control(ctl: Any, at: str, fail) -> None:
    if not isinstance(ctl, dict):
        raise fail(at, "must be an object")
    for key in ("place", "actor"):
        if not isinstance(ctl.get(key), str) or not ctl[key].strip():
            raise fail(f"{at}.{key}", "must be a non-empty string")
    for key in ("from", "to"):
        value = ctl.get(key)
        if value is not None and not (isinstance(value, str) and _PARTIAL_DATE.match(value)):
            raise fail(f"{at}.{key}", f"must be YYYY, YYYY-MM, YYYY-MM-DD or null, got {value!r}")
    if "evidence" in ctl and not isinstance(ctl["evidence"], str):
        raise fail(f"{at}.evidence", "must be a string")
