"""Component ``frontwatch_control``: explicit statements of territorial control -> ``doc._.control_claims``.

Each claim is a ``fuse.ControlClaim`` (place from ``doc._.places``, actor normalised with the
event extractor's actor dictionary, ``since`` from a time expression, the sentence as evidence,
``as_of`` the publication date). Statement forms recognised, per sentence:

* "X has been under <actor> control/rule since 2013", "X, held/controlled by <actor> since May 2014"
* "<actor>'s (self-proclaimed / de facto) capital (of) X"
* "<actor>-held / -controlled / -occupied X" (the place within a few words after)
* "<actor>-controlled cities/towns/areas ... including / such as X, Y and Z"
* "X, the biggest <actor> stronghold" (also bastion, capital), "X, the capital of <actor>"
* "<actor> controls / holds X", "<actor> has had control of X" (the actor is the subject)
* a withdrawal from X (a RETREAT event in ``doc._.events`` without a receiving actor) "after a
  battle/fight with <actor>": that actor took X, from the withdrawal's date.
Without "since" the start is unknown (None): the statement says who held X, not from when.
Past statements ("X was once / formerly under <actor> control") are not claims of current control.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..fuse.records import ControlClaim
from ..records import Location, PlaceMention
from . import extensions  # noqa: F401
from .actors import ActorDictionary, Mention
from .dates import find_time_expressions

NAME = "frontwatch_control"
HELD = frozenset("held controlled occupied run ruled dominated".split())
HOLD_LEMMAS = frozenset("hold control occupy rule".split())
UNDER = frozenset("control rule occupation".split())
COLLECTIVE = frozenset("""cities towns villages areas territory territories regions parts places districts
neighborhoods neighbourhoods strongholds provinces settlements""".split())
STRONGHOLD = frozenset("stronghold bastion capital heartland".split())
LIST_CUES = ("including", "such as", "like", "notably")
FIGHT = frozenset("battle fight fighting offensive siege clashes campaign".split())
PAST = frozenset("once formerly previously until no longer before".split())  # "was once under X control"
PRECISION = {"day": "day", "week": "day", "month": "month", "season": "month", "year": "year"}

if not Doc.has_extension("control_claims"):
    Doc.set_extension("control_claims", default=None)


class ControlExtractor:
    """Holds the actor dictionary (loaded in ``initialize``)."""

    def __init__(self, nlp: Language, name: str = NAME):
        self.nlp = nlp
        self.name = name
        self.actors: ActorDictionary | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   actors_path: str | None = None) -> None:
        self.actors = ActorDictionary.load(actors_path)
        self.actors.prepare(nlp or self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        if self.actors is None:
            self.initialize(nlp=self.nlp)
        doc._.control_claims = control_claims(doc, self.actors)
        return doc


@Language.factory(NAME, assigns=["doc._.control_claims"], requires=["doc._.places"])
def make_control_extractor(nlp: Language, name: str) -> ControlExtractor:
    return ControlExtractor(nlp, name)


def add_to(nlp: Language) -> ControlExtractor:
    """Add and initialise ``frontwatch_control`` (after ``frontwatch_events`` when present)."""
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME)
    after = next((n for n in ("frontwatch_events", "frontwatch_toponyms") if n in nlp.pipe_names), None)
    pipe = nlp.add_pipe(NAME, after=after) if after else nlp.add_pipe(NAME, last=True)
    pipe.initialize(nlp=nlp)
    return pipe


# ---------------------------------------------------------------------------- extraction

def _location(p: PlaceMention) -> Location:
    return Location(text=p.text, name=p.name, geonameid=p.geonameid, latitude=p.latitude,
                    longitude=p.longitude, country_code=p.country_code, admin1=p.admin1,
                    precision=p.precision)


class _Sentence:
    """One sentence's places (token spans) and named actor mentions."""

    def __init__(self, sent: Span, places: list[tuple[Span, PlaceMention]], mentions: list[Mention]):
        self.sent = sent
        self.places = places
        self.mentions = mentions
        self.at = {i: m for m in mentions for i in range(m.start, m.end)}

    def place_before(self, i: int, window: int = 10) -> PlaceMention | None:
        cands = [(span, p) for span, p in self.places if span.end <= i and i - span.end <= window]
        return cands[-1][1] if cands else None

    def place_after(self, i: int, window: int = 5) -> PlaceMention | None:
        for span, p in self.places:
            if span.start >= i and span.start - i <= window:
                return p
        return None

    def actor_in(self, lo: int, hi: int) -> Mention | None:
        for m in self.mentions:
            if lo <= m.start and m.end <= hi:
                return m
        return None


