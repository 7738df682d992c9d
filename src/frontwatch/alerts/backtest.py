"""Backtests: replay the store, raise alerts as they would have been raised then (only facts
known by each day), and score them against what followed.

``backtest(service, start, end)`` scores each rule: precision (an alert followed within the
rule's ``outcome.horizon_days`` by the outcome it announces) and lead time (days from the alert
to that outcome). ``first_crossings`` / ``score_crossings`` score alerts per admin area against
the months in which an area's fatalities first reached a threshold (the Burkina Faso benchmark);
``baseline_episodes`` is the naive "last month's count" predictor.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date

from .evaluate import Episode, evaluate
from .facts import Fact, km, matches
from .rules import Rule


def replay(rules: list[Rule], facts: list[Fact], start: date, end: date,
           periods: list[dict] | None = None, daily: bool = False) -> list[Episode]:
    """Episodes first raised between ``start`` and ``end``, each as raised on its first day.
    ``daily``: evaluate again for every day with only the facts known by then (slow; the
    evaluators are causal, so the result is the same as one evaluation through ``end``)."""
    lo, hi = start.toordinal(), end.toordinal()
    if not daily:
        return [ep for ep in evaluate(rules, [f for f in facts if f.known <= hi], hi, periods) if lo <= ep.start <= hi]
    seen: dict[str, Episode] = {}
    for day in range(lo, hi + 1):
        for ep in evaluate(rules, [f for f in facts if f.known <= day], day, periods):
            if ep.start == day and ep.id not in seen:
                seen[ep.id] = ep
    return sorted(seen.values(), key=lambda e: (e.start, e.id))


def _area_of_scope(scope: str) -> str | None:
    return scope[5:] if scope.startswith("area:") else None


def _actor_words(name: str | None) -> set[str]:
    return {w for w in "".join(c.lower() if c.isalnum() else " " for c in (name or "")).split() if len(w) > 1}


def outcome_day(ep: Episode, rule: Rule, facts: list[Fact]) -> int | None:
    """The first day after the alert on which its rule's outcome happened (by event date), or None."""
    found = outcome(ep, rule, facts)
    return found[0] if found else None


def outcome(ep: Episode, rule: Rule, facts: list[Fact]) -> tuple[int, str] | None:
    """(day, canonical id) of the first outcome event after the alert within the horizon."""
    out = rule.outcome
    if not out:
        return None
    horizon = out.get("horizon_days", 90)
    lo, hi = ep.start + 1, ep.start + horizon
    area = _area_of_scope(ep.scope) or (ep.place.get("area") if ep.place else None)
    level = rule.get("area", "admin1")
    lat, lon = ep.place.get("latitude"), ep.place.get("longitude")
    actor = None
    if out.get("actor_of_signal"):
        actor = _actor_words(((ep.detail.get("signals") or {}).get(out["actor_of_signal"]) or {}).get("actor"))
    flt = {k: v for k, v in out.items() if k in ("event_types", "acled_event_types", "acled_sub_event_types",
                                                   "statuses", "min_sources")}
    cands = [f for f in facts if not f.report and lo <= f.start <= hi and matches(f, flt)]
    if out.get("same_area") and area is not None:
        cands = [f for f in cands if f.area(level) == area]
    if out.get("radius_km") and lat is not None:
        cands = [f for f in cands if f.lat is not None and km(lat, lon, f.lat, f.lon) <= out["radius_km"]]
    if actor:
        cands = [f for f in cands if actor & (_actor_words(f.actor1) | _actor_words(f.actor2))]
    if "min_fatalities_30d" in out:
        need = out["min_fatalities_30d"]
        pool = sorted((f for f in facts if not f.report and (area is None or f.area(level) == area)
                       and ep.start - 30 < f.start <= hi and matches(f, flt)), key=lambda f: f.start)
        window: list[Fact] = []
        total = 0
        for f in pool:
            window.append(f)
            total += f.fatalities
            while window and window[0].start <= f.start - 30:
                total -= window.pop(0).fatalities
            if total >= need and f.start >= lo:
                return f.start, f.id
        return None
    return min(((f.start, f.id) for f in cands), default=None)


