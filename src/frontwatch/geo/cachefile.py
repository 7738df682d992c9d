"""The embedded gazetteer index on disk: data only, checked when read.

Layout: a magic line, one JSON header line (section names, types, byte lengths, SHA-256 of the
body), then the sections: number columns as raw arrays, string columns as newline-joined UTF-8,
and each name index as sorted keys + offsets + rows (looked up by bisection, never rebuilt into
a dict on load). Nothing in the file can run code; a file that fails its checksum or does not
read back whole raises ``CorruptIndexError`` and the caller rebuilds it.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import sys
from array import array
from pathlib import Path
from typing import Any

MAGIC = b"FRONTWATCH-GAZETTEER\n"
ARRAYS = {"lat": "f", "lon": "f", "pop": "q", "gid": "q", "kind": "B", "capitals": "q"}
STRINGS = ("name", "cc", "admin1", "admin2")


class CorruptIndexError(ValueError):
    """The cache file is damaged, truncated or not a gazetteer index."""


class PackedIndex:
    """name -> rows over sorted keys (read-only, dict-like ``get``)."""

    def __init__(self, keys: list[str], offsets: array, rows: array):
        self.keys, self.offsets, self.rows = keys, offsets, rows

    @classmethod
    def from_dict(cls, index: dict[str, Any]) -> "PackedIndex":
        keys = sorted(index)
        offsets, rows = array("i", [0]), array("i")
        for k in keys:
            rows.extend(index[k])
            offsets.append(len(rows))
        return cls(keys, offsets, rows)

    def get(self, key: str, default=()):
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return tuple(self.rows[self.offsets[i]:self.offsets[i + 1]])
        return default

    def __getitem__(self, key: str):
        hit = self.get(key, None)
        if hit is None:
            raise KeyError(key)
        return hit

    def __contains__(self, key: str) -> bool:
        return self.get(key, None) is not None

    def __iter__(self):
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def items(self):
        for k in self.keys:
            yield k, self[k]

    def values(self):
        for k in self.keys:
            yield self[k]


def _lines(values: list[str]) -> bytes:
    return "\n".join(values).encode("utf-8")


def write(path: Path, payload: dict[str, Any], version: int) -> None:
    sections: list[tuple[str, str, bytes]] = []
    for key, code in ARRAYS.items():
        a = array(code, payload.get(key, ()))
        if sys.byteorder != "little":
            a.byteswap()
        sections.append((key, code, a.tobytes()))
    for key in STRINGS:
        sections.append((key, "lines", _lines(payload[key])))
    for key in ("fold", "skel"):
        idx = payload[key] if isinstance(payload[key], PackedIndex) else PackedIndex.from_dict(payload[key])
        sections.append((f"{key}.keys", "lines", _lines(idx.keys)))
        sections.append((f"{key}.offsets", "i", idx.offsets.tobytes()))
        sections.append((f"{key}.rows", "i", idx.rows.tobytes()))
    sections.append(("demonyms", "json", json.dumps(payload.get("demonyms", {})).encode("utf-8")))
    body = b"".join(data for _, _, data in sections)
    header = {"version": version, "rows": len(payload["name"]), "sha256": hashlib.sha256(body).hexdigest(),
              "sections": [[name, code, len(data)] for name, code, data in sections]}
    with open(path, "wb") as fh:
        fh.write(MAGIC)
        fh.write(json.dumps(header).encode("utf-8") + b"\n")
        fh.write(body)


def read(path: Path, version: int) -> dict[str, Any]:
    with open(path, "rb") as fh:
        data = fh.read()
    if not data.startswith(MAGIC):
        raise CorruptIndexError("not a frontwatch gazetteer index")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC):end])
        sections = header["sections"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CorruptIndexError(f"unreadable header ({exc})") from exc
    if header.get("version") != version:
        raise CorruptIndexError(f"index version {header.get('version')}, expected {version}")
    body = memoryview(data)[end + 1:]
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise CorruptIndexError("checksum mismatch (damaged or truncated file)")
    out: dict[str, Any] = {}
    pos = 0
    try:
        for name, code, length in sections:
            chunk = body[pos:pos + length]
            pos += length
            if code == "lines":
                # a tuple: the collector stops scanning its strings (a list of them is rescanned on every full collection)
                out[name] = tuple(bytes(chunk).decode("utf-8").split("\n")) if length else ()
            elif code == "json":
                out[name] = json.loads(bytes(chunk))
            else:
                a = array(code)
                a.frombytes(chunk)
                if sys.byteorder != "little":
                    a.byteswap()
                out[name] = a
        n = header["rows"]
        for key in ("lat", "lon", "pop", "gid", "kind", *STRINGS):
            if len(out[key]) != n:
                raise CorruptIndexError(f"column {key} has {len(out[key])} rows, expected {n}")
        for key in ("fold", "skel"):
            keys, offsets, rows = out.pop(f"{key}.keys"), out.pop(f"{key}.offsets"), out.pop(f"{key}.rows")
            if len(offsets) != len(keys) + 1 or offsets[-1] != len(rows) or (rows and max(rows) >= n):
                raise CorruptIndexError(f"name index {key} is inconsistent")
            out[key] = PackedIndex(keys, offsets, rows)
    except (KeyError, ValueError, TypeError, UnicodeDecodeError) as exc:
        if isinstance(exc, CorruptIndexError):
            raise
        raise CorruptIndexError(f"unreadable section ({exc})") from exc
    out["kind"] = bytes(out["kind"])
    return out
