"""Security plumbing: response headers (strict CSP) on every response, bearer-token auth,
per-token rate limit, and a per-client limit on wrong tokens."""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
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


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response it passes (set only where
    the route did not set its own)."""

    def __init__(self, app, headers: dict[str, str]):
        self.app = app
        self.raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.raw if k not in have]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RateLimiter:
    """At most ``per_minute`` events per key in any 60-second window (in memory).

    ``check(key)`` counts a request and raises a 429 ApiError (with Retry-After) past the
    limit; ``blocked(key)`` / ``record(key)`` check and count separately (failed logins).
    ``clock`` gives monotonic seconds (tests pass their own).
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 what: str = "requests"):
        self.per_minute, self.clock, self.what = per_minute, clock, what
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _window(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= 60:
            hits.popleft()
        return hits

    def blocked(self, key: str) -> None:
        """Raise 429 when ``key`` has used up its window (nothing counted)."""
        now = self.clock()
        with self._lock:
            hits = self._window(key, now)
            if len(hits) >= self.per_minute:
                retry = max(1, int(60 - (now - hits[0])) + 1)
                raise ApiError(429, f"limit of {self.per_minute} {self.what} a minute reached; "
                                    f"retry in {retry} s", "Authorization",
                               headers={"Retry-After": str(retry)})
            if not hits:
                del self._hits[key]  # quiet keys do not pile up

    def record(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            self._window(key, now).append(now)

    def check(self, key: str) -> None:
        self.blocked(key)
        self.record(key)


_bearer = HTTPBearer(auto_error=False, description="an API token from `frontwatch token create NAME`")


def client_key(request: Request) -> str:
    return request.client.host if request.client is not None else "?"


def require_token(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    """Dependency: the name of the bearer token's owner, after the rate limit checks.

    A read-only store answers 503 first. A client address that sent too many wrong tokens in
    the last minute gets 429 before its token is even looked at.
    """
    state = request.app.state
    if getattr(state, "read_only", False):
        raise ApiError(503, "this store is served read-only (no write permission on its file or "
                            "folder): writing endpoints are off", "store")
    client = client_key(request)
    state.auth_failures.blocked(client)
    token = credentials.credentials if credentials is not None else ""
    if not token.strip():
        raise ApiError(401, "send an API token as 'Authorization: Bearer <token>' "
                            "(create one with `frontwatch token create NAME`)", "Authorization")
    name = tokens.verify(state.engine, token.strip())
    if name is None:
        state.auth_failures.record(client)
        raise ApiError(401, "the API token is unknown or revoked", "Authorization")
    state.rate_limiter.check(tokens.digest(token.strip()))
    return name
