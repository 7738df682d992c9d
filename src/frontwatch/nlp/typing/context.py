"""The PLOVER reading of a trigger in its context: one function for every typer.

``context_type(tok, entry, lex)`` turns a trigger token and its lexicon entry into a PLOVER
type, mode and score. Both the relation typer (``relation_typing``: source/target pairs)
and the event extractor's typing component (``typing.component``) call it, so the rules
live here once:
  * a negated or failed cooperative act ("did not accept", "failed to reach a deal") is REJECT;
  * a promised cooperative act ("will release", "is willing to withdraw") is AGREE, a stated
    hostile intent ("will boycott", "will extend the curfew") is THREATEN;
  * a formal agreement signed or reached is SUPPORT (diplomatic cooperation, CAMEO 057),
    agreeing to do something is AGREE;
  * an order to jail or suspend is COERCE; a deployment of peacekeepers is AID;
  * a frame verb's object decides ("pledged support" is SUPPORT).
The score falls with the tier that found the trigger (0.9 path ... 0.35 nearest, 0.1 fallback)
and by a tenth when a context rule changed the lexicon's type.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, TriggerEntry

COOPERATIVE = frozenset("AGREE SUPPORT COOPERATE CONSULT AID CONCEDE RETREAT".split())
HOSTILE = frozenset("ASSAULT COERCE SANCTION PROTEST REJECT".split())
NEGATORS = frozenset("fail refuse decline".split())
TIER_SCORE = (0.9, 0.75, 0.6, 0.35)
FALLBACK_SCORE = 0.1


@dataclass(frozen=True)
class RelationType:
    """The typing of one relation and the token that decided it (None for the fallback)."""

    type: str | None
    mode: str | None
    score: float
    trigger: Token | None = None
    tier: int = 5


def as_span(doc: Doc, span) -> Span:
    """A Span from a Span or a (start_char, end_char) pair, expanded to whole tokens."""
    if isinstance(span, Span):
        return span
    start, end = span
    found = doc.char_span(start, end, alignment_mode="expand")
    if found is None:  # offsets in whitespace: take the tokens that overlap at all
        toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
        if not toks:
            raise ValueError(f"no token in characters {start}-{end}")
        found = doc[toks[0].i:toks[-1].i + 1]
    return found


def entry_for(tok: Token, lex: Lexicon) -> TriggerEntry | None:
    """The lexicon entry a token evokes, weak entries included; a mis-tagged verb or noun is
    looked up by lemma in the other table (the small model tags "talks", "aid" either way)."""
    if tok.lower_ in ("strike", "strikes") and tok.head.lower_ == "on" or \
            tok.lower_ == "strike" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() == "stop":
        # "went on strike": a labour strike, typed like the lexicon's "general strike"
        return next((e for _, e in lex.compounds.get("strike", ()) if e.type == "PROTEST"), None)
    if tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:  # "state of siege": a phrase with "of"
        for mods, found in lex.compounds.get(tok.lower_, ()):
            if mods == (tok.head.head.lower_, "of"):
                return found
    entry = lex.match(tok, weak=True)
    if entry is not None:
        return entry
    lemma, low = tok.lemma_.lower(), tok.lower_
    if tok.pos_ == "ADJ":  # "willing", "guilty", "joint"
        return lex.nouns.get(low) or lex.nouns.get(lemma)
    if tok.pos_ != "VERB" and tok.tag_.startswith("VB"):  # a verb form given another part of speech
        return lex.verbs.get(lemma)
    if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("NN", "NNS"):  # "talks" tagged as a verb
        return lex.nouns.get(low)
    return None


def _negated(tok: Token) -> bool:
    """'did not accept', 'failed to reach agreement', 'will not allow'."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "attr"):
        tok = tok.head if tok.dep_ != "pobj" else tok.head.head  # a nominal trigger: its verb
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_.lower() in NEGATORS or any(c.dep_ == "neg" for c in head.children))


def _framed(tok: Token, entry: TriggerEntry, lex: Lexicon, inside) -> tuple[Token, TriggerEntry]:
    """'pledged support', 'ordered an investigation': a frame verb's object trigger names the relation."""
    if tok.pos_ != "VERB" or not lex.has("frame_verbs", tok.lemma_.lower()):
        return tok, entry
    for child in tok.children:
        if child.dep_ in ("dobj", "attr") and child.i not in inside:
            found = entry_for(child, lex)
            if found is not None:
                return child, found
    return tok, entry


def _future(tok: Token, lex: Lexicon) -> bool:
    """'will release', 'would allow', 'plans to withdraw': a promised act, not a done one."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
        tok = tok.head if tok.dep_ == "dobj" else tok.head.head  # "will hold talks": the verb's tense
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "conj") else None):
        if t is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in t.children):
            return True
        if t is not tok and t.dep_ != "conj" and lex.has("plan_verbs", t.lemma_.lower()):
            return True
    return False


def context_type(tok: Token, entry: TriggerEntry, lex: Lexicon, tier: int = 0,
                 inside: set[int] | frozenset[int] = frozenset()) -> RelationType:
    """The PLOVER type of ``entry`` evoked by ``tok`` read in its context (see the module doc);
    ``tier`` is how the trigger was found, ``inside`` the token indices of the two parties."""
    tok, entry = _framed(tok, entry, lex, inside)
    typ, mode, score = entry.type, entry.mode, TIER_SCORE[tier]
    if typ in COOPERATIVE and _negated(tok):
        return RelationType("REJECT", None, score * 0.9, tok, tier)
    if typ in COOPERATIVE and typ != "AGREE" and _future(tok, lex):
        return RelationType("AGREE", None, score * 0.9, tok, tier)  # PLOVER: a promise to cooperate is AGREE
    if typ in HOSTILE and _future(tok, lex):
        return RelationType("THREATEN", None, score * 0.9, tok, tier)  # a stated hostile intent threatens
    if typ == "AGREE" and _concluded(tok, lex):
        return RelationType("SUPPORT", "agreement", score, tok, tier)
    if typ == "REQUEST" and tok.lemma_.lower() == "order" and any(
            c.dep_ in ("xcomp", "ccomp", "oprd") and (entry_for(c, lex) or entry).type in ("COERCE", "SANCTION")
            for c in tok.children):
        return RelationType("COERCE", None, score, tok, tier)  # "ordered the paper to suspend publication"
    if typ == "MOBILIZE" and any(lex.has("peacekeeping_words", t.lower_) for t in tok.sent):
        return RelationType("AID", "peacekeeping", score, tok, tier)
    return RelationType(typ, mode, score, tok, tier)


def _concluded(tok: Token, lex: Lexicon) -> bool:
    """A formal agreement signed or reached ("X and Y signed a pact") is diplomatic cooperation
    (SUPPORT, CAMEO 057), whereas agreeing to do something is a commitment (AGREE)."""
    words, verbs = lex.words.get("concluded_agreement_words", ()), lex.words.get("concluded_agreement_verbs", ())
    if tok.pos_ == "VERB":
        if tok.lemma_.lower() == "sign":
            return not any(c.dep_ == "xcomp" for c in tok.children)
        return tok.lemma_.lower() in verbs and any(c.dep_ in ("dobj", "pobj", "prep") and (
            c.lower_ in words or any(g.lower_ in words for g in c.children)) for c in tok.children)
    if tok.lower_ not in words:
        return False
    head = tok.head if tok.dep_ != "pobj" else tok.head.head
    return head.pos_ == "VERB" and head.lemma_.lower() in verbs and not _future(head, lex)


