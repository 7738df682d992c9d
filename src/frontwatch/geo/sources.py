"""Gazetteer sources a user adds (GeoNames dumps): one SQLite file with a source column.

``SourceIndex.add(path)`` reads a dump into the index inside one transaction: a malformed file
rolls back and leaves every source already added as it was. Adding a source replaces only the
rows of that source (adding Mali does not rebuild Syria). Names are looked up by their folded
form (``fold``) and, flagged fuzzy, by their transliteration skeleton. Rows are deduplicated by
geonameid when read (``place``): the same place from two files is one row.
SQLite holds only data, never code: a corrupt file is reported, and removed with ``reset``.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..errors import GazetteerError
from .build import ADMIN, FACILITY, NATURAL, PLACE
from .dumps import Member, kind_of_member, members, read_alternates, read_codes, read_dump
from .normalize import fold_uncached, is_latin, skeleton_of_fold

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS source(name TEXT PRIMARY KEY, origin TEXT, kind TEXT, rows INTEGER,
    added TEXT, stats TEXT);
CREATE TABLE IF NOT EXISTS place(gid INTEGER, source TEXT, name TEXT, lat REAL, lon REAL, cc TEXT,
    a1code TEXT, a2code TEXT, admin1 TEXT, admin2 TEXT, kind INTEGER, fcode TEXT, pop INTEGER,
    PRIMARY KEY(gid, source)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name(key TEXT, gid INTEGER, fuzzy INTEGER, source TEXT);
CREATE INDEX IF NOT EXISTS name_key ON name(key);
CREATE TABLE IF NOT EXISTS admin_code(code TEXT PRIMARY KEY, name TEXT, source TEXT) WITHOUT ROWID;
"""
# Feature codes kept, by kind. Populated places except historical/abandoned/destroyed ones.
SKIP_PLACES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD"})
FACILITY_CODES = frozenset({"AIRP", "AIRB", "AIRF", "AIRH", "AIRQ", "DAM", "DAMSB", "MILB", "INSM", "CMPRF",
                            "PRT", "BDG", "PS", "PSH", "OILR", "OILT", "RSTN", "BDGQ", "PRN", "CMP", "CSTL",
                            "FT", "CTRB", "CSTM"})
NATURAL_CLASSES = frozenset("HTVL")
ATTRIBUTION = {
    "geonames": "GeoNames (geonames.org), CC BY 4.0",
    "wof": "Who's On First (whosonfirst.org), CC BY 4.0 / CC0",
}


def kind_for(fclass: str, fcode: str) -> int | None:
    """The gazetteer kind of a GeoNames feature class/code, None when not kept."""
    if fclass == "P":
        return None if fcode in SKIP_PLACES else PLACE
    if fclass == "A":
        return ADMIN if fcode in ADMIN_CODES else None
    if fclass == "S":
        return FACILITY if fcode in FACILITY_CODES else None
    if fclass in NATURAL_CLASSES:
        return NATURAL
    return None


def _names(row) -> set[str]:
    names = {row.name, row.asciiname}
    names.update(a for a in row.alternates if a)
    return {n for n in names if n and len(n) >= 2 and is_latin(n) and not (len(n) <= 4 and n.isupper())}


def _keys(names) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    folds = {f for f in map(fold_uncached, names) if len(f) >= 2}
    for f in folds:
        out.add((f, 0))
    for f in folds:
        s = skeleton_of_fold(f)
        if len(s) >= 4 and (s, 0) not in out:
            out.add((s, 1))
    return out


