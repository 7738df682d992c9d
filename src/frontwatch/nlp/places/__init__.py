"""Component ``frontwatch_toponyms``: recognise and resolve place names into ``doc._.places``.

Recognition (``recognise``): the model's GPE/LOC/FAC entities plus a gazetteer matcher
for names the model misses or mislabels.  Resolution (``resolve``): one gazetteer
entry per name per document from population, kind and the document's own context.
The gazetteer arrives through ``initialize(..., gazetteer=...)``; ``add_to`` does that.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...geo import Gazetteer
from ...geo.aliases import CONTINENT_DEMONYMS
from ...geo.build import ADMIN, COUNTRY, KINDS
from ...geo.normalize import fold
from ...records import PlaceMention
from .. import extensions  # noqa: F401  (registers doc._ extensions)
from .recognise import Mention, Recogniser
from .resolve import Resolver

PIPE_NAME = "frontwatch_toponyms"


class Toponyms:
    """The pipe: Recogniser + Resolver, built once in ``initialize``."""

    def __init__(self, nlp: Language, name: str, min_population: int, min_population_multi: int):
        self.name = name
        self.min_population = min_population
        self.min_population_multi = min_population_multi
        self.recogniser: Recogniser | None = None
        self.resolver: Resolver | None = None

    def initialize(self, get_examples=None, nlp: Language | None = None,
                   gazetteer: Gazetteer | None = None) -> None:
        if gazetteer is None:
            raise ValueError(f"{PIPE_NAME} needs a gazetteer: initialize(..., gazetteer=...)")
        self.recogniser = Recogniser(gazetteer, self.min_population, self.min_population_multi)
        self.resolver = Resolver(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        if self.recogniser is None or self.resolver is None:
            raise ValueError(f"{PIPE_NAME} is not initialised: use places.add_to(nlp, gazetteer)")
        doc._.places = places(doc, self.recogniser, self.resolver)
        return doc


def places(doc: Doc, recogniser: Recogniser, resolver: Resolver) -> list[PlaceMention]:
    """Place mentions of a parsed doc (char offsets into doc.text)."""
    mentions = recogniser.find(doc)
    mentions += apposed_mentions(doc, recogniser, mentions)
    demonyms = [e.text for e in doc.ents if e.label_ == "NORP"]
    choice = resolver.resolve(mentions, demonyms, sentence_areas(doc, mentions))
    gaz = recogniser.gaz
    out = demonym_places(doc, resolver)
    for m in mentions:
        row = choice.get(m.key)
        if row is None:
            continue
        c = gaz.candidate(row)
        kind = gaz.kind_of(row)
        precision = 4 if kind == COUNTRY else 3 if kind == ADMIN else (2 if m.near else 1)
        out.append(PlaceMention(
            article_id=doc._.article_id or "", text=m.text, start=m.start, end=m.end,
            name=c.name, geonameid=c.geonameid, latitude=c.lat, longitude=c.lon,
            country_code=c.country_code, admin1=c.admin1, kind=KINDS[kind], precision=precision,
        ))
    out.sort(key=lambda p: p.start)
    return out


def apposed_mentions(doc: Doc, recogniser: Recogniser, mentions: list[Mention]) -> list[Mention]:
    """Names the recogniser left out that a parenthesis locates: "Kagara (Rafi LGA, Niger)"."""
    from .area_appositions import apposed_names
    taken = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    out = []
    for i, j, rows in apposed_names(doc, recogniser.gaz, taken):
        span = doc[i:j]
        m = Mention(span.start_char, span.end_char, i, j, span.text, fold(span.text), "apposition", rows)
        recogniser.add_cues(doc, m)
        out.append(m)
    return out


def sentence_areas(doc: Doc, mentions: list[Mention]) -> dict[str, frozenset[str]]:
    """Per mention key, the area keys named in the sentences of its mentions."""
    from frontwatch.geo.areas import named_areas
    out: dict[str, frozenset[str]] = {}
    by_sent: dict[int, frozenset[str]] = {}
    for m in mentions:
        sent = doc[m.tok_start].sent if doc.has_annotation("SENT_START") else doc[:]
        keys = by_sent.get(sent.start)
        if keys is None:
            keys = by_sent[sent.start] = named_areas(sent.text)
        out[m.key] = out.get(m.key, frozenset()) | keys
    return out


def demonym_country(text: str, resolver: Resolver) -> int | None:
    """Gazetteer row (country or continent) a demonym names: "Syrian", "Palestinians"."""
    gaz = resolver.gaz
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for form in (" ".join(words), " ".join(words)[:-1] if text.endswith("s") else ""):
        if not form:
            continue
        cc = resolver.demonyms.get(form)
        if cc:
            return gaz.country_row(cc)
        continent = CONTINENT_DEMONYMS.get(form)
        if continent:
            rows = [r for r, exact in gaz.rows_for(continent, fuzzy=False)
                    if exact and not gaz.country_of(r) and gaz.kind_of(r) == ADMIN]
            if rows:
                return rows[0]
    return None


def demonym_places(doc: Doc, resolver: Resolver) -> list[PlaceMention]:
    """Demonyms the model tags NORP, resolved to their country (kind "demonym", precision 4).

    They locate the people or things they qualify, not an event: event places skip them.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        row = demonym_country(ent.text, resolver)
        if row is None:
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        span = doc[start:ent.end]
        c = resolver.gaz.candidate(row)
        out.append(PlaceMention(
            article_id=doc._.article_id or "", text=span.text, start=span.start_char,
            end=span.end_char, name=c.name, geonameid=c.geonameid, latitude=c.lat,
            longitude=c.lon, country_code=c.country_code or None, admin1=c.admin1 or None,
            kind="demonym", precision=4,
        ))
    return out


