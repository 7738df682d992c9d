"""Turning files, folders, JSON/JSONL, feeds, HTML pages and URLs into ``Article``s.

    >>> from frontwatch.ingest import read_sources
    >>> for item in read_sources(["articles/"], settings=Settings()):
    ...     ...  # an Article, or an IngestError describing one bad input

Modules: ``sources`` (dispatch, folders), ``text`` (bytes to text, plain text), ``html``,
``jsonl`` (JSON and JSON Lines), ``feeds`` (RSS/Atom), ``web`` (HTTP: pinned address, one
deadline), ``sidecar`` (index.jsonl), ``published`` (dates as publishers write them; datelines).
"""
from .sources import read_sources

__all__ = ["read_sources"]
