"""ingest building blocks: decoding, title split, sniffing, markup stripping, robustness."""
from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from frontwatch.errors import BinaryInputError, EmptyInputError, EncodingError, IngestError
from frontwatch.ingest import read_sources
from frontwatch.ingest.html import strip_markup
from frontwatch.ingest.sources import sniff, url_kind
from frontwatch.ingest.text import decode, declared_charset, title_line
from frontwatch.records import Article
from frontwatch.settings import Settings


def test_decode_utf8_and_boms():
    assert decode("Ünïcode — ok".encode(), "s") == "Ünïcode — ok"
    assert decode(codecs.BOM_UTF8 + b"abc", "s") == "abc"
    assert decode(codecs.BOM_UTF16_LE + "Zürich".encode("utf-16-le"), "s") == "Zürich"


def test_decode_declared_charsets():
    meta = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    data = (meta + "<p>caf\u00e9</p>").encode("latin-1")
    assert declared_charset(data) == "iso-8859-1"
    assert decode(data, "s").endswith("café</p>")
    xml = '<?xml version="1.0" encoding="windows-1251"?><rss>\u0414</rss>'.encode("cp1251")
    assert decode(xml, "s").endswith("Д</rss>")
    assert decode("caf\u00e9".encode("cp1252"), "s", charset="cp1252") == "café"


@pytest.mark.parametrize("data, charset, words", [
    (b"caf\xe9 au lait", None, "declares no charset"),
    (b'<meta charset="utf-8"><p>caf\xe9</p>', None, "declares UTF-8 but is not valid"),
    (b'<meta charset="klingon-8"><p>caf\xe9</p>', None, "unknown charset"),
    (b"caf\xe9", "ascii", "is not valid ascii"),
])
def test_decode_refuses_to_mangle(data, charset, words):
    with pytest.raises(EncodingError, match=words):
        decode(data, "s", charset=charset)


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInputError), (b" \n\t\r\n", EmptyInputError),
    (b"text\x00with NUL", BinaryInputError), (bytes(range(1, 9)) * 20 + b"abc", BinaryInputError),
    (b"\x1f\x8b\x08\x00rest", BinaryInputError),
])
def test_decode_empty_and_binary(data, error):
    with pytest.raises(error):
        decode(data, "s")


def test_title_line():
    assert title_line("Title\n\nBody one.\n\nBody two.") == "Title"
    assert title_line("# Markdown title\n\nBody.") == "Markdown title"
    assert title_line("Only a body.") is None
    assert title_line("Line one\nline two\n\nBody.") is None
    assert title_line("x" * 300 + "\n\nBody.") is None


@pytest.mark.parametrize("head, kind", [
    ('<?xml version="1.0"?><rss version="2.0">', "feed"),
    ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    ("  <!DOCTYPE html><html>", "html"), ("<html lang=en>", "html"),
    ('[{"text": "x"}]', "json"), ('{"text": "x"}', "json"),
    ("Plain headline\n\n<b>not html</b>", "text"),
])
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_url_kind_prefers_explicit_types_then_content():
    assert url_kind("application/rss+xml", "<html>") == "feed"
    assert url_kind("text/html", "<?xml version='1.0'?><rss>") == "feed"
    assert url_kind("text/html", "<p>fragment only</p>") == "html"
    assert url_kind(None, "just words") == "text"


def test_strip_markup():
    html = "<p>One &amp; <b>two</b>.</p><script>bad()</script><ul><li>three</li></ul>"
    text = strip_markup(html)
    assert "One & two." in text and "three" in text and "bad" not in text and "<" not in text
    assert strip_markup("Tom &amp; Jerry") == "Tom & Jerry"


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
           st.binary(max_size=400),
           st.builds(lambda head, body: (head + body).encode("utf-8"),
                     st.sampled_from(["", "<html><body><p>",
                                      "<?xml version='1.0'?><rss><channel><item>",
                                      "<feed><entry><content>", '{"text": "', '[{"id": 1, "text": ',
                                      "Title\n\n"]),
                     st.text(max_size=300))),
       suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".rss", ""]))
def test_any_bytes_give_articles_or_named_errors_never_exceptions(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        got = list(read_sources([str(path)], settings=Settings()))
    assert got and all(isinstance(x, (Article, IngestError)) for x in got)
    assert all(x.text.strip() for x in got if isinstance(x, Article))


@hsettings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
                    max_size=300))
def test_valid_utf8_text_round_trips(text):
    data = text.encode("utf-8")
    if not data.strip():
        with pytest.raises(EmptyInputError):
            decode(data, "s")
    else:  # exactly the text, only a leading byte-order mark removed
        assert decode(data, "s") == text.removeprefix("\ufeff")

