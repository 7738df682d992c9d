"""Fetching URLs with httpx: timeouts, a streamed size cap, redirects and an SSRF guard."""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, InputTooLargeError
from ..settings import Settings

MAX_REDIRECTS = 5
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8, "
          "*/*;q=0.5")


@dataclass
class Fetched:
    """A downloaded document: final URL (after redirects), bytes, and declared type."""

    url: str
    data: bytes
    media_type: str | None
    charset: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def open_client(settings: Settings) -> httpx.Client:
    """One client for a run: connection reuse, timeout and User-Agent from the settings."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.http_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
        follow_redirects=False,
    )


def fetch(url: str, settings: Settings, client: httpx.Client) -> Fetched:
    """GET ``url``; raise ``FetchError`` / ``InputTooLargeError`` with what to do about it."""
    deadline = time.monotonic() + settings.http_timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        check_url(current, allow_private=settings.allow_private_urls, source=url)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect and response.headers.get("location"):
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        f"the server answered HTTP {response.status_code} "
                        f"{response.reason_phrase}; check the URL", url)
                data = _read_capped(response, settings.max_bytes, deadline, url)
                media_type, charset = _content_type(response.headers.get("content-type"))
                return Fetched(str(response.url), data, media_type, charset)
        except httpx.TimeoutException as exc:
            raise FetchError(f"no answer within {settings.http_timeout:g} s "
                             f"({type(exc).__name__}); try again later or raise http_timeout",
                             url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch it ({type(exc).__name__}: {exc}); check the URL "
                             "and your network", url) from exc
    raise FetchError(f"more than {MAX_REDIRECTS} redirects; give the final URL", url)


def check_url(url: str, *, allow_private: bool, source: str) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts on private or loopback addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs can be fetched, not {url!r}", source)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {parts.hostname!r} not found ({exc}); check the URL",
                         source) from exc
    for info in infos:
        address = info[4][0]
        if not is_public_address(address):
            raise FetchError(
                f"refused: {parts.hostname} resolves to the non-public address {address} "
                "(private, loopback or link-local); set allow_private_urls "
                "(FRONTWATCH_ALLOW_PRIVATE_URLS=1) only if you trust this source", source)


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast IP address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLargeError(
            f"the server announces {int(declared):,} bytes, over the {max_bytes:,}-byte "
            "limit; raise max_bytes (FRONTWATCH_MAX_BYTES) if you need it", url)
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise InputTooLargeError(
                f"the download passed the {max_bytes:,}-byte limit and was stopped; raise "
                "max_bytes (FRONTWATCH_MAX_BYTES) if you need it", url)
        if time.monotonic() > deadline:
            raise FetchError("the download took longer than the http_timeout setting", url)
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower() or None, charset
