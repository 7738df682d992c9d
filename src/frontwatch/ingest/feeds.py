"""RSS and Atom feeds to articles (feedparser); each entry is one article."""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import feedparser

from ..errors import EmptyInputError, IngestError, MalformedInputError
from ..records import Article
from .html import host_of, strip_markup
from .published import parse_published, publication
from .text import one_line, require_text


def feed_articles(data: bytes, *, source: str, published: date | None = None,
                  content_type: str | None = None) -> Iterator[Article | IngestError]:
    """One article per feed entry; a bad entry is yielded as an error, the rest still read.

    ``data`` is the raw document (already checked to be text) so that feedparser honours the
    feed's own XML encoding declaration.
    """
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                                  sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # a parser failure on one feed must not stop the others
        yield MalformedInputError(f"the feed could not be parsed ({type(exc).__name__}: {exc})",
                                  source)
        return
    if not parsed.entries:
        if parsed.bozo:
            reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
            detail = reason() if callable(reason) else str(parsed.get("bozo_exception", ""))
            yield MalformedInputError(
                f"not a readable RSS/Atom feed ({detail or 'parse error'}); check that the "
                "file or URL is a feed and is complete", source)
        else:
            yield EmptyInputError("the feed has no entries", source)
        return
    feed = parsed.feed
    outlet = one_line(feed.get("title"))
    language = (feed.get("language") or "en")[:2].lower()
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{n}"
        try:
            yield _entry_article(entry, where=where, outlet=outlet, language=language,
                                 published=published)
        except IngestError as exc:
            yield exc


def _entry_article(entry, *, where: str, outlet: str | None, language: str,
                   published: date | None) -> Article:
    link = one_line(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # feedparser may copy a non-URL id (urn:...) into link
    guid = one_line(entry.get("id"))
    ident = link or guid
    if not ident:
        raise MalformedInputError("feed entry has neither a link nor a guid/id", where)
    title = one_line(entry.get("title"))
    text = require_text(strip_markup(_content(entry)), where, f"feed entry {ident}")
    day, evidence = publication(_entry_date(entry, where), text, published, where)
    return Article(
        id=ident, text=text, title=title, url=link, outlet=outlet or host_of(link),
        published=day, published_evidence=evidence, language=language,
    )


def _content(entry) -> str:
    """The fullest text an entry carries: content:encoded / Atom content, else summary."""
    bodies = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if bodies:
        return max(bodies, key=len)
    return entry.get("summary", "") or ""


def _entry_date(entry, where: str) -> date | None:
    """The entry's date as the feed writes it (the publisher's own day: feedparser's parsed
    forms are in UTC and may move it); an unreadable date is an error for this entry."""
    for name in ("published", "updated", "created"):
        raw = dict.get(entry, name)  # not the feedparser alias (a DeprecationWarning)
        if isinstance(raw, str) and raw.strip():
            return parse_published(raw, where, f"entry {name}")
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, name)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
