"""Choosing an event's location among ``doc._.places``.

Order: a place in the trigger's own clause (nearest in the parse), then the nearest town in
the sentence, then the first town of the previous sentence, then any place in the sentence,
then the first place of the nearest of the three previous sentences that names one, then the
article's most-mentioned town. Places that qualify an actor ("US officials") are skipped, and so are
places that are not where anything happens: a person's name ("Capt. Jeff Davis ... Davis said"),
a dateline ("ERBIL, Kurdistan Region — ...") and names without a country ("Southwest Asia"). Precision 2 when the text says "near / outskirts of / outside / N km
from" the place; otherwise the mention's own precision (town 1, region 3, country 4).
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from ...geo.aliases import ADMIN_WORDS
from ...records import Location, PlaceMention
from ..event_sents import sent_of

NEAR = re.compile(r"(?:\bnear(?:by)?|\boutskirts\s+of|\boutside(?:\s+of)?|\baround|\bvicinity\s+of|\bedge\s+of|"
                  r"\bsuburbs?\s+of|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
                  r"\b(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of)|\boff)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$",
                  re.IGNORECASE)
LOCATIVE = frozenset("in near at across inside throughout into outside around from to within towards toward "
                     "on over".split())
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                           "may june july august september october november december".split())
APPOSITION_GAP = re.compile(r"\s*(?:([A-Za-z]+)\s*)?[,(\[]\s*")  # ", ", " (", " district ("
KIND_PRECISION = {"place": 1, "admin": 3, "country": 4}
CLAUSE_BREAKS = frozenset("ccomp advcl relcl parataxis".split())


MODIFIED_HEADS = frozenset("official officials spokesman spokesperson source sources forces force troops army military "
                           "soldiers soldier government authorities embassy envoy ambassador minister ministry president "
                           "leader leaders citizen citizens national nationals advisers advisors commander commanders "
                           "aircraft warplanes jets coalition-backed-forces".split())


def _modifier(span: Span, text: str | None = None) -> bool:
    """A place name used to qualify an actor ("US officials", "Syria analyst", "UK-based");
    ``text``: the doc's text when the caller holds it (``Doc.text`` is rebuilt on each access)."""
    root = span.root
    after = (span.doc.text if text is None else text)[span.end_char:span.end_char + 8].lower()
    if after.startswith(("-based", "-led", "-backed", "-born", "-made")):
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() in MODIFIED_HEADS | {
        "analyst", "official"}


DATELINE = re.compile(r"[ \t]*[A-Z][A-Z .'’-]{1,40}(?:,[\w .'’-]{1,40}){0,3}\s+[—–-]{1,2}\s")
PERSON_TITLES = frozenset("mr mrs ms dr gen lt col maj capt cpt sgt cmdr adm officer president minister spokesman "
                          "spokeswoman secretary general colonel major captain commander senator".split())


def _person_words(doc: Doc) -> set[str]:
    """Words of the article's multi-word person names ("Scott C. Dayton" -> Dayton): a later bare
    "Dayton" is that person, not the town."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            words.update(t.text for t in ent if t.text[:1].isupper() and len(t.text) > 2)
    return words


def _is_person(span: Span, person_words: set[str]) -> bool:
    if span.root.ent_type_ == "PERSON" and any(len(e) >= 2 and e.start <= span.start < e.end
                                               for e in span.doc.ents if e.label_ == "PERSON"):
        return True  # "Chief Petty Officer Scott C. Dayton"
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in PERSON_TITLES and prev.text[:1].isupper():
        return True
    words = [t.text for t in span if not t.is_punct]
    return len(words) == 1 and words[0] in person_words


def _dateline_end(text: str, start: int) -> int:
    """End offset of a dateline ("WASHINGTON —", "ERBIL, Kurdistan Region —") on the line of ``start``, else -1."""
    line_start = text.rfind("\n", 0, start) + 1
    m = DATELINE.match(text, line_start)
    return line_start + m.end() if m and start < line_start + m.end() else -1


def _named_countries(places) -> set[str]:
    """Countries the article names (country, region or demonym mention) or has two towns in; empty
    when it names none (then every town is plausible)."""
    named = {p.country_code for p in places if p.kind != "place" and p.country_code}
    towns: dict[str, set[str]] = {}
    for p in places:
        if p.kind == "place" and p.country_code:
            towns.setdefault(p.country_code, set()).add(p.name or p.text)
    return named | {cc for cc, names in towns.items() if len(names) >= 2}


CUE_NOUNS = frozenset(ADMIN_WORDS | {"village", "town", "city", "area", "locality", "woreda", "zone", "lga"})


def _cued(doc: Doc, span: Span) -> bool:
    """The name is followed by what it names, maybe after a parenthesis: "X district", "X (Y) village"."""
    i = span.end
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and i < span.end + 6 and doc[i].text != ")":
            i += 1
        i += 1
    return i < len(doc) and doc[i].lower_ in CUE_NOUNS


def _parenthetical(doc: Doc, span: Span) -> bool:
    """The name is in a parenthesis that locates the name before it: "in X (Tripoli)", "the village
    of X (Bandiagara, Mopti)", "Y (Gwoza LGA, Borno)": where X lies, so a place."""
    i = span.start - 1
    while i >= 0 and i > span.start - 8:
        tok = doc[i]
        if tok.text in ("(", "["):
            return i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in CUE_NOUNS)
        if not (tok.text[:1].isupper() or tok.text in (",", "-", "/", "'", "’") or tok.lower_ in CUE_NOUNS
                or tok.lower_ in ("of", "al", "el", "de")):
            return False
        i -= 1
    return False


