"""The terminal tables the commands print, and the ``--sort`` order of their rows.

Every cell goes through ``cell`` (terminal.neutralise): names and ids from inputs cannot
send escape codes to the terminal nor be read as Rich markup."""
from __future__ import annotations

from collections.abc import Callable

from rich.table import Table

from ..records import Event, PlaceMention
from ..terminal import cell

# --------------------------------------------------------------------------- order


def _ordered(items: list, value: Callable, key: str) -> list:
    """``items`` by ``value(item, field)`` for ``key`` (``-`` reverses); missing values last."""
    field, reverse = key.lstrip("-"), key.startswith("-")
    present = [x for x in items if value(x, field) not in (None, "")]
    missing = [x for x in items if value(x, field) in (None, "")]
    return sorted(present, key=lambda x: value(x, field), reverse=reverse) + missing


def _record_value(r: dict, field: str):
    if field == "date":
        return r.get("date_start") or r.get("date_end")
    if field == "type":
        return r.get("event_type")
    if field == "country":
        return (r.get("location") or {}).get("country_code")
    return r.get(field)


def _event_value(e: Event, field: str):
    if field == "date":
        return (e.date.start or e.date.end).isoformat() if e.date and (e.date.start or e.date.end) else None
    if field == "type":
        return e.event_type
    if field == "country":
        return e.location.country_code if e.location else None
    return None


def sort_records(records: list[dict], key: str) -> list[dict]:
    """Fused event records in ``--sort`` order (validated by ``validation.sort_key``)."""
    return _ordered(records, _record_value, key)


def sort_events(events: list[Event], key: str) -> list[Event]:
    """Per-article events in ``--sort`` order (date, type or country)."""
    return _ordered(events, _event_value, key)


# --------------------------------------------------------------------------- tables

def _row(table: Table, *values) -> None:
    table.add_row(*(cell(v) for v in values))


def _span(start: str, end: str | None) -> str:
    """``start`` or ``start…end`` when the period ends on another day."""
    return start + (f"…{end}" if end and end != start else "")


def event_table(events: list[Event]) -> Table:
    table = Table("date", "type", "status", "actor1", "actor2", "location", "attribution", "evidence",
                  show_lines=False)
    for e in events:
        d = e.date.start.isoformat() if e.date and e.date.start else ""
        if e.date and e.date.end and e.date.end != e.date.start:
            d += f"…{e.date.end.isoformat()}"
        loc = e.location.name or e.location.text if e.location else ""
        _row(table, d, e.event_type, e.status, e.actor1.name if e.actor1 else "",
             e.actor2.name if e.actor2 else "", loc or "",
             e.attribution.name if e.attribution else "", _clip(e.evidence.text, 90))
    return table


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def fused_table(records: list[dict], deleted: dict | None = None) -> Table:
    table = Table("date", "type", "status", "actor1", "actor2", "location", "sources", "grade", "reports",
                  "id", show_lines=False)
    for r in records:
        d = _span(r.get("date_start") or "", r.get("date_end"))
        loc = r.get("location") or {}
        _row(table, d, r["event_type"], r["status"], r.get("actor1") or "", r.get("actor2") or "",
             loc.get("name") or loc.get("text") or "", str(r["sources"]), r["grade"],
             str(len(r.get("reports") or [])), r["id"])
    for cid, into in (deleted or {}).items():
        _row(table, "", "(deleted)", "", "", "", f"merged into {into}" if into else "", "", "", "", cid)
    return table


def control_table(rows: list[dict]) -> Table:
    table = Table("place", "controller", "from", "to", "tier", "certain", "evidence")
    for r in rows:
        start = _span(r.get("from_start") or "?", r.get("from_end"))
        end = r.get("to_start") or ""
        ev = r.get("evidence") or []
        _row(table, r.get("place") or "", r.get("controller") or "(none)", start, end, r.get("tier") or "",
             "" if "certain" not in r else ("yes" if r["certain"] else "no"),
             (ev[0].get("text") or "")[:100] + (f" (+{len(ev) - 1})" if len(ev) > 1 else "") if ev else "")
    return table


def place_table(places: list[PlaceMention]) -> Table:
    table = Table("article", "text", "offsets", "name", "country", "admin1", "lat", "lon", "kind")
    for p in places:
        _row(table, p.article_id, p.text, f"{p.start}-{p.end}", p.name or "", p.country_code or "",
             p.admin1 or "", f"{p.latitude:.4f}" if p.latitude is not None else "",
             f"{p.longitude:.4f}" if p.longitude is not None else "", p.kind)
    return table


def settings_table(rows) -> Table:
    table = Table("setting", "env", "default", "help")
    for name, default, text in rows:
        _row(table, name, f"FRONTWATCH_{name.upper()}", str(default), text)
    return table
