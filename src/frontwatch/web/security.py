"""Security plumbing: response headers (strict CSP), bearer-token auth, per-token rate limit."""
from __future__ import annotations

import threading
import time
from collections import deque
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from . import tokens
from .params import ApiError


def csp(tile_url: str | None = None) -> str:
    """Content-Security-Policy: only our own scripts, styles and data; no inline script."""
    img = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname
            if "{s}" in tile_url:
                host = "*." + host.split(".", 1)[1] if "." in host else host
            img += f" {parts.scheme}://{host}"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class RateLimiter:
    """At most ``per_minute`` requests per key in any 60-second window (in memory)."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                retry = int(60 - (now - hits[0])) + 1
                raise ApiError(429, f"rate limit of {self.per_minute} requests a minute reached; "
                                    f"retry in {retry} s", "Authorization")
            hits.append(now)


_bearer = HTTPBearer(auto_error=False, description="an API token from `frontwatch token create NAME`")


def require_token(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    """Dependency: the name of the bearer token's owner, after the rate limit check."""
    token = credentials.credentials if credentials is not None else ""
    if not token.strip():
        raise ApiError(401, "send an API token as 'Authorization: Bearer <token>' "
                            "(create one with `frontwatch token create NAME`)", "Authorization")
    name = tokens.verify(request.app.state.engine, token.strip())
    if name is None:
        raise ApiError(401, "the API token is unknown or revoked", "Authorization")
    request.app.state.rate_limiter.check(tokens.digest(token.strip()))
    return name
