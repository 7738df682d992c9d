"""A minimal PMTiles v3 writer and Mapbox Vector Tile encoder, written from the public specs
(PMTiles v3: 127-byte header, varint directories, Hilbert tile ids; MVT 2.1 protobuf), so the
tests can build a small vector basemap archive themselves.

``write_archive(path, tiles)`` takes {(z, x, y): bytes}; ``land_tile(...)`` encodes one tile with
an ``earth`` polygon, a ``water`` square and ``places`` points (the layer names of the Protomaps
basemap, so ``protomaps-leaflet``'s 'light' flavour draws them).
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

HEADER_LEN = 127


# --------------------------------------------------------------------------- PMTiles
def tile_id(z: int, x: int, y: int) -> int:
    """The Hilbert-curve tile id: tiles of lower zooms first, then the curve's index at z."""
    acc = (4 ** z - 1) // 3
    n = 1 << z
    d = 0
    s = n // 2
    while s > 0:
        rx = 1 if x & s else 0
        ry = 1 if y & s else 0
        d += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                x, y = s - 1 - x, s - 1 - y
            x, y = y, x
        s //= 2
    return acc + d


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def directory(entries: list[tuple[int, int, int, int]]) -> bytes:
    """(tile_id, offset, length, run_length) entries, sorted by tile id, as a v3 directory."""
    out = bytearray(varint(len(entries)))
    last = 0
    for tid, *_ in entries:
        out += varint(tid - last)
        last = tid
    for *_, run in entries:
        out += varint(run)
    for _, _, length, _ in entries:
        out += varint(length)
    for i, (_, offset, _, _) in enumerate(entries):
        prev = entries[i - 1] if i else None
        out += varint(0 if prev and offset == prev[1] + prev[2] else offset + 1)
    return bytes(out)


def write_archive(path: Path, tiles: dict[tuple[int, int, int], bytes],
                  bounds=(-180.0, -85.0, 180.0, 85.0), center=(0.0, 0.0, 0),
                  metadata: dict | None = None) -> Path:
    """An uncompressed, clustered PMTiles v3 archive of MVT tiles; equal tiles stored once."""
    blobs: dict[bytes, tuple[int, int]] = {}
    data = bytearray()
    entries = []
    for (z, x, y) in sorted(tiles, key=lambda k: tile_id(*k)):
        blob = tiles[(z, x, y)]
        if blob not in blobs:
            blobs[blob] = (len(data), len(blob))
            data += blob
        offset, length = blobs[blob]
        entries.append((tile_id(z, x, y), offset, length, 1))
    root = directory(entries)
    meta = json.dumps(metadata or {"name": "frontwatch test basemap",
                                   "vector_layers": [{"id": n} for n in ("earth", "water", "places")]}
                      ).encode()
    root_off = HEADER_LEN
    meta_off = root_off + len(root)
    data_off = meta_off + len(meta)
    zooms = [z for z, _, _ in tiles]
    e7 = lambda v: int(round(v * 1e7))  # noqa: E731
    header = b"PMTiles" + struct.pack(
        "<BQQQQQQQQQQQBBBBBBiiiiBii", 3,
        root_off, len(root), meta_off, len(meta), data_off + len(data), 0, data_off, len(data),
        len(entries), len(entries), len(blobs),
        1,  # clustered
        1,  # internal compression: none
        1,  # tile compression: none
        1,  # tile type: mvt
        min(zooms), max(zooms),
        e7(bounds[0]), e7(bounds[1]), e7(bounds[2]), e7(bounds[3]),
        center[2], e7(center[0]), e7(center[1]))
    assert len(header) == HEADER_LEN, len(header)
    path.write_bytes(header + root + meta + bytes(data))
    return path


# --------------------------------------------------------------------------- MVT
def _key(field: int, wire: int) -> bytes:
    return varint((field << 3) | wire)


def _bytes(field: int, payload: bytes) -> bytes:
    return _key(field, 2) + varint(len(payload)) + payload


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 31)


def _geometry(kind: str, points: list[tuple[int, int]]) -> list[int]:
    cmds: list[int] = []
    cx = cy = 0

    def move(x, y):
        nonlocal cx, cy
        out = [_zigzag(x - cx), _zigzag(y - cy)]
        cx, cy = x, y
        return out
    if kind == "point":
        cmds += [(1 & 7) | (1 << 3)] + move(*points[0])
    else:  # polygon ring, clockwise in tile coordinates (y down) is exterior
        cmds += [(1 & 7) | (1 << 3)] + move(*points[0])
        cmds += [(2 & 7) | ((len(points) - 1) << 3)]
        for p in points[1:]:
            cmds += move(*p)
        cmds += [(7 & 7) | (1 << 3)]
    return cmds


def _packed(field: int, values: list[int]) -> bytes:
    return _bytes(field, b"".join(varint(v) for v in values))


def layer(name: str, features: list[tuple[str, list[tuple[int, int]], dict]], extent: int = 4096) -> bytes:
    """One MVT layer: features as (kind 'point'|'polygon', points, string properties)."""
    keys: list[str] = []
    values: list[str] = []
    body = bytearray(_key(15, 0) + varint(2) + _bytes(1, name.encode()))
    for i, (kind, points, props) in enumerate(features):
        tags = []
        for k, v in props.items():
            if k not in keys:
                keys.append(k)
            if v not in values:
                values.append(v)
            tags += [keys.index(k), values.index(v)]
        feat = _key(1, 0) + varint(i + 1)
        if tags:
            feat += _packed(2, tags)
        feat += _key(3, 0) + varint(1 if kind == "point" else 3)
        feat += _packed(4, _geometry(kind, points))
        body += _bytes(2, feat)
    for k in keys:
        body += _bytes(3, k.encode())
    for v in values:
        body += _bytes(4, _bytes(1, v.encode()))
    body += _key(5, 0) + varint(extent)
    return _bytes(3, bytes(body))


def land_tile(water: bool = True, places: tuple[tuple[str, int, int], ...] = ()) -> bytes:
    """A tile that is all land (``earth``), with a water square in its middle and named points."""
    full = [(0, 0), (4096, 0), (4096, 4096), (0, 4096), (0, 0)]
    out = layer("earth", [("polygon", full, {"kind": "earth"})])
    if water:
        out += layer("water", [("polygon", [(1024, 1024), (3072, 1024), (3072, 3072), (1024, 3072), (1024, 1024)],
                                {"kind": "water"})])
    if places:
        out += layer("places", [("point", [(x, y)], {"name": n, "kind": "locality"}) for n, x, y in places])
    return out


def tiles_over(bbox: tuple[float, float, float, float], zooms: range, tile: bytes) -> dict:
    """The same tile at every (z, x, y) covering bbox (min_lon, min_lat, max_lon, max_lat)."""
    import math

    def xy(lon, lat, z):
        n = 1 << z
        x = int((lon + 180) / 360 * n)
        s = math.sin(math.radians(lat))
        y = int((0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)
    out = {}
    for z in zooms:
        x0, y0 = xy(bbox[0], bbox[3], z)
        x1, y1 = xy(bbox[2], bbox[1], z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                out[(z, x, y)] = tile
    return out
