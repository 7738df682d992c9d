"""The alert record: rule, place, window, score, evidence chain, population, status.

``build(episode, rule, canonical, through, population)`` turns an evaluated episode into the
JSON-ready record stored and served (docs/alerts.md lists every field).
"""
from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from .evaluate import Episode
from .rules import Rule

EVIDENCE_MAX = 10  # canonical events in an alert's evidence chain (the ids and count of all are kept)


def evidence_chain(ids: list[str], canonical: dict[str, dict]) -> list[dict]:
    """events -> their reports -> evidence sentence, source, attribution; with the event's grade."""
    out = []
    for cid in ids[:EVIDENCE_MAX]:
        rec = canonical.get(cid)
        if rec is None:
            out.append({"event": cid, "missing": True})
            continue
        loc = rec.get("location") or {}
        out.append({
            "event": cid, "type": rec.get("event_type"), "acled_sub_event_type": rec.get("acled_sub_event_type"),
            "status": rec.get("status"), "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
            "place": loc.get("name") or loc.get("text"), "actor1": rec.get("actor1"), "actor2": rec.get("actor2"),
            "fatalities_min": rec.get("fatalities_min"), "fatalities_max": rec.get("fatalities_max"),
            "sources": rec.get("sources"), "grade": rec.get("grade"), "grade_reasons": rec.get("grade_reasons"),
            "reports": [{"article_id": r.get("article_id"), "outlet": r.get("outlet"), "url": r.get("url"),
                         "published": r.get("published"), "attribution": r.get("attribution"),
                         "evidence": r.get("evidence")} for r in rec.get("reports") or []],
        })
    return out


class Population:
    """Gazetteer towns (with their populations) within a radius of a point."""

    def __init__(self, gazetteer):
        from ..geo.build import PLACE

        rows = [r for r in range(len(gazetteer)) if gazetteer.kind_of(r) == PLACE and gazetteer.population(r) > 0]
        self.g = gazetteer
        self.rows = np.array(rows, dtype=np.int64)
        ll = np.array([gazetteer.latlon(r) for r in rows], dtype=float).reshape(-1, 2)
        self.lat, self.lon = np.radians(ll[:, 0]), np.radians(ll[:, 1])
        self.pop = np.array([gazetteer.population(r) for r in rows], dtype=np.int64)

    def within(self, lat: float, lon: float, radius_km: float, show: int = 10) -> dict:
        p1, l1 = np.radians(lat), np.radians(lon)
        a = np.sin((self.lat - p1) / 2) ** 2 + np.cos(p1) * np.cos(self.lat) * np.sin((self.lon - l1) / 2) ** 2
        dist = 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        idx = np.nonzero(dist <= radius_km)[0]
        order = idx[np.argsort(-self.pop[idx], kind="stable")]
        places = [{"name": self.g.name_of(int(self.rows[i])), "geonameid": self.g.candidate(int(self.rows[i])).geonameid,
                   "population": int(self.pop[i]), "km": round(float(dist[i]), 1)} for i in order[:show]]
        return {"total": int(self.pop[idx].sum()), "radius_km": radius_km, "places_counted": int(len(idx)),
                "largest": places, "source": "GeoNames populated places (cities500) in the gazetteer"}


def status_at(ep: Episode, rule: Rule, through: int) -> bool:
    """True when the episode is resolved by day ``through`` (no trigger for longer than the
    cooldown or the window, whichever is longer)."""
    return through - ep.last > max(rule.cooldown_days, rule.window_days)


def build(ep: Episode, rule: Rule, canonical: dict[str, dict], through: int,
          population: Population | None = None) -> dict[str, Any]:
    place = dict(ep.place)
    pop = None
    if population is not None and place.get("latitude") is not None:
        pop = population.within(place["latitude"], place["longitude"], rule.radius_km)
    d = date.fromordinal
    summary = _summary(ep, rule)
    return {
        "id": ep.id, "rule": rule.id, "rule_title": rule.title, "kind": rule.kind, "scope": ep.scope,
        "place": place, "raised": d(ep.start).isoformat(), "last_seen": d(ep.last).isoformat(),
        "window": {"start": d(ep.window[0]).isoformat(), "end": d(ep.window[1]).isoformat()},
        "score": ep.score, "summary": summary, "detail": ep.detail,
        "resolved": status_at(ep, rule, through), "evaluated_through": d(through).isoformat(),
        "events": len(ep.evidence), "evidence": _tag_signals(evidence_chain(ep.evidence, canonical), ep.detail),
        "population": pop, "radius_km": rule.radius_km,
    }


def _tag_signals(chain: list[dict], detail: dict) -> list[dict]:
    """For signal rules: which signal(s) each event of the chain supports."""
    sig = detail.get("signals") or {}
    for ev in chain:
        names = [n for n, v in sig.items() if v.get("event") == ev["event"]]
        if names:
            ev["signals"] = names
    return chain


def _summary(ep: Episode, rule: Rule) -> str:
    name = ep.place.get("name") or ep.scope
    det = ep.detail
    if rule.kind == "surge":
        return (f"{det['value']} {det['measure']} in {det['window_days']} days in {name}, "
                f"a level not seen in {det['level_years']} year(s) (previous max {det.get('max_%dy' % det['level_years'])})")
    if rule.kind == "spread":
        return f"{det['type']} in {name}, none in the previous {det['quiet_months']} months"
    if rule.kind == "first":
        return f"first {det['sub_event_type']} recorded in {det['area']} (at {name})"
    if rule.kind == "control":
        if det.get("tier") == "contested":
            return f"control of {name} contested: {det.get('previous') or '?'} / {det.get('controller') or '?'}"
        return f"{name}: control passed from {det.get('previous') or '?'} to {det.get('controller') or '(none)'}"
    sig = det.get("signals") or {}
    parts = ", ".join(f"{k} ({v['type']} by {v['actor'] or '?'}, {v['day']})" for k, v in sig.items())
    return f"{rule.title} at {name}: {parts}"
