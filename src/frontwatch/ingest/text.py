"""Bytes to text: size limit, binary detection, decoding, and plain-text articles.

Decoding never guesses silently: UTF-8 (a BOM is stripped), else the charset the input
declares (HTTP header, HTML ``<meta>``, XML declaration), else ``EncodingError``.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from ..errors import (BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError,
                      TextTooLongError)
from ..records import MAX_TEXT_CHARS, normalize_text

# Signatures of common binary formats, named in the error message.
_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
TITLE_MAX_CHARS = 250


def read_file(path: Path, max_bytes: int, source: str) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    size = os.stat(path).st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; split it or raise "
            "the max_bytes setting (FRONTWATCH_MAX_BYTES)", source)
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputTooLargeError(f"file is over the {max_bytes:,}-byte limit", source)
    return data


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first bytes, if any."""
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def check_binary(data: bytes, source: str) -> None:
    """Raise ``BinaryInputError`` for data that is not text (magic numbers, NULs, control bytes)."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"this is {kind}, not text; convert it to text or HTML first",
                                   source)
    head = data[:_SNIFF]
    controls = sum(1 for b in head if b in _CONTROL)
    if b"\x00" in head or (head and controls / len(head) > 0.05):
        raise BinaryInputError(
            "this is binary data, not text (NUL or control bytes); give a text, HTML, JSON "
            "or feed file", source)


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """Bytes to str: BOM, else UTF-8, else the declared charset; never mangles silently.

    ``charset`` is an outside declaration (an HTTP header); the input's own ``<meta>`` or
    XML declaration is read when UTF-8 fails and no outside declaration was given.
    """
    if not data.strip():
        raise EmptyInputError("the input is empty; nothing to read", source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode("utf-8-sig" if name == "utf-8" else name)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"starts with a {name} byte-order mark but is not valid "
                                    f"{name} ({exc.reason} at byte {exc.start})", source) from exc
    check_binary(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = charset or declared_charset(data)
    where = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
    if not declared:
        raise EncodingError(f"is not valid UTF-8 ({where}) and declares no charset; re-save it "
                            "as UTF-8 or declare its encoding", source)
    if not _known(declared):
        raise EncodingError(f"is not valid UTF-8 and declares the unknown charset {declared!r}; "
                            "re-save it as UTF-8", source)
    if codecs.lookup(declared).name == "utf-8":
        raise EncodingError(f"declares UTF-8 but is not valid UTF-8 ({where}); the file is "
                            "damaged or mislabelled: re-save it as UTF-8", source)
    try:
        return data.decode(declared)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"is not valid {declared} as it declares ({exc.reason} at byte "
                            f"{exc.start}); re-save it as UTF-8", source) from exc


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def require_text(text: str, source: str, what: str = "the input") -> str:
    """``normalize_text(text)``, raising ``EmptyInputError`` when nothing is left."""
    text = normalize_text(text)
    if not text:
        raise EmptyInputError(f"{what} has no text; nothing to read", source)
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLongError(
            f"{what} has {len(text):,} characters, over the {MAX_TEXT_CHARS:,} the pipeline "
            "analyses in one article; split it into several articles", source)
    return text


def title_line(text: str) -> str | None:
    """The title of a plain-text article written as: title line, blank line, body.

    The first block is the title when it is one short line followed by more text;
    a Markdown ``# `` prefix is dropped. The text itself is left whole.
    """
    head, sep, rest = text.partition("\n\n")
    line = head.strip()
    if line.startswith("# "):
        line = line[2:].strip()
    if sep and rest.strip() and line and "\n" not in line and len(line) <= TITLE_MAX_CHARS:
        return line
    return None


def one_line(value: object) -> str | None:
    """A metadata string with white space folded; None when absent or blank."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