def _level(p: PlaceMention) -> int:
    """0 settlement/facility/feature, 1 district (a region inside a named first-level region),
    2 first-level region, 3 country."""
    if p.kind == "country":
        return 3
    if p.kind == "admin":
        return 1 if p.admin1 and p.admin1.casefold() != (p.name or "").casefold() else 2
    return 0


def _inside(p: PlaceMention, region: PlaceMention, level: int) -> bool:
    if level == 3:
        return True
    if level == 2 and p.admin1 and region.name and p.admin1.casefold() == region.name.casefold():
        return True  # a place of the named first-level region, however large the region
    if p.latitude is None or region.latitude is None:
        return False
    from .resolve import haversine_km
    return haversine_km(p.latitude, p.longitude, region.latitude, region.longitude) <= (250.0 if level == 2 else 80.0)


class PlaceIndex:
    """Place mentions of one Doc, indexed by token for quick lookups."""

    def __init__(self, doc: Doc, actor_tokens: frozenset[int] | set[int] = frozenset()):
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.token_place: dict[int, PlaceMention] = {}
        kept = []
        person_words = _person_words(doc)
        self.modifiers: set[int] = set()
        self.datelines: list[PlaceMention] = []
        named = _named_countries(doc._.places or [])
        mentions = Counter(p.name or p.text for p in doc._.places or [])
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
            prev = doc[span.start - 1] if span.start > 0 else None
            locative = (span.root.dep_ == "pobj" and span.root.head.lower_ in LOCATIVE and
                        span.root.head.head.lower_ != "according") or \
                (prev is not None and prev.lower_ == "near") or \
                _cued(doc, span) or \
                _parenthetical(doc, span)  # "Near Mosul, two strikes ..." (parsed as a modifier); "Nad Ali (Marja) district"
            if (any(t.i in actor_tokens for t in span) and not locative) or _modifier(span, self.text):
                continue  # "a US official", "Russia said": an actor, not where it happened
            if not locative and _is_person(span, person_words):
                continue  # "Davis added": a spokesman, not a town
            if not p.country_code:
                continue  # "SOUTHWEST ASIA": no country, no place to code
            if _dateline_end(self.text, p.start) >= 0:
                if p.kind == "place":
                    self.datelines.append(p)
                continue  # "ERBIL, Kurdistan Region —": where it was reported from (a last resort, below)
            name_part = not locative and (span.root.dep_ in ("compound", "amod", "nmod") or
                                          self.text[p.end:p.end + 1] == "-")
            if p.kind == "place" and named and p.country_code not in named and mentions[p.name or p.text] == 1 \
                    and (name_part or not locative):
                continue  # "the Al Salem hospital" read as Seoul: a lone town of a country the article never names
            if name_part:
                self.modifiers.add(id(p))  # "Syria-Khorasan tunnel complex": a name part, after "in X"
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
        if place is None or place.kind != "place":
            # "MOSUL, Iraq — ... in the city": a dateline town stands in for its own country (or for nothing)
            town = next((d for d in self.datelines if place is None or d.country_code == place.country_code), None)
            if town is not None:
                place, inferred = town, True
        if place is None:
            return None, True
        return self._location(self._refine(self._apposed_head(place))), inferred

    def _apposed_head(self, place: PlaceMention) -> PlaceMention:
        """The first name of an apposition chain the place closes: "Djaiba (Djugu, Ituri)" and
        "Marti, Samburu" name the finest place first; the later names locate it."""
        by_end = {p.end: p for p in self.places}
        seen = 0
        while seen < 3:
            head = None
            for end in range(place.start - 1, max(-1, place.start - 20), -1):
                gap = APPOSITION_GAP.fullmatch(self.text[end:place.start])
                if end in by_end and gap and (not gap.group(1) or gap.group(1).lower() in CUE_NOUNS):
                    head = by_end[end]
                    break
            if head is None or head.country_code != place.country_code or head.kind == "country":
                return place
            place, seen = head, seen + 1
        return place

    def _refine(self, place: PlaceMention) -> PlaceMention:
        """A finer place of the same sentence inside the chosen region or country ("in Nad Ali
        district, Helmand" -> the district, "in the village of X (District, Province)" -> the village)."""
        level = _level(place)
        if level == 0:
            return place
        sent = sent_of(self.doc.char_span(place.start, place.end, alignment_mode="expand")[0])
        best, best_key = place, None
        for p in self.places:
            if not (sent.start_char <= p.start < sent.end_char):
                continue
            lv = _level(p)
            if lv >= level or p.country_code != place.country_code or not _inside(p, place, level):
                continue
            key = (lv, abs(p.start - place.start))
            if best_key is None or key < best_key:
                best, best_key = p, key
        return best

    def _in_clause(self, trigger: Token, extra) -> PlaceMention | None:
        """The nearest place in the parse below the trigger; "in/near/at X" before bare names."""
        best, best_dist = None, (2, 10 ** 6)
        roots = [trigger] + [t for t in extra if t is not None]
        for root in roots:
            stack = [(root, 0)]
            while stack:
                tok, dist = stack.pop()
                place = self.token_place.get(tok.i)
                if place is not None and id(place) in self.usable:
                    rank = (1 if id(place) in self.modifiers else 0, dist)
                    if rank < best_dist:
                        best, best_dist = place, rank
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
