"""POST /api/articles: ingest one article (text, JSON or an http(s) URL) through the Monitor.

Needs a bearer API token; the body is capped, the rate is limited per token. A URL is
fetched by the ingest package, which refuses private and loopback addresses unless
``allow_private_urls`` is set.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...errors import IngestError
from ...records import Article, normalize_text
from ..params import ApiError, parse_date
from ..queries import safe_link
from ..security import require_token

router = APIRouter(tags=["articles"])
_LOCK = threading.Lock()  # one pipeline run at a time: the spaCy Language is shared


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is larger than {limit} bytes", "body")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the body is larger than {limit} bytes", "body")
        chunks.append(chunk)
    return b"".join(chunks)


def _field(data: dict, name: str, max_len: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise ApiError(422, f"{name} must be a string of at most {max_len} characters", name)
    return value.strip() or None


MAX_JSON_DEPTH = 32  # an article is a flat object; deeper bodies are refused before parsing


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _depth_exceeds(text: str, limit: int) -> bool:
    """True when brackets outside strings nest deeper than ``limit`` (linear, in the regex engine)."""
    depth = 0
    for ch in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if ch in "[{" else -1
        if depth > limit:
            return True
    return False


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    ctype = content_type.split(";")[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(422, "the body must be UTF-8", "body") from None
    if ctype == "text/plain":
        return {"text": text}
    if ctype != "application/json":
        raise ApiError(415, "send application/json ({text, title, url, outlet, published} "
                            "or {url}) or text/plain", "Content-Type")
    if _depth_exceeds(text, MAX_JSON_DEPTH):
        raise ApiError(422, f"the JSON body nests deeper than {MAX_JSON_DEPTH} levels", "body")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ApiError(422, "the body is not valid JSON", "body") from None
    if not isinstance(data, dict):
        raise ApiError(422, "the JSON body must be an object", "body")
    return data


def _ingest(monitor, queries, data: dict[str, Any]) -> dict[str, Any]:
    published: date | None = parse_date(_field(data, "published", 40), "published")
    text = _field(data, "text", 10**8)
    url = _field(data, "url", 2000)
    if url and safe_link(url) is None:
        raise ApiError(422, "url must be an http:// or https:// address", "url")
    with _LOCK:
        if text is None:
            if not url:
                raise ApiError(422, "send text, or a url to fetch", "text")
            report = monitor.ingest([url], published=published)
            if report.errors:
                raise ApiError(422, f"cannot ingest the URL: {report.errors[0]}", "url")
            ids = report.stored or report.duplicates
            stored = bool(report.stored)
        else:
            text = normalize_text(text)
            if not text:
                raise ApiError(422, "text is empty", "text")
            article = Article(
                id="api-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], text=text,
                title=_field(data, "title", 1000), url=url, outlet=_field(data, "outlet", 300),
                published=published)
            stored = False
            if not monitor.store.has_article(article):
                result = next(monitor.analyse([article]))
                # as Monitor.ingest does: control claims in the article's transaction, then fusion
                stored = monitor.store.add(result.article, result.events, result.places,
                                           result.control_claims)
                if stored:
                    monitor.fuse()
            ids = [article.id]
    queries.recheck()
    return {"stored": stored, "duplicate": not stored, "article_ids": ids,
            "event_ids": [x for i in ids for x in queries.ids_for_article(i)]}


@router.post("/api/articles", status_code=201, summary="Ingest one article (bearer token needed)")
async def post_article(request: Request, who: str = Depends(require_token)):
    raw = await _body(request, request.app.state.max_body)
    data = _parse(raw, request.headers.get("content-type", ""))
    try:
        result = await run_in_threadpool(_ingest, request.app.state.monitor,
                                         request.app.state.queries, data)
    except IngestError as exc:
        raise ApiError(422, f"cannot ingest: {exc}", "body") from exc
    result["by"] = who
    return JSONResponse(result, status_code=201 if result["stored"] else 200)
