"""Storage of articles, events and place mentions (SQLAlchemy Core; SQLite by default).

``Store(url)`` is the public interface; ``schema`` holds the tables, ``migrate`` the
schema versions, ``queries`` the event filters.
"""
from .schema import SCHEMA_VERSION
from .store import Store

__all__ = ["SCHEMA_VERSION", "Store"]