def control_claims(doc: Doc, actors: ActorDictionary) -> list[ControlClaim]:
    """Control claims of one parsed doc (needs ``doc._.places``; reads ``doc._.events``)."""
    mentions = [m for m in actors.mentions(doc) if not m.entry.generic]
    spans = []
    for p in doc._.places or []:
        if p.kind in ("country", "demonym") or p.geonameid is None and p.name is None:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None:
            spans.append((span, p))
    out: list[ControlClaim] = []
    seen: set[tuple] = set()

    def add(place: PlaceMention | None, actor: str, sent: Span, since=None, precision="day") -> None:
        key = (place.geonameid or place.name if place else None, actor, since)
        if place is None or key in seen:
            return
        seen.add(key)
        out.append(ControlClaim(place=_location(place), actor=actor, since=since, evidence=sent.text.strip(),
                                article_id=doc._.article_id or "", since_precision=precision,
                                as_of=doc._.published))

    for sent in doc.sents:
        s = _Sentence(sent, [(sp, p) for sp, p in spans if sent.start <= sp.start < sent.end],
                      [m for m in mentions if sent.start <= m.start < sent.end])
        if not s.places:
            continue
        for tok in sent:
            i = tok.i
            m = s.at.get(i)
            if m is not None and i == m.start:
                _after_actor(doc, s, m, add)
            low = tok.lower_
            if low == "under":  # X (has been) under <actor> control since ...
                ctl = next((t for t in doc[i + 1:min(i + 6, sent.end)] if t.lower_ in UNDER), None)
                who = s.actor_in(i + 1, ctl.i) if ctl is not None else None
                if who is not None and not any(t.lower_ in PAST for t in doc[max(sent.start, i - 4):i]):
                    add(s.place_before(i), who.entry.name, sent, *_since(doc, ctl.i + 1, sent))
            elif tok.lemma_.lower() in HOLD_LEMMAS and i + 1 < sent.end and doc[i + 1].lower_ == "by":
                who = s.actor_in(i + 2, min(i + 6, sent.end))
                if who is not None and who.start <= i + 3:
                    add(s.place_before(i, window=6), who.entry.name, sent, *_since(doc, who.end, sent))
            elif low in STRONGHOLD:  # X, the biggest <actor> stronghold
                _stronghold(doc, s, i, add)
            if tok.lemma_.lower() in HOLD_LEMMAS and tok.pos_ in ("VERB", "AUX", "NOUN"):
                _subject_holds(doc, s, tok, add)
    _withdrawals(doc, spans, mentions, add)
    return out


def _since(doc: Doc, i: int, sent: Span) -> tuple:
    """(since, precision) from a "since ..." time expression starting within 2 tokens of ``i``."""
    window = doc[i:min(i + 3, sent.end)]
    if not any(t.lower_ == "since" for t in window):
        return None, "day"
    start = next(t.idx for t in window if t.lower_ == "since")
    rest = doc.text[start:sent.end_char]
    for te in find_time_expressions(rest, doc._.published):
        if te.start <= 12 and te.date_start is not None:
            return te.date_start, PRECISION.get(te.precision or "day", "day")
    return None, "day"


