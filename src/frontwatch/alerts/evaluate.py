"""Evaluating rules over facts: each rule kind gives *episodes* (a scope - a place or an admin
area - and the days on which its condition held, with the facts that made it hold).

Every evaluator is causal: a trigger on day d reads only facts known by d (``Fact.known``), so
evaluating once through day D gives exactly the alerts a day-by-day replay up to D raises
(tests/test_alerts_engine.py replays day by day to check this).
"""
from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .facts import Fact, km, matches
from .rules import Rule

MONTH = 30.44  # days


@dataclass
class Episode:
    rule: str
    scope: str                      # "area:CC/Admin1", "place:g:<geonameid>", ...
    start: int                      # first trigger day (ordinal)
    last: int                       # last trigger day
    evidence: list[str]             # canonical event ids, most telling first
    score: float
    place: dict                     # name, geonameid, latitude, longitude, country_code, admin1
    detail: dict = field(default_factory=dict)
    window: tuple[int, int] = (0, 0)  # the days the evidence spans

    @property
    def id(self) -> str:
        key = f"{self.rule}|{self.scope}|{date.fromordinal(self.start).isoformat()}"
        return "al-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _group(triggers: list[tuple[int, list[str], float, dict]], rule: Rule, scope: str, place: dict,
           window_of) -> list[Episode]:
    """Trigger days of one scope -> episodes (a gap longer than the cooldown starts a new one)."""
    out: list[Episode] = []
    for day, ev, score, detail in sorted(triggers, key=lambda x: x[0]):
        cur = out[-1] if out else None
        if cur is not None and day - cur.last <= rule.cooldown_days:
            cur.last = day
            cur.evidence = list(dict.fromkeys(cur.evidence + ev))
            if score >= cur.score:
                cur.score, cur.detail = score, detail
            cur.window = (min(cur.window[0], window_of(day)[0]), day)
        else:
            out.append(Episode(rule.id, scope, day, day, list(dict.fromkeys(ev)), score, dict(place), detail, window_of(day)))
    return out


def _area_place(facts: list[Fact], level: str) -> dict:
    pts = [(f.lat, f.lon) for f in facts if f.lat is not None and f.lon is not None]
    f0 = facts[0]
    return {"name": f0.admin1 if level == "admin1" else f0.cc, "geonameid": None,
            "latitude": round(float(np.mean([p[0] for p in pts])), 5) if pts else None,
            "longitude": round(float(np.mean([p[1] for p in pts])), 5) if pts else None,
            "country_code": f0.cc, "admin1": f0.admin1 if level == "admin1" else None, "kind": level}


def _by_area(facts: list[Fact], rule: Rule) -> dict[str, list[Fact]]:
    level = rule.get("area", "admin1")
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if matches(f, rule.filter):
            a = f.area(level)
            if a is not None:
                out[a].append(f)
    return out


def _country_start(facts: list[Fact]) -> dict[str | None, int]:
    first: dict[str | None, int] = {}
    for f in facts:
        if f.cc not in first or f.known < first[f.cc]:
            first[f.cc] = f.known
    return first


