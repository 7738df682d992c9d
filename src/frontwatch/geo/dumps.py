"""Reading GeoNames export files as GeoNames publishes them.

``XX.zip``/``XX.txt`` (one country), ``allCountries.zip``, ``cities500.zip`` .. ``cities15000.zip``:
the 19-column dump format. ``alternateNamesV2.zip`` (or ``alternateNames.zip``): extra names of
geonameids. ``admin1CodesASCII.txt``/``admin2Codes.txt``: region names by code. Each reader yields
parsed records and raises ``MalformedGazetteerError`` naming the file and line of the first bad one.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import MalformedGazetteerError

DUMP_COLUMNS = 19
Progress = Callable[[int, int], None]  # (bytes read, bytes in all)


@dataclass
class Member:
    """One text file of a source: its name, byte size and opener."""

    name: str
    size: int
    open: Callable[[], io.BufferedIOBase]


def members(path: Path) -> list[Member]:
    """The text files of a .zip (readme files skipped) or the file itself."""
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        out = [Member(i.filename, i.file_size, lambda i=i: zf.open(i)) for i in zf.infolist()
               if i.filename.endswith(".txt") and not i.is_dir()
               and not Path(i.filename).name.lower().startswith(("readme", "iso-languagecodes"))]
        if not out:
            raise MalformedGazetteerError("the zip archive holds no .txt file", str(path))
        return out
    if path.suffix.lower() == ".zip":
        raise MalformedGazetteerError("not a readable zip archive (truncated download?)", str(path))
    return [Member(path.name, path.stat().st_size, lambda: open(path, "rb"))]


def kind_of_member(member: Member) -> str:
    """"dump", "alternates" or "codes" from the file name, else from the first line's columns."""
    name = Path(member.name).name.lower()
    if name.startswith("alternatenames"):
        return "alternates"
    if name.startswith(("admin1codes", "admin2codes")):
        return "codes"
    with member.open() as fh:
        first = fh.readline().decode("utf-8", "replace").rstrip("\r\n")
    cols = first.split("\t")
    if len(cols) == DUMP_COLUMNS:
        return "dump"
    if len(cols) in (4,):
        return "codes"
    if len(cols) in (8, 10):
        return "alternates"
    raise MalformedGazetteerError(
        f"line 1: {len(cols)} tab-separated columns, expected the {DUMP_COLUMNS} of a GeoNames dump "
        "(or an alternateNames / admin codes file)", member.name)


def _lines(member: Member, progress: Progress | None, total: int, done: list[int]) -> Iterator[tuple[int, str]]:
    with member.open() as raw:
        for n, line in enumerate(raw, 1):
            done[0] += len(line)
            if progress and n % 20000 == 0:
                progress(done[0], total)
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedGazetteerError(f"line {n}: not UTF-8 ({exc.reason})", member.name) from exc
            text = text.rstrip("\r\n")
            if text and not text.startswith("#"):
                yield n, text


@dataclass
class DumpRow:
    gid: int
    name: str
    asciiname: str
    alternates: list[str]
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1: str
    admin2: str
    population: int


def read_dump(member: Member, progress: Progress | None = None, total: int = 0,
              done: list[int] | None = None) -> Iterator[DumpRow]:
    done = done if done is not None else [0]
    for n, text in _lines(member, progress, total or member.size, done):
        cols = text.split("\t")
        if len(cols) != DUMP_COLUMNS:
            raise MalformedGazetteerError(
                f"line {n}: {len(cols)} tab-separated columns, expected {DUMP_COLUMNS} (GeoNames dump format)",
                member.name)
        try:
            lat, lon = float(cols[4]), float(cols[5])
            gid = int(cols[0])
            pop = int(cols[14]) if cols[14] else 0
        except ValueError as exc:
            raise MalformedGazetteerError(f"line {n}: bad number ({exc})", member.name) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise MalformedGazetteerError(f"line {n}: coordinates {lat}, {lon} out of range", member.name)
        yield DumpRow(gid, cols[1], cols[2], cols[3].split(",") if cols[3] else [], lat, lon,
                      cols[6], cols[7], cols[8], cols[10], cols[11], pop)


# alternateNamesV2 "language" codes that are not names
NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid", "abbr", "phon", "piny"})


def read_alternates(member: Member, progress: Progress | None = None, total: int = 0,
                    done: list[int] | None = None) -> Iterator[tuple[int, str]]:
    """(geonameid, name) pairs of alternateNames(V2).txt (historic names skipped)."""
    done = done if done is not None else [0]
    for n, text in _lines(member, progress, total or member.size, done):
        cols = text.split("\t")
        if len(cols) < 4:
            raise MalformedGazetteerError(f"line {n}: {len(cols)} columns, expected 8 or 10 (alternateNames)",
                                          member.name)
        if cols[2] in NOT_NAMES or (len(cols) > 7 and cols[7] == "1"):
            continue
        try:
            yield int(cols[1]), cols[3]
        except ValueError as exc:
            raise MalformedGazetteerError(f"line {n}: bad geonameid ({exc})", member.name) from exc


def read_codes(member: Member) -> Iterator[tuple[str, str]]:
    """(code, name) pairs of admin1CodesASCII.txt / admin2Codes.txt ("BF.78" -> name)."""
    for n, text in _lines(member, None, member.size, [0]):
        cols = text.split("\t")
        if len(cols) < 2 or "." not in cols[0]:
            raise MalformedGazetteerError(f"line {n}: expected CODE<TAB>name (admin codes file)", member.name)
        yield cols[0], cols[1]
