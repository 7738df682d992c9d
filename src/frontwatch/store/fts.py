"""Full-text index over each event's evidence sentence (the ``q`` filter).

SQLite: an FTS5 table ``events_fts`` (rowid = ``events.pk``, tokenizer unicode61 without
diacritics) kept in step with ``events`` by triggers, so every insert path (``Store.add``,
bulk loads) is indexed. PostgreSQL: a stored generated column ``events.evidence_tsv``
(``to_tsvector('simple', …)``: lower-cased words, no stemming, no stop words) with a GIN index.

Matching: every word of ``q`` must START a word of the evidence (the last one may be
unfinished: "kill" finds "killing" and "killed", "illing" finds nothing), then the
evidence must contain ``q`` itself, case-insensitively (ASCII case on SQLite, as before).
So the results are those of the plain substring search where ``q`` begins at a word.
A ``q`` without any letter or digit falls back to the plain substring scan.
"""
from __future__ import annotations

import re

from sqlalchemy import Boolean, Connection, bindparam, func, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnClause, ColumnElement

from ..errors import StoreError

FTS_TABLE = "events_fts"
TSV_COLUMN = "evidence_tsv"
_WORD = re.compile(r"[^\W_]", re.UNICODE)

_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "evidence, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON events BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, evidence) "
    "VALUES (new.pk, json_extract(new.record, '$.evidence.text')); END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON events BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.pk; END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF record ON events BEGIN "
    f"UPDATE {FTS_TABLE} SET evidence = json_extract(new.record, '$.evidence.text') "
    "WHERE rowid = new.pk; END",
    f"INSERT INTO {FTS_TABLE}(rowid, evidence) "
    "SELECT pk, json_extract(record, '$.evidence.text') FROM events",
)

PREFIX_TSQUERY = "frontwatch_prefix_tsquery"
_POSTGRES_DDL = (
    f"ALTER TABLE events ADD COLUMN {TSV_COLUMN} tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, coalesce(record -> 'evidence' ->> 'text', ''))) STORED",
    f"CREATE INDEX ix_events_{TSV_COLUMN} ON events USING gin ({TSV_COLUMN})",
    # q -> the words of q as the index's own parser splits them, each one a prefix, all
    # required (lexemes quoted for the tsquery syntax: quotes and backslashes doubled).
    # IMMUTABLE: the planner folds it for a given q and estimates from the column statistics.
    f"CREATE OR REPLACE FUNCTION {PREFIX_TSQUERY}(q text) RETURNS tsquery "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fw$ "
    "SELECT CAST(string_agg(chr(39) || replace(replace(lexeme, chr(92), chr(92) || chr(92)), "
    "chr(39), chr(39) || chr(39)) || chr(39) || ':*', ' & ') AS tsquery) "
    "FROM unnest(to_tsvector('simple'::regconfig, q)) $fw$",
    "ANALYZE events",
)


def install(conn: Connection) -> None:
    """Create the index for the connection's database and index the events already stored."""
    name = conn.dialect.name
    if name == "sqlite":
        if not sqlite_has_fts5(conn):
            raise StoreError("this SQLite library has no FTS5 (full-text search), which the "
                             "store needs; use a Python whose sqlite3 is built with FTS5")
        statements = _SQLITE_DDL
    elif name == "postgresql":
        statements = _POSTGRES_DDL
    else:
        return  # other databases: the q filter scans (see EvidenceMatch)
    for sql in statements:
        conn.exec_driver_sql(sql)


def sqlite_has_fts5(conn: Connection) -> bool:
    options = {r[0].upper() for r in conn.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options or any(o.startswith("ENABLE_FTS5") for o in options)


def has_words(q: str) -> bool:
    """True when ``q`` has a letter or digit, i.e. something the index can look up."""
    return bool(_WORD.search(q))


def fts5_query(q: str) -> str:
    """An FTS5 query: ``q`` as one phrase whose last word may be a prefix."""
    return '"' + q.replace('"', '""') + '" *'


class EvidenceMatch(ColumnElement[bool]):
    """``events`` rows whose evidence matches ``q`` (module docstring): the dialect's index
    for the words, then the substring test on the rows it found (on SQLite against the FTS
    table's own copy of the text, which saves parsing each record's JSON)."""

    type = Boolean()
    _is_implicitly_boolean = True  # a predicate: never rendered as "(...) = 1" on SQLite
    inherit_cache = False  # holds plain values; compiled per statement

    def __init__(self, events_c, q: str):
        self.events_c = events_c
        self.q = q

    def contains(self, text: ColumnElement) -> ColumnElement[bool]:
        return func.lower(text).contains(self.q.casefold(), autoescape=True)

    def record_contains(self) -> ColumnElement[bool]:
        return self.contains(self.events_c.record["evidence"]["text"].as_string())


@compiles(EvidenceMatch)
def _compile_default(element: EvidenceMatch, compiler, **kw) -> str:
    return compiler.process(element.record_contains(), **kw)


@compiles(EvidenceMatch, "sqlite")
def _compile_sqlite(element: EvidenceMatch, compiler, **kw) -> str:
    if not has_words(element.q):
        return compiler.process(element.record_contains(), **kw)
    pk = compiler.process(element.events_c.pk, **kw)
    query = compiler.process(bindparam("fts_q", fts5_query(element.q), unique=True), **kw)
    contains = compiler.process(element.contains(literal_column("evidence")), **kw)
    return (f"{pk} IN (SELECT rowid FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH {query} AND {contains})")


@compiles(EvidenceMatch, "postgresql")
def _compile_postgresql(element: EvidenceMatch, compiler, **kw) -> str:
    if not has_words(element.q):
        return compiler.process(element.record_contains(), **kw)
    tsv = compiler.process(ColumnClause(TSV_COLUMN, _selectable=element.events_c.pk.table), **kw)
    q = compiler.process(bindparam("fts_q", element.q, unique=True), **kw)
    contains = compiler.process(element.record_contains(), **kw)
    return f"({tsv} @@ {PREFIX_TSQUERY}(CAST({q} AS text)) AND {contains})"


def evidence_filter(events_c, q: str) -> ColumnElement[bool]:
    """WHERE clause on the ``events`` table (``events_c`` its columns): evidence text matches
    ``q`` (see the module docstring)."""
    return EvidenceMatch(events_c, q)