# --------------------------------------------------------------------------- surge
def surge(rule: Rule, facts: list[Fact], through: int) -> list[Episode]:
    window = rule.window_days
    years = sorted(rule.get("lookback_years", [1, 3]))
    floor = rule.get("floor", 10)
    by_fat = rule.get("measure", "fatalities") == "fatalities"
    level = rule.get("area", "admin1")
    out = []
    for area, group in sorted(_by_area(facts, rule).items()):
        group = [f for f in group if f.known <= through]
        if not group:
            continue
        d0 = min(f.known for f in group) - window * (12 * years[-1] + 2)
        n = through - d0 + 1
        daily = np.zeros(n + 1)
        for f in group:
            daily[f.known - d0 + 1] += f.fatalities if by_fat else f.count
        cum = np.cumsum(daily)
        idx = np.arange(n)  # day d0 + i has cum[i + 1]
        s = cum[idx + 1] - cum[np.maximum(idx + 1 - window, 0)]
        prev = {}
        for y in years:
            steps = int(round(365 * y / window))
            best = np.zeros(n)
            for j in range(1, steps + 1):
                shifted = np.zeros(n)
                shifted[j * window:] = s[:n - j * window] if j * window < n else 0
                best = np.maximum(best, shifted)
            prev[y] = best
        fresh = np.zeros(n, dtype=bool)  # days on which a fact became known (the only days s rises)
        fresh[np.array([f.known - d0 for f in group])] = True
        hit = fresh & (s >= max(floor, 1e-9)) & (s > prev[years[0]])
        for y in years[1:]:
            hit |= fresh & (s >= max(floor, 1e-9)) & (s > prev[y])
        days = [int(i) + d0 for i in np.nonzero(hit)[0]]
        if not days:
            continue
        known_sorted = sorted(group, key=lambda f: f.known)
        keys = [f.known for f in known_sorted]
        triggers = []
        for d in days:
            i = d - d0
            value = float(s[i])
            level_years = [y for y in years if value > prev[y][i]]
            top = max(level_years)
            lo = bisect_left(keys, d - window + 1)
            hi = bisect_right(keys, d)
            in_window = sorted(known_sorted[lo:hi], key=lambda f: (-f.fatalities, f.start, f.id))
            base = float(prev[top][i])
            score = round(top + value / max(base, 1.0), 3)
            detail = {"measure": "fatalities" if by_fat else "events", "value": int(value),
                      "window_days": window, "level_years": top,
                      **{f"max_{y}y": int(prev[y][i]) for y in years}, "floor": floor}
            triggers.append((d, [f.id for f in in_window[:20]], score, detail))
        if triggers:
            out += _group(triggers, rule, f"area:{area}", _area_place(group, level),
                          lambda d: (d - window + 1, d))
    return out


# --------------------------------------------------------------------------- spread
def spread(rule: Rule, facts: list[Fact], through: int) -> list[Episode]:
    quiet = int(rule.get("quiet_months", 12) * MONTH)
    history = int(rule.get("min_history_months", 12) * MONTH)
    attr = {"acled_event_type": "acled", "event_type": "type", "acled_sub_event_type": "sub"}[rule.get("group_by", "acled_event_type")]
    level = rule.get("area", "admin1")
    starts = _country_start([f for f in facts if f.known <= through])
    out = []
    for area, group in sorted(_by_area(facts, rule).items()):
        kinds: dict[str, list[Fact]] = defaultdict(list)
        for f in group:
            if f.known <= through and getattr(f, attr):
                kinds[getattr(f, attr)].append(f)
        triggers = []
        for kind, fs in sorted(kinds.items()):
            fs.sort(key=lambda f: (f.known, f.start, f.id))
            prev_day = None
            for f in fs:
                if starts.get(f.cc, f.known) <= f.known - history and (prev_day is None or f.known - prev_day > quiet):
                    if prev_day is None or f.known != prev_day:
                        same = [g.id for g in fs if g.known == f.known]
                        triggers.append((f.known, same, 1.0 + len(same),
                                         {"type": kind, "quiet_months": rule.get("quiet_months", 12),
                                          "previous": date.fromordinal(prev_day).isoformat() if prev_day else None}))
                prev_day = f.known
        if triggers:
            out += _group(triggers, rule, f"area:{area}", _area_place(group, level), lambda d: (d, d))
    return out