def backtest(rules: list[Rule], facts: list[Fact], start: date, end: date,
             periods: list[dict] | None = None) -> dict:
    """Per rule: alerts raised in [start, end], how many were followed by their outcome within
    the horizon (precision) and the lead times; plus every alert with its outcome."""
    episodes = replay(rules, facts, start, end, periods)
    by_rule = {r.id: r for r in rules}
    rows, per = [], defaultdict(lambda: {"alerts": 0, "hits": 0, "leads": []})
    for ep in episodes:
        rule = by_rule[ep.rule]
        found = outcome(ep, rule, facts)
        day = found[0] if found else None
        s = per[ep.rule]
        s["alerts"] += 1
        if day is not None:
            s["hits"] += 1
            s["leads"].append(day - ep.start)
        rows.append({"id": ep.id, "rule": ep.rule, "scope": ep.scope, "place": ep.place.get("name"),
                     "raised": date.fromordinal(ep.start).isoformat(),
                     "outcome": date.fromordinal(day).isoformat() if day else None,
                     "outcome_event": found[1] if found else None,
                     "lead_days": day - ep.start if day else None})
    summary = {}
    for rid in sorted(per):
        s = per[rid]
        summary[rid] = {"alerts": s["alerts"], "followed_by_outcome": s["hits"],
                        "precision": round(s["hits"] / s["alerts"], 3) if s["alerts"] else None,
                        "median_lead_days": statistics.median(s["leads"]) if s["leads"] else None,
                        "mean_lead_days": round(statistics.mean(s["leads"]), 1) if s["leads"] else None,
                        "horizon_days": by_rule[rid].outcome.get("horizon_days") if by_rule[rid].outcome else None}
    return {"from": start.isoformat(), "to": end.isoformat(), "rules": summary, "alerts": rows}


# --------------------------------------------------------------------------- first crossings
def monthly_fatalities(facts: list[Fact], level: str = "admin1") -> dict[str, dict[tuple[int, int], list[tuple[int, int]]]]:
    """{area: {(year, month): [(day ordinal, fatalities), ...]}} by event date."""
    out: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        a = f.area(level)
        if a is not None and not f.report:
            d = date.fromordinal(f.start)
            out[a][(d.year, d.month)].append((f.start, f.fatalities))
    return out


def first_crossings(facts: list[Fact], threshold: int, level: str = "admin1") -> dict[str, int]:
    """{area: the day (ordinal) on which the first calendar month with >= threshold fatalities
    reached it} - the outcome a warning should precede."""
    return {area: days[0] for area, days in crossing_days(facts, threshold, level).items()}


def crossing_days(facts: list[Fact], threshold: int, level: str = "admin1") -> dict[str, list[int]]:
    """{area: every day on which a calendar month reached >= threshold fatalities}, in date order."""
    out: dict[str, list[int]] = defaultdict(list)
    for area, months in monthly_fatalities(facts, level).items():
        for ym in sorted(months):
            total = 0
            for day, n in sorted(months[ym]):
                total += n
                if total >= threshold:
                    out[area].append(day)
                    break
    return out


def baseline_episodes(facts: list[Fact], floor: int, start: date, end: date, level: str = "admin1") -> list[Episode]:
    """Naive baseline: on the 1st of each month, alert for an area whose last month had >= floor fatalities."""
    months = monthly_fatalities(facts, level)
    out = []
    y, m = start.year, start.month
    while date(y, m, 1) <= end:
        py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
        for area, by_month in sorted(months.items()):
            last = sum(n for _, n in by_month.get((py, pm), []))
            if last >= floor:
                out.append(Episode("baseline", f"area:{area}", date(y, m, 1).toordinal(), date(y, m, 1).toordinal(),
                                   [], float(last), {"name": area}, {"last_month": last}))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return out


def score_crossings(episodes: list[Episode], facts: list[Fact], threshold: int, horizon: int,
                    start: date, end: date, level: str = "admin1") -> dict:
    """Per area: first alert (in [start, end]), first crossing day, lead time; overall precision
    (alerts followed within ``horizon`` days by a month reaching ``threshold``) and recall (first
    crossings in [start, end] preceded within ``horizon`` days by an alert, lead >= 1 day)."""
    lo, hi = start.toordinal(), end.toordinal()
    firsts = first_crossings(facts, threshold, level)
    allc = crossing_days(facts, threshold, level)
    eps = [e for e in episodes if lo <= e.start <= hi and e.scope.startswith("area:")]
    by_area: dict[str, list[Episode]] = defaultdict(list)
    for e in eps:
        by_area[e.scope[5:]].append(e)
    hits = sum(1 for e in eps if any(0 < c - e.start <= horizon for c in allc.get(e.scope[5:], [])))
    regions, found, due = [], 0, 0
    for area in sorted(set(by_area) | set(firsts)):
        first_alert = min((e.start for e in by_area.get(area, [])), default=None)
        cross = firsts.get(area)
        in_period = cross is not None and lo <= cross <= hi
        warned = [e.start for e in by_area.get(area, []) if cross is not None and 0 < cross - e.start <= horizon]
        lead = cross - min(warned) if warned else None
        if in_period:
            due += 1
            found += bool(warned)
        regions.append({"area": area, "first_alert": date.fromordinal(first_alert).isoformat() if first_alert else None,
                        "first_crossing": date.fromordinal(cross).isoformat() if cross else None,
                        "crossing_in_period": in_period, "lead_days": lead})
    return {"threshold": threshold, "horizon_days": horizon, "alerts": len(eps), "alerts_followed": hits,
            "precision": round(hits / len(eps), 3) if eps else None,
            "crossings_in_period": due, "crossings_warned": found,
            "recall": round(found / due, 3) if due else None, "regions": regions}
