"""Component ``frontwatch_typing``: the one PLOVER typing path for extracted events.

Runs after ``frontwatch_events``. For each extracted event it reads the trigger in its context
with the rules shared with the relation typer (``context.context_type``: negated cooperation
is REJECT, a promise is AGREE, a stated hostile intent is THREATEN, a concluded agreement is
SUPPORT, ...) and, when the packaged text classifier is installed, combines that reading with
the classifier's probabilities for the sentence in one scored decision (``classifier.decide``).

It also types **interactions**: sentences where two named parties interact through a trigger
that no extracted event stands for ("Iran's foreign minister condemned the court's decision")
get a PLOVER-typed ``Event`` on ``doc._.interactions``, typed by ``relation_typing`` between the
two parties and the same decision. Interactions carry no ACLED pair, place or date: ACLED's
codebook does not code such statements, so they are kept apart from ``doc._.events`` (what is
stored, exported and scored against ACLED and the gold files).

Coding choices:
  * a planned, threatened or speculated ASSAULT, RETREAT, MOBILIZE or PROTEST keeps its type
    (its status says so; ``frontwatch_events`` keeps unreal events only for these types); a
    denied one is read by the rules ("will not release the prisoners" is REJECT);
  * the classifier may retype only non-violent events (not ASSAULT, PROTEST, MOBILIZE, nor an
    event ACLED codes in a violent category such as an abduction) and never into a violent type;
    the context rules apply to all; a Strategic development whose type changed becomes
    Strategic developments / Other (an Arrest no longer typed COERCE is no Arrest); ACLED's
    violent categories keep their pair;
  * an event ACLED codes as an Agreement is not read as SUPPORT (the gold files' and ACLED's
    reading of "signed a pact" is AGREE; the relation typer reads a concluded agreement as
    SUPPORT, as PLV does) nor retyped by the classifier; a negated one is still REJECT;
  * the classifier runs only on sentences that hold an event or an interaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...records import Actor, Event, Evidence
from ..places.events import LOCATIVE
from ..event_sents import sent_of
from ..lexicon import Lexicon, TriggerEntry
from ..status import status_of
from .classifier import TypeClassifier, decide
from .context import RelationType, context_type, entry_for

NAME = "frontwatch_typing"
PARTY_LABELS = frozenset("PERSON NORP ORG GPE".split())
UNREAL_KEEPS_TYPE = frozenset("ASSAULT RETREAT MOBILIZE PROTEST".split())
UNREAL = frozenset("planned threatened speculated".split())
RULES_ONLY = frozenset("ASSAULT PROTEST MOBILIZE".split())
STATEMENT_PAIR = ("Strategic developments", "Other")
MAX_PARTIES = 4

if not Doc.has_extension("interactions"):
    Doc.set_extension("interactions", default=None)


@dataclass
class Candidate:
    """One event (extracted or interaction) awaiting its decision."""

    event: Event
    sent: Span
    rule: RelationType
    retypable: bool


class EventTyper:
    """Holds the lexicon and the optional text classifier (loaded in ``initialize``)."""

    def __init__(self, nlp: Language, name: str = NAME, use_classifier: bool = True):
        self.nlp = nlp
        self.name = name
        self.use_classifier = use_classifier
        self.lexicon: Lexicon | None = None
        self.classifier: TypeClassifier | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon_path: str | None = None, model_path: str | None = None) -> None:
        self.lexicon = Lexicon.load(lexicon_path)
        self.classifier = TypeClassifier.load(model_path) if self.use_classifier else None

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.initialize(nlp=self.nlp)
        events = list(doc._.events or [])
        found = [c for c in (event_candidate(doc, ev, self.lexicon) for ev in events) if c is not None]
        inter = interaction_candidates(doc, events, self.lexicon)
        type_candidates(found + inter, self.classifier)
        doc._.interactions = [c.event for c in inter if c.event.event_type]
        return doc


@Language.factory(NAME, assigns=["doc._.events", "doc._.interactions"],
                  requires=["doc._.events", "token.dep", "token.lemma", "token.pos", "token.ent_type"],
                  default_config={"use_classifier": True})
def make_event_typer(nlp: Language, name: str, use_classifier: bool) -> EventTyper:
    return EventTyper(nlp, name, use_classifier)


def add_to(nlp: Language) -> EventTyper:
    """Add and initialise ``frontwatch_typing`` right after ``frontwatch_events``."""
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME)
    if "frontwatch_events" in nlp.pipe_names:
        pipe = nlp.add_pipe(NAME, after="frontwatch_events")
    else:
        pipe = nlp.add_pipe(NAME, last=True)
    pipe.initialize(nlp=nlp)
    return pipe


def type_candidates(cands: list[Candidate], classifier: TypeClassifier | None) -> None:
    """Apply the rules' reading, then (where allowed) the combined decision, to each candidate."""
    texts = [c.sent.text for c in cands if c.retypable]
    unique = list(dict.fromkeys(texts))  # one classifier pass per sentence (its bag of words scores each text alone)
    by_text = dict(zip(unique, classifier.probabilities(unique))) if classifier is not None and texts else {}
    probs = iter([by_text[t] for t in texts] if by_text else ())
    for cand in cands:
        typ, mode = cand.rule.type, cand.rule.mode
        if cand.event.trigger is not None:  # what decided, for benchmarks and debugging
            cand.sent.doc.user_data.setdefault(NAME, {})[cand.event.trigger.start] = \
                (typ, cand.rule.score, cand.retypable, cand.event.event_type)
        if cand.retypable and classifier is not None:
            decided, _ = decide(typ, cand.rule.score, next(probs), classifier.weight)
            if decided != typ and decided not in RULES_ONLY:  # violence is never a guess from words alone
                typ, mode = decided, None
        _set_type(cand.event, typ, mode)


