"""Issue 15's fetch probes as regression tests, against servers on 127.0.0.1 only: DNS
rebinding (one resolution per fetch, pinned for the connection), IPv6 forms embedding an IPv4
address, and slow headers (one deadline covers the whole fetch)."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from frontwatch.errors import FetchError
from frontwatch.ingest import read_sources
from frontwatch.ingest.web import is_public_address
from frontwatch.records import Article
from frontwatch.settings import Settings


def read(*sources, **settings):
    return list(read_sources(list(sources), settings=Settings(**settings)))


@pytest.fixture
def rebinding_dns(monkeypatch):
    """The outside network's DNS for one name: the first answer is 127.0.0.1 (where the test
    server listens), every later answer 127.0.0.2 (nothing listens there)."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        asked.append(host)
        address = "127.0.0.1" if len(asked) == 1 else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("guard", [True, False])
def test_one_resolution_per_fetch_and_the_connection_uses_it(http_server, rebinding_dns,
                                                             monkeypatch, guard):
    """The rebinding attack: the guard's answer passes, a second answer points elsewhere.
    Here 127.0.0.1 (the test server) stands for a public server: the guard accepts it."""
    import frontwatch.ingest.web as web

    real = web.is_public_address
    monkeypatch.setattr(web, "is_public_address", lambda a: a == "127.0.0.1" or real(a))
    (http_server.root / "a.txt").write_text("Rebels shelled Idlib on Sunday, killing three.")
    url = f"http://rebind.test:{http_server.port}/a.txt"
    (got,) = read(url, allow_private_urls=not guard)
    assert isinstance(got, Article), got  # fetched from the checked address, not the second answer
    assert rebinding_dns == ["rebind.test"]
    path, headers = http_server.requests[-1]
    assert path == "/a.txt" and headers["Host"] == f"rebind.test:{http_server.port}"


def test_a_name_resolving_to_loopback_is_refused_before_connecting(http_server, rebinding_dns):
    """Without the stand-in above, the first answer (loopback) is refused: nothing is fetched."""
    (http_server.root / "a.txt").write_text("secret")
    (got,) = read(f"http://rebind.test:{http_server.port}/a.txt")
    assert isinstance(got, FetchError) and "non-public" in str(got)
    assert http_server.requests == []


@pytest.mark.parametrize("address", [
    "64:ff9b::7f00:1", "64:ff9b::808:808", "64:ff9b:1::a00:1",  # NAT64 (even of a public IPv4)
    "2002:7f00:1::1", "2002:808:808::1",  # 6to4
    "::127.0.0.1", "::8.8.8.8",  # IPv4-compatible
    "::ffff:127.0.0.1", "::ffff:8.8.8.8", "::ffff:0:a00:1",  # IPv4-mapped, SIIT
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "not-an-address",
])
def test_ipv6_forms_embedding_ipv4_are_refused(address):
    assert is_public_address(address) is False


def test_public_ipv6_still_allowed():
    assert is_public_address("2001:4860:4860::8888") and is_public_address("2a00:1450:4001::1")


@pytest.fixture
def slow_header_server():
    """A server on 127.0.0.1 sending a valid response's headers one byte every 0.1 s (about
    10 s in all), then its body."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    stop = threading.Event()
    response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"p" * 40
                + b"\r\nContent-Length: 47\r\n\r\nRebels shelled Idlib on Sunday, killing three.")

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(65536)
                    for i in range(len(response)):
                        if stop.is_set():
                            break
                        conn.sendall(response[i:i + 1])
                        if i < 100:
                            time.sleep(0.1)
                except OSError:
                    pass  # the client gave up: what the test expects

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/slow.txt"
    stop.set()
    thread.join(timeout=5)
    srv.close()


def test_slow_headers_cannot_hold_a_fetch_past_its_timeout(slow_header_server):
    (got,) = read(slow_header_server, allow_private_urls=True, http_timeout=1.0)
    assert isinstance(got, FetchError), got
    assert "1 s" in str(got)
