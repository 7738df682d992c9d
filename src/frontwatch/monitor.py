"""The Monitor: the one long-lived object that owns the heavy state.

It loads the spaCy pipeline, the gazetteer and the store lazily, once, and offers the
library's main operations. Everything else in frontwatch is plain functions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from .errors import IngestError
from .records import Article, Event, PlaceMention
from .settings import Settings

Progress = Callable[[int], None]


@dataclass
class Analysis:
    """What the pipeline found in one article."""

    article: Article
    events: list[Event]
    places: list[PlaceMention]
    control_claims: list = field(default_factory=list)  # fuse.ControlClaim (frontwatch_control)


@dataclass
class IngestReport:
    """Summary of one ``Monitor.ingest`` run."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)  # stored without a publication date
    events: int = 0
    places: int = 0
    fusion: Any = None  # fuse.service.FusionResult of the fusion run after storing

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": len(self.stored), "duplicates": len(self.duplicates), "undated": len(self.undated),
            "errors": [str(e) for e in self.errors], "events": self.events, "places": self.places,
        }


class Monitor:
    """Owns the NLP pipeline, gazetteer and store; see the package docstring for use."""

    def __init__(self, settings: Settings | None = None, **overrides: Any):
        self.settings = (settings or Settings.from_env()).with_(**overrides)

    # ------------------------------------------------------------------ heavy state
    @cached_property
    def gazetteer(self):
        from .geo import Gazetteer

        return Gazetteer.open(self.settings.cache_dir)

    @cached_property
    def nlp(self):
        from .nlp.pipeline import build_pipeline

        return build_pipeline(self.settings.model, self.gazetteer)

    @cached_property
    def store(self):
        from .store import Store

        return Store(self.settings.db_url)

    @cached_property
    def fusion(self):
        from .fuse.service import FusionService

        return FusionService(self.store)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]
        self.__dict__.pop("fusion", None)

    def __enter__(self) -> "Monitor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading inputs
    def read(self, sources: Iterable[str], published: date | None = None) -> Iterator[Article | IngestError]:
        """Articles from files, folders, JSON/JSONL, feeds or URLs; errors are yielded, not raised."""
        from .ingest import read_sources

        yield from read_sources(sources, settings=self.settings, published=published)

    # ------------------------------------------------------------------ analysis
    def analyse(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Run the pipeline over articles (batched through ``nlp.pipe``)."""
        nlp = self.nlp
        for doc, article in nlp.pipe(_docs(nlp, articles), as_tuples=True,
                                     batch_size=self.settings.batch_size):
            yield Analysis(article, list(doc._.events or []), list(doc._.places or []),
                           list(getattr(doc._, "control_claims", None) or []))

    def extract(self, article: Article | str, published: date | None = None) -> list[Event]:
        """Events of one article (an Article or bare text)."""
        return next(self.analyse([_as_article(article, published)])).events

    def geoparse(self, article: Article | str, published: date | None = None) -> list[PlaceMention]:
        """Place mentions of one article (an Article or bare text)."""
        return next(self.analyse([_as_article(article, published)])).places

    # ------------------------------------------------------------------ storing
    def ingest(self, sources: Iterable[str], published: date | None = None,
               progress: Progress | None = None, fuse: bool = True) -> IngestReport:
        """Read, analyse and store; each article lands with its events in one transaction.
        Then (``fuse``) the new events are fused into canonical events (``Monitor.fuse``)."""
        report = IngestReport()
        store = self.store
        seen: set[str] = set()
        ids: set[str] = set()

        def fresh() -> Iterator[Article]:
            for item in self.read(sources, published=published):
                if progress:
                    progress(1)
                if isinstance(item, IngestError):
                    report.errors.append(item)
                elif item.key in seen or item.content_hash in seen or store.has_article(item):
                    report.duplicates.append(item.id)
                else:
                    item = _distinct_id(item, store, ids)
                    seen.update((item.key, item.content_hash))
                    ids.add(item.id)
                    yield item

        for result in self.analyse(fresh()):
            if store.add(result.article, result.events, result.places, result.control_claims):
                report.stored.append(result.article.id)
                if result.article.published is None:
                    report.undated.append(result.article.id)
                report.events += len(result.events)
                report.places += len(result.places)
            else:
                report.duplicates.append(result.article.id)
        if fuse:
            report.fusion = self.fusion.update()
        return report

    def events(self, **filters: Any) -> list[Event]:
        """Stored events matching the filters (see ``Store.events``)."""
        return self.store.events(**filters)

    # ------------------------------------------------------------------ fusion
    def fuse(self, full: bool = False):
        """Fuse stored events not fused yet; ``full`` re-fuses the whole store (FusionResult)."""
        return self.fusion.refuse() if full else self.fusion.update()

    def fused_events(self, as_of: datetime | None = None, **filters: Any) -> list[dict]:
        """Canonical events (records) matching the filters (see ``store.fused.events_query``);
        ``as_of`` gives them as they stood then."""
        from .store import fused

        if as_of is not None:
            return fused.filter_records(fused.as_of(self.store, as_of), **filters)
        return fused.events(self.store, **filters)

    def updated_since(self, when: datetime) -> dict[str, Any]:
        """Canonical events changed after ``when`` and the ids deleted after it."""
        from .store import fused

        return fused.updated_since(self.store, when)

    def control(self, place: str | None = None, at: date | str | None = None,
                bbox: Iterable[float] | None = None) -> list[dict]:
        """Control periods of matching places (a timeline), or who held what on day ``at``."""
        return self.fusion.control(place=place, at=at, bbox=bbox)


def _distinct_id(article: Article, store, taken: set[str]) -> Article:
    """The article, under a new id when its id already names a different text (two files
    called ``report.txt`` in different folders, JSONL records sharing an ``id``): the id gets
    ``~`` and the start of its content hash. Never merges, never drops (same text or same URL
    is a duplicate before this point)."""
    ident = article.id
    n = 12
    while ident in taken or store.article(ident) is not None:
        ident = f"{article.id}~{article.content_hash[:n]}"
        n += 4
        if n > 64:
            ident = f"{article.id}~{article.content_hash}~{len(taken)}"
            break
    if ident != article.id:
        article.id = ident
    return article


def _as_article(article: Article | str, published: date | None) -> Article:
    if isinstance(article, Article):
        if published and not article.published:
            from .records import check_date

            article.published = check_date(published, "published", article.id)
        return article
    return Article(id="text", text=article, published=published)


def _docs(nlp, articles: Iterable[Article]):
    """Docs carrying their article id and publication date before any component runs."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article_id = article.id
        doc._.published = article.published
        yield doc, article
