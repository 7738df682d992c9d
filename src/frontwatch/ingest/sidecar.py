"""Sidecar metadata: an ``index.jsonl`` beside article files describing them.

Each record's ``id`` names a file by its path relative to the index's folder (for files in
the same folder, just the file name); its ``title``, ``url``, ``outlet``, ``published`` and
``language`` then describe that file. An index applies to its folder and one level below.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .text import one_line

INDEX_NAME = "index.jsonl"
_TEXT_FIELDS = ("text", "body", "content")


class Sidecars:
    """Loads each folder's index once and finds the record describing a file."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._indexes: dict[Path, dict[str, dict[str, Any]]] = {}

    def lookup(self, path: Path) -> dict[str, Any] | None:
        """The sidecar record for ``path``, or None."""
        path = path.resolve()
        for folder in (path.parent, path.parent.parent):
            record = self._index(folder).get(path.relative_to(folder).as_posix())
            if record is not None:
                return record
        return None

    def index_of(self, path: Path) -> str:
        """The index file that describes ``path`` (for error messages)."""
        path = path.resolve()
        for folder in (path.parent, path.parent.parent):
            if path.relative_to(folder).as_posix() in self._index(folder):
                return str(folder / INDEX_NAME)
        return str(path.parent / INDEX_NAME)

    def _index(self, folder: Path) -> dict[str, dict[str, Any]]:
        if folder not in self._indexes:
            self._indexes[folder] = load_index(folder / INDEX_NAME, self.max_bytes)
        return self._indexes[folder]


def load_index(path: Path, max_bytes: int) -> dict[str, dict[str, Any]]:
    """id -> record of a sidecar index; unreadable lines and records without id are skipped."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return {}
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    index: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and one_line(record.get("id")):
            index[one_line(record["id"])] = record  # type: ignore[index]
    return index


def is_sidecar(path: Path, max_bytes: int) -> bool:
    """True for an ``index.jsonl`` of metadata records (ids, no article text)."""
    if path.name != INDEX_NAME:
        return False
    records = list(load_index(path, max_bytes).values())
    return bool(records) and not any(f in records[0] for f in _TEXT_FIELDS)
