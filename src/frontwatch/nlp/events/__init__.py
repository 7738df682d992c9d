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
"""
from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...records import Actor, Attribution, Event, Evidence, Fatalities
from .. import extensions  # noqa: F401
from ..acled_actors import acled_actor_name
from ..actor_context import attackers_from_context, canonical_actors
from ..actors import ActorDictionary, ActorEntry, ActorResolver
from ..attribution import attribution_for
from .codebook import Features, clause_has, codebook, means_in, party_class
from .casualties import fold_casualties, tolls_after
from .nominal import nominal_triggers
from .observed import observed_counts
from .escalation import escalate_protests
from .clause_facts import crowd_violence, mishap, people_word, two_sided_words, victims_of, violent_crowd_subject
from .history import drop_history
from .same_event import victims_only
from .statements import statement_reason
from .merge import Draft, dedupe, drop_summaries, infer_targets, merge_in_sentence
from ..places.events import LOCATIVE, PlaceIndex
from .roles import Trigger, find_triggers, roles
from ..dates import event_date, find_time_expressions
from ..lexicon import Lexicon
from ..numbers import fatalities_in, fatality_mention, ordered, parse_number
from ..status import counterfactual, habitual, nobody_hurt, status_of
from ..event_sents import sent_of

log = logging.getLogger(__name__)
NAME = "frontwatch_events"
PARAGRAPHS = "frontwatch_paragraphs"
VIOLENT = re.compile(r"\b(?:kill\w*|attack\w*|wound\w*|strikes?|airstrikes?|shot|shoot\w*|clash\w*|battle\w*|"
                     r"fight\w*|bomb\w*|explosi\w*|blast\w*|shell\w*|ambush\w*|gun\w*|fire|militant\w*|"
                     r"insurgen\w*|raid\w*|offensive|executed|massacre\w*|combat|tortur\w*|beat\w*|lynch\w*)\b", re.I)
BULLETS = frozenset("•-*–—·")
FINAL_PUNCT = frozenset('.!?:"”’')
DEATH_HINT = re.compile(r"kill|dead|died|death|slain|execut|massacr|perish|lives|bodies|fatalit|assassinat|murder|"
                        r"behead|lynch|slaughter|succumb", re.I)
MODE_RANK = ("chemical", "suicide-attack", "drone", "aerial", "heavy-weapons", "explosives", "grenade", "sexual", "abduct", "ceasefire", "release",
             "withdraw", "riot", "demo", "firearms")
RELATION_TYPES = frozenset("SUPPORT AID COOPERATE".split())
KEEP_UNREAL = frozenset("ASSAULT RETREAT MOBILIZE PROTEST".split())
NON_COUNT_UNITS = frozenset("km kilometers kilometres miles mile meters metres years year months month days day weeks "
                            "week hours hour minutes percent dollars %".split())


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


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence, a single line break only after final punctuation or
    before a bullet (hard-wrapped lines stay joined); the parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if tok.text.count("\n") >= 2 or nxt.text[:1] in BULLETS or \
                (prev is not None and prev.text[-1:] in FINAL_PUNCT):
            nxt.is_sent_start = True
    for start in [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]:
        end = _label_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
    return doc


def _label_end(doc: Doc, start: int) -> int | None:
    """'Looting: On 2 May ...', 'Movement of forces: ...': a short lowercase label and a colon
    open the line; the text after it is a sentence of its own (so that the label is no subject).
    Datelines ('KABUL: ...') and names are not labels."""
    for i in range(start, min(start + 5, len(doc) - 1)):
        tok = doc[i]
        if tok.text == ":":
            words = doc[start:i]
            if not words or i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
                return None
            if any(w.tag_ in ("NNP", "NNPS") or w.is_upper or w.like_num for w in words):
                return None
            return i + 1
        if not (tok.is_alpha or tok.text == "-"):
            return None
    return None


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

def _headline_end(text: str) -> int:
    """Char offset where the body starts: after a headline (a short first line followed by a
    blank line that lacks final punctuation or is in Title Case); 0 when there is none."""
    cut = text.find("\n\n")
    first = text[:cut].strip() if cut > 0 else ""
    if not first or cut >= 300 or "\n" in first:
        return 0
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", first) if len(w) > 3]
    title_case = bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    unpunctuated = not first.rstrip("”\"'’)").endswith((".", "!", "?"))
    return cut if (title_case or unpunctuated) else 0


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
    drafts = fold_casualties(drafts)
    tolls_after(doc, drafts)
    escalate_protests(drafts)
    relations = [d.event for d in drafts if d.standing]  # "X supports Y": allies, not events
    events = drop_history(drop_summaries(dedupe([d for d in drafts if not d.standing])), doc._.published)
    events = attackers_from_context(events, actors.generic_names)
    return canonical_actors(infer_targets(events, resolver.opponent, relations), text, acled_actor_name)


def _claims_of_responsibility(doc: Doc, text: str, drafts, resolver: ActorResolver) -> None:
    """'X claimed responsibility (for the attack)': X is actor1 of the latest attack without one."""
    if "responsib" not in text:
        return
    for tok in doc:
        if tok.lemma_.lower() != "claim" or not any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility"
                                                    for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        actor, _ = resolver.actor(subj)
        if actor is None:
            continue
        earlier = [d.event for d in drafts if d.event.event_type == "ASSAULT" and d.event.actor1 is None
                   and d.event.evidence.start <= tok.idx]
        if earlier:
            earlier[-1].actor1 = actor


def _carry_air_actor(drafts) -> None:
    """An air/drone strike without a stated actor is by whoever carried out the article's
    previous air strikes (strike reports name the air force once, then list strikes)."""
    last = None
    for draft in drafts:
        ev = draft.event
        if ev.event_type != "ASSAULT" or ev.mode not in ("aerial", "drone"):
            continue
        if ev.actor1 is not None:
            last = ev.actor1
        elif last is not None and (ev.actor2 is None or ev.actor2.name != last.name):
            ev.actor1 = Actor(text=last.text, name=last.name)


def _draft(doc: Doc, sent: Span, group: list[Trigger], lex: Lexicon, resolver: ActorResolver,
           places: PlaceIndex, times, others: list[Trigger] = ()) -> Draft | None:
    main = group[0]
    entry = main.entry
    group_tokens = {t.token.i for t in group} | {t.anchor.i for t in group}
    a1_tok = a2_tok = None
    actor1 = actor2 = e1 = e2 = None
    for trig in group:
        t1, t2 = roles(trig, lex)
        if t1 is not None and t1.i not in group_tokens and actor1 is None:
            a1_tok = a1_tok or t1
            actor1, e1 = _actor(resolver, places, t1)
        if t2 is not None and t2.i not in group_tokens and actor2 is None:
            a2_tok = a2_tok or t2
            actor2, e2 = _actor(resolver, places, t2)
    own_subject = a1_tok is not None and (a1_tok.head.i == main.token.i or main.token.head.i == a1_tok.i)
    if own_subject and actor1 is None and a1_tok.pos_ == "NOUN" and main.entry.type != "ASSAULT" \
            and a1_tok.i not in places.token_place and not (main.entry.type == "PROTEST" and (
                people_word(a1_tok) or not any(c.dep_ == "dobj" for c in main.token.children))):
        return None  # "the dam supporting it": a thing, not an actor, does it
    if actor1 is None and main.token.pos_ == "VERB" and main.token.dep_ in ("advcl", "acl") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in main.token.children) and not main.entry.victim:
        actor1, e1 = _nearest_agent(main.token, resolver, places)
    if actor1 is None and a1_tok is not None:
        user = _user_of_device(a1_tok)
        if user is not None:  # "a bomb planted by X hit ...": X attacked
            actor1, e1 = _actor(resolver, places, user)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2, e2 = None, None
    if any(t.entry.armed for t in group) and all(t.entry.armed for t in group):
        if not (e1 is not None and e1.armed) and \
                not ((e1 is None or e1.generic) and actor1 is not None and _military_word(actor1)) \
                and not (main.entry.type == "ASSAULT" and violent_crowd_subject(a1_tok)):
            return None  # "the storm destroyed": an armed word needs someone armed (or a crowd: a riot)
    if all(t.entry.victim for t in group) and not (e2 is not None and e2.armed) and not VIOLENT.search(sent.text):
        return None  # "her husband died in 1992": a death, not an attack
    verbs = [t for t in group if t.token.pos_ == "VERB"]
    if verbs and all(nobody_hurt(t.token) for t in verbs):
        return None  # "no troops were wounded or killed": nobody was hurt, the attack is reported elsewhere
    status = status_of(main.token, lex)
    for trig in group[1:]:
        other = status_of(trig.token, lex)
        if other == "occurred":
            status = "occurred"
    standing = entry.type in RELATION_TYPES and all(habitual(t.token) or t.token.dep_ == "relcl" for t in group)
    if not standing and statement_reason(group, status, others) is not None:
        return None  # a question, call, generic mention, habit or description: not an event that occurred
    if status == "speculated" and counterfactual(main.token):
        return None  # "they should have been executed": it did not happen
    if actor1 is None and entry.type == "MOBILIZE" and main.token.pos_ == "NOUN":
        for mod in main.token.children:  # "coalition reinforcements", "a Turkish column": the modifier moves
            if mod.dep_ in ("compound", "amod", "poss") and actor1 is None:
                actor1, e1 = _actor(resolver, places, mod)
    if actor1 is None and actor2 is None and entry.type not in ("ASSAULT", "PROTEST", "RETREAT"):
        return None  # a PLOVER event needs someone who acts
    if status in ("planned", "speculated") and entry.type not in KEEP_UNREAL:
        return None  # future talks, hypothetical accusations: not coded
    clause = _clause(group, others)
    fatalities = _fatalities(sent, group, clause, others) if entry.type == "ASSAULT" else None
    mode, acled = _mode_and_acled(group, clause, actor1, e1, a1_tok, actor2, e2, a2_tok, fatalities)
    text_start, text_end = _trim(sent)
    evidence = Evidence(text=sent.text.strip(), start=text_start, end=text_end)  # (doc.text rebuilds the text)
    tok = main.token
    trigger_ev = Evidence(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
    location, inferred = places.location_for(main.anchor if main.anchor is not main.token else main.token,
                                   [t.token for t in group[1:]])
    if status in ("planned", "speculated", "threatened") and (location is None or (location.precision or 4) >= 4):
        return None  # a plan or threat is coded only where the text ties it to a town or region
    date, date_weak = event_date(sent, main.token, main.anchor, times, doc._.published, own_only=status != "occurred",
                                 reporting=lex.words.get("reporting_verbs", frozenset()))
    return Draft(Event(
        article_id=doc._.article_id or "",
        event_type=entry.type,
        evidence=evidence,
        status=status,
        mode=mode,
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        actor1=actor1,
        actor2=actor2,
        location=location,
        date=date,
        fatalities=fatalities,
        quantities=_quantities(group),
        attribution=_attribution(group, lex, resolver),
        trigger=trigger_ev,
    ), place_inferred=inferred, date_weak=date_weak, anaphoric=_anaphoric(group, status != "occurred" or inferred),
                 fresh=_fresh(sent, group, times), standing=standing, lemma=main.token.lemma_.lower(),
                 victim=victims_only(group))


def _fresh(sent: Span, group: list[Trigger], times) -> bool:
    """"A U.S. strike on Jan. 1 hit ...", "a Jan. 3 strike": an indefinite noun with its own time."""
    for trig in group:
        tok, anchor = trig.token, trig.anchor
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                             for c in anchor.children):
            continue
        lo = anchor.left_edge.idx - sent.start_char
        hi = anchor.right_edge.idx + len(anchor.right_edge) - sent.start_char
        if any(lo <= t.start < hi for t in times):
            return True
    return False


def _anaphoric(group: list[Trigger], weak: bool) -> bool:
    """"these strikes", "this attack" (or "the attack" when the sentence names no place of its own,
    or says it did not happen): every trigger is a noun pointing back to an event reported before."""
    pointing = ("these", "those", "this", "that") + (("the",) if weak else ())
    return all(t.token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in pointing for c in t.token.children)
               for t in group)


def _actor(resolver: ActorResolver, places: PlaceIndex, tok):
    """An argument's actor; a place name is not an actor unless the dictionary says so."""
    if tok is not None and tok.i in places.token_place and (
            tok.i not in resolver.by_token or (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE)):
        return resolver.place_owner(tok)  # "an attack on Kyiv": Kyiv is where, not whom (unless held by X)
    return resolver.actor(tok)


