"""Coding one event from its clause: PLOVER mode and ACLED pair, fatalities, quantities.

``_clause`` is the event's own part of the sentence; ``_mode_and_acled`` applies the codebook's
precedence (``codebook.py``) to the trigger, the clause's weapon words, the parties and the
clause's facts; ``_fatalities`` reads the event's deaths (see ``numbers.py``).
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from ...records import Actor, Fatalities
from ..actors import ActorEntry
from ..numbers import LOSS, fatalities_in, fatality_mention, ordered, parse_number
from .clause_facts import crowd_violence, mishap, two_sided_words, victims_of
from .codebook import Features, clause_has, codebook, means_in, party_class
from .roles import Trigger

DEATH_HINT = re.compile(r"kill|dead|died|death|slain|execut|massacr|perish|lives|bodies|fatalit|assassinat|murder|"
                        r"behead|lynch|slaughter|succumb", re.I)
MODE_RANK = ("chemical", "suicide-attack", "drone", "aerial", "heavy-weapons", "explosives", "grenade", "sexual", "abduct", "ceasefire", "release",
             "withdraw", "riot", "demo", "firearms")
NON_COUNT_UNITS = frozenset("km kilometers kilometres miles mile meters metres years year months month days day weeks "
                            "week hours hour minutes percent dollars %".split())


def _clause(group: list[Trigger], others: list[Trigger]) -> list:
    """The tokens of an event's clause: the triggers' subtrees (a light verb's too, and the noun an
    'acl' trigger modifies), without the subtrees of the sentence's other events."""
    own = {t.token.i for t in group} | {t.anchor.i for t in group}
    stop = {t.token.i for t in others if t.token.i not in own}
    roots = []
    for trig in group:
        roots.append(trig.anchor if trig.anchor is not trig.token else trig.token)
        head = roots[-1].head
        if roots[-1].dep_ in ("dobj", "pobj", "acl", "relcl", "nsubj", "nsubjpass") and head.i not in stop:
            roots.append(head)  # "launched airstrikes", "shells fired by", "killed in a blast"
    seen: dict[int, object] = {}

    def walk(tok, top: bool) -> None:
        if tok.i in seen or (not top and tok.i in stop):
            return
        seen[tok.i] = tok
        for child in tok.children:
            walk(child, False)
    for root in roots:
        if root.i in own or root.i not in stop:
            walk(root, True)
    return [seen[i] for i in sorted(seen)]


def _mode_and_acled(group: list[Trigger], tokens: list, actor1: Actor | None, e1: ActorEntry | None,
                    a1_tok, actor2: Actor | None, e2: ActorEntry | None, a2_tok,
                    fatalities: Fatalities | None) -> tuple[str | None, tuple[str, str]]:
    """PLOVER mode and ACLED pair of one event: the trigger's own, then the codebook's precedence
    (``events/codebook.py``) over the clause's weapon words, the parties and the clause's facts."""
    book = codebook()
    # the most specific trigger wins: anything over plain firearms/battle wording
    ranked = sorted(group, key=lambda t: MODE_RANK.index(t.entry.mode) if t.entry.mode in MODE_RANK else len(MODE_RANK))
    entry = ranked[0].entry
    mode = entry.mode
    own = {t.token.i for t in group}
    found = [means_in(t for t in tokens if t.i not in own)]
    found += [t.entry.mode for t in group if t.entry.mode in book.means_order and t.entry.mode != "firearms"]
    if "aerial" in found and e1 is not None and e1.sector == "REB" and \
            means_in(t for t in tokens if t.i not in own) != "aerial":
        found = ["explosives" if m == "aerial" else m for m in found]  # a group's "bombing"
    found = sorted({m for m in found if m}, key=book.means_order.index)
    means = found[0] if found else None
    if "firearms" in found and means in book.direct_fire_over:
        means = "firearms"
    text = " ".join(t.text for t in tokens)
    base = entry.acled[1]
    if means == "firearms" and book.mode_of(base) in book.means_order and book.event_type(base) == "Explosions/Remote violence":
        base = "Armed clash"  # "fired mortars, machine guns and small arms at positions": a firefight
    features = Features(
        plover=entry.type, base=base, means=means,
        actor1=party_class(actor1, e1, a1_tok), actor2=party_class(actor2, e2, a2_tok),
        two_sided=any(t.token.lemma_.lower() in book.two_sided for t in group) or two_sided_words(tokens),
        territory=entry.territory,
        lethal=bool(fatalities and (fatalities.min or 0) > 0) or bool(DEATH_HINT.search(text)),
        violent_crowd=entry.type == "PROTEST" and (clause_has(tokens, book.violent_crowd)
                                                   or crowd_violence([t.token for t in group])),
        intervention=entry.type == "PROTEST" and clause_has(tokens, book.intervention, book.intervention_pairs),
        victims=victims_of(tokens) if entry.type == "ASSAULT" else "none",
        mishap=entry.type == "ASSAULT" and mishap(tokens),
    )
    acled = book.pair(features)
    table_mode = book.mode_of(acled[1])
    if entry.type == "ASSAULT" and table_mode is not None and acled[0] == "Explosions/Remote violence":
        mode = means if means not in (None, "firearms") else table_mode  # a drone strike stays "drone"
    return mode, acled


def _fatalities(sent: Span, group: list[Trigger], clause: list, others: list[Trigger]) -> Fatalities | None:
    """Deaths of this event: a count in its own clause; else the sentence's first count unless that
    count sits in the clause of another event of the sentence ("X was shelled; an ambush in Y killed 4")."""
    found = None
    text = _text_of(clause)
    if DEATH_HINT.search(text) or LOSS.search(text):
        found = fatalities_in(text)
    if found is None and (DEATH_HINT.search(sent.text) or LOSS.search(sent.text)):
        hit = fatality_mention(sent.text)
        if hit is not None:
            at = sent.doc.char_span(sent.start_char + hit[0], sent.start_char + hit[0] + 1, alignment_mode="expand")
            own = {t.token.i for t in group}
            foreign = at is not None and any(
                t.token.i not in own and t.entry.type == "ASSAULT" and t.token.pos_ == "VERB"
                and not (t.token.dep_ in ("advcl", "xcomp") and t.token.head.i in own)  # "opened fire, killing one"
                and t.token.left_edge.i <= at.start <= t.token.right_edge.i
                and not any(t.token.left_edge.i <= g.token.i <= t.token.right_edge.i for g in group)
                for t in others)
            found = None if foreign else hit[1]
    if found is not None:
        lo, hi = ordered(*found)
        return Fatalities(min=lo, max=hi)
    for trig in group:
        tok = trig.token
        if trig.entry.victim:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PROPN" and subj.tag_ == "NNP":
                return Fatalities(min=1, max=1)
    return None


def _text_of(tokens: list) -> str:
    """The text of a set of tokens in order, a space where tokens are not adjacent."""
    out, last = [], None
    for tok in tokens:
        if last is not None and tok.i != last + 1:
            out.append(" ")
        out.append(tok.text_with_ws)
        last = tok.i
    return "".join(out)


def _quantities(group: list[Trigger]) -> dict[str, int]:
    out: dict[str, int] = {}
    for trig in group:
        roots = [trig.token] + ([trig.anchor] if trig.anchor is not trig.token else [])
        for root in roots:
            for tok in root.subtree:
                if tok.dep_ != "nummod" or tok.head.pos_ != "NOUN":
                    continue
                noun = tok.head.lower_
                if noun in NON_COUNT_UNITS or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
                    continue
                value = parse_number(tok.text)
                if value is not None and noun not in out:
                    out[noun] = value
    return out
