"""Candidate generation: every pair that ``similarity.match`` could accept shares a block.

Blocks are (spatial grid cell or region, type family, BUCKET_DAYS-day bucket). A report is indexed in the buckets of
its own date range and looks up the buckets of its range widened by the date slack, so any two
reports whose ranges are within the slack meet. Precise places use a GRID_DEG grid and look up
every cell within MAX_KM; province- and country-level places use region keys (see
``similarity.place_score`` for the rules these keys mirror). Type families (``similarity.
type_families``) split blocks by compatible PLOVER types, so an air strike is never compared
with a protest in the same town.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from frontwatch.fuse.records import Report
from frontwatch.fuse.similarity import DATE_SLACK_DAYS, MAX_KM, is_precise, region_of, type_families

GRID_DEG = 0.5
BUCKET_DAYS = 3


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The spatial grid key of a point."""
    return (math.floor(lat / GRID_DEG), math.floor(lon / GRID_DEG))


def _cells_near(lat: float, lon: float) -> Iterator[tuple[int, int]]:
    dlat = MAX_KM / 110.5 + 1e-6
    worst = min(89.0, abs(lat) + dlat)
    dlon = min(180.0, MAX_KM / (111.32 * math.cos(math.radians(worst))) + 1e-6)
    la0, la1 = math.floor((lat - dlat) / GRID_DEG), math.floor((lat + dlat) / GRID_DEG)
    lo0, lo1 = math.floor((lon - dlon) / GRID_DEG), math.floor((lon + dlon) / GRID_DEG)
    for a in range(la0, la1 + 1):
        for b in range(lo0, lo1 + 1):
            yield (a, b)


def _kind(r: Report) -> str:
    if is_precise(r):
        return "precise"
    cc, a1 = region_of(r)
    if not cc:
        return "nowhere"
    return "coarse" if (r.location.precision == 4 or not a1) else "region"


class BlockIndex:
    """Report indices by block; ``candidates`` yields each possibly matching index once."""

    def __init__(self) -> None:
        self._blocks: dict[tuple, list[int]] = defaultdict(list)

    def _keys(self, r: Report, kind: str, query: bool) -> list[tuple]:
        cc, a1 = region_of(r)
        if kind == "precise":
            if query:
                cells = list(_cells_near(r.location.latitude, r.location.longitude))
                space = [("g",) + c for c in cells] + [("rc", cc, a1), ("cc", cc)]
            else:
                space = [("g",) + grid_cell(r.location.latitude, r.location.longitude)]
                if cc:
                    space += [("ra", cc, a1), ("ca", cc)]
        elif kind == "region":
            space = [("ra", cc, a1), ("cc", cc)] if query else [("ra", cc, a1), ("ca", cc), ("rc", cc, a1)]
        elif kind == "coarse":
            space = [("ca", cc)] if query else [("ca", cc), ("cc", cc)]
        else:
            space = [("n",)]
        slack = DATE_SLACK_DAYS if query else 0
        b0 = (r.day_start - slack) // BUCKET_DAYS
        b1 = (r.day_end + slack) // BUCKET_DAYS
        fams = type_families(r)
        return [s + (f, b) for s in space for f in fams for b in range(b0, b1 + 1)]

    def add(self, i: int, r: Report) -> None:
        if r.day_start is None:
            return
        for k in self._keys(r, _kind(r), query=False):
            self._blocks[k].append(i)

    def candidates(self, r: Report) -> set[int]:
        if r.day_start is None:
            return set()
        out: set[int] = set()
        blocks = self._blocks
        for k in self._keys(r, _kind(r), query=True):
            got = blocks.get(k)
            if got:
                out.update(got)
        return out
