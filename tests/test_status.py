"""Event status from modality, negation, embedding verbs and hedges (real model, slow)."""
import pytest

from frontwatch.nlp.lexicon import Lexicon
from frontwatch.nlp.status import counterfactual, habitual, nobody_hurt, status_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from frontwatch.nlp.model import load_model

    return load_model()


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load()


def status(nlp, lex, text, trigger):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return status_of(tok, lex)


@pytest.mark.parametrize("text, trigger, expected", [
    ("Houthi rebels attacked the port.", "attacked", "occurred"),
    ("Houthi rebels did not attack the port.", "attack", "denied"),
    ("Houthi rebels never attacked the port.", "attacked", "denied"),
    ("The Taliban denied attacking the checkpoint.", "attacking", "denied"),
    ("The army dismissed claims that it had shelled the village.", "shelled", "denied"),
    ("Al-Shabaab threatened to attack the base.", "attack", "threatened"),
    ("We are going to invade the city.", "invade", "planned"),
    ("The army will launch an offensive next week.", "offensive", "planned"),
    ("The rebels plan to storm the town.", "storm", "planned"),
    ("Forces are preparing to liberate the city.", "liberate", "planned"),
    ("Signs point to an imminent push on the city.", "push", "planned"),
    ("Leaflets urged residents to leave ahead of a possible military push.", "push", "planned"),
    ("The collapse could mark the last step before the battle for the city.", "battle", "planned"),
    ("Russian forces could attack the city.", "attack", "speculated"),
    ("The militants might withdraw from the town.", "withdraw", "speculated"),
    ("If talks fail, the army would attack the town.", "attack", "speculated"),
    ("Analysts expect that the army will attack the town.", "attack", "planned"),
    ("There was no attack on the convoy.", "attack", "denied"),
    # "deny X the Y": deprive, not a denial of what X did
    ("The strikes deny the group the weapons it seized in the town.", "seized", "occurred"),
    ("The army denied that it had shelled the village.", "shelled", "denied"),
    ("Even if the town falls, the battle could still take some months.", "battle", "occurred"),
])
def test_status(nlp, lex, text, trigger, expected):
    assert status(nlp, lex, text, trigger) == expected


def trigger_token(nlp, text, trigger):
    return next(t for t in nlp(text) if t.text == trigger)


@pytest.mark.parametrize("text, trigger, expected", [
    ("Critics say the fighters should have been executed on the spot.", "executed", True),
    ("They would have attacked the convoy without the warning.", "attacked", True),
    ("The fighters may have been pushed out of the town.", "pushed", False),
    ("The fighters were executed on the spot.", "executed", False),
])
def test_counterfactual(nlp, text, trigger, expected):
    assert counterfactual(trigger_token(nlp, text, trigger)) is expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("The coalition supports the SDF through training.", "supports", True),
    ("The Syrian army is backed by Iranian militias.", "backed", True),
    ("The coalition supported the SDF near the dam on Monday.", "supported", False),
    ("The SDF is receiving American air support.", "receiving", False),
])
def test_habitual(nlp, text, trigger, expected):
    assert habitual(trigger_token(nlp, text, trigger)) is expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("No US troops were believed to have been wounded in the attack.", "wounded", True),
    ("No one was killed in the shelling.", "killed", True),
    ("Three soldiers were killed in the shelling.", "killed", False),
    ("No injuries were reported, but the army evacuated 80 people.", "evacuated", False),
])
def test_nobody_hurt(nlp, text, trigger, expected):
    assert nobody_hurt(trigger_token(nlp, text, trigger)) is expected
