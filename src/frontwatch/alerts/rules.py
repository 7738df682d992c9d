"""Watch rules as data: one YAML file per rule, validated field by field.

A rule names its ``kind`` (how it is evaluated, see ``evaluate.py``) and that kind's
parameters. Unknown or invalid fields are refused with ``RuleError`` naming the field, so a
typo never silently disables a watch. The built-in rules live in ``alerts/builtin/*.yaml``
(package data), each with its rationale; users pass their own files or folders.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import FrontwatchError
from ..records import ACLED_TYPES, PLOVER_TYPES, STATUSES


class RuleError(FrontwatchError):
    """A rule file is not a valid watch rule (unknown field, wrong type or value)."""

    def __init__(self, message: str, source: str | None = None, field: str | None = None):
        self.source, self.field = source, field
        super().__init__(f"{source}: {message}" if source else message)


KINDS = ("signals", "surge", "spread", "first", "control")
AREAS = ("admin1", "country")
_SUBTYPES = tuple(s for subs in ACLED_TYPES.values() for s in subs)

# field -> (type(s), check or None). A check returns an error text or None.
def _list_of(allowed: tuple[str, ...] | None = None):
    def check(v):
        if not all(isinstance(x, str) for x in v):
            return "must be a list of strings"
        if allowed is not None:
            bad = [x for x in v if x not in allowed]
            if bad:
                return f"unknown value(s) {', '.join(map(repr, bad))}"
        return None
    return check


def _positive(v):
    return None if v > 0 else "must be > 0"


def _non_negative(v):
    return None if v >= 0 else "must be >= 0"


FILTER_FIELDS = {
    "event_types": (list, _list_of(PLOVER_TYPES)),
    "acled_event_types": (list, _list_of(tuple(ACLED_TYPES))),
    "acled_sub_event_types": (list, _list_of(_SUBTYPES)),
    "statuses": (list, _list_of(STATUSES)),
    "keywords": (list, _list_of()),          # evidence words (prefixes, lower case)
    "actor2_keywords": (list, _list_of()),   # words of the target actor's name
    "min_sources": (int, _positive),
}
OUTCOME_FIELDS = dict(FILTER_FIELDS, **{
    "horizon_days": (int, _positive),
    "radius_km": ((int, float), _positive),
    "same_area": (bool, None),
    "control_change": (bool, None),
    "min_fatalities_30d": (int, _non_negative),
    "actor_of_signal": (str, None),
})
COMMON = {
    "id": (str, lambda v: None if v and v.replace("-", "").replace("_", "").isalnum() else "letters, digits, - and _ only"),
    "title": (str, None),
    "kind": (str, lambda v: None if v in KINDS else f"must be one of {', '.join(KINDS)}"),
    "rationale": (str, None),
    "enabled": (bool, None),
    "radius_km": ((int, float), _positive),
    "window_days": (int, _positive),
    "cooldown_days": (int, _non_negative),
    "filter": (dict, None),
    "outcome": (dict, None),
}
KIND_FIELDS = {
    "signals": {"signals": (dict, None), "require": (list, _list_of()),
                "distinct_actors": (list, None), "place_from": (str, None)},
    "surge": {"area": (str, lambda v: None if v in AREAS else f"must be one of {', '.join(AREAS)}"),
              "measure": (str, lambda v: None if v in ("fatalities", "events") else "must be fatalities or events"),
              "lookback_years": (list, lambda v: None if v and all(isinstance(x, int) and x > 0 for x in v) else "must be a list of positive integers"),
              "floor": (int, _non_negative)},
    "spread": {"area": (str, lambda v: None if v in AREAS else f"must be one of {', '.join(AREAS)}"),
               "group_by": (str, lambda v: None if v in ("acled_event_type", "event_type", "acled_sub_event_type") else "must be acled_event_type, acled_sub_event_type or event_type"),
               "quiet_months": (int, _positive), "min_history_months": (int, _non_negative)},
    "first": {"area": (str, lambda v: None if v in AREAS else f"must be one of {', '.join(AREAS)}"),
              "min_history_months": (int, _non_negative)},
    "control": {"tiers": (list, _list_of(("control", "claimed", "contested"))),
                "change": (bool, None)},
}
REQUIRED = ("id", "title", "kind", "rationale")
DEFAULTS: dict[str, Any] = {"enabled": True, "radius_km": 50.0, "window_days": 30, "cooldown_days": 30,
                            "filter": {}, "outcome": {}}
KIND_DEFAULTS = {
    "signals": {"require": [], "distinct_actors": [], "place_from": ""},
    "surge": {"area": "admin1", "measure": "fatalities", "lookback_years": [1, 3], "floor": 10},
    "spread": {"area": "admin1", "group_by": "acled_event_type", "quiet_months": 12, "min_history_months": 12},
    "first": {"area": "admin1", "min_history_months": 6},
    "control": {"tiers": ["control", "claimed"], "change": True},
}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    kind: str
    rationale: str
    enabled: bool
    radius_km: float
    window_days: int
    cooldown_days: int
    filter: dict
    outcome: dict
    params: dict = field(default_factory=dict)
    source: str = ""

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "title", "kind", "rationale", "enabled", "radius_km",
                                           "window_days", "cooldown_days", "filter", "outcome")}
        d.update(self.params)
        return d


def _check_fields(data: dict, spec: dict, where: str, prefix: str = "") -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if key not in spec:
            raise RuleError(f"unknown field {name!r} (allowed: {', '.join(sorted(spec))})", where, name)
        kinds, check = spec[key]
        if isinstance(value, bool) and kinds is not bool and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
            raise RuleError(f"field {name!r} has the wrong type (bool)", where, name)
        if not isinstance(value, kinds):
            want = "/".join(k.__name__ for k in (kinds if isinstance(kinds, tuple) else (kinds,)))
            raise RuleError(f"field {name!r} must be {want}, not {type(value).__name__}", where, name)
        problem = check(value) if check else None
        if problem:
            raise RuleError(f"field {name!r} {problem}", where, name)


def parse_rule(data: Any, source: str = "<rule>") -> Rule:
    """A validated Rule from parsed YAML; RuleError names the first bad field."""
    if not isinstance(data, dict):
        raise RuleError("a rule file must hold one mapping (field: value)", source)
    kind = data.get("kind")
    if kind not in KINDS:
        raise RuleError(f"field 'kind' must be one of {', '.join(KINDS)}", source, "kind")
    spec = dict(COMMON, **KIND_FIELDS[kind])
    _check_fields(data, spec, source)
    for name in REQUIRED:
        if not data.get(name):
            raise RuleError(f"missing field {name!r}", source, name)
    _check_fields(data.get("filter") or {}, FILTER_FIELDS, source, "filter.")
    _check_fields(data.get("outcome") or {}, OUTCOME_FIELDS, source, "outcome.")
    params = dict(KIND_DEFAULTS[kind])
    params.update({k: v for k, v in data.items() if k in KIND_FIELDS[kind]})
    if kind == "signals":
        signals = params.get("signals") or {}
        if not signals:
            raise RuleError("field 'signals' must name at least one signal", source, "signals")
        for name, flt in signals.items():
            if not isinstance(flt, dict):
                raise RuleError(f"field 'signals.{name}' must be a mapping", source, f"signals.{name}")
            _check_fields(flt, FILTER_FIELDS, source, f"signals.{name}.")
        for name in params["require"] or list(signals):
            if name not in signals:
                raise RuleError(f"field 'require' names unknown signal {name!r}", source, "require")
        params["require"] = params["require"] or list(signals)
        for pair in params["distinct_actors"]:
            if not (isinstance(pair, list) and len(pair) == 2 and all(p in signals for p in pair)):
                raise RuleError("field 'distinct_actors' must list pairs of signal names", source, "distinct_actors")
        if params["place_from"] and params["place_from"] not in signals:
            raise RuleError(f"field 'place_from' names unknown signal {params['place_from']!r}", source, "place_from")
        sig = (data.get("outcome") or {}).get("actor_of_signal")
        if sig and sig not in signals:
            raise RuleError(f"field 'outcome.actor_of_signal' names unknown signal {sig!r}", source, "outcome.actor_of_signal")
    common = {k: data.get(k, DEFAULTS.get(k)) for k in COMMON}
    common["radius_km"] = float(common["radius_km"])
    return Rule(**common, params=params, source=source)


def load_rule(path: str | Path) -> Rule:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError(f"cannot read: {exc}", str(path)) from exc
    except yaml.YAMLError as exc:
        raise RuleError(f"not valid YAML: {exc}", str(path)) from exc
    return parse_rule(data, str(path))


def builtin_rules() -> list[Rule]:
    folder = resources.files("frontwatch.alerts") / "builtin"
    found = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            found.append(parse_rule(yaml.safe_load(item.read_text(encoding="utf-8")), f"builtin/{item.name}"))
    return found


def load_rules(paths: list[str | Path] | None = None, builtin: bool = True) -> list[Rule]:
    """Built-in rules (unless ``builtin`` is False) plus the rule files / folders in ``paths``;
    a user rule with the id of a built-in one replaces it. Disabled rules are left out."""
    rules = {r.id: r for r in builtin_rules()} if builtin else {}
    for p in paths or ():
        p = Path(p)
        files = sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))) if p.is_dir() else [p]
        for f in files:
            rule = load_rule(f)
            rules[rule.id] = rule
    return [r for _, r in sorted(rules.items()) if r.enabled]
