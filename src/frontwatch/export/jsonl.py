"""JSON Lines and JSON export: exactly ``Event.to_dict()``, the record contract."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from ..records import Event


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> int:
    """One record per line; return the number written."""
    count = 0
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False, allow_nan=False))
        stream.write("\n")
        count += 1
    return count


def write_json(events: Iterable[Event], stream: IO[str]) -> int:
    """A JSON array of records; return the number written."""
    records = [event.to_dict() for event in events]
    json.dump(records, stream, ensure_ascii=False, allow_nan=False, indent=2)
    stream.write("\n")
    return len(records)


def read_jsonl(stream: IO[str]) -> Iterator[Event]:
    """Events back from JSON Lines (blank lines skipped)."""
    for line in stream:
        if line.strip():
            yield Event.from_dict(json.loads(line))


def write_records(records: Iterable[dict], fmt: str, stream: IO[str],
                  geojson: Callable[[list[dict]], dict[str, Any]]) -> int:
    """Plain dict records (control periods, alerts) as JSON Lines (``jsonl``) or as the one
    FeatureCollection ``geojson(records)`` builds (``geojson``); return how many records."""
    records = list(records)
    if fmt == "jsonl":
        for r in records:
            stream.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        json.dump(geojson(records), stream, ensure_ascii=False)
        stream.write("\n")
    else:
        raise ValueError(f"unknown record format {fmt!r}; choose jsonl or geojson")
    return len(records)
