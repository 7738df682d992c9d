"""Fetching URLs with httpx: timeouts, a streamed size cap, redirects and an SSRF guard.

Each hop of a fetch resolves its host name once (``resolve``); the guard checks those
addresses and the connection is made to the first of them (``PinnedBackend``: the Host header
and TLS SNI stay the name), so a second DNS answer (rebinding) is never used. One deadline
(``http_timeout``) covers the whole fetch: connecting, the headers, the body.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
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
    """GET ``url``; raise ``FetchError`` / ``InputTooLargeError`` with what to do about it.

    ``client`` gives the headers (User-Agent, Accept); each hop connects through its own
    transport pinned to the address the guard checked, under one deadline for the fetch."""
    deadline = time.monotonic() + settings.http_timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        address = check_url(current, allow_private=settings.allow_private_urls, source=url)
        pinned = httpx.Client(transport=pinned_transport(address, deadline),
                              headers=client.headers, timeout=client.timeout,
                              follow_redirects=False, trust_env=False)
        try:
            with pinned, pinned.stream("GET", current) as response:
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


def resolve(host: str, port: int, source: str) -> list[str]:
    """The addresses of ``host`` (one DNS resolution), or ``FetchError``."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"host {host!r} not found ({exc}); check the URL", source) from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"host {host!r} has no address; check the URL", source)
    return addresses


def check_url(url: str, *, allow_private: bool, source: str) -> str:
    """The address to connect to for ``url``: the host resolved once; refuse non-http(s) URLs
    and, unless allowed, a host with any private, loopback or IPv4-embedding address."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"the URL has an invalid port ({exc})", source) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs can be fetched, not {url!r}", source)
    addresses = resolve(parts.hostname, port, source)
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise FetchError(
                    f"refused: {parts.hostname} resolves to the non-public address {address} "
                    "(private, loopback, link-local or an IPv6 form embedding an IPv4 address); "
                    "set allow_private_urls (FRONTWATCH_ALLOW_PRIVATE_URLS=1) only if you trust "
                    "this source", source)
    return addresses[0]


# IPv6 ranges that carry an IPv4 address inside (NAT64, 6to4, Teredo, IPv4-mapped and
# -compatible, SIIT): refused whole, whatever the IPv4 address they embed.
_EMBEDDING = tuple(ipaddress.ip_network(n) for n in (
    "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32", "::ffff:0:0/96", "::/96",
    "::ffff:0:0:0/96"))


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast IP address (never an IPv4-embedding IPv6 form)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if ip.version == 6 and any(ip in net for net in _EMBEDDING):
        return False
    return ip.is_global and not ip.is_multicast


# ---------------------------------------------------------------------------- pinned transport

def pinned_transport(address: str, deadline: float) -> httpx.HTTPTransport:
    """An httpx transport whose connections go to ``address`` (already checked), whatever
    host the request names (its Host header and TLS SNI), and stop at ``deadline``."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # httpx builds its pool without a backend hook
        ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=1,
        network_backend=PinnedBackend(address, deadline))
    return transport


class PinnedBackend(httpcore.NetworkBackend):
    """Connects to one fixed address; every socket operation ends by the deadline."""

    def __init__(self, address: str, deadline: float):
        self.address = address
        self.deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None):
        stream = self._inner.connect_tcp(self.address, port, _left(self.deadline, timeout,
                                                                   httpcore.ConnectTimeout),
                                         local_address, socket_options)
        return DeadlineStream(stream, self.deadline)

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None):
        raise httpcore.ConnectError("unix sockets are never used for fetching URLs")

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, self.deadline - time.monotonic())))


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes time out at a fixed deadline (so a server
    sending its headers one byte a second cannot hold the fetch past ``http_timeout``)."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float):
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(self.deadline, timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(self.deadline, timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> "DeadlineStream":
        inner = self.inner.start_tls(ssl_context, server_hostname,
                                     _left(self.deadline, timeout, httpcore.ConnectTimeout))
        return DeadlineStream(inner, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


def _left(deadline: float, timeout: float | None, error: type[Exception]) -> float:
    """Seconds left before ``deadline`` (at most ``timeout``); ``error`` once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the fetch passed its deadline (http_timeout)")
    return left if timeout is None else min(timeout, left)


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