def _set_type(ev: Event, typ: str | None, mode: str | None) -> None:
    if typ is None or typ == ev.event_type:
        return
    ev.event_type = typ
    ev.mode = mode
    if ev.acled_event_type == STATEMENT_PAIR[0] and typ not in RULES_ONLY:
        ev.acled_event_type, ev.acled_sub_event_type = STATEMENT_PAIR  # an Arrest retyped is no Arrest


def token_at(doc: Doc, char: int) -> Token | None:
    """The token that starts at (or covers) character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def event_candidate(doc: Doc, ev: Event, lex: Lexicon) -> Candidate | None:
    """An extracted event with its trigger read in context; None when the type must stay."""
    if ev.trigger is None or (ev.status in UNREAL and ev.event_type in UNREAL_KEEPS_TYPE):
        return None
    tok = token_at(doc, ev.trigger.start)
    if tok is None:
        return None
    entry = entry_for(tok, lex)
    if entry is None or entry.type != ev.event_type:  # the extractor's own (merged) reading, read in context
        entry = TriggerEntry(ev.event_type, ev.mode, (ev.acled_event_type or "", ev.acled_sub_event_type or ""),
                             tok.pos_)
    rule = context_type(tok, entry, lex, 0)
    if rule.type == entry.type:
        rule = RelationType(ev.event_type, ev.mode, rule.score, rule.trigger, 0)
    sent = sent_of(tok)
    if ev.acled_sub_event_type == "Agreement":  # ACLED's Agreement: AGREE signed or not; the rules may negate it
        if rule.type == "SUPPORT":
            rule = RelationType(ev.event_type, ev.mode, rule.score, tok, 0)
        return Candidate(ev, sent, rule, False)
    retypable = ev.event_type not in RULES_ONLY and rule.type not in RULES_ONLY and \
        ev.acled_event_type in (None, STATEMENT_PAIR[0])  # ACLED's violent categories stay as coded
    return Candidate(ev, sent, rule, retypable)


def parties(sent: Span, ents=None) -> list[Span]:
    """Named parties of a sentence: people, groups, organisations, states (first few); a place
    named as where something happens ("in Minsk") is no party. ``ents``: the doc's entities when
    the caller holds them (``Span.ents`` rebuilds every entity of the doc on each access)."""
    ents = sent.ents if ents is None else [e for e in ents if e.start >= sent.start and e.end <= sent.end]
    return [e for e in ents if e.label_ in PARTY_LABELS and not (
        e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATIVE)][:MAX_PARTIES]


def _covered(tok: Token, triggers: set[int]) -> bool:
    """The trigger, its head or one of its children is an extracted event's trigger
    ("signed a peace agreement": the event on "signed" stands for "agreement" too)."""
    return tok.i in triggers or tok.head.i in triggers or any(c.i in triggers for c in tok.children)


def interaction_candidates(doc: Doc, events: list[Event], lex: Lexicon) -> list[Candidate]:
    """Interactions of each sentence with named parties: every pair of parties is typed by
    ``relation_typing``; each deciding trigger that no extracted event stands for gives one
    interaction, between the pair it links best (lowest tier, highest score, nearest)."""
    from ..relation_typing import relation_type

    taken = {tok.i for tok in (token_at(doc, ev.trigger.start) for ev in events if ev.trigger is not None)
             if tok is not None}
    out = []
    ents = doc.ents
    for sent in doc.sents:
        found = parties(sent, ents)
        if not found:
            continue
        pairs = [(a, b) for n, a in enumerate(found) for b in found[n + 1:]] or [(found[0], found[0])]
        best: dict[int, tuple] = {}  # trigger token -> the pair it links best
        for a, b in pairs:
            rt = relation_type(doc, a, b, lex)
            if rt.trigger is None or _covered(rt.trigger, taken):
                continue
            key = (rt.tier, -rt.score, b.start - a.start)
            if rt.trigger.i not in best or key < best[rt.trigger.i][0]:
                best[rt.trigger.i] = (key, a, b, rt)
        for i in sorted(best):
            _, a, b, rt = best[i]
            out.append(Candidate(_interaction(doc, sent, a, b, rt, lex), sent, rt, rt.type not in RULES_ONLY))
    return out


def _interaction(doc: Doc, sent: Span, a: Span, b: Span, rt: RelationType, lex: Lexicon) -> Event:
    tok = rt.trigger
    sent_text = sent.text  # rebuilt from the tokens on each access: take it once
    start = sent.start_char + len(sent_text) - len(sent_text.lstrip())
    text = sent_text.strip()
    return Event(
        article_id=doc._.article_id or "", event_type=rt.type or "", mode=rt.mode,
        evidence=Evidence(text=text, start=start, end=start + len(text)),
        status=status_of(tok, lex),
        actor1=Actor(text=a.text, name=a.text),
        actor2=Actor(text=b.text, name=b.text) if b is not a else None,
        trigger=Evidence(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
    )