def _user_of_device(tok):
    """For a subject that is a thing ("a bomb planted by X", "shells fired by X"): the agent X."""
    for child in tok.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((p for p in agent.children if p.dep_ == "pobj"), None)
    return None


def _nearest_agent(tok, resolver: ActorResolver, places: PlaceIndex):
    """For a dangling participle: the closest actor-like noun before it in the sentence."""
    for cand in reversed(tok.doc[sent_of(tok).start:tok.i]):
        if cand.pos_ in ("NOUN", "PROPN") and cand.dep_ not in ("compound", "amod", "poss"):
            actor, entry = _actor(resolver, places, cand)
            if actor is not None:
                return actor, entry
    return None, None


def _military_word(actor: Actor) -> bool:
    last = actor.name.split()[-1].lower() if actor.name else ""
    return last in ("forces", "force", "troops", "fighters", "militants", "soldiers", "army", "militia", "rebels",
                    "insurgents", "jihadists", "members", "units", "commanders", "gunmen", "militias", "militiamen",
                    "mercenaries", "operatives", "elements", "assailants", "attackers", "bandits", "police",
                    "policemen", "gendarmes", "brigade", "battalion")


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


def _trim(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def _fatalities(sent: Span, group: list[Trigger], clause: list, others: list[Trigger]) -> Fatalities | None:
    """Deaths of this event: a count in its own clause; else the sentence's first count unless that
    count sits in the clause of another event of the sentence ("X was shelled; an ambush in Y killed 4")."""
    found = None
    text = _text_of(clause)
    if DEATH_HINT.search(text):
        found = fatalities_in(text)
    if found is None and DEATH_HINT.search(sent.text):
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


def _attribution(group: list[Trigger], lex: Lexicon, resolver: ActorResolver) -> Attribution | None:
    for trig in group:
        found = attribution_for(trig.anchor, lex, resolver)
        if found is not None:
            return found
    return None
