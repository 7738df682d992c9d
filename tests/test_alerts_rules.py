"""Watch rules as YAML data: the built-in rules load and explain themselves; bad files are
refused with RuleError naming the field."""
import pytest

from frontwatch.alerts.rules import RuleError, builtin_rules, load_rule, load_rules


def test_builtin_rules_load_each_with_a_rationale():
    rules = {r.id: r for r in builtin_rules()}
    assert {"offensive-imminent", "surge", "spread", "first-strike", "control-change",
            "contested-control"} <= set(rules)
    for r in rules.values():
        assert len(r.rationale.split()) >= 15, r.id
    assert rules["surge"].get("lookback_years") == [1, 3] and rules["surge"].get("floor") > 0
    assert rules["offensive-imminent"].get("require") == ["warning", "mobilisation", "reinforcement"]


@pytest.mark.parametrize("text, field", [
    ("id: x\ntitle: X\nkind: surge\nrationale: r\nflor: 10\n", "flor"),
    ("id: x\ntitle: X\nkind: surge\nrationale: r\nfilter:\n  event_type: [ASSAULT]\n", "filter.event_type"),
    ("id: x\ntitle: X\nkind: surge\nrationale: r\nfilter:\n  event_types: [ASSALT]\n", "filter.event_types"),
    ("id: x\ntitle: X\nkind: surge\nrationale: r\nwindow_days: -3\n", "window_days"),
    ("id: x\ntitle: X\nkind: surge\nrationale: r\nfloor: ten\n", "floor"),
    ("id: x\ntitle: X\nkind: spread\nrationale: r\nlookback_years: [1]\n", "lookback_years"),
    ("id: x\ntitle: X\nkind: sometimes\nrationale: r\n", "kind"),
    ("id: x\nkind: surge\nrationale: r\n", "title"),
    ("id: x\ntitle: X\nkind: signals\nrationale: r\nsignals:\n  a: {event_types: [MOBILIZE], colour: red}\n", "signals.a.colour"),
    ("id: x\ntitle: X\nkind: signals\nrationale: r\nsignals:\n  a: {event_types: [MOBILIZE]}\nrequire: [b]\n", "require"),
    ("id: x\ntitle: X\nkind: surge\nrationale: r\noutcome:\n  horizon: 3\n", "outcome.horizon"),
])
def test_a_bad_rule_file_is_refused_naming_the_field(tmp_path, text, field):
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert info.value.field == field
    assert repr(field.split(".")[-1]) in str(info.value) or field in str(info.value)
    assert str(path) in str(info.value)


def test_not_yaml_and_not_a_mapping_are_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        with pytest.raises(RuleError):
            load_rule(tmp_path / name)


def test_user_rules_add_to_and_replace_builtin_ones(tmp_path):
    (tmp_path / "surge.yaml").write_text(
        "id: surge\ntitle: Stricter surge\nkind: surge\nrationale: higher floor for a noisy theatre\nfloor: 50\n",
        encoding="utf-8")
    (tmp_path / "quiet.yaml").write_text(
        "id: my-first\ntitle: First drone strike\nkind: first\nrationale: drones only\nenabled: false\n"
        "filter:\n  acled_sub_event_types: [Air/drone strike]\n", encoding="utf-8")
    rules = {r.id: r for r in load_rules([tmp_path])}
    assert rules["surge"].get("floor") == 50 and rules["surge"].title == "Stricter surge"
    assert "my-first" not in rules  # disabled
    assert "spread" in rules
