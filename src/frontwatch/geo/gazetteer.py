"""The Gazetteer: a compact on-disk name index of GeoNames places, regions and countries."""
from __future__ import annotations

import bisect
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import ADMIN, COUNTRY, FORMAT_VERSION, KINDS, PLACE, build_index, source_versions
from .normalize import fold, skeleton


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
    kind: str  # place | admin | country
    population: int
    exact: bool = True  # matched by the folded name (False: by the transliteration skeleton)


class Gazetteer:
    """Name -> candidates over cities500 + admin regions + countries.

    Build with ``Gazetteer.open(cache_dir)`` (builds the index file on first use) or
    ``Gazetteer.from_payload(build_index())``.
    """

    def __init__(self, payload: dict[str, Any], stats: dict[str, float] | None = None):
        self._p = payload
        self._name = payload["name"]
        self._lat, self._lon = payload["lat"], payload["lon"]
        self._cc, self._admin1 = payload["cc"], payload["admin1"]
        self._admin2: list[str] = payload.get("admin2") or [""] * len(payload["name"])
        self._kind, self._pop, self._gid = payload["kind"], payload["pop"], payload["gid"]
        self.fold_index: dict[str, tuple[int, ...]] = payload["fold"]
        self.skeleton_index: dict[str, tuple[int, ...]] = payload["skel"]
        self._countries = {self._cc[r]: r for r in range(len(self._name)) if self._kind[r] == COUNTRY}
        self.demonyms: dict[str, str] = payload.get("demonyms", {})
        self.capitals: frozenset[int] = frozenset(payload.get("capitals", ()))
        self._sorted_keys: list[str] | None = None
        self.stats = stats or {}

    # ------------------------------------------------------------------ opening
    @staticmethod
    def index_path(cache_dir: str | os.PathLike) -> Path:
        tag = source_versions().replace(";", "_").replace("=", "-")
        return Path(cache_dir) / f"gazetteer-v{FORMAT_VERSION}-{tag}.pickle"

    @classmethod
    def open(cls, cache_dir: str | os.PathLike) -> "Gazetteer":
        """Load the index from cache_dir, building it there first when missing or stale."""
        path = cls.index_path(cache_dir)
        stats: dict[str, float] = {}
        try:
            t0 = time.perf_counter()
            with open(path, "rb") as fh:
                payload = pickle.load(fh)
            stats["load_seconds"] = time.perf_counter() - t0
            stats["index_bytes"] = path.stat().st_size
            return cls(payload, stats)
        except FileNotFoundError:
            pass
        t0 = time.perf_counter()
        payload = build_index()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: concurrent builders each write a whole file
        stats["build_seconds"] = time.perf_counter() - t0
        stats["load_seconds"] = 0.0
        stats["index_bytes"] = path.stat().st_size
        for old in path.parent.glob("gazetteer-v*.pickle"):  # older formats only
            version = old.name.split("-", 2)[1][1:]
            if version.isdigit() and int(version) < FORMAT_VERSION:
                old.unlink(missing_ok=True)
        return cls(payload, stats)

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
        """(row, exact) pairs for a name: folded matches, then skeleton-only matches."""
        exact = self.fold_index.get(fold(name), ())
        out = [(r, True) for r in exact]
        if fuzzy:
            seen = set(exact)
            out += [(r, False) for r in self.skeleton_index.get(skeleton(name), ()) if r not in seen]
        return out

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


__all__ = ["Candidate", "Gazetteer", "PLACE", "ADMIN", "COUNTRY"]
