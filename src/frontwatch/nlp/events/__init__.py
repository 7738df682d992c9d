"""Component ``frontwatch_events``: each article's sentences -> frontwatch ``Event`` records.

Per sentence: triggers (lexicon + parse), roles -> actors (dictionary + coreference),
status, attribution, date, fatalities, quantities, location (from ``doc._.places``).
Then one event per real event: triggers of the same event inside a sentence are merged,
and repeated reports of the same event in the article (same type, both real or both not,
same place, compatible dates) are merged keeping the first report and filling its gaps.
Coding choices (documented because analysts could choose otherwise):
  * the headline (a short Title Case or unpunctuated first line before a blank line) and
    questions are not coded; a blank line always ends a sentence (``frontwatch_paragraphs``);
  * a sentence without a time expression takes the date of its paragraph's previous dated
    sentence (day/week precision only) or of the article lead (see ``dates.event_date``); such
    context dates, and dates hanging from a reporting verb, are weak: a merged report's own
    date replaces them; otherwise no date (honest null);
    plans/speculation take only a time expression inside the trigger's own phrase;
  * planned / speculated / threatened events are kept for ASSAULT, RETREAT, MOBILIZE,
    PROTEST only, and only where the text ties them to a town or region;
  * non-violent types need an actor; "die" counts as ASSAULT only in a violent context;
  * not coded: standing relations ("the coalition supports the SDF", relative clauses; they
    still tell ``infer_targets`` who is allied), counterfactuals ("should have been executed"),
    "no one was hurt", and a country-wide tally when the article reports that country's
    strikes town by town (``drop_summaries``);
  * air/drone strikes without a stated actor take the article's previous air actor, and
    "X claimed responsibility" names the latest attack's missing actor1.
Fatality and date conventions: see ``numbers.py`` and ``dates.py``.

This module holds the component, ``add_to`` and the ``extract_events`` orchestration; one
event from a trigger group is ``drafts.py`` (its mode, ACLED pair, fatalities and quantities:
``coding.py``), article-level attackers ``responsibility.py``, sentence and headline boundaries
``paragraphs.py``.
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Event
from .. import extensions  # noqa: F401
from ..acled_actors import acled_actor_name
from ..actor_context import attackers_described_after, attackers_from_context, canonical_actors
from ..actors import ActorDictionary, ActorResolver
from .casualties import fold_casualties, tolls_after
from .nominal import nominal_triggers
from .observed import observed_counts
from .escalation import escalate_protests, violent_crowd_met_by_force
from .history import drop_history
from .merge import dedupe, drop_summaries, infer_targets, merge_in_sentence
from ..places.events import PlaceIndex
from .roles import find_triggers
from ..dates import find_time_expressions
from ..lexicon import Lexicon
from .drafts import _draft
from .paragraphs import PARAGRAPHS, _headline_end
from .responsibility import _carry_air_actor, _claims_of_responsibility

log = logging.getLogger(__name__)
NAME = "frontwatch_events"


class EventExtractor:
    """Holds the lexicon and actor dictionary (loaded in ``initialize``)."""

    def __init__(self, nlp: Language, name: str = NAME):
        self.nlp = nlp
        self.name = name
        self.lexicon: Lexicon | None = None
        self.actors: ActorDictionary | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon_path: str | None = None, actors_path: str | None = None) -> None:
        self.lexicon = Lexicon.load(lexicon_path)
        self.actors = ActorDictionary.load(actors_path)
        self.actors.prepare(nlp or self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.initialize(nlp=self.nlp)
        doc._.events = extract_events(doc, self.lexicon, self.actors)
        return doc


@Language.factory(NAME, assigns=["doc._.events"], requires=["token.dep", "token.lemma", "token.pos"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)


def add_to(nlp: Language) -> EventExtractor:
    """Add and initialise ``frontwatch_events`` (after ``frontwatch_toponyms`` when present).

    Also adds ``frontwatch_paragraphs`` before the parser so that sentences never span a
    paragraph break (headlines and captions otherwise run into the first sentence).
    """
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME)
    if "frontwatch_toponyms" in nlp.pipe_names:
        pipe = nlp.add_pipe(NAME, after="frontwatch_toponyms")
    else:
        pipe = nlp.add_pipe(NAME, last=True)
    pipe.initialize(nlp=nlp)
    return pipe


# ---------------------------------------------------------------------------- extraction

def extract_events(doc: Doc, lex: Lexicon, actors: ActorDictionary) -> list[Event]:
    resolver = ActorResolver(actors, doc)
    places = PlaceIndex(doc, frozenset(resolver.by_token))
    text = doc.text  # rebuilt from the tokens on each access: take it once
    body_start = _headline_end(text)
    drafts = []
    for sent in doc.sents:
        if sent.start_char < body_start or len(sent) < 4:
            continue
        if sent.text.rstrip().rstrip("”\"'’)").endswith("?"):
            continue  # questions do not report events
        triggers = nominal_triggers(sent, observed_counts(sent, find_triggers(sent, lex), lex), lex)
        if not triggers:
            continue
        times = find_time_expressions(sent.text, doc._.published)
        for group in merge_in_sentence(triggers, lex, places.token_place):
            try:
                draft = _draft(doc, sent, group, lex, resolver, places, times, triggers)
            except Exception:  # one odd parse must not lose the article's other events
                log.warning("event extraction failed in %s at char %d", doc._.article_id, sent.start_char,
                            exc_info=True)
                continue
            if draft is not None:
                drafts.append(draft)
    _carry_air_actor(drafts)
    _claims_of_responsibility(doc, text, drafts, resolver)
    attackers_described_after(doc, drafts, resolver)
    drafts = fold_casualties(drafts)
    tolls_after(doc, drafts)
    escalate_protests(drafts)
    violent_crowd_met_by_force(drafts)
    relations = [d.event for d in drafts if d.standing]  # "X supports Y": allies, not events
    events = drop_history(drop_summaries(dedupe([d for d in drafts if not d.standing])), doc._.published)
    events = attackers_from_context(events, actors.generic_names)
    return canonical_actors(infer_targets(events, resolver.opponent, relations), text, acled_actor_name)
