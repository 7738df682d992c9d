"""Choosing an event's location among ``doc._.places``.

Order: a place in the trigger's own clause (nearest in the parse), then the nearest town in
the sentence, then the first town of the previous sentence, then any place in the sentence,
then the first place of the nearest of the three previous sentences that names one, then the
article's most-mentioned town. Places that qualify an actor ("US officials") are skipped. Precision 2 when the text says "near / outskirts of / outside / N km
from" the place; otherwise the mention's own precision (town 1, region 3, country 4).
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..records import Location, PlaceMention
from .event_sents import sent_of

NEAR = re.compile(r"(?:\bnear(?:by)?|\boutskirts\s+of|\boutside(?:\s+of)?|\baround|\bvicinity\s+of|\bedge\s+of|"
                  r"\bsuburbs?\s+of|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
                  r"\b(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of)|\boff)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$",
                  re.IGNORECASE)
LOCATIVE = frozenset("in near at across inside throughout into outside around from to within towards toward "
                     "on over".split())
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                           "may june july august september october november december".split())
KIND_PRECISION = {"place": 1, "admin": 3, "country": 4}
CLAUSE_BREAKS = frozenset("ccomp advcl relcl parataxis".split())


MODIFIED_HEADS = frozenset("official officials spokesman spokesperson source sources forces force troops army military "
                           "soldiers soldier government authorities embassy envoy ambassador minister ministry president "
                           "leader leaders citizen citizens national nationals advisers advisors commander commanders "
                           "aircraft warplanes jets coalition-backed-forces".split())


def _modifier(span: Span) -> bool:
    """A place name used to qualify an actor ("US officials", "Syria analyst")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() in MODIFIED_HEADS | {
        "analyst", "official"}


class PlaceIndex:
    """Place mentions of one Doc, indexed by token for quick lookups."""

    def __init__(self, doc: Doc, actor_tokens: frozenset[int] | set[int] = frozenset()):
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.token_place: dict[int, PlaceMention] = {}
        kept = []
        for p in sorted(doc._.places or [], key=lambda p: p.start):
            if p.kind == "demonym":  # "Syrian forces": who, not where
                continue
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.token_place[t.i] = p
            if span.root.ent_type_ in ("DATE", "TIME") or span.text.lower() in CALENDAR_WORDS:
                continue  # "on Thursday", "in March": a time, whatever the gazetteer says
            locative = span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE
            if (any(t.i in actor_tokens for t in span) and not locative) or _modifier(span):
                continue  # "a US official", "Russia said": an actor, not where it happened
            kept.append(p)
        self.places: list[PlaceMention] = kept
        self.usable = {id(p) for p in kept}
        towns = Counter(p.name or p.text for p in self.places if p.kind == "place")
        self.main = None
        if towns:
            top = towns.most_common(1)[0][0]
            self.main = next(p for p in self.places if (p.name or p.text) == top)

    def location_for(self, trigger: Token, extra: list[Token] = ()) -> tuple[Location | None, bool]:
        """(location, inferred): inferred is True when the sentence itself names no place."""
        place = self._in_clause(trigger, extra) or self._in_sentence(trigger, towns_only=True)
        inferred = False
        if place is None:
            before = self._before(sent_of(trigger), sentences=1)
            place = before or self._in_sentence(trigger)
            inferred = before is not None
        if place is None:
            place, inferred = self._before(sent_of(trigger)) or self.main, True
        if place is None:
            return None, True
        return self._location(place), inferred

    def _in_clause(self, trigger: Token, extra) -> PlaceMention | None:
        best, best_dist = None, 10 ** 6
        roots = [trigger] + [t for t in extra if t is not None]
        for root in roots:
            stack = [(root, 0)]
            while stack:
                tok, dist = stack.pop()
                place = self.token_place.get(tok.i)
                if place is not None and id(place) in self.usable and dist < best_dist:
                    best, best_dist = place, dist
                for c in tok.children:
                    if c.dep_ not in CLAUSE_BREAKS and not (c.dep_ == "conj" and c.pos_ == "VERB"):
                        stack.append((c, dist + 1))
        return best

    def _in_sentence(self, trigger: Token, towns_only: bool = False) -> PlaceMention | None:
        sent = sent_of(trigger)
        cands = [p for p in self.places if sent.start_char <= p.start < sent.end_char
                 and (not towns_only or p.kind == "place")]
        if not cands:
            return None
        return min(cands, key=lambda p: abs(p.start - trigger.idx))

    def _before(self, sent: Span, sentences: int = 3) -> PlaceMention | None:
        doc = self.doc
        start = sent.start
        for _ in range(sentences):
            if start == 0:
                return None
            prev = sent_of(doc[start - 1])
            cands = [p for p in self.places if prev.start_char <= p.start < prev.end_char]
            towns = [p for p in cands if p.kind == "place"] or ([] if sentences == 1 else cands)
            if towns:
                return towns[0]  # the sentence's first (usually topical) place
            start = prev.start
        return None

    def _location(self, place: PlaceMention) -> Location:
        before = self.text[max(0, place.start - 40):place.start]
        precision = place.precision or KIND_PRECISION.get(place.kind, 1)
        if NEAR.search(before) and precision <= 2:
            precision = 2
        return Location(text=place.text, name=place.name, geonameid=place.geonameid, latitude=place.latitude,
                        longitude=place.longitude, country_code=place.country_code, admin1=place.admin1,
                        precision=precision)
