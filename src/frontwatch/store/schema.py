"""The store's tables (SQLAlchemy Core) and its schema version.

Every table is portable SQL (SQLite now, PostgreSQL through psycopg later). An event is
kept twice: its full contract record as JSON (``record``, the source of truth that
round-trips exactly) and flattened, indexed columns that the ``events`` query filters on.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, CheckConstraint, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData,
    String, Table, Text, UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA_VERSION = 6  # 3: full-text index over evidence (store/fts.py); 4: bbox + date index; 5: alerts;
# 6: party keys of actor1/actor2 (nlp/actor_keys.py: aliases of one party share a key)

# JSON everywhere, JSONB where PostgreSQL offers it.
RecordJSON = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row per outlet: `name` is the outlet (or the domain when no outlet is known),
# `domain` the URL host without "www.". Empty strings, not NULL, so the unique
# constraint holds on every database (NULLs never collide in a unique index).
sources = Table(
    "sources", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("domain", String(300), nullable=False, server_default=""),
    UniqueConstraint("name", "domain"),
)

articles = Table(
    "articles", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("key", Text, nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source_pk", Integer, ForeignKey("sources.pk"), nullable=True, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date, index=True),
    Column("fetched_at", String(40)),  # ISO 8601 text: keeps the time zone exactly
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),  # position in the article's event list
    Column("event_type", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),  # end of the date range; equals date_start when the record has no end
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(2)),
    Column("actor1_name", Text),
    Column("actor2_name", Text),
    Column("location_name", Text),
    Column("actors_fold", Text),  # casefolded actor names, for case-insensitive search
    Column("place_fold", Text),  # casefolded location name and text
    Column("evidence_start", Integer, nullable=False),
    Column("record", RecordJSON, nullable=False),
    Column("actor1_key", Text, index=True),  # party key of actor1 ("ISIL", "Daesh" -> "isis"), version 6
    Column("actor2_key", Text, index=True),
    UniqueConstraint("article_pk", "ordinal"),
    Index(None, "date_start", "date_end"),
    Index(None, "latitude", "longitude", "date_start", "date_end"),  # bbox + dates from the index
    Index(None, "event_type", "date_start"),
    Index(None, "country_code", "date_start"),
    Index(None, "status"),
)

places = Table(
    "places", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text),
    Column("geonameid", Integer, index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(2)),
    Column("admin1", Text),
    Column("kind", String(16), nullable=False),
    Column("precision", Integer),
    UniqueConstraint("article_pk", "ordinal"),
    CheckConstraint('"start" >= 0 AND "end" >= "start"', name="span"),
)

# --------------------------------------------------------------------------- version 2: fusion
# Canonical events (one per real-world event) as they stand now: the CanonicalEvent record as
# JSON plus flattened, indexed columns for the map UI (bbox, dates, type, actor, min sources).
fused_events = Table(
    "fused_events", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("event_type", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(2)),
    Column("actor1_name", Text),
    Column("actor2_name", Text),
    Column("location_name", Text),
    Column("actors_fold", Text),
    Column("place_fold", Text),
    Column("sources", Integer, nullable=False),
    Column("grade", String(4), nullable=False),
    Column("place_key", Text),  # "g:<geonameid>" or "n:<name>", as fuse.control keys places
    Column("control_change", Integer, nullable=False, server_default="0"),  # 1: changes control
    Column("updated_at", DateTime, nullable=False),  # UTC, naive
    Column("record", RecordJSON, nullable=False),
    Column("actor1_key", Text, index=True),  # party keys, version 6
    Column("actor2_key", Text, index=True),
    Index(None, "date_start", "date_end"),
    Index(None, "control_change", "place_key"),
    Index(None, "latitude", "longitude", "date_start", "date_end"),
    Index(None, "event_type", "date_start"),
    Index(None, "country_code", "date_start"),
    Index(None, "sources", "date_start"),
    Index(None, "updated_at"),
)

# Which canonical event each stored per-article event (a report) belongs to.
fused_reports = Table(
    "fused_reports", metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("canonical_id", String(40), nullable=False, index=True),
    Column("report_key", Text, nullable=False),
)

# Every change to a canonical event: created / updated / merged / split / deleted, with the
# interval [valid_from, valid_to) in which that version was the current one (UTC, naive).
fused_versions = Table(
    "fused_versions", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_to", DateTime),
    Column("merged_into", String(40)),
    Column("merged_from", RecordJSON),
    Column("data", RecordJSON),
    UniqueConstraint("event_id", "version"),
    Index(None, "valid_from"),
    Index(None, "valid_to"),
)

# Explicit control statements found in an article ("X has been under A's control since 2013").
control_claims = Table(
    "control_claims", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("actor", Text, nullable=False),
    Column("geonameid", Integer),
    Column("place_key", Text, index=True),
    Column("since", Date),
    Column("applied", Integer, nullable=False, server_default="0", index=True),  # 1: in control_periods
    Column("record", RecordJSON, nullable=False),
    UniqueConstraint("article_pk", "ordinal"),
)

# Control periods derived from canonical events and claims (the places a fusion run touched
# are rebuilt by it).
control_periods = Table(
    "control_periods", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("place", Text),
    Column("place_fold", Text),
    Column("place_key", Text, index=True),
    Column("geonameid", Integer),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("controller", Text),
    Column("from_start", Date),
    Column("from_end", Date),
    Column("to_start", Date),
    Column("to_end", Date),
    Column("tier", String(16), nullable=False),
    Column("record", RecordJSON, nullable=False),
    Index(None, "latitude", "longitude"),
    Index(None, "from_start", "to_end"),
)

# --------------------------------------------------------------------------- version 5: alerts
# Alerts as they stand now (the alert record as JSON plus indexed columns), every version of each
# (new / updated / resolved, valid in [valid_from, valid_to), UTC naive) and webhook deliveries.
alerts = Table(
    "alerts", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("rule", String(100), nullable=False),
    Column("scope", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("raised", Date, nullable=False),
    Column("last_seen", Date, nullable=False),
    Column("score", Float, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(2)),
    Column("place_fold", Text),
    Column("updated_at", DateTime, nullable=False),
    Column("record", RecordJSON, nullable=False),
    Index(None, "rule", "raised"),
    Index(None, "scope"),
    Index(None, "status"),
    Index(None, "updated_at"),
    Index(None, "latitude", "longitude"),
)

alert_versions = Table(
    "alert_versions", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_to", DateTime),
    Column("data", RecordJSON, nullable=False),
    UniqueConstraint("alert_id", "version"),
    Index(None, "valid_from"),
    Index(None, "valid_to"),
)

alert_deliveries = Table(
    "alert_deliveries", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("target", Text, nullable=False),
    Column("status", String(16), nullable=False),  # delivered | failed
    Column("attempts", Integer, nullable=False),
    Column("response", Integer),
    Column("error", Text),
    Column("at", DateTime, nullable=False),
    UniqueConstraint("alert_id", "version", "target"),
)

TABLES_V1 = ("meta", "sources", "articles", "events", "places")
TABLES_V2 = ("fused_events", "fused_reports", "fused_versions", "control_claims", "control_periods")
VERSION_TABLE = "alembic_version"  # Alembic's record of the applied revision (store.migrate)
TABLES_V5 = ("alerts", "alert_versions", "alert_deliveries")
TABLES = (VERSION_TABLE,) + TABLES_V1 + TABLES_V2 + TABLES_V5  # every table of a store (version 3 adds
# the SQLite FTS5 table events_fts and its shadow tables, see store/fts.py)


def create_tables(conn, names) -> None:
    """Create the named tables (and their indexes) that do not exist yet."""
    metadata.create_all(conn, tables=[metadata.tables[n] for n in names], checkfirst=True)
