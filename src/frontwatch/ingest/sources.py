"""``read_sources``: paths (files, folders) and URLs to articles, errors yielded not raised."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from ..errors import EmptyInputError, IngestError
from ..records import Article, check_date
from ..settings import Settings
from .feeds import feed_articles
from .html import host_of, html_article
from .jsonl import json_articles, jsonl_articles
from .published import parse_published, publication
from .sidecar import Sidecars, is_sidecar
from .text import decode, one_line, read_file, require_text, title_line
from .web import fetch, is_url, open_client

Item = Article | IngestError

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
MEDIA_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl", "text/plain": "text",
}
# Documentation files that sit beside articles in a folder and are not articles.
DOC_STEMS = {"readme", "license", "licenses", "licence", "copying", "changelog", "notice"}


def read_sources(sources: Iterable[str], *, settings: Settings,
                 published: date | None = None) -> Iterator[Item]:
    """Articles from each source in turn; a bad source or record is yielded as an IngestError.

    A source is a file, a folder (read recursively in sorted order) or an http(s) URL.
    ``published`` fills in the date only where the source gives none.
    """
    reader = Reader(settings, published)
    try:
        for source in sources:
            yield from reader.read(os.fspath(source))
    finally:
        reader.close()


class Reader:
    """Holds what a run shares: settings, the sidecar cache and one HTTP client."""

    def __init__(self, settings: Settings, published: date | None = None):
        self.settings = settings
        self.published = published
        self.sidecars = Sidecars(settings.max_bytes)
        self._client: httpx.Client | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def read(self, source: str) -> Iterator[Item]:
        try:
            if is_url(source):
                yield from self.read_url(source)
                return
            path = Path(source).expanduser()
            if path.is_dir():
                yield from self.read_folder(path)
            elif path.is_file():
                yield from self.read_file(path)
            elif "://" in source:
                yield IngestError("only http:// and https:// URLs can be read", source)
            else:
                yield IngestError("no such file or folder; check the path", source)
        except IngestError as exc:
            yield exc
        except OSError as exc:
            yield IngestError(f"could not be read ({exc.strerror or exc}); check permissions",
                              source)

    # ------------------------------------------------------------------ files
    def read_folder(self, folder: Path) -> Iterator[Item]:
        files = [p for p in _walk(folder) if self._wanted(p)]
        if not files:
            yield EmptyInputError(
                "the folder holds no readable files (" + ", ".join(sorted(EXTENSIONS)) + ")",
                str(folder))
        for path in files:
            try:
                yield from self.read_file(path)
            except IngestError as exc:
                yield exc
            except OSError as exc:
                yield IngestError(f"could not be read ({exc.strerror or exc})", str(path))

    def _wanted(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        if suffix and suffix not in EXTENSIONS:
            return False
        if path.stem.lower() in DOC_STEMS:
            return False
        return not is_sidecar(path, self.settings.max_bytes)

    def read_file(self, path: Path) -> Iterator[Item]:
        source = str(path)
        data = read_file(path, self.settings.max_bytes, source)
        text = decode(data, source)
        kind = EXTENSIONS.get(path.suffix.lower()) or sniff(text)
        if kind in ("feed", "json", "jsonl"):
            yield from self._records(kind, data, text, source=source, name=path.name)
            return
        meta = self.sidecars.lookup(path) or {}
        ident = one_line(meta.get("id")) or path.name
        if kind == "html":
            article = html_article(text, source=source, article_id=ident,
                                   url=one_line(meta.get("url")), published=self.published)
        else:
            article = text_article(text, source=source, article_id=ident,
                                   published=self.published)
        yield apply_metadata(article, meta, f"{self.sidecars.index_of(path)} (id {ident!r})")

    def _records(self, kind: str, data: bytes, text: str, *, source: str, name: str,
                 content_type: str | None = None) -> Iterator[Item]:
        """The articles of a many-record document: a feed, JSON or JSON Lines."""
        if kind == "feed":
            yield from feed_articles(data, source=source, published=self.published,
                                     content_type=content_type)
        elif kind == "json":
            yield from json_articles(text, source=source, name=name, published=self.published)
        else:
            yield from jsonl_articles(text, source=source, name=name, published=self.published)

    # ------------------------------------------------------------------ URLs
    def read_url(self, url: str) -> Iterator[Item]:
        if self._client is None:
            self._client = open_client(self.settings)
        got = fetch(url, self.settings, self._client)
        text = decode(got.data, url, charset=got.charset)
        kind = url_kind(got.media_type, text)
        if kind in ("feed", "json", "jsonl"):
            header = got.media_type and (got.media_type + (f"; charset={got.charset}"
                                                           if got.charset else ""))
            yield from self._records(kind, got.data, text, source=url, name=url,
                                     content_type=header)
        elif kind == "html":
            yield html_article(text, source=url, article_id=url, url=got.url,
                               published=self.published)
        else:
            yield text_article(text, source=url, article_id=url, url=got.url,
                               outlet=host_of(got.url), published=self.published)

def text_article(text: str, *, source: str, article_id: str, url: str | None = None,
                 outlet: str | None = None, published: date | None = None) -> Article:
    """A plain-text article, kept whole (offsets stay true to the file); the title is its
    first line when written as: title line, blank line, body."""
    text = require_text(text, source)
    day, evidence = publication(None, text, published, source)
    return Article(id=article_id, text=text, title=title_line(text), url=url, outlet=outlet,
                   published=day, published_evidence=evidence)


def apply_metadata(article: Article, meta: dict[str, Any], source: str | None = None) -> Article:
    """The article with sidecar metadata (title, url, outlet, published, language) applied;
    an unreadable sidecar ``published`` is an ``InvalidDateError`` for this article."""
    if not meta:
        return article
    changes: dict[str, Any] = {}
    for name in ("title", "url", "outlet", "language"):
        value = one_line(meta.get(name))
        if value:
            changes[name] = value[:2].lower() if name == "language" else value
    day = check_date(parse_published(meta.get("published"), source or article.id,
                                     "sidecar published"), "sidecar published", source)
    if day:
        changes["published"] = day
        changes["published_evidence"] = None
    if not changes:
        return article
    fields = {**article.__dict__, **changes}
    if "url" in changes:
        fields["key"] = ""
    return Article(**fields)


def sniff(text: str) -> str:
    """The kind of a document from its first characters: feed, html, json or text."""
    head = text.lstrip()[:2048].lower()
    if head.startswith("<?xml"):
        return "html" if "<html" in head else "feed"
    if head.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "feed"
    if head.startswith(("<!doctype html", "<html", "<head", "<body")) or "<html" in head[:512]:
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "text"


def url_kind(media_type: str | None, text: str) -> str:
    """The kind of a download: explicit feed/JSON types win, else the content decides."""
    by_type = MEDIA_TYPES.get(media_type or "")
    if by_type in ("feed", "json", "jsonl"):
        return by_type
    sniffed = sniff(text)
    if sniffed == "text":
        return by_type or "text"
    return sniffed


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in sorted path order, skipping hidden files and folders."""
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)
