"""ingest: URLs fetched from a real HTTP server on 127.0.0.1 (see conftest.http_server)."""
from __future__ import annotations

import shutil
import socket
import time
from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import (BinaryInputError, EncodingError, FetchError, InputTooLargeError,
                               MalformedInputError)
from frontwatch.ingest import read_sources
from frontwatch.ingest.web import is_public_address
from frontwatch.records import Article
from frontwatch.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
LOCAL = {"allow_private_urls": True}


def read(*sources, published=None, **settings):
    return list(read_sources(list(sources), settings=Settings(**settings), published=published))


@pytest.fixture
def site(http_server):
    for name in ("news_page.html", "feed.rss", "feed.atom", "articles.jsonl", "truncated.html",
                 "binary.dat", "malformed.rss"):
        shutil.copy(DATA / name, http_server.root / name)
    return http_server


def test_web_page(site):
    url = site.url("news_page.html")
    (a,) = read(url, **LOCAL)
    assert isinstance(a, Article)
    assert a.id == url and a.url == url and a.key == f"url:{url}"
    assert a.title == "Shelling hits market in Northtown, killing four"
    assert "\n\nArtillery shells struck" in a.text and "Privacy policy" not in a.text
    assert a.outlet == "The Example Herald" and a.published == date(2021, 3, 14)
    path, headers = site.requests[-1]
    assert path == "/news_page.html" and headers["User-Agent"] == Settings().user_agent


def test_feed_url_by_content_type_and_by_sniffing(site):
    rss = site.url("feed.rss")
    mislabelled = site.add_route("feed", headers={"Content-Type": "text/html"},
                                 body=(DATA / "feed.atom").read_bytes())
    got = read(rss, mislabelled, **LOCAL)
    assert [a.id for a in got] == [
        "https://wire.example.org/2022/05/02/eastport-protest",
        "https://wire.example.org/2022/05/03/southfield-talks",
        "https://monitor.example.net/reports/convoy-westbury",
        "urn:uuid:1f7a6e0c-4e1b-4f6c-9d0a-000000000003",
    ]
    assert got[0].outlet == "Example Wire Service" and got[2].outlet == "Example Monitor"


def test_jsonl_and_plain_text_urls(site):
    text_url = site.add_route("note", headers={"Content-Type": "text/plain; charset=utf-8"},
                              body=b"A headline\n\nThe body of a plain text report.\n")
    got = read(site.url("articles.jsonl"), text_url, published=date(2024, 2, 2), **LOCAL)
    ids = [x.id for x in got if isinstance(x, Article)]
    assert ids == ["wire-001", "wire-002", site.url("articles.jsonl") + ":6", text_url]
    note = got[-1]
    assert (note.title, note.text, note.url) == (
        "A headline", "A headline\n\nThe body of a plain text report.", text_url)
    assert note.outlet == "127.0.0.1" and note.published == date(2024, 2, 2)


def test_ssrf_guard_refuses_loopback_by_default(site):
    url = site.url("news_page.html")
    localhost = url.replace("127.0.0.1", "localhost")
    got = read(url, localhost)
    assert all(isinstance(e, FetchError) for e in got), got
    assert "non-public address 127.0.0.1" in str(got[0]) and "allow_private_urls" in str(got[0])
    assert site.requests == []  # nothing was even requested


def test_redirect_followed_and_checked(site):
    old = site.add_route("old", status=301, headers={"Location": "/news_page.html"})
    (a,) = read(old, **LOCAL)
    assert a.id == old and a.url == site.url("news_page.html")
    site.add_route("loop", status=302, headers={"Location": "/loop"})
    (err,) = read(site.url("loop"), **LOCAL)
    assert isinstance(err, FetchError) and "redirects" in str(err)
    to_file = site.add_route("to_file", status=302, headers={"Location": "file:///etc/passwd"})
    (err,) = read(to_file, **LOCAL)
    assert isinstance(err, FetchError) and "only http(s) URLs" in str(err)


def test_http_error_and_closed_port(site):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    missing, unreachable, page = read(site.url("nope.html"), f"http://127.0.0.1:{closed}/x",
                                      site.url("news_page.html"), **LOCAL)
    assert isinstance(missing, FetchError) and "HTTP 404" in str(missing)
    assert isinstance(unreachable, FetchError) and "could not fetch" in str(unreachable)
    assert isinstance(page, Article)


def test_timeout(site):
    slow = site.add_route("slow", delay=2.0, headers={"Content-Type": "text/plain"},
                          body=b"too late\n\nbody")
    start = time.perf_counter()
    (err,) = read(slow, http_timeout=0.3, **LOCAL)
    assert isinstance(err, FetchError) and "no answer within 0.3 s" in str(err)
    assert time.perf_counter() - start < 1.5


def test_size_cap_announced_and_streamed(site):
    announced = site.add_route("big", headers={"Content-Type": "text/plain",
                                               "Content-Length": str(10_000_000)}, body=b"")

    def endless():
        for _ in range(10_000):  # 80 MB if nobody stopped reading
            yield b"x" * 8192

    streamed = site.add_route("stream", headers={"Content-Type": "text/plain"}, body=endless)
    start = time.perf_counter()
    big, stream, page = read(announced, streamed, site.url("news_page.html"),
                             max_bytes=100_000, **LOCAL)
    assert isinstance(big, InputTooLargeError) and "announces 10,000,000 bytes" in str(big)
    assert isinstance(stream, InputTooLargeError) and "100,000-byte limit" in str(stream)
    assert isinstance(page, Article)
    assert time.perf_counter() - start < 5


def test_charset_from_http_header_and_bad_bytes(site):
    latin = site.add_route("latin", headers={"Content-Type": "text/plain; charset=iso-8859-1"},
                           body="Caf\u00e9 title\n\nThe caf\u00e9 was hit.".encode("latin-1"))
    undeclared = site.add_route("bad", headers={"Content-Type": "text/plain"},
                                body="Caf\u00e9 title\n\nThe caf\u00e9 was hit.".encode("latin-1"))
    ok, bad = read(latin, undeclared, **LOCAL)
    assert ok.title == "Café title" and ok.text == "Café title\n\nThe café was hit."
    assert isinstance(bad, EncodingError) and "not valid UTF-8" in str(bad)


def test_bad_documents_by_url(site):
    got = read(site.url("truncated.html"), site.url("binary.dat"), site.url("malformed.rss"),
               site.url("news_page.html"), **LOCAL)
    assert [type(x) for x in got] == [MalformedInputError, BinaryInputError, MalformedInputError,
                                      Article]


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.10", False), ("172.16.5.4", False),
    ("169.254.169.254", False), ("0.0.0.0", False), ("::1", False), ("fe80::1", False),
    ("fd00::1", False), ("::ffff:127.0.0.1", False), ("100.64.0.1", False), ("224.0.0.1", False),
    ("8.8.8.8", True), ("2001:4860:4860::8888", True),
])
def test_public_address_rule(address, public):
    assert is_public_address(address) is public


def test_feed_charset_from_http_header(site):
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\u00e9 Wire</title>'
           '<item><title>Caf\u00e9 shelled</title><link>https://x.example/1</link>'
           '<description>The caf\u00e9 near the bridge was shelled overnight.</description>'
           '</item></channel></rss>').encode("latin-1")
    url = site.add_route("latin.rss", body=rss,
                         headers={"Content-Type": "application/rss+xml; charset=iso-8859-1"})
    (a,) = read(url, **LOCAL)
    assert (a.outlet, a.title) == ("Café Wire", "Café shelled")
    assert a.text == "The café near the bridge was shelled overnight."