class SourceIndex:
    """The added sources: add / remove / info, and name -> geonameid lookups for the Gazetteer."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self.db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
            version = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if version is None:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (str(SCHEMA_VERSION),))
            elif version[0] != str(SCHEMA_VERSION):
                raise GazetteerError(f"index schema {version[0]}, this frontwatch reads {SCHEMA_VERSION}; "
                                     "run `frontwatch gazetteer reset` and add the sources again", str(self.path))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"the added-sources index is unreadable ({exc}); run `frontwatch gazetteer "
                                 "reset` and add the sources again", str(self.path)) from exc

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ adding
    def add(self, path: str | Path, name: str | None = None, origin: str | None = None,
            progress: Callable[[int, int], None] | None = None) -> dict:
        """Read one file (a dump, alternate names or admin codes) into the index as source ``name``."""
        path = Path(path)
        name = name or source_name(path)
        parts = members(path)
        total = sum(m.size for m in parts)
        done = [0]
        t0 = time.perf_counter()
        stats: dict = {"countries": Counter(), "classes": Counter(), "kinds": Counter()}
        with self._lock:
            db = self.db
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("SELECT 1 FROM source WHERE name=?", (name,)).fetchone():  # replacing it
                    for table in ("place", "name", "admin_code"):
                        db.execute(f"DELETE FROM {table} WHERE source=?", (name,))
                    db.execute("DELETE FROM source WHERE name=?", (name,))
                kinds = set()
                rows = 0
                for m in parts:
                    kind = kind_of_member(m)
                    kinds.add(kind)
                    if kind == "dump":
                        rows += self._add_dump(m, name, stats, progress, total, done)
                    elif kind == "alternates":
                        rows += self._add_alternates(m, name, progress, total, done)
                    else:
                        codes = list(read_codes(m))
                        db.executemany("INSERT OR REPLACE INTO admin_code VALUES(?,?,?)",
                                       [(c, n, name) for c, n in codes])
                        rows += len(codes)
                        done[0] += m.size
                summary = {"countries": dict(stats["countries"]), "classes": dict(stats["classes"]),
                           "kinds": dict(stats["kinds"]), "attribution": attribution_for(origin or str(path)),
                           "seconds": round(time.perf_counter() - t0, 1)}
                db.execute("INSERT INTO source VALUES(?,?,?,?,?,?)",
                           (name, origin or str(path), "+".join(sorted(kinds)), rows,
                            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), json.dumps(summary)))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        if progress:
            progress(total, total)
        return {"name": name, "rows": rows, **summary}

    def _add_dump(self, member: Member, source: str, stats, progress, total, done) -> int:
        db = self.db
        places, names = [], []
        n = 0

        def flush():
            db.executemany("INSERT OR REPLACE INTO place VALUES(?,?,?,?,?,?,?,?,'','',?,?,?)", places)
            db.executemany("INSERT INTO name VALUES(?,?,?,?)", names)
            places.clear()
            names.clear()

        for row in read_dump(member, progress, total, done):
            kind = kind_for(row.fclass, row.fcode)
            if kind is None:
                continue
            places.append((row.gid, source, row.name, row.lat, row.lon, row.cc, row.admin1, row.admin2,
                           kind, f"{row.fclass}.{row.fcode}", row.population))
            names.extend((k, row.gid, f, source) for k, f in _keys(_names(row)))
            stats["countries"][row.cc] += 1
            stats["classes"][row.fclass] += 1
            stats["kinds"][kind] += 1
            n += 1
            if len(places) >= 20000:
                flush()
        flush()
        # region names from the file's own ADM1/ADM2 rows (GeoNames and WOF-as-GeoNames alike)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS adm(k TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID")
        db.execute("DELETE FROM adm")
        db.execute("INSERT OR IGNORE INTO adm SELECT cc || '.' || a1code, name FROM place "
                   "WHERE source=? AND fcode='A.ADM1'", (source,))
        db.execute("INSERT OR IGNORE INTO adm SELECT cc || '.' || a1code || '.' || a2code, name FROM place "
                   "WHERE source=? AND fcode='A.ADM2'", (source,))
        db.execute("UPDATE place SET admin1 = coalesce((SELECT name FROM adm WHERE k = place.cc || '.' || place.a1code), ''),"
                   " admin2 = CASE WHEN fcode = 'A.ADM1' THEN '' ELSE coalesce((SELECT name FROM adm WHERE "
                   "k = place.cc || '.' || place.a1code || '.' || place.a2code), '') END WHERE source=?", (source,))
        return n

    def _add_alternates(self, member: Member, source: str, progress, total, done) -> int:
        db = self.db
        batch, n = [], 0
        for gid, alt in read_alternates(member, progress, total, done):
            if len(alt) < 2 or not is_latin(alt) or (len(alt) <= 4 and alt.isupper()):
                continue
            batch.extend((k, gid, f, source) for k, f in _keys([alt]))
            n += 1
            if len(batch) >= 50000:
                db.executemany("INSERT INTO name VALUES(?,?,?,?)", batch)
                batch.clear()
        db.executemany("INSERT INTO name VALUES(?,?,?,?)", batch)
        return n

    # ------------------------------------------------------------------ removing, listing
    def remove(self, name: str) -> int:
        with self._lock:
            hit = self.db.execute("SELECT rows FROM source WHERE name=?", (name,)).fetchone()
            if hit is None:
                known = ", ".join(self.names()) or "none"
                raise GazetteerError(f"no source named {name!r} (added: {known})")
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for table in ("place", "name", "admin_code"):
                    self.db.execute(f"DELETE FROM {table} WHERE source=?", (name,))
                self.db.execute("DELETE FROM source WHERE name=?", (name,))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return hit[0]

    def names(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self.db.execute("SELECT name FROM source ORDER BY name")]

    def sources(self) -> list[dict]:
        with self._lock:
            rows = self.db.execute("SELECT name, origin, kind, rows, added, stats FROM source ORDER BY name").fetchall()
        return [{"name": n, "origin": o, "kind": k, "rows": r, "added": a, **json.loads(s or "{}")}
                for n, o, k, r, a, s in rows]

    def distinct_places(self) -> int:
        with self._lock:
            return self.db.execute("SELECT COUNT(DISTINCT gid) FROM place").fetchone()[0]

    # ------------------------------------------------------------------ lookups
    def gids(self, key: str, fuzzy: bool) -> list[tuple[int, bool]]:
        """(geonameid, exact) pairs whose folded name (or, when fuzzy, skeleton) is ``key``."""
        with self._lock:
            rows = self.db.execute("SELECT DISTINCT gid, fuzzy FROM name WHERE key=?", (key,)).fetchall()
        return [(g, not f) for g, f in rows if fuzzy or not f]

    def place(self, gid: int) -> tuple | None:
        """(name, lat, lon, cc, admin1, admin2, kind, fcode, pop) of a geonameid: the row with the
        largest population among the sources that hold it."""
        with self._lock:
            row = self.db.execute(
                "SELECT name, lat, lon, cc, admin1, admin2, kind, fcode, pop, a1code FROM place WHERE gid=? "
                "ORDER BY pop DESC, admin1 = '' LIMIT 1", (gid,)).fetchone()
            if row is None:
                return None
            if not row[4] and row[9]:  # region name from an added admin1CodesASCII.txt
                hit = self.db.execute("SELECT name FROM admin_code WHERE code=?", (f"{row[3]}.{row[9]}",)).fetchone()
                if hit:
                    row = (*row[:4], hit[0], *row[5:])
        return row[:9]

    def in_bbox(self, south: float, west: float, north: float, east: float, min_population: int = 0,
                limit: int = 1000) -> list[int]:
        with self._lock:
            return [g for (g,) in self.db.execute(
                "SELECT DISTINCT gid FROM place WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND pop >= ? "
                "ORDER BY pop DESC LIMIT ?", (south, north, west, east, min_population, limit))]


def source_name(path: Path) -> str:
    """A source's default name: its file name without extension, with its folder when that says
    which data set it is ("wof/BF.zip" -> "wof-BF")."""
    stem = path.name.split(".")[0]
    parent = path.parent.name
    return f"{parent}-{stem}" if parent and parent.lower() in ("wof", "geonames", "whosonfirst") else stem


def attribution_for(origin: str) -> str:
    low = origin.lower()
    return ATTRIBUTION["wof"] if "wof" in low or "whosonfirst" in low else ATTRIBUTION["geonames"]


