"""Webhook delivery: POST each alert version as JSON, signed with HMAC-SHA256, retried with
exponential backoff, with an idempotency key so a receiver can drop repeats.

Headers: ``X-Frontwatch-Signature: sha256=<hex HMAC-SHA256 of the body with the shared
secret>``, ``Idempotency-Key: <alert id>:v<version>``, ``X-Frontwatch-Event: alert.<status>``.
A receiver verifies with ``verify(body, header, secret)``. 2xx is delivered; 4xx (but 408/429)
is a permanent failure; network errors, 408, 429 and 5xx are retried after ``backoff * 2**n``
seconds (the ``sleep`` function is injectable, so tests do not wait).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx

SIGNATURE_HEADER = "X-Frontwatch-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, header: str | None, secret: str) -> bool:
    return bool(header) and hmac.compare_digest(sign(body, secret), header)


def payload(rec: dict) -> bytes:
    body = {"type": f"alert.{rec.get('status', 'new')}", "alert": rec}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class Delivery:
    alert_id: str
    version: int
    status: str          # delivered | failed | skipped (already delivered)
    attempts: int = 0
    response: int | None = None
    error: str | None = None
    waits: list[float] = field(default_factory=list)


def deliver_one(rec: dict, url: str, secret: str, client: httpx.Client, retries: int = 4,
                backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> Delivery:
    body = payload(rec)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(body, secret),
               IDEMPOTENCY_HEADER: f"{rec['id']}:v{rec.get('version', 1)}",
               "X-Frontwatch-Event": f"alert.{rec.get('status', 'new')}"}
    d = Delivery(rec["id"], rec.get("version", 1), "failed")
    for attempt in range(retries + 1):
        if attempt:
            wait = backoff * 2 ** (attempt - 1)
            d.waits.append(wait)
            sleep(wait)
        d.attempts = attempt + 1
        try:
            resp = client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            d.error = f"{type(exc).__name__}: {exc}"
            continue
        d.response = resp.status_code
        if 200 <= resp.status_code < 300:
            d.status, d.error = "delivered", None
            return d
        d.error = f"HTTP {resp.status_code}"
        if 400 <= resp.status_code < 500 and resp.status_code not in (408, 429):
            return d
    return d


def deliver(records: Iterable[dict], url: str, secret: str, store=None, retries: int = 4,
            backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep, timeout: float = 10.0,
            client: httpx.Client | None = None) -> list[Delivery]:
    """Deliver alert versions to ``url``; with a store, versions already delivered to it are
    skipped and every outcome is recorded (table alert_deliveries)."""
    from ..store import alerts as db

    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False)
    out = []
    try:
        for rec in records:
            if store is not None and db.delivered(store, rec["id"], rec.get("version", 1), url):
                out.append(Delivery(rec["id"], rec.get("version", 1), "skipped"))
                continue
            d = deliver_one(rec, url, secret, client, retries, backoff, sleep)
            out.append(d)
            if store is not None:
                db.record_delivery(store, d.alert_id, d.version, url, d.status, d.attempts, d.response,
                                   d.error, datetime.now(timezone.utc))
    finally:
        if own:
            client.close()
    return out