# --------------------------------------------------------------------------- first
def first(rule: Rule, facts: list[Fact], through: int) -> list[Episode]:
    history = int(rule.get("min_history_months", 6) * MONTH)
    level = rule.get("area", "admin1")
    starts = _country_start([f for f in facts if f.known <= through])
    out = []
    for area, group in sorted(_by_area(facts, rule).items()):
        group = sorted((f for f in group if f.known <= through), key=lambda f: (f.known, f.start, f.id))
        if not group:
            continue
        f = group[0]
        if starts.get(f.cc, f.known) > f.known - history:
            continue
        same = [g for g in group if g.known == f.known]
        place = {"name": f.place, "geonameid": f.geonameid, "latitude": f.lat, "longitude": f.lon,
                 "country_code": f.cc, "admin1": f.admin1, "kind": "place", "area": area}
        out += _group([(f.known, [g.id for g in same], 1.0, {"sub_event_type": f.sub, "area": area})],
                      rule, f"area:{area}", place, lambda d: (d, d))
    return out


# --------------------------------------------------------------------------- signals
def _actor_key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def signals(rule: Rule, facts: list[Fact], through: int) -> list[Episode]:
    sigs: dict = rule.get("signals")
    need = rule.get("require") or list(sigs)
    distinct = [tuple(p) for p in rule.get("distinct_actors") or []]
    anchor = rule.get("place_from") or need[0]
    W, R = rule.window_days, rule.radius_km
    cands = {name: [f for f in facts if f.known <= through and f.lat is not None and f.lon is not None
                    and matches(f, flt)] for name, flt in sigs.items() if name in need}
    triggers: dict[str, list] = defaultdict(list)
    places: dict[str, dict] = {}
    cell = max(0.25, R / 111.0)  # grid cells at least as wide as the radius (in latitude degrees)
    grids = {name: _grid(fs, cell) for name, fs in cands.items()}
    for a in sorted(cands.get(anchor, []), key=lambda f: (f.known, f.id)):
        # every signal's facts near the anchor, known within the window around it
        near = {name: [f for f in _nearby(grids[name], a, cell, W) if km(a.lat, a.lon, f.lat, f.lon) <= R]
                for name in cands}
        if any(not near[n] for n in need):
            continue
        chosen = _assign(need, near, distinct, a, anchor)
        if chosen is None:
            continue
        day = max(f.known for f in chosen.values())
        scope = f"place:g:{a.geonameid}" if a.geonameid else f"place:{round(a.lat, 2)},{round(a.lon, 2)}"
        places.setdefault(scope, {"name": a.place, "geonameid": a.geonameid, "latitude": a.lat,
                                  "longitude": a.lon, "country_code": a.cc, "admin1": a.admin1, "kind": "place"})
        ev = [chosen[n].id for n in need]
        detail = {"signals": {n: {"event": chosen[n].id, "type": chosen[n].type, "actor": chosen[n].actor1,
                                  "day": date.fromordinal(chosen[n].start).isoformat()} for n in need}}
        score = float(len(need)) + sum(min(f.sources, 3) for f in chosen.values()) / 10.0
        triggers[scope].append((day, ev, round(score, 3), detail))
    out = []
    for scope, trig in sorted(triggers.items()):
        out += _group(trig, rule, scope, places[scope], lambda d: (d - W + 1, d))
    return out


