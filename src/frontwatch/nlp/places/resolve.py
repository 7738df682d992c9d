"""Toponym resolution: pick one gazetteer entry per name per document.

Score = population prior + match quality + feature kind + the document's context
(countries and regions it names, demonym hints like "the Syrian city of", "X, Country"
appositions) + proximity to the other places the document names.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from ...geo import Gazetteer
from ...geo.aliases import IRREGULAR_DEMONYMS
from ...geo.build import ADMIN, COUNTRY, FACILITY, NATURAL, PLACE
from ...geo.normalize import fold
from .recognise import Mention

# Weights (tuned on the tune halves of the geoparsing corpora; see benchmarks/geoparse.py).
W = {
    "pop": 1.0,          # per log10(population)
    "fuzzy": -2.5,       # matched only through the transliteration skeleton
    "fuzzy_with_exact": -8.0,  # ... while another entry matches the name exactly
    "place_cue": 3.0,    # "the village of X", "X town": a settlement (or facility) row
    "natural": -1.5,     # rivers, hills, wadis: only when nothing else fits
    "doc_country_abroad": -2.0,  # a pop-0 village of a country the article does not name, when it names some
    "country": 4.0,      # countries are what a bare country name means
    "admin": 1.5,
    "admin_cue": 4.0,    # "X province", "province of X"
    "hint": 4.0,         # "the Syrian city of X", "X, Syria"
    "doc_country": 3.0,  # the candidate's country is named in the document
    "doc_admin": 1.0,    # the candidate's first-level region is named in the document
    "near": 1.5,         # within NEAR_KM of another resolved place of the document
    "majority": 1.0,     # share of the document's other names resolved in the candidate's country
    "contains": 3.0,     # the candidate lies in a region the document names, or contains a named place
    "capital": 1.0,      # a country's capital city
    "capital_over_admin": 3.0,  # a capital beats a same-named region of its country ("Washington")
    "based": 3.5,        # "X-based" names a city
    "alt_name": -1.0,    # matched only through an alternate name, not the entry's own name
    "in_county": 3.0,    # a town in a second-level region the document names, and that region
    "place_over_admin": 0.3,  # a city of that name with >= this share of its region's population
    "in_named_area": 4.0,  # the candidate's region or district is named in the mention's sentence
    "in_named_area_both": 1.0,  # ... and both of them are
    "town_over_admin": 0.5,  # a region's namesake town over the region, for a bare name
    "hint_near": 4.0,    # "X, Y" / "X (Y)" where Y names a town or area: a candidate within HINT_KM of one of Y's
}
HINT_KM = 60.0
DISTRICT_KM, AREA_KM = 100.0, 300.0  # how far from a district's / a region's point its places may lie
NEIGHBOUR_KM = 400.0  # a place this near an anchor of another country is a neighbour, not a namesake abroad
LONE_ANCHOR_POP = 100_000  # a city this large anchors the article's country; a place this large is no stray namesake
NEAR_KM = 150.0
NAMESAKE_KM = 100.0  # a town this close to a same-named region's point is its namesake
NAMESAKE_LEVELS = frozenset({"A.ADM1", "A.ADM2", "A.ADMD"})  # regions and districts, not municipalities


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Resolver:
    """Resolves the mentions of one document together."""

    def __init__(self, gazetteer: Gazetteer, weights: dict[str, float] | None = None):
        self.gaz = gazetteer
        self.w = dict(W, **(weights or {}))
        self._hint_cache: dict[str, tuple[frozenset, frozenset]] = {}
        self._hint_points: dict[str, tuple] = {}
        self._region_keys: dict[int, str] = {}
        self.demonyms: dict[str, str] = {**getattr(gazetteer, "demonyms", {}), **IRREGULAR_DEMONYMS}

    def hint_places(self, hint: str | None) -> tuple[frozenset, frozenset]:
        """(country codes, (cc, admin1) pairs) a hint word or apposition points to."""
        if not hint:
            return frozenset(), frozenset()
        hit = self._hint_cache.get(hint)
        if hit is None:
            ccs, admins = set(), set()
            if hint in self.demonyms:
                ccs.add(self.demonyms[hint])
            else:
                for row, exact in self.gaz.rows_for(hint, fuzzy=False):
                    kind = self.gaz.kind_of(row)
                    if kind == COUNTRY:
                        ccs.add(self.gaz.country_of(row))
                    elif kind == ADMIN and exact:
                        admins.add((self.gaz.country_of(row), self.gaz.admin1_of(row)))
            self._hint_cache[hint] = hit = (frozenset(ccs), frozenset(admins))
        return hit

    def hint_points(self, hint: str | None) -> tuple:
        """Points of the towns and areas (not countries) an apposed name can be: "Marti, Samburu"
        places Marti near one of Samburu's entries, whatever country each namesake lies in."""
        if not hint:
            return ()
        pts = self._hint_points.get(hint)
        if pts is None:
            gaz = self.gaz
            rows = [r for r, exact in gaz.rows_for(hint, fuzzy=False)
                    if exact and gaz.kind_of(r) in (PLACE, ADMIN) and gaz.country_of(r)]
            pts = self._hint_points[hint] = tuple((gaz.country_of(r), *gaz.latlon(r)) for r in rows[:40])
        return pts

    def resolve(self, mentions: list[Mention], demonyms: list[str] = (),
                areas: dict[str, frozenset[str]] | None = None) -> dict[str, int]:
        """Chosen gazetteer row per mention key (one sense per name per document). ``areas``: per
        mention key, the area keys its sentences name (``geo.areas.named_areas``)."""
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.rows:
                groups[m.key].append(m)
        if not groups:
            return {}
        gaz, w = self.gaz, self.w
        # document context: countries and regions named, demonyms used
        doc_cc: Counter = Counter(self.demonyms[d] for d in demonyms if d in self.demonyms)
        doc_admin: Counter = Counter()
        hints: dict[str, tuple[set, set]] = {}
        own_cc: dict[str, Counter] = {}
        own_admin: dict[str, Counter] = {}
        for key, ms in groups.items():
            ccs, admins = set(), set()
            for m in ms:
                c, a = self.hint_places(m.country_hint)
                ccs |= c
                admins |= a
            hints[key] = (ccs, admins)
            doc_cc.update(ccs)
            doc_admin.update(admins)
            mine_cc, mine_admin = Counter(), Counter()
            top = self._prior_best(ms)
            kind, cc = gaz.kind_of(top), gaz.country_of(top)
            if cc and kind == COUNTRY:
                mine_cc[cc] += len(ms)
            elif cc and (kind == ADMIN or len(ms[0].rows) == 1):
                mine_cc[cc] += 1
                if kind == ADMIN:
                    mine_admin[(cc, gaz.admin1_of(top))] += 1
            own_cc[key], own_admin[key] = mine_cc, mine_admin
            doc_cc.update(mine_cc)
            doc_admin.update(mine_admin)

        # containment: which (country, region) pairs the other names could lie in
        regions_by_key = {key: {(gaz.country_of(r), self._region_key(r)) for r, _ in ms[0].rows}
                          for key, ms in groups.items()}
        region_count = Counter(p for regions in regions_by_key.values() for p in regions)
        # second-level regions: counties named in the document and counties of its towns' candidates
        named_counties = {key: {self._county_key(r) for r, _ in ms[0].rows
                                if gaz.kind_of(r) == ADMIN and gaz.admin2_of(r)} for key, ms in groups.items()}
        town_counties = {key: {self._county_key(r) for r, _ in ms[0].rows
                               if gaz.kind_of(r) == PLACE and gaz.admin2_of(r)} for key, ms in groups.items()}
        named_count = Counter(c for cs in named_counties.values() for c in cs)
        town_count = Counter(c for cs in town_counties.values() for c in cs)
        choice: dict[str, int] = {}
        scores: dict[str, dict[int, float]] = {}
        for key, ms in groups.items():
            ctx_cc, ctx_admin = doc_cc - own_cc[key], doc_admin - own_admin[key]
            scores[key] = sc = self._score(ms, hints[key], ctx_cc, ctx_admin)
            if areas and areas.get(key):
                self._area_bonus(sc, key, areas[key])
            if not any(m.admin_cue for m in ms):
                self._namesake_towns(sc, {r for r, e in ms[0].rows if e}, key)
            mine = regions_by_key[key]
            homonym_towns = {(gaz.country_of(r), self._region_key(r)) for r in sc
                             if gaz.kind_of(r) == PLACE and gaz.population(r) >= 10_000}
            for row in sc:
                kind = gaz.kind_of(row)
                if w["in_county"] and gaz.admin2_of(row):  # "Paris" and "Henry County" of one state
                    ck = self._county_key(row)
                    if kind == PLACE and named_count[ck] > (ck in named_counties[key]):
                        sc[row] += w["in_county"]
                    elif kind == ADMIN and town_count[ck] > (ck in town_counties[key]):
                        sc[row] += w["in_county"]
                if kind != COUNTRY and self._region_key(row) in groups and self._region_key(row) != key:
                    sc[row] += w["contains"]  # "Dublin" when the article names "Georgia"
                elif kind == ADMIN and fold(gaz.name_of(row)) == self._region_key(row) and \
                        (gaz.country_of(row), self._region_key(row)) not in homonym_towns and \
                        region_count[(pair := (gaz.country_of(row), self._region_key(row)))] > (pair in mine):
                    sc[row] += w["contains"]  # "Georgia" the state when a named town lies in it
            choice[key] = max(sc, key=sc.get)
        # proximity: one refinement pass against the other names' choices
        # and the country most of the other names resolved to
        if len(groups) > 1:
            anchors = {k: gaz.latlon(r) for k, r in choice.items() if gaz.kind_of(r) != COUNTRY}
            chosen_cc = Counter(gaz.country_of(r) for r in choice.values())
            for key, sc in scores.items():
                if len(sc) < 2:
                    continue
                others = [ll for k, ll in anchors.items() if k != key]
                mine = gaz.country_of(choice[key])
                n_others = len(choice) - 1
                best, best_score = choice[key], -1e9
                for row, s in sc.items():
                    lat, lon = gaz.latlon(row)
                    if any(haversine_km(lat, lon, a, b) <= NEAR_KM for a, b in others):
                        s += w["near"]
                    cc = gaz.country_of(row)
                    s += w["majority"] * (chosen_cc[cc] - (cc == mine)) / n_others
                    if s > best_score:
                        best, best_score = row, s
                choice[key] = best
        if areas:
            self._outside_named_areas(choice, scores, areas)
        # demonyms name who acts ("Saudi-led air raids"), not where: no anchor here
        self._lone_namesakes(choice, scores, doc_cc - Counter(self.demonyms[d] for d in demonyms
                                                              if d in self.demonyms), own_cc)
        # "X, Y" where Y names only towns or areas of other countries than X's choice: X is not
        # that namesake (the event falls back to Y)
        for key, row in list(choice.items()):
            pts = [self.hint_points(m.country_hint) for m in groups[key]]
            if pts and all(pts) and gaz.kind_of(row) != COUNTRY and not hints[key][0] and \
                    gaz.country_of(row) not in {c for p in pts for c, _, _ in p}:
                del choice[key]
        # a spelling variant of a name abroad, when the article names other countries: no place
        for key, row in list(choice.items()):
            context = doc_cc - own_cc[key]
            if context and gaz.country_of(row) not in context and \
                    not any(e for r, e in groups[key][0].rows if r == row):
                del choice[key]
        return choice

    def _outside_named_areas(self, choice: dict[str, int], scores: dict[str, dict[int, float]],
                             areas: dict[str, frozenset[str]]) -> None:
        """A village (no known population) chosen outside every region or district its sentences name ("in the X area of
        Y district, Z" with X far from Y): the best candidate inside one replaces it; with none, the
        name gets no place (the event falls back to the region)."""
        from frontwatch.geo.areas import area_keys
        gaz = self.gaz
        regions = {k: r for k, r in choice.items() if gaz.kind_of(r) == ADMIN and gaz.country_of(r)}
        if not regions:
            return
        for key, row in list(choice.items()):
            if gaz.kind_of(row) in (ADMIN, COUNTRY) or gaz.population(row) > 0:
                continue  # a town of known size stands against a region named beside it ("Amhara youth")
            named = areas.get(key, frozenset()) - area_keys(key)
            around = [r for k, r in regions.items() if k != key and area_keys(k) & named]
            if not around or any(self._within(row, r) for r in around):
                continue
            inside = {r: s for r, s in scores[key].items()
                      if gaz.kind_of(r) not in (ADMIN, COUNTRY) and any(self._within(r, a) for a in around)}
            if inside:
                choice[key] = max(inside, key=inside.get)
            else:
                del choice[key]

    def _within(self, row: int, region: int) -> bool:
        """The row lies in (or by) the region: its district or first-level region by name, or
        within AREA_KM of the region's point (a district's: DISTRICT_KM)."""
        gaz = self.gaz
        if gaz.country_of(row) != gaz.country_of(region):
            return False
        from frontwatch.geo.areas import area_keys
        if area_keys(gaz.name_of(region)) & (area_keys(gaz.admin1_of(row)) | area_keys(gaz.admin2_of(row))):
            return True
        limit = DISTRICT_KM if gaz.admin2_of(region) else AREA_KM
        return haversine_km(*gaz.latlon(row), *gaz.latlon(region)) <= limit

    def _lone_namesakes(self, choice: dict[str, int], scores: dict[str, dict[int, float]], doc_cc: Counter,
                        own_cc: dict[str, Counter]) -> None:
        """A small place chosen in a country that nothing else of the article points to, while the
        article's anchors (regions it names, cities of LONE_ANCHOR_POP people; not country names, which
        often name who acts) all lie in
        other countries: "in X of Y district, Z" with X read as a village abroad.  The best candidate
        in an anchor country replaces it; with none, the name gets no place. A place within NEIGHBOUR_KM of
        an anchor is kept: a town across the border from it."""
        gaz = self.gaz
        anchors: dict[str, set[str]] = {}
        points: dict[str, tuple[float, float]] = {}
        for key, row in choice.items():
            kind = gaz.kind_of(row)
            if kind == ADMIN or (kind != COUNTRY and gaz.population(row) >= LONE_ANCHOR_POP):
                anchors[key] = {gaz.country_of(row)}  # not country names: "US forces" act abroad
                points[key] = gaz.latlon(row)
        for key, row in list(choice.items()):
            cc = gaz.country_of(row)
            ctx = {c for k, ccs in anchors.items() if k != key for c in ccs}
            ctx.discard("")
            if not ctx or cc in ctx or gaz.kind_of(row) in (ADMIN, COUNTRY) or gaz.population(row) >= LONE_ANCHOR_POP:
                continue
            if any(k != key and gaz.country_of(r) == cc for k, r in choice.items()):
                continue  # another name of the article lies in that country too
            if any(k != key and haversine_km(*gaz.latlon(row), *ll) <= NEIGHBOUR_KM for k, ll in points.items()):
                continue  # across a border from an anchor ("Mosul and Abu Kamal"): no stray namesake
            inside = {r: s for r, s in scores[key].items() if gaz.country_of(r) in ctx}
            if inside:
                choice[key] = max(inside, key=inside.get)
            else:
                del choice[key]

    def _area_bonus(self, sc: dict[int, float], key: str, named: frozenset[str]) -> None:
        """Candidates inside a region or district the mention's sentence names ("Miango (Bassa
        LGA, Plateau)"): the name's own keys do not count ("Sikasso" in "Sikasso Region")."""
        from frontwatch.geo.areas import area_keys  # absolute: survives moving this module
        named = named - area_keys(key)
        if not named:
            return
        gaz = self.gaz
        for row in sc:
            if gaz.kind_of(row) == COUNTRY:
                continue
            hits = bool(area_keys(gaz.admin1_of(row)) & named) + bool(area_keys(gaz.admin2_of(row)) & named)
            if hits:  # both the district and the province named: more sure than either
                sc[row] += self.w["in_named_area"] + (hits - 1) * self.w["in_named_area_both"]

    def _namesake_towns(self, sc: dict[int, float], exact: set[int], key: str = "") -> None:
        """A bare name shared by a region or district of an added source and the town in it the region is named
        after ("Sikasso", "Aleppo", "Timbuktu") means the town: it scores at least as the region does.
        (Embedded regions carry their cities' population: ``place_over_admin`` weighs those.)"""
        from frontwatch.geo.areas import area_keys
        gaz = self.gaz
        base = getattr(gaz, "base_rows", len(gaz))
        fcode = getattr(gaz, "feature_code", lambda r: "")
        admins = [r for r in sc if r in exact and gaz.kind_of(r) == ADMIN and gaz.country_of(r)
                  and (r >= base or not gaz.population(r)) and fcode(r) in NAMESAKE_LEVELS]
        if not admins:
            return
        for town in [r for r in sc if r in exact and gaz.kind_of(r) == PLACE]:
            cc, lat, lon = gaz.country_of(town), *gaz.latlon(town)
            town_areas = area_keys(gaz.admin1_of(town)) | area_keys(gaz.admin2_of(town))
            for a in admins:
                if gaz.country_of(a) != cc or not (area_keys(gaz.name_of(a)) & area_keys(gaz.name_of(town))
                                                   or fold(gaz.name_of(town)) == key):
                    continue  # the namesake town bears the region's name or the name read (not as an alternate name)
                inside = bool(area_keys(gaz.name_of(a)) & (town_areas | area_keys(gaz.name_of(town))))
                if inside or haversine_km(lat, lon, *gaz.latlon(a)) <= NAMESAKE_KM:
                    sc[town] = max(sc[town], sc[a] + self.w["town_over_admin"])

    def _county_key(self, row: int) -> tuple[str, str, str]:
        gaz = self.gaz
        return gaz.country_of(row), self._region_key(row), fold(gaz.admin2_of(row))

    def _region_key(self, row: int) -> str:
        key = self._region_keys.get(row)
        if key is None:
            key = self._region_keys[row] = fold(self.gaz.admin1_of(row))
        return key

    def _prior_best(self, ms: list[Mention]) -> int:
        rows = ms[0].rows
        return max(rows, key=lambda re: (re[1], self.gaz.kind_of(re[0]) == COUNTRY,
                                         self.gaz.population(re[0])))[0]

    def _score(self, ms: list[Mention], hint, doc_cc: Counter, doc_admin: Counter) -> dict[int, float]:
        gaz, w = self.gaz, self.w
        admin_cue = any(m.admin_cue for m in ms)
        place_cue = any(getattr(m, "place_cue", False) for m in ms) and not admin_cue
        based = any(m.based for m in ms)
        hint_cc, hint_admin = hint
        hint_pts = [p for m in ms for p in self.hint_points(m.country_hint)]
        hint_folded = {(c, fold(a)) for c, a in hint_admin}  # sources spell a region differently
        rows = ms[0].rows
        if any(e for _, e in rows):  # a name that matches exactly is not a variant of a country
            rows = [(r, e) for r, e in rows if e or gaz.kind_of(r) != COUNTRY]
        # population of the largest admin region of each name (for the city-over-region rule)
        region_pop = {(gaz.country_of(r), gaz.admin1_of(r)): gaz.population(r)
                      for r, _ in rows if gaz.kind_of(r) == ADMIN}
        has_country = any(gaz.kind_of(r) == COUNTRY for r, _ in rows)
        has_exact = any(e for _, e in rows)
        out: dict[int, float] = {}
        for row, exact in rows:
            kind, cc, a1 = gaz.kind_of(row), gaz.country_of(row), gaz.admin1_of(row)
            pop = gaz.population(row)
            s = w["pop"] * math.log10(pop + 10)
            if not exact:
                s += w["fuzzy"] + (w["fuzzy_with_exact"] if has_exact else 0.0)
            elif fold(gaz.name_of(row)) != ms[0].key:
                s += w["alt_name"]
            if kind == COUNTRY:
                s += w["country"]
            elif kind == ADMIN:
                s += w["admin"] + (w["admin_cue"] if admin_cue else 0.0)
            elif kind == PLACE and based:
                s += w["based"]
            if place_cue and kind in (PLACE, FACILITY):
                s += w["place_cue"]
            elif kind == NATURAL:
                s += w["natural"]
            if pop == 0 and kind != ADMIN and doc_cc and cc not in doc_cc:
                s += w["doc_country_abroad"]
            if row in gaz.capitals:
                s += w["capital"]
                if (cc, a1) not in region_pop and any(c == cc for c, _ in region_pop) and not has_country:
                    s += w["capital_over_admin"]
            if kind == PLACE and not admin_cue:
                rp = region_pop.get((cc, a1))
                if rp and pop >= w["place_over_admin"] * rp:
                    s += w["pop"] * math.log10(rp / max(pop, 1)) + w["admin"] + 0.5
            if cc in hint_cc or (cc, a1) in hint_admin or (cc, fold(a1)) in hint_folded:
                s += w["hint"]
            elif hint_pts and kind != COUNTRY:
                lat, lon = gaz.latlon(row)
                if any(c == cc and haversine_km(lat, lon, a, b) <= HINT_KM for c, a, b in hint_pts):
                    s += w["hint_near"]
            if doc_cc:
                s += w["doc_country"] * doc_cc.get(cc, 0) / max(doc_cc.values())
            if doc_admin and (cc, a1) in doc_admin and kind != ADMIN:
                s += w["doc_admin"]
            out[row] = s
        return out
