"""Event status from modality, negation, embedding verbs and hedges (real model, slow)."""
import pytest

from frontwatch.nlp.lexicon import Lexicon
from frontwatch.nlp.status import status_of

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
])
def test_status(nlp, lex, text, trigger, expected):
    assert status(nlp, lex, text, trigger) == expected
