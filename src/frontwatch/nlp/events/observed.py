"""Monitors' counts: "the mission observed a total of 41 projectiles/explosions/shots near X".

Ceasefire monitors report fire they saw or heard as counts of projectiles, explosions, shots
and bursts, often with no party named. Each such count is one ASSAULT event where it was
observed: direct fire (shots, bursts of fire) or fire "in both directions" is a clash, shells,
projectiles and explosions alone are shelling; the clause's weapon words then decide through the
codebook as for any other event ("involving small arms" -> firearms, "heavy machine guns" -> heavy
weapons). The observing mission is a witness, not a party: the event has no actor from it.

Word lists: ``observed_counts`` in ``data/triggers.json`` (verbs, direct-fire nouns, remote nouns).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, TriggerEntry
from .clause_facts import two_sided_words
from .roles import Trigger

CLASH = TriggerEntry("ASSAULT", "firearms", ("Battles", "Armed clash"), "NOUN")
SHELLING = TriggerEntry("ASSAULT", "heavy-weapons", ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                        "NOUN")
DEFAULT_WORDS = {
    "verbs": ["observe", "record", "hear", "register", "document", "count"],
    "direct_fire": ["shot", "shots", "burst", "bursts", "gunfire", "gunshot", "gunshots"],
    "remote": ["explosion", "explosions", "projectile", "projectiles", "blast", "blasts", "shell", "shells",
               "round", "rounds", "detonation", "detonations", "impact", "impacts"],
}


def _words(lex: Lexicon, key: str) -> frozenset[str]:
    return lex.words.get(f"observed_{key}") or frozenset(DEFAULT_WORDS[key])


def _counted(verb: Token, nouns: frozenset[str]) -> list[Token]:
    """Count nouns in the verb's object phrase ('a total of 41 projectiles/explosions')."""
    out = []
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        for tok in obj.subtree:
            if (tok.lower_ in nouns or tok.lemma_.lower() in nouns) and tok.pos_ in ("NOUN", "PROPN"):
                if tok.dep_ in ("nmod", "compound") and tok.head.lower_ in nouns:
                    out.append(tok)  # "explosions/bursts": both words count
                    continue
                out.append(tok)
    return out


def observed_counts(sent: Span, triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """``triggers`` with each monitor's count as one clash or shelling trigger (replacing a
    trigger its count noun already had: "observed an explosion" is fire seen, not a bomb)."""
    verbs = _words(lex, "verbs")
    direct = _words(lex, "direct_fire")
    remote = _words(lex, "remote")
    out = list(triggers)
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        counted = _counted(verb, direct | remote)
        if not counted:
            continue
        heads = [t for t in counted if not (t.dep_ in ("nmod", "compound") and t.head in counted)]
        head = heads[0] if heads else counted[0]
        if not any(c.like_num or c.pos_ == "NUM" for t in counted for c in t.subtree) and \
                not any(c.dep_ == "det" for t in counted for c in t.children):
            continue  # "observed shelling patterns": no count, no event
        two_sided = any(t.lower_ in direct or t.lemma_.lower() in direct for t in counted) or \
            two_sided_words(list(sent))
        entry = CLASH if two_sided else SHELLING
        taken = {t.i for t in counted}
        out = [t for t in out if t.token.i not in taken]
        out.append(Trigger(head, entry, head))
    out.sort(key=lambda t: t.token.i)
    return out
