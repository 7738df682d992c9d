"""Candidate generation: every pair that ``similarity.match`` could accept shares a block.

Blocks are (spatial grid cell or region, type family, BUCKET_DAYS-day bucket). A report is indexed in the buckets of
its own date range and looks up the buckets of its range widened by the date slack, so any two
reports whose ranges are within the slack meet. Precise places use a GRID_DEG grid and look up
every cell within MAX_KM; province- and country-level places use region keys (see
``similarity.place_score`` for the rules these keys mirror). Type families (``similarity.
type_families``) split blocks by compatible PLOVER types, so an air strike is never compared
with a protest in the same town.

Reports with no date at all are compared with every report of their place and type family,
whatever its date (``similarity.undated_score``). Their blocks drop the day bucket: undated reports
sit in "U" blocks, which dated queries also read; every report sits in "A" blocks, which undated
queries read. The "A" blocks are built only once the first undated report arrives (a corpus
whose reports are all dated pays nothing for them) and kept up to date from then on.
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
        self._dated: list[tuple[int, Report]] | None = []  # kept until the "A" blocks exist

    def _space_keys(self, r: Report, kind: str, query: bool) -> list[tuple]:
        cc, a1 = region_of(r)
        if kind == "precise":
            if query:
                cells = list(_cells_near(r.location.latitude, r.location.longitude))
                return [("g",) + c for c in cells] + [("rc", cc, a1), ("cc", cc)]
            space = [("g",) + grid_cell(r.location.latitude, r.location.longitude)]
            return space + [("ra", cc, a1), ("ca", cc)] if cc else space
        if kind == "region":
            return [("ra", cc, a1), ("cc", cc)] if query else [("ra", cc, a1), ("ca", cc), ("rc", cc, a1)]
        if kind == "coarse":
            return [("ca", cc)] if query else [("ca", cc), ("cc", cc)]
        return [("n",)]

    def _dateless_keys(self, tag: str, r: Report, query: bool) -> list[tuple]:
        fams = type_families(r)
        return [(tag,) + s + (f,) for s in self._space_keys(r, _kind(r), query) for f in fams]

    def _add_all_block(self, i: int, r: Report) -> None:
        for k in self._dateless_keys("A", r, query=False):
            self._blocks[k].append(i)

    def _keys(self, r: Report, kind: str, query: bool) -> list[tuple]:
        space = self._space_keys(r, kind, query)
        slack = DATE_SLACK_DAYS if query else 0
        b0 = (r.day_start - slack) // BUCKET_DAYS
        b1 = (r.day_end + slack) // BUCKET_DAYS
        fams = type_families(r)
        return [s + (f, b) for s in space for f in fams for b in range(b0, b1 + 1)]

    def add(self, i: int, r: Report) -> None:
        if r.day_start is None:
            self._build_all_blocks()
            for k in self._dateless_keys("U", r, query=False):
                self._blocks[k].append(i)
            self._add_all_block(i, r)
            return
        for k in self._keys(r, _kind(r), query=False):
            self._blocks[k].append(i)
        if self._dated is None:
            self._add_all_block(i, r)
        else:
            self._dated.append((i, r))

    def candidates(self, r: Report) -> set[int]:
        if r.day_start is None:
            self._build_all_blocks()
            keys = self._dateless_keys("A", r, query=True)
        else:
            keys = self._keys(r, _kind(r), query=True) + self._dateless_keys("U", r, query=True)
        out: set[int] = set()
        blocks = self._blocks
        for k in keys:
            got = blocks.get(k)
            if got:
                out.update(got)
        return out

    def _build_all_blocks(self) -> None:
        """At the first undated report: put every dated report seen so far in the "A" blocks."""
        if self._dated is not None:
            for j, d in self._dated:
                self._add_all_block(j, d)
            self._dated = None
