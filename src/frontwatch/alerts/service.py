"""Alerts over a store: a full evaluation (``run``) and an incremental one after an ingest
(``update``: only the countries whose canonical events changed since the last run, plus the
cheap place rules), each writing a version of every alert that is new, changed or resolved."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import and_, or_, select

from ..store import alerts as db
from .evaluate import evaluate
from .facts import Fact, load_facts, load_report_facts
from .records import EVIDENCE_MAX, Population, build
from .rules import Rule, load_rules

AREA_KINDS = ("surge", "spread", "first")
_COMPARED = ("evidence_ids", "last_seen", "score", "resolved", "window", "events")


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class AlertResult:
    new: int = 0
    updated: int = 0
    resolved: int = 0
    alerts: int = 0
    facts: int = 0
    records: list[dict] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("records")
        return d


def signal_types(rules: list[Rule]) -> set[str]:
    out: set[str] = set()
    for r in rules:
        if r.kind == "signals":
            for flt in r.get("signals").values():
                out.update(flt.get("event_types") or [])
    return out


class AlertService:
    def __init__(self, store, rules: list[Rule] | None = None, gazetteer=None,
                 clock: Callable[[], datetime] = _now):
        self.store = store
        self.rules = rules if rules is not None else load_rules()
        self.clock = clock
        self._gazetteer = gazetteer
        self._population: Population | None = None

    @property
    def population(self) -> Population | None:
        if self._population is None and self._gazetteer is not None:
            self._population = Population(self._gazetteer)
        return self._population

    # ------------------------------------------------------------------ evaluation
    def records(self, through: int, facts: list[Fact], periods: list[dict], rules: list[Rule]) -> list[dict]:
        episodes = evaluate(rules, facts, through, periods)
        by_rule = {r.id: r for r in rules}
        canonical = db.canonical_records(self.store, {i for ep in episodes for i in ep.evidence[:EVIDENCE_MAX]})
        out = []
        for ep in episodes:
            rec = build(ep, by_rule[ep.rule], canonical, through, self.population)
            rec["evidence_ids"] = list(ep.evidence)
            out.append(rec)
        return out

    def _periods(self) -> list[dict]:
        if not any(r.kind == "control" for r in self.rules):
            return []
        from ..store import fused

        return [p.to_dict() for p in fused.periods(self.store)]

    def evaluate(self, through: date | None = None) -> list[dict]:
        """Every alert through ``through`` (default: today), not stored."""
        day = (through or self.clock().date()).toordinal()
        facts = self._facts()
        return self.records(day, facts, self._periods(), self.rules)

    def _facts(self, canonical: bool = False) -> list[Fact]:
        """Canonical facts for area rules (and, ``canonical``, always: backtest outcomes),
        report-level facts for signal rules (same ids)."""
        types = signal_types(self.rules)
        facts = load_facts(self.store) if canonical or any(r.kind in AREA_KINDS for r in self.rules) else []
        return facts + (load_report_facts(self.store, types) if types else [])

    # ------------------------------------------------------------------ runs
    def run(self, through: date | None = None, at: datetime | None = None) -> AlertResult:
        """Evaluate every rule over the whole store; store the versions of what changed."""
        at = at or self.clock()
        mark = db.latest_fusion_time(self.store)
        day = (through or at.date()).toordinal()
        facts = self._facts()
        recs = self.records(day, facts, self._periods(), self.rules)
        result = self._apply(recs, db.current(self.store), at)
        result.facts = len(facts)
        if mark is not None:
            db.set_watermark(self.store, mark)
        return result

    def update(self, through: date | None = None, at: datetime | None = None) -> AlertResult:
        """Re-evaluate only what changed since the last run: the countries of canonical events
        with a newer version (area rules, and signal rules over those countries' reports) and
        the control rules (the control periods are few)."""
        at = at or self.clock()
        since = db.watermark(self.store)
        mark = db.latest_fusion_time(self.store)
        if since is None:
            return self.run(through, at)
        day = (through or at.date()).toordinal()
        countries = sorted({cc for cc, _ in db.changed_areas(self.store, since) if cc})
        area_rules = [r for r in self.rules if r.kind in AREA_KINDS]
        place_rules = [r for r in self.rules if r.kind not in AREA_KINDS]
        recs: list[dict] = []
        facts: list[Fact] = []
        if countries and area_rules:
            facts = load_facts(self.store, areas=[(cc, None) for cc in countries])
            recs += self.records(day, facts, [], area_rules)
        sig = [r for r in place_rules if r.kind == "signals"]
        if sig and countries:  # signals near the changed events: their countries' reports
            types = signal_types(sig)
            more = load_report_facts(self.store, types, countries)
            facts += more
            recs += self.records(day, more, [], sig)
        ctl = [r for r in place_rules if r.kind == "control"]
        if ctl:
            recs += self.records(day, [], self._periods(), ctl)
        stored = self._stored(area_rules, countries, place_rules)
        result = self._apply(recs, stored, at)
        result.facts = len(facts)
        if mark is not None:
            db.set_watermark(self.store, mark)
        return result

    def _stored(self, area_rules, countries, place_rules) -> dict[str, dict]:
        from ..store import schema as t

        a = t.alerts.c
        cond = []
        sig = [r.id for r in place_rules if r.kind == "signals"]
        ctl = [r.id for r in place_rules if r.kind == "control"]
        if ctl:
            cond.append(a.rule.in_(ctl))
        if sig and countries:
            cond.append(and_(a.rule.in_(sig), a.country_code.in_(countries)))
        if area_rules and countries:
            cond.append(and_(a.rule.in_([r.id for r in area_rules]),
                             or_(*[a.scope.startswith(f"area:{cc}", autoescape=True) for cc in countries])))
        if not cond:
            return {}
        with self.store._read() as conn:
            return {row.id: row.record for row in conn.execute(select(a.id, a.record).where(or_(*cond)))}

    def _apply(self, recs: list[dict], stored: dict[str, dict], at: datetime) -> AlertResult:
        result = AlertResult(alerts=len(recs))
        changes: list[tuple[str, dict]] = []
        seen = set()
        for rec in sorted(recs, key=lambda r: r["id"]):
            seen.add(rec["id"])
            old = stored.get(rec["id"])
            if old is None:
                status = "resolved" if rec["resolved"] else "new"
                rec["version"] = 1
            else:
                if all(old.get(k) == rec.get(k) for k in _COMPARED):
                    result.records.append(old)
                    continue
                status = "resolved" if rec["resolved"] else "updated"
                rec["version"] = old["version"] + 1
            rec["status"] = status
            changes.append((status, rec))
            setattr(result, status, getattr(result, status) + 1)
            result.records.append(rec)
        for aid, old in sorted(stored.items()):
            if aid not in seen and not old.get("withdrawn"):
                rec = dict(old, resolved=True, withdrawn=True, status="resolved", version=old["version"] + 1)
                changes.append(("resolved", rec))
                result.resolved += 1
        db.save(self.store, changes, at)
        return result