def _grid(facts: list[Fact], cell: float) -> dict[tuple[int, int], tuple[list[int], list[Fact]]]:
    """Facts bucketed by grid cell, each bucket sorted by the day they became known."""
    cells: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    for f in facts:
        cells[(int(f.lat // cell), int(f.lon // cell))].append(f)
    out = {}
    for key, fs in cells.items():
        fs.sort(key=lambda f: (f.known, f.id))
        out[key] = ([f.known for f in fs], fs)
    return out


def _nearby(grid, a: Fact, cell: float, window: int) -> list[Fact]:
    """Facts in the anchor's and neighbouring cells known less than ``window`` days from it (a
    superset of those within the radius; longitude cells narrow towards the poles, so the
    neighbourhood widens with 1 / cos(latitude))."""
    ci, cj = int(a.lat // cell), int(a.lon // cell)
    span = 1 + int(1 / max(0.05, math.cos(math.radians(min(89.0, abs(a.lat))))))
    out = []
    for i in (ci - 1, ci, ci + 1):
        for j in range(cj - span, cj + span + 1):
            got = grid.get((i, j))
            if got:
                keys, fs = got
                out += fs[bisect_left(keys, a.known - window + 1):bisect_right(keys, a.known + window - 1)]
    return out


def _assign(need, near, distinct, a, anchor):
    """Distinct facts for the required signals (the anchor's own fact for its signal), honouring
    the distinct-actor pairs; the latest-known candidates are tried first."""
    order = [n for n in need if n != anchor]
    chosen = {anchor: a}

    def ok(name, f):
        if any(f.id == g.id and f.report == g.report for g in chosen.values()):
            return False
        for x, y in distinct:
            other = y if name == x else x if name == y else None
            if other in chosen and _actor_key(chosen[other].actor1) == _actor_key(f.actor1):
                return False
            if other in chosen and not f.actor1:
                return False
        return True

    def rec(i):
        if i == len(order):
            return True
        name = order[i]
        for f in sorted(near[name], key=lambda f: (-f.sources, abs(f.known - a.known), f.id)):
            if ok(name, f):
                chosen[name] = f
                if rec(i + 1):
                    return True
                del chosen[name]
        return False

    return dict(chosen) if rec(0) else None


# --------------------------------------------------------------------------- control
def control(rule: Rule, periods: list[dict], through: int) -> list[Episode]:
    tiers = set(rule.get("tiers") or [])
    change = rule.get("change", True)
    by_place: dict[str, list[dict]] = defaultdict(list)
    for p in periods:
        by_place[str(p.get("geonameid") or p.get("place"))].append(p)
    out = []
    for key, ps in sorted(by_place.items()):
        ps.sort(key=lambda p: (p.get("from_start") or "", p.get("controller") or ""))
        triggers = []
        for i, p in enumerate(ps):
            if p.get("tier") not in tiers or not p.get("from_start"):
                continue
            day = date.fromisoformat(p.get("from_end") or p["from_start"]).toordinal()
            if day > through:
                continue
            prev = ps[i - 1] if i > 0 else None
            if change and (prev is None or (prev.get("controller") or "") == (p.get("controller") or "")):
                continue
            ev = list(dict.fromkeys(e["canonical_id"] for e in p.get("evidence") or [] if e.get("canonical_id")))
            detail = {"controller": p.get("controller"), "previous": prev.get("controller") if prev else None,
                      "tier": p.get("tier"), "from": p.get("from_start"), "to": p.get("from_end"),
                      "statements": [{"article_id": e.get("article_id"), "text": e.get("text")}
                                     for e in (p.get("evidence") or []) if not e.get("canonical_id")][:5]}
            triggers.append((day, ev, 2.0 if p.get("tier") == "control" else 1.0, detail))
        if triggers:
            p = ps[0]
            place = {"name": p.get("place"), "geonameid": p.get("geonameid"), "latitude": p.get("latitude"),
                     "longitude": p.get("longitude"), "country_code": None, "admin1": None, "kind": "place"}
            scope = f"place:g:{p['geonameid']}" if p.get("geonameid") else f"place:n:{p.get('place')}"
            for t in triggers:  # each change is its own alert
                out += _group([t], rule, scope, place, lambda d: (d, d))
    return out


EVALUATORS = {"surge": surge, "spread": spread, "first": first, "signals": signals}


def evaluate(rules: list[Rule], facts: list[Fact], through: int, periods: list[dict] | None = None) -> list[Episode]:
    """Episodes of every rule through day ``through`` (ordinal)."""
    out: list[Episode] = []
    canonical = [f for f in facts if not f.report]
    reports = [f for f in facts if f.report] or canonical  # signal rules read reports when loaded
    for rule in rules:
        if rule.kind == "control":
            out += control(rule, periods or [], through)
        else:
            out += EVALUATORS[rule.kind](rule, reports if rule.kind == "signals" else canonical, through)
    return out
