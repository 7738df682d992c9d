"""JSON and JSONL records to articles: one bad record is reported and the others read."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..errors import IngestError, MalformedInputError
from ..records import Article
from .html import host_of
from .published import parse_published, publication
from .text import require_text

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "published_at", "publishedAt", "date")
URL_FIELDS = ("url", "link")


def json_articles(text: str, *, source: str, name: str,
                  published: date | None = None) -> Iterator[Article | IngestError]:
    """Articles of a JSON file: a list of records, ``{"articles": [...]}`` or one record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several JSON values: JSON Lines under a .json name
            yield from jsonl_articles(text, source=source, name=name, published=published)
            return
        yield MalformedInputError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; fix the file "
            "or validate it with `python -m json.tool`", source)
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        records = data["articles"]
    elif isinstance(data, dict) and not any(f in data for f in TEXT_FIELDS):
        yield MalformedInputError(
            "JSON object has neither an 'articles' list nor a 'text' field; give a list of "
            "records, {\"articles\": [...]}, or one record with 'text'", source)
        return
    elif isinstance(data, dict):
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        yield MalformedInputError("JSON holds a bare value, not article records", source)
        return
    for n, record in enumerate(records, start=1):
        where = f"{source}#{n}" if len(records) > 1 or isinstance(data, list) else source
        yield _safe_record(record, where=where, fallback_id=f"{name}#{n}", published=published)


def jsonl_articles(text: str, *, source: str, name: str,
                   published: date | None = None) -> Iterator[Article | IngestError]:
    """Articles of a JSON Lines file: one record per line; blank lines are skipped."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedInputError(f"line {lineno} is not valid JSON ({exc.msg}, column "
                                      f"{exc.colno}); fix or remove that line", where)
            continue
        yield _safe_record(record, where=where, fallback_id=f"{name}:{lineno}",
                           published=published)


def _safe_record(record: Any, *, where: str, fallback_id: str,
                 published: date | None) -> Article | IngestError:
    try:
        return record_article(record, source=where, fallback_id=fallback_id, published=published)
    except IngestError as exc:
        return exc


def record_article(record: Any, *, source: str, fallback_id: str,
                   published: date | None = None) -> Article:
    """One JSON record to an Article; ``text`` (or ``body``/``content``) is required."""
    if not isinstance(record, dict):
        raise MalformedInputError(f"record is a JSON {type(record).__name__}, not an object",
                                  source)
    field = next((f for f in TEXT_FIELDS if f in record), None)
    if field is None:
        raise MalformedInputError(
            "record has no 'text' field (nor 'body' or 'content'); add the article text", source)
    if not isinstance(record[field], str):
        raise MalformedInputError(f"field {field!r} must be a string", source)
    text = require_text(record[field], source, f"field {field!r}")
    url = _string(record, URL_FIELDS)
    rid = record.get("id")
    day, evidence = publication(_record_date(record, source), text, published, source)
    return Article(
        id=str(rid) if rid not in (None, "") else (url or fallback_id),
        text=text,
        title=_string(record, ("title", "headline")),
        url=url,
        outlet=_outlet(record) or host_of(url),
        published=day,
        published_evidence=evidence,
        language=(_string(record, ("language", "lang")) or "en")[:2].lower(),
    )


def parse_date(value: Any) -> date | None:
    """A date as publishers write it (``published.parse_published``); None when unreadable."""
    try:
        return parse_published(value)
    except IngestError:
        return None


def _record_date(record: dict, source: str) -> date | None:
    field = next((f for f in DATE_FIELDS if record.get(f) not in (None, "")), None)
    if field is None:
        return None
    return parse_published(record[field], source, f"field {field!r}")


def _string(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _outlet(record: dict) -> str | None:
    source = record.get("source")
    if isinstance(source, dict):  # e.g. {"source": {"name": "..."}}
        source = source.get("name")
    named = _string(record, ("outlet", "site", "sitename"))
    if named:
        return named
    return " ".join(source.split()) if isinstance(source, str) and source.strip() else None
