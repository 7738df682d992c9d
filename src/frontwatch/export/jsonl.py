"""JSON Lines and JSON export: exactly ``Event.to_dict()``, the record contract."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

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
