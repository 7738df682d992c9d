"""HTML pages to articles (trafilatura: main text without boilerplate, plus metadata)."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from html import unescape
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from ..errors import EmptyInputError, MalformedInputError
from ..records import Article
from .published import publication
from .text import one_line, require_text

_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "section", "article", "header", "footer", "ul", "ol", "table", "figure", "hr"}
# Date metadata only (meta tags, JSON-LD, <time>, URL): never dates guessed from body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_article(html: str, *, source: str, article_id: str, url: str | None = None,
                 published: date | None = None) -> Article:
    """The article in an HTML page: main text, title, date, outlet, canonical URL."""
    if looks_truncated(html):
        raise MalformedInputError(
            "the HTML stops before its closing </body></html> tags: the page looks truncated "
            "(an interrupted download?); fetch or save it again", source)
    params = dict(_DATE_PARAMS, max_date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_images=False,
            include_tables=True, date_extraction_params=params)
    except Exception as exc:  # a parser failure on one page must not stop the others
        raise MalformedInputError(f"the HTML could not be parsed ({type(exc).__name__}: {exc})",
                                  source) from exc
    if doc is None or not _has_prose(doc.text or ""):
        raise EmptyInputError(
            "no article text found in the HTML (only navigation or markup); check that the "
            "page is an article and not an index or a script-rendered page", source)
    title = one_line(doc.title)
    text = require_text(_paragraphs(doc.text), source, "the HTML page")
    page_url = url or _article_url(one_line(doc.url))
    day, evidence = publication(_iso_date(doc.date), text, published, source)
    return Article(
        id=article_id, text=text, title=title, url=page_url,
        outlet=one_line(doc.sitename) or host_of(page_url),
        published=day, published_evidence=evidence,
        language=html_language(html) or "en",
    )


def looks_truncated(html: str) -> bool:
    """True when a page opens <html> but closes neither </body> nor </html>."""
    lower = html.lower()
    return "<html" in lower and "</html>" not in lower and "</body>" not in lower


def strip_markup(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): tags removed, blocks on new lines."""
    if "<" not in fragment:
        return unescape(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return unescape(re.sub(r"<[^>]*>", " ", fragment))
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "".join(_iter_text(root))


def _iter_text(node):
    """Text of ``node`` in document order with blank lines around block elements."""
    block = isinstance(node.tag, str) and node.tag.lower() in _BLOCKS
    if block:
        yield "\n\n"
    if isinstance(node.tag, str) and node.text:
        yield node.text
    for child in node:
        yield from _iter_text(child)
        if child.tail:
            yield child.tail
    if block:
        yield "\n\n"


def html_language(html: str) -> str | None:
    """ISO 639-1 code from ``<html lang=...>``, if declared."""
    found = _LANG.search(html[:4096])
    return found.group(1).lower()[:2] if found else None


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``, as a fallback outlet name."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _has_prose(text: str) -> bool:
    """True when some line reads like a sentence (4+ words), not just menu labels."""
    return any(len(line.split()) >= 4 for line in text.split("\n"))


def _article_url(url: str | None) -> str | None:
    """A page's own canonical URL, unless it points at a site's front page (a common CMS slip)."""
    if not url or urlsplit(url).scheme not in ("http", "https") or urlsplit(url).path in ("", "/"):
        return None
    return url


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line; frontwatch separates paragraphs by a blank line."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
