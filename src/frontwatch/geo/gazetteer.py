"""The Gazetteer: a compact on-disk name index of GeoNames places, regions and countries."""
from __future__ import annotations

import bisect
import logging
import os
import tempfile
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cachefile
from .build import ADMIN, COUNTRY, FACILITY, FORMAT_VERSION, KINDS, NATURAL, PLACE, build_index, source_versions
from .normalize import fold, skeleton

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    row: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str | None
    kind: str  # place | admin | country | facility | natural
    population: int
    exact: bool = True  # matched by the folded name (False: by the transliteration skeleton)


class Gazetteer:
    """Name -> candidates over cities500 + admin regions + countries.

    Build with ``Gazetteer.open(cache_dir)`` (builds the index file on first use) or
    ``Gazetteer.from_payload(build_index())``.
    """

    def __init__(self, payload: dict[str, Any], stats: dict[str, float] | None = None, sources=None):
        self._p = payload
        self._name = list(payload["name"])
        self._lat, self._lon = array("f", payload["lat"]), array("f", payload["lon"])
        self._cc, self._admin1 = list(payload["cc"]), list(payload["admin1"])
        self._admin2: list[str] = list(payload.get("admin2") or [""] * len(payload["name"]))
        self._kind = bytearray(payload["kind"])
        self._pop, self._gid = array("q", payload["pop"]), array("q", payload["gid"])
        self._fcode: dict[int, str] = {}
        self.base_rows = len(self._name)
        self.sources = sources  # SourceIndex of the added sources, or None
        self._by_gid: dict[int, int] = {g: r for r, g in enumerate(self._gid) if g} if sources else {}
        self._extra_cache: dict[tuple[str, bool], tuple[tuple[int, bool], ...]] = {}
        self._lock = threading.RLock()
        self.fold_index = payload["fold"]  # dict or cachefile.PackedIndex: name -> rows
        self.skeleton_index = payload["skel"]
        self._countries = {self._cc[r]: r for r in range(len(self._name)) if self._kind[r] == COUNTRY}
        self.demonyms: dict[str, str] = payload.get("demonyms", {})
        self.capitals: frozenset[int] = frozenset(payload.get("capitals", ()))
        self._sorted_keys: list[str] | None = None
        self.stats = stats or {}

    # ------------------------------------------------------------------ opening
    @staticmethod
    def index_path(cache_dir: str | os.PathLike) -> Path:
        tag = source_versions().replace(";", "_").replace("=", "-")
        return Path(cache_dir) / f"gazetteer-v{FORMAT_VERSION}-{tag}.index"

    @staticmethod
    def sources_path(cache_dir: str | os.PathLike) -> Path:
        """The SQLite index of the sources a user added (``frontwatch gazetteer add``)."""
        return Path(cache_dir) / "gazetteer-sources.sqlite"

    @classmethod
    def open(cls, cache_dir: str | os.PathLike, builder: Callable[[], dict[str, Any]] = build_index,
             sources: bool = True) -> "Gazetteer":
        """Load the index from cache_dir, building it there first when missing, stale or corrupt,
        and attach the added sources when there are any.

        The cache is JSON (data only: a planted or damaged file cannot run code); one that does not
        read back as a whole index is rebuilt."""
        path = cls.index_path(cache_dir)
        stats: dict[str, float] = {}
        extra = None
        spath = cls.sources_path(cache_dir)
        if sources and spath.exists():
            from .sources import SourceIndex
            extra = SourceIndex(spath)
        try:
            t0 = time.perf_counter()
            payload = cachefile.read(path, FORMAT_VERSION)
            stats["load_seconds"] = time.perf_counter() - t0
            stats["index_bytes"] = path.stat().st_size
            return cls(payload, stats, extra)
        except FileNotFoundError:
            pass
        except (cachefile.CorruptIndexError, OSError) as exc:
            stats["rebuilt_corrupt"] = 1.0
            log.warning("gazetteer index %s is unreadable (%s): rebuilding it", path, exc)
        t0 = time.perf_counter()
        payload = builder()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        os.close(fd)
        cachefile.write(Path(tmp), payload, FORMAT_VERSION)
        os.replace(tmp, path)  # atomic: concurrent builders each write a whole file
        stats["build_seconds"] = time.perf_counter() - t0
        stats["load_seconds"] = 0.0
        stats["index_bytes"] = path.stat().st_size
        for old in path.parent.glob("gazetteer-v*.pickle"):  # pickles are never read again
            old.unlink(missing_ok=True)
        for old in path.parent.glob("gazetteer-v*.index"):  # older formats only
            version = old.name.split("-", 2)[1][1:]
            if version.isdigit() and int(version) < FORMAT_VERSION:
                old.unlink(missing_ok=True)
        return cls(payload, stats, extra)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "Gazetteer":
        return cls(payload)

    # ------------------------------------------------------------------ rows
    def __len__(self) -> int:
        return len(self._name)

    def candidate(self, row: int, exact: bool = True) -> Candidate:
        gid = self._gid[row]
        return Candidate(row, gid or None, self._name[row], round(self._lat[row], 5),
                         round(self._lon[row], 5), self._cc[row], self._admin1[row] or None,
                         KINDS[self._kind[row]], self._pop[row], exact)

    def kind_of(self, row: int) -> int:
        return self._kind[row]

    def name_of(self, row: int) -> str:
        return self._name[row]

    def population(self, row: int) -> int:
        return self._pop[row]

    def country_of(self, row: int) -> str:
        return self._cc[row]

    def admin1_of(self, row: int) -> str:
        return self._admin1[row]

    def admin2_of(self, row: int) -> str:
        """Second-level region (county, district) of a place or of a second-level region row."""
        return self._admin2[row]

    def latlon(self, row: int) -> tuple[float, float]:
        return self._lat[row], self._lon[row]

    # ------------------------------------------------------------------ queries
    def rows_for(self, name: str, fuzzy: bool = True) -> list[tuple[int, bool]]:
        """(row, exact) pairs for a name: folded matches, then skeleton-only matches
        (the embedded rows first, then the added sources' rows)."""
        key = fold(name)
        exact = self.fold_index.get(key, ())
        out = [(r, True) for r in exact]
        seen = set(exact)
        if self.sources is not None:
            extra = self._extra_rows(key, fuzzy)
            out += [(r, e) for r, e in extra if e and r not in seen]
            seen.update(r for r, _ in out)
        if fuzzy:
            out += [(r, False) for r in self.skeleton_index.get(skeleton(name), ()) if r not in seen]
            if self.sources is not None:
                seen.update(r for r, _ in out)
                out += [(r, False) for r, e in extra if not e and r not in seen]
        return out

    def _extra_rows(self, key: str, fuzzy: bool) -> tuple[tuple[int, bool], ...]:
        """Rows of the added sources for a folded name (and its skeleton when fuzzy)."""
        hit = self._extra_cache.get((key, fuzzy))
        if hit is not None:
            return hit
        from .normalize import skeleton_of_fold
        with self._lock:
            pairs = self.sources.gids(key, fuzzy=False)
            if fuzzy:
                skel = skeleton_of_fold(key)
                if len(skel) >= 4:
                    known = {g for g, _ in pairs}
                    pairs += [(g, False) for g, _ in self.sources.gids(skel, fuzzy=True) if g not in known]
            out = []
            for gid, exact in pairs:
                row = self._row_of_gid(gid)
                if row is not None:
                    out.append((row, exact))
            if len(self._extra_cache) > 200_000:
                self._extra_cache.clear()
            hit = self._extra_cache[(key, fuzzy)] = tuple(out)
        return hit

    def _row_of_gid(self, gid: int) -> int | None:
        """The row of a geonameid: the embedded row when there is one, else one read from the sources."""
        row = self._by_gid.get(gid)
        if row is not None:
            return row
        rec = self.sources.place(gid)
        if rec is None:
            return None
        name, lat, lon, cc, admin1, admin2, kind, fcode, pop = rec
        row = len(self._name)
        self._name.append(name)
        self._lat.append(lat)
        self._lon.append(lon)
        self._cc.append(cc)
        self._admin1.append(admin1 or "")
        self._admin2.append(admin2 or "")
        self._kind.append(kind)
        self._pop.append(pop or 0)
        self._gid.append(gid)
        self._fcode[row] = fcode
        self._by_gid[gid] = row
        return row

    def feature_code(self, row: int) -> str:
        """GeoNames feature class.code of an added row ("P.PPL", "A.ADM2", "S.AIRB"); "" when unknown."""
        return self._fcode.get(row, "")

    def in_bbox(self, south: float, west: float, north: float, east: float, min_population: int = 0,
                limit: int = 1000) -> list[int]:
        """Rows (places, regions, facilities) inside a bounding box with at least min_population,
        most populous first: the embedded rows and the added sources'."""
        rows = [r for r in range(self.base_rows) if self._kind[r] != COUNTRY and self._pop[r] >= min_population
                and south <= self._lat[r] <= north and west <= self._lon[r] <= east]
        if self.sources is not None:
            with self._lock:
                for gid in self.sources.in_bbox(south, west, north, east, min_population, limit):
                    row = self._row_of_gid(gid)
                    if row is not None and row not in rows:
                        rows.append(row)
        rows.sort(key=lambda r: -self._pop[r])
        return rows[:limit]

    def lookup(self, name: str, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a name, exact matches first, each group by population."""
        rows = self.rows_for(name, fuzzy)
        rows.sort(key=lambda re: (not re[1], -self._pop[re[0]]))
        return [self.candidate(r, e) for r, e in rows]

    def country(self, code: str) -> Candidate | None:
        row = self._countries.get(code.upper())
        return None if row is None else self.candidate(row)

    def country_row(self, code: str) -> int | None:
        return self._countries.get(code.upper())

    def search(self, prefix: str, limit: int = 10) -> list[Candidate]:
        """Places whose name starts with prefix (folded), most populous first."""
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self.fold_index)
        key = fold(prefix)
        if not key:
            return []
        keys = self._sorted_keys
        i = bisect.bisect_left(keys, key)
        rows: set[int] = set()
        while i < len(keys) and keys[i].startswith(key) and len(rows) < 5000:
            rows.update(self.fold_index[keys[i]])
            i += 1
        best = sorted(rows, key=lambda r: (-self._pop[r], self._kind[r] != COUNTRY))[:limit]
        return [self.candidate(r) for r in best]


__all__ = ["Candidate", "Gazetteer", "PLACE", "ADMIN", "COUNTRY", "FACILITY", "NATURAL"]
