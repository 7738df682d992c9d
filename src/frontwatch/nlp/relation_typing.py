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
object decides ("pledged support" is SUPPORT). Then the PLOVER reading of the context
(``typing/context.py``, shared with the event extractor's typing):
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

from spacy.tokens import Doc, Span, Token

from .event_sents import sent_of
from .lexicon import Lexicon
from .typing.context import FALLBACK_SCORE, TIER_SCORE, RelationType, as_span, context_type, entry_for

__all__ = ["RelationType", "as_span", "context_type", "entry_for", "relation_type", "type_relation"]

ATTACHED_DEPS = frozenset("dobj attr oprd compound amod nmod xcomp ccomp pobj prep advcl acomp".split())
MODALS = frozenset("must should".split())


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


def _sentence_entries(tok: Token, lex: Lexicon) -> list:
    """(token, entry) for each token of ``tok``'s sentence that evokes a lexicon entry, in order;
    read once per sentence and lexicon (cached on the doc: every pair of parties asks again)."""
    sent = sent_of(tok)
    cache = tok.doc.user_data.setdefault(f"frontwatch_sentence_entries:{id(lex)}", {})
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = [(t, e) for t in sent if (e := entry_for(t, lex)) is not None]
    return found


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
            return context_type(tok, entry, lex, 0, inside)
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
                    return context_type(cand, entry, lex, 1, inside)
    # tier 2: the first trigger governing the common head
    for tok in _ancestors(lca)[1:]:
        entry = entry_for(tok, lex)
        if entry is not None and tok.i not in inside:
            return context_type(tok, entry, lex, 2, inside)
    # tier 3: the nearest trigger anywhere in the sentence (span words included)
    mid = (src.start + src.end + tgt.start + tgt.end) / 4
    best = None
    for tok, entry in _sentence_entries(src.root, lex):
        dist = abs(tok.i - mid)
        if best is None or dist < best[0]:
            best = (dist, tok, entry)
    if best is not None:
        return context_type(best[1], best[2], lex, 3, inside)
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
