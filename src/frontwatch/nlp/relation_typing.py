"""Typing one relation: the PLOVER event type linking a source and a target in a sentence.

``type_relation(doc, source_span, target_span, lex)`` uses the extractor's trigger lexicon
(``lexicon.py``, ``data/triggers.json``) and the dependency parse. Candidates, best first:

1. a trigger on the dependency path between the two heads, the one nearest their lowest
   common head winning (it governs both: "X threatened to shell Y" is THREATEN, "X accused
   Y of attacking Z" is ACCUSE);
2. a trigger attached to the path: the object of a light verb ("imposed sanctions on Y"),
   a nominal modifier ("a mediation effort"), the complement of a path verb;
3. the first trigger governing the common head ("X and Y signed a pact");
4. the trigger nearest the two spans anywhere in the sentence;
5. ``fallback`` (e.g. the majority class of a training set), else ``None``.

Words inside the source or target span count only in step 4 ("Australian aid helped ...");
weak lexicon entries (ambiguous words the extractor ignores) count here. A frame verb's
object decides ("pledged support" is SUPPORT). Then the PLOVER reading of the context:
  * a negated or failed cooperative act ("did not accept", "failed to reach a deal") is REJECT;
  * a promised cooperative act ("will release", "is willing to withdraw") is AGREE, a stated
    hostile intent ("will boycott", "will extend the curfew") is THREATEN;
  * a formal agreement signed or reached is SUPPORT (diplomatic cooperation, CAMEO 057),
    agreeing to do something is AGREE;
  * an order to jail or suspend is COERCE; a deployment of peacekeepers is AID.
The result is ``(plover_type | None, mode | None, score)``; the score in [0, 1] falls with
the tier (0.9 path ... 0.35 nearest, 0.1 fallback). These rules were tuned on the PLV
training split only (``benchmarks/plover.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, TriggerEntry

COOPERATIVE = frozenset("AGREE SUPPORT COOPERATE CONSULT AID CONCEDE RETREAT".split())
HOSTILE = frozenset("ASSAULT COERCE SANCTION PROTEST REJECT".split())
MODALS = frozenset("must should".split())
NEGATORS = frozenset("fail refuse decline".split())
TIER_SCORE = (0.9, 0.75, 0.6, 0.35)
FALLBACK_SCORE = 0.1
ATTACHED_DEPS = frozenset("dobj attr oprd compound amod nmod xcomp ccomp pobj prep advcl acomp".split())


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


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _path(src: Token, tgt: Token) -> tuple[list[tuple[Token, int]], Token]:
    """Tokens on the dependency path with their distance to the lowest common head."""
    up_s, up_t = _ancestors(src), _ancestors(tgt)
    in_t = {t.i: n for n, t in enumerate(up_t)}
    for n, tok in enumerate(up_s):
        if tok.i in in_t:
            lca, dist_t = tok, in_t[tok.i]
            path = [(t, n - k) for k, t in enumerate(up_s[:n + 1])]
            path += [(t, dist_t - k) for k, t in enumerate(up_t[:dist_t])]
            return path, lca
    # different sentences: no common head; treat both roots as the top
    return [(t, len(up_s) - 1 - k) for k, t in enumerate(up_s)] + \
        [(t, len(up_t) - 1 - k) for k, t in enumerate(up_t)], up_s[-1]


def _negated(tok: Token) -> bool:
    """'did not accept', 'failed to reach agreement', 'will not allow'."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "attr"):
        tok = tok.head if tok.dep_ != "pobj" else tok.head.head  # a nominal trigger: its verb
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_.lower() in NEGATORS or any(c.dep_ == "neg" for c in head.children))


def _framed(tok: Token, entry: TriggerEntry, lex: Lexicon, inside: set[int]) -> tuple[Token, TriggerEntry]:
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


def _result(tok: Token, entry: TriggerEntry, tier: int, lex: Lexicon, inside: set[int]) -> RelationType:
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


def _demanded(path, tgt: Span, src: Span) -> Token | None:
    """'X says Y must withdraw': the source states what the target must do (REQUEST)."""
    for tok, _ in path:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in range(src.start, src.end):
            continue
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children) and any(
                c.dep_ in ("nsubj", "nsubjpass") and tgt.start <= c.i < tgt.end for c in tok.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass") and src.start <= c.i < src.end for c in tok.children):
            return tok
    return None


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


def relation_type(doc: Doc, source_span, target_span, lex: Lexicon,
                  fallback: str | None = None) -> RelationType:
    """The full typing result (type, mode, score, deciding token, tier); see the module doc."""
    src, tgt = as_span(doc, source_span), as_span(doc, target_span)
    inside = set(range(src.start, src.end)) | set(range(tgt.start, tgt.end))
    path, lca = _path(src.root, tgt.root)
    on_path = {t.i for t, _ in path}
    demanded = _demanded(path, tgt, src)
    if demanded is not None:
        return RelationType("REQUEST", None, TIER_SCORE[0], demanded, 0)
    # tier 0: on the path, nearest the common head first
    for tok, _ in sorted(path, key=lambda p: (p[1], p[0].i)):
        if tok.i in inside:
            continue
        entry = entry_for(tok, lex)
        if entry is not None:
            return _result(tok, entry, 0, lex, inside)
    # tier 1: attached to a path token (light-verb objects, modifiers, complements)
    for tok, _ in sorted(path, key=lambda p: (p[1], p[0].i)):
        for child in tok.children:
            if child.i in on_path or child.i in inside or child.dep_ not in ATTACHED_DEPS:
                continue
            for cand in (child, *[g for g in child.children if g.dep_ in ("compound", "amod", "dobj", "pobj")]):
                if cand.i in inside:
                    continue
                entry = entry_for(cand, lex)
                if entry is not None:
                    return _result(cand, entry, 1, lex, inside)
    # tier 2: the first trigger governing the common head
    for tok in _ancestors(lca)[1:]:
        entry = entry_for(tok, lex)
        if entry is not None and tok.i not in inside:
            return _result(tok, entry, 2, lex, inside)
    # tier 3: the nearest trigger anywhere in the sentence (span words included)
    mid = (src.start + src.end + tgt.start + tgt.end) / 4
    sent = src.root.sent
    best = None
    for tok in sent:
        entry = entry_for(tok, lex)
        if entry is not None:
            dist = abs(tok.i - mid)
            if best is None or dist < best[0]:
                best = (dist, tok, entry)
    if best is not None:
        return _result(best[1], best[2], 3, lex, inside)
    return RelationType(fallback, None, FALLBACK_SCORE if fallback else 0.0)


def type_relation(doc: Doc, source_span, target_span, lex: Lexicon | None = None,
                  fallback: str | None = None) -> tuple[str | None, str | None, float]:
    """``(plover_type | None, mode | None, score)`` for the relation source -> target.

    Spans are spaCy ``Span``s or ``(start_char, end_char)`` pairs in ``doc.text``.
    """
    found = relation_type(doc, source_span, target_span, lex or default_lexicon(), fallback)
    return found.type, found.mode, found.score


_DEFAULT: list[Lexicon] = []


def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    if not _DEFAULT:
        _DEFAULT.append(Lexicon.load())
    return _DEFAULT[0]
