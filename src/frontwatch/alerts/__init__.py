"""Early warning: watch rules (YAML data) evaluated over canonical events, alerts as versioned
records with their evidence chain, delivery (CLI, API, Atom, webhooks) and backtests.
See docs/alerts.md."""
from .evaluate import Episode, evaluate
from .facts import Fact, fact_from_record, load_facts
from .rules import Rule, RuleError, builtin_rules, load_rule, load_rules, parse_rule
from .service import AlertResult, AlertService

__all__ = ["AlertResult", "AlertService", "Episode", "Fact", "Rule", "RuleError", "builtin_rules",
           "evaluate", "fact_from_record", "load_facts", "load_rule", "load_rules", "parse_rule"]