def places_for_spans(doc: Doc, spans: list[tuple[int, int]], recogniser: Recogniser,
                     resolver: Resolver) -> list[PlaceMention]:
    """Resolve given char spans (recognition skipped): for evaluating resolution alone."""
    mentions, out = [], []
    recogniser.doc_countries = set()  # no recognition: no article countries to fold names in
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        demonym = demonym_country(span.text, resolver)
        if demonym is not None:  # "Russian": the country, as in ``demonym_places``
            c = recogniser.gaz.candidate(demonym)
            out.append(PlaceMention(doc._.article_id or "", span.text, span.start_char,
                                    span.end_char, c.name, c.geonameid, c.lat, c.lon,
                                    c.country_code, c.admin1, "demonym", 4))
            continue
        m = Mention(span.start_char, span.end_char, span.start, span.end, span.text,
                    fold(span.text), "given", recogniser.rows(span.text))
        recogniser.add_cues(doc, m)
        mentions.append(m)
    demonyms = [e.text for e in doc.ents if e.label_ == "NORP"]
    choice = resolver.resolve(mentions, demonyms)
    for m in mentions:
        row = choice.get(m.key)
        if row is not None:
            c = recogniser.gaz.candidate(row)
            out.append(PlaceMention(doc._.article_id or "", m.text, m.start, m.end, c.name,
                                    c.geonameid, c.lat, c.lon, c.country_code, c.admin1, c.kind))
    return out


@Language.factory(
    PIPE_NAME,
    assigns=["doc._.places"],
    requires=["doc.ents", "token.pos", "token.is_sent_start"],
    default_config={"min_population": 2000, "min_population_multi": 1000},
)
def make_toponyms(nlp: Language, name: str, min_population: int, min_population_multi: int) -> Toponyms:
    return Toponyms(nlp, name, min_population, min_population_multi)


def add_to(nlp: Language, gazetteer: Gazetteer, **config) -> Toponyms:
    """Add the pipe after "ner" (or last) and initialise it with the gazetteer."""
    if PIPE_NAME in nlp.pipe_names:
        pipe = nlp.get_pipe(PIPE_NAME)
    else:
        where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
        pipe = nlp.add_pipe(PIPE_NAME, config=config or {}, **where)
    pipe.initialize(lambda: [], nlp=nlp, gazetteer=gazetteer)
    return pipe