def _after_actor(doc: Doc, s: _Sentence, m: Mention, add) -> None:
    """<actor>'s capital of X; <actor>-held X; <actor>-controlled cities ... including X, Y."""
    sent, e = s.sent, m.end
    if e < sent.end and doc[e].lower_ in ("'s", "’s"):
        cap = next((t for t in doc[e + 1:min(e + 5, sent.end)] if t.lower_ in STRONGHOLD), None)
        if cap is not None:
            j = cap.i + 1
            if j < sent.end and doc[j].lower_ in ("of", ","):
                j += 1
            add(s.place_after(j, window=1), m.entry.name, sent)
        return
    if e + 1 < sent.end and doc[e].text in ("-", "–") and doc[e + 1].lower_ in HELD:
        j = e + 2
        noun = next((t for t in doc[j:min(j + 4, sent.end)] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None and noun.lower_ in COLLECTIVE:
            text = doc.text[noun.idx:sent.end_char]
            cue = min((text.find(c) for c in LIST_CUES if text.find(" " + c + " ") >= 0), default=-1)
            if cue < 0:
                return
            lo = noun.idx + cue
            for span, p in s.places:
                if span.start_char >= lo:
                    add(p, m.entry.name, sent)
        else:
            place = s.place_after(j, window=4)
            if place is not None:
                add(place, m.entry.name, sent)


def _stronghold(doc: Doc, s: _Sentence, i: int, add) -> None:
    """X, the (biggest / last) <actor> stronghold: the place is just before a comma before the actor."""
    sent = s.sent
    lo = max(sent.start, i - 6)
    comma = next((t.i for t in reversed(doc[lo:i]) if t.text == ","), None)
    if comma is None:
        return
    who = s.actor_in(comma + 1, i)
    if who is None and i + 2 < sent.end and doc[i + 1].lower_ == "of":  # X, the capital of <actor>
        who = s.actor_in(i + 2, min(i + 6, sent.end))
    if who is None or doc[i - 1].lower_ in ("former",) or any(t.lower_ == "former" for t in doc[comma:i]):
        return
    place = next((p for span, p in s.places if span.end == comma), None)
    add(place, who.entry.name, sent)


def _subject_holds(doc: Doc, s: _Sentence, tok, add) -> None:
    """<actor> controls / holds X; <actor> has (had) control of X (the actor is the subject)."""
    if tok.pos_ == "NOUN":  # "has control of X": the noun's verb carries the subject
        of = next((c for c in tok.children if c.lower_ == "of"), None)
        verb = tok.head
        if of is None or tok.dep_ != "dobj" or verb.lemma_.lower() not in ("have", "keep", "retain", "maintain"):
            return
        start = of.i + 1
    else:
        verb, start = tok, tok.i + 1
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.tag_ == "VBN" and \
                not any(c.dep_ == "aux" for c in tok.children):
            return  # passive ("held by" is handled elsewhere) or a participle modifier
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    who = s.at.get(subj.i) if subj is not None else None
    if who is None or any(c.dep_ == "neg" for c in verb.children):
        return
    place = s.place_after(start, window=5)
    if place is not None:
        add(place, who.entry.name, s.sent, *_since(doc, start + 1, s.sent))


def _withdrawals(doc: Doc, spans, mentions: list[Mention], add) -> None:
    """A withdrawal from X "after a battle with <actor>" hands X to that actor (from its date)."""
    for ev in doc._.events or []:
        if ev.event_type != "RETREAT" or ev.status != "occurred" or ev.actor2 is not None \
                or ev.location is None or ev.date is None or ev.date.start is None:
            continue
        sent_span = doc.char_span(ev.evidence.start, ev.evidence.end, alignment_mode="expand")
        if sent_span is None:
            continue
        sent = sent_span.sent
        loser = ev.actor1.name if ev.actor1 else None
        for tok in sent:
            if tok.lemma_.lower() not in FIGHT and tok.lower_ not in FIGHT:
                continue
            nxt = doc[tok.i + 1:min(tok.i + 6, sent.end)]
            prep = next((t for t in nxt if t.lower_ in ("with", "against")), None)
            if prep is None:
                continue
            winner = next((m for m in mentions if prep.i < m.start <= prep.i + 3 and m.entry.name != loser
                           and m.entry.armed), None)
            place = next((p for sp, p in spans if p.geonameid == ev.location.geonameid
                          and sent.start <= sp.start < sent.end), None)
            if winner is not None and place is not None:
                add(place, winner.entry.name, sent, ev.date.start, PRECISION.get(ev.date.precision or "day", "day"))
                break
