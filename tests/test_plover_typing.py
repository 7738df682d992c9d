"""The one PLOVER typing path: shared context rules, the frontwatch_typing component, the packaged
classifier and its deterministic training command. Constructed sentences, real spaCy model."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontwatch.nlp.lexicon import Lexicon
from frontwatch.nlp.typing.classifier import MODEL_DIR, TypeClassifier, decide, resolve_yield
from frontwatch.nlp.typing.context import context_type, entry_for

pytestmark = pytest.mark.slow
PLV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "plover" / "PLV_train.tsv"


@pytest.fixture(scope="module")
def nlp():
    from frontwatch.nlp import events
    from frontwatch.nlp.model import load_model
    from frontwatch.nlp.typing import component

    model = load_model()
    events.add_to(model)
    component.add_to(model)
    return model


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load()


def run(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = date(2021, 3, 1)
    return nlp(doc)


def read(nlp, lex, text: str, word: str):
    """context_type of the trigger ``word`` in ``text``."""
    doc = run(nlp, text)
    tok = next(t for t in doc if t.text == word)
    entry = entry_for(tok, lex)
    assert entry is not None, word
    return context_type(tok, entry, lex)


@pytest.mark.parametrize("text, word, expected", [
    ("The rebels did not accept the ceasefire offered by the army.", "accept", "REJECT"),
    ("The government failed to reach an agreement with the union.", "reach", "REJECT"),
    ("The authorities will release the detained journalists next week.", "release", "AGREE"),
    ("The coalition will impose sanctions on the neighbouring state.", "impose", "THREATEN"),
    ("The two parties signed a peace agreement in the capital.", "signed", "SUPPORT"),
    ("The ministry agreed to open the border crossing.", "agreed", "AGREE"),
    ("The rebels released the hostages on Monday.", "released", "RETREAT"),
])
def test_context_rules(nlp, lex, text, word, expected):
    assert context_type(*_args(nlp, lex, text, word)).type == expected


def _args(nlp, lex, text, word):
    doc = run(nlp, text)
    tok = next(t for t in doc if t.text == word)
    return tok, entry_for(tok, lex), lex


def test_rule_score_falls_with_tier_and_with_a_context_change(nlp, lex):
    tok, entry, _ = _args(nlp, lex, "The rebels did not accept the ceasefire offered by the army.", "accept")
    changed = context_type(tok, entry, lex, 0)
    assert changed.type == "REJECT" and changed.score < 0.9
    assert context_type(tok, entry, lex, 3).score < changed.score


def test_relation_typer_and_extractor_share_the_rules(nlp, lex):
    """The same negated cooperation is REJECT for the relation typer and for the extracted event."""
    from frontwatch.nlp.relation_typing import type_relation

    text = "The rebels did not accept the ceasefire offered by the army."
    doc = run(nlp, text)
    typ, _, _ = type_relation(doc, (0, 10), (text.index("the army"), len(text) - 1), lex)
    assert typ == "REJECT"
    by_trigger = {e.trigger.text: e for e in doc._.events + doc._.interactions if e.trigger is not None}
    assert by_trigger["accept"].event_type == "REJECT"


def test_interaction_between_named_parties(nlp):
    doc = run(nlp, "France condemned the decision taken by Russia on Tuesday.")
    found = [(e.event_type, e.actor1.name if e.actor1 else None) for e in doc._.interactions + doc._.events]
    assert ("ACCUSE", "France") in found


def test_interactions_carry_no_acled_pair_and_stay_out_of_events(nlp):
    doc = run(nlp, "Japan will send food aid to Kenya, the ministry said on Friday.")
    assert doc._.interactions, "a promised aid delivery between two states is an interaction"
    for ev in doc._.interactions:
        assert ev.acled_event_type is None and ev.location is None
        assert ev not in doc._.events


def test_no_interaction_without_parties(nlp):
    doc = run(nlp, "It rained heavily in the morning and the roads were closed.")
    assert doc._.interactions == []


def test_conflict_event_keeps_type_and_acled_pair(nlp):
    doc = run(nlp, "Government troops killed 12 militants in an attack on the village of Kara on Monday.")
    assault = [e for e in doc._.events if e.event_type == "ASSAULT"]
    assert assault and all(e.acled_event_type not in (None, "Strategic developments") for e in assault)


def test_decide_combines_rules_and_probabilities():
    probs = {"ACCUSE": 0.2, "REJECT": 0.7, "YIELD": 0.1}
    assert decide("ACCUSE", 0.9, probs, 0.75)[0] == "ACCUSE"    # 0.2 + 0.675 beats 0.7
    assert decide("ACCUSE", 0.35, probs, 0.75)[0] == "REJECT"   # a weak rule reading loses
    assert decide(None, 0.0, probs, 0.75)[0] == "REJECT"
    assert decide("RETREAT", 0.9, {"YIELD": 0.5, "AID": 0.5}, 0.75)[0] == "RETREAT"  # YIELD stands for it
    assert decide("ACCUSE", 0.9, None, 0.75) == ("ACCUSE", 0.9)
    assert resolve_yield("YIELD", "RETREAT") == "RETREAT" and resolve_yield("YIELD", None) == "CONCEDE"


def test_packaged_model_loads_and_predicts_a_distribution():
    clf = TypeClassifier.load()
    assert clf is not None, f"no packaged model in {MODEL_DIR}"
    assert len(clf.labels) == 15 and "YIELD" in clf.labels
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 5_000_000
    (probs,) = clf.probabilities(["The army shelled the rebel positions near the town."])
    assert set(probs) == set(clf.labels)
    assert abs(sum(probs.values()) - 1.0) < 1e-3


def test_component_loaded_the_classifier(nlp):
    assert nlp.get_pipe("frontwatch_typing").classifier is not None


@pytest.mark.skipif(not PLV.exists(), reason="PLV data (../shared/corpus/plover) not available")
def test_training_is_deterministic(tmp_path):
    from frontwatch.nlp.typing import train

    hashes = []
    for run_dir in ("a", "b"):
        out = tmp_path / run_dir
        train.main(["--plv", str(PLV), "--limit", "60", "--out", str(out)])
        hashes.append(train.weights_hash(out))
    assert hashes[0] == hashes[1]
    assert TypeClassifier.load(tmp_path / "a") is not None


def test_training_refuses_the_test_split(tmp_path):
    from frontwatch.nlp.typing import train

    fake = tmp_path / "PLV_test.tsv"
    fake.write_text("marked_sentence\tgold_root\n", "utf-8")
    with pytest.raises(SystemExit):
        train.main(["--plv", str(fake), "--out", str(tmp_path / "m")])
