"""The Store: articles, their events and place mentions in one SQL database.

``Store(url)`` opens (and creates or migrates) the database; an SQLite file this process
cannot write is opened read-only (``Store.read_only``: reads work, writes raise
ReadOnlyStoreError). Each article is
written with its events and place mentions in ONE transaction; the unique
constraints on the article's id, key and content hash make concurrent writers safe.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import FrontwatchError, ReadOnlyStoreError, SchemaVersionError, StoreError
from ..records import Article, Event, PlaceMention
from . import queries
from .engine import WRITE, make_engine, require_existing, safe_url, sqlite_file, writable
from .migrate import migrate, read_version
from . import schema as t
from .schema import SCHEMA_VERSION

_PAGE = 200
_CHUNK = 500  # ids per IN (...) list


class Store:
    """Article, event and place storage behind an SQLAlchemy URL (SQLite file by default)."""

    def __init__(self, url: str, read_only: bool | None = None, must_exist: bool = False):
        """``read_only`` None: read-only exactly when the SQLite file cannot be written.
        ``must_exist``: raise StoreNotFoundError instead of creating a missing SQLite file."""
        self.url = url
        if must_exist:
            require_existing(url)
        self.read_only = (not writable(url)) if read_only is None else read_only
        self._engine = make_engine(url, read_only=self.read_only)
        try:
            if self.read_only:
                self.migrated_from = self._check_version()
            else:
                with self._write() as conn:
                    self.migrated_from, _ = migrate(conn)
        except FrontwatchError:
            self._engine.dispose()
            raise
        except SQLAlchemyError as exc:
            self._engine.dispose()
            if read_only is None and not self.read_only and _refused_write(exc) \
                    and sqlite_file(url) is not None and sqlite_file(url).is_file():
                # e.g. a read-only mount, where permissions say "writable" but writes fail
                self.__init__(url, read_only=True)
                return
            raise StoreError(f"cannot open the store {safe_url(url)}: {_reason(exc)}") from exc
        self.schema_version = SCHEMA_VERSION

    def _check_version(self) -> int:
        """A read-only store must already be at this code's schema version (no migration)."""
        with self._engine.connect() as conn:
            found = read_version(conn)
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"the store has schema version {found}, newer than this frontwatch understands "
                f"({SCHEMA_VERSION}); upgrade frontwatch to open it")
        if found < SCHEMA_VERSION:
            raise ReadOnlyStoreError(
                f"the store {safe_url(self.url)} is read-only and at schema version {found}: it "
                f"needs migrating to {SCHEMA_VERSION}; open it once with write permission")
        return found

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if getattr(self, "read_only", False):  # (a Store built without __init__ writes)
            raise ReadOnlyStoreError(f"the store {safe_url(self.url)} is read-only "
                                     "(no write permission on the file or its folder)")
        with self._engine.connect() as conn:
            conn.execution_options(**WRITE)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store {safe_url(self.url)}: {_reason(exc)}") from exc

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    # ------------------------------------------------------------------ writing
    def has_article(self, article: Article) -> bool:
        """True when an article with the same key or the same content hash is stored."""
        with self._read() as conn:
            return _find_duplicate(conn, article) is not None

    def add(self, article: Article, events: Iterable[Event] = (),
            places: Iterable[PlaceMention] = (), claims: Iterable[Any] = ()) -> bool:
        """Store the article with its events, places and control claims (``fuse.ControlClaim``);
        False if it is already stored.

        All or nothing: any failure rolls the whole article back. Raises StoreError
        for anything but a duplicate (invalid record, database error).
        """
        try:
            with self._write() as conn:
                if _find_duplicate(conn, article) is not None:
                    return False
                source_pk = _source_pk(conn, article)
                article_pk = conn.execute(
                    insert(t.articles).values(queries.article_row(article, source_pk))
                ).inserted_primary_key[0]
                event_rows = [queries.event_row(e, article, article_pk, i)
                              for i, e in enumerate(events)]
                if event_rows:
                    conn.execute(insert(t.events), event_rows)
                place_rows = [queries.place_row(p, article, article_pk, i)
                              for i, p in enumerate(places)]
                if place_rows:
                    conn.execute(insert(t.places), place_rows)
                claims = list(claims)
                if claims:
                    from .fused_control import insert_claims

                    insert_claims(conn, article_pk, claims)
            return True
        except IntegrityError as exc:
            if self._is_stored(article):
                return False  # another writer stored it first
            raise StoreError(f"cannot store article {article.id!r}: {_reason(exc)}") from exc
        except FrontwatchError:
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {article.id!r}: {_reason(exc)}") from exc
        except Exception as exc:  # a record that cannot be converted: nothing was kept
            raise StoreError(f"cannot store article {article.id!r}: {exc!r}") from exc

    def _is_stored(self, article: Article) -> bool:
        with self._read() as conn:
            return _find_duplicate(conn, article, by_id=True) is not None

    # ------------------------------------------------------------------ reading
    def article(self, id_or_key: str) -> Article | None:
        """The article with this id (or de-duplication key), or None."""
        with self._read() as conn:
            row = conn.execute(select(t.articles).where(
                or_(t.articles.c.id == id_or_key, t.articles.c.key == id_or_key)
            ).order_by(t.articles.c.pk).limit(1)).first()
        return queries.row_article(row) if row else None

    def articles(self) -> Iterator[Article]:
        """Every stored article, in the order stored (read page by page)."""
        last = 0
        while True:
            with self._read() as conn:
                rows = conn.execute(select(t.articles).where(t.articles.c.pk > last)
                                    .order_by(t.articles.c.pk).limit(_PAGE)).all()
            if not rows:
                return
            for row in rows:
                yield queries.row_article(row)
            last = rows[-1].pk

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """{Article.id: Article} for the given ids that are stored (e.g. for the CSV export)."""
        wanted = sorted({i for i in ids if i is not None})
        found: dict[str, Article] = {}
        with self._read() as conn:
            for i in range(0, len(wanted), _CHUNK):
                for row in conn.execute(select(t.articles).where(
                        t.articles.c.id.in_(wanted[i:i + _CHUNK]))):
                    found[row.id] = queries.row_article(row)
        return found

    def events(self, since=None, until=None, type=None, actor=None, place=None, country=None,
               status=None, article_id=None, bbox=None, limit=None, offset=0) -> list[Event]:
        """Stored events matching every given filter; see ``queries.events_query``.

        Ordered by date (undated last), article id, evidence offset.
        """
        query = queries.events_query(
            since=since, until=until, type=type, actor=actor, place=place, country=country,
            status=status, article_id=article_id, bbox=bbox, limit=limit, offset=offset)
        with self._read() as conn:
            records = conn.execute(query).scalars().all()
        return [Event.from_dict(r) for r in records]

    def count_events(self, **filters: Any) -> int:
        """How many events ``events(**filters)`` would return without limit/offset (for paging)."""
        filters.pop("limit", None)
        filters.pop("offset", None)
        inner = queries.events_query(**filters).order_by(None).subquery()
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    def places(self, article_id: str | None = None) -> list[PlaceMention]:
        """Place mentions, of one article or of all, in article then text order."""
        with self._read() as conn:
            rows = conn.execute(queries.places_query(article_id)).all()
        return [queries.row_place(r) for r in rows]

    def sources(self) -> list[dict[str, Any]]:
        """Outlets with their article counts, most articles first."""
        count = func.count(t.articles.c.pk)
        query = (select(t.sources.c.name, t.sources.c.domain, count.label("articles"))
                 .select_from(t.sources.outerjoin(t.articles, t.articles.c.source_pk == t.sources.c.pk))
                 .group_by(t.sources.c.pk, t.sources.c.name, t.sources.c.domain)
                 .order_by(count.desc(), t.sources.c.name))
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        """Numbers of articles, sources, events (and how many have coordinates), places."""
        with self._read() as conn:
            def n(table, *where):
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
            return {
                "articles": n(t.articles), "sources": n(t.sources), "events": n(t.events),
                "events_located": n(t.events, t.events.c.latitude.is_not(None)),
                "places": n(t.places),
            }


# ---------------------------------------------------------------------- helpers

def _find_duplicate(conn: Connection, article: Article, by_id: bool = False) -> int | None:
    cond = [t.articles.c.key == article.key, t.articles.c.content_hash == article.content_hash]
    if by_id:
        cond.append(t.articles.c.id == article.id)
    return conn.execute(select(t.articles.c.pk).where(or_(*cond)).limit(1)).scalar()


def _source_pk(conn: Connection, article: Article) -> int | None:
    """The outlet's row, created on first use (a SAVEPOINT absorbs a concurrent insert)."""
    found = queries.source_of(article)
    if found is None:
        return None
    name, domain = found
    lookup = select(t.sources.c.pk).where(t.sources.c.name == name, t.sources.c.domain == domain)
    pk = conn.execute(lookup).scalar()
    if pk is not None:
        return pk
    try:
        with conn.begin_nested():
            return conn.execute(insert(t.sources).values(name=name, domain=domain)
                                ).inserted_primary_key[0]
    except IntegrityError:
        return conn.execute(lookup).scalar_one()


def _refused_write(exc: SQLAlchemyError) -> bool:
    """True for SQLite's answers to a write on a file or folder it may only read."""
    reason = _reason(exc).lower()
    return any(k in reason for k in ("readonly database", "read-only", "unable to open database"))


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None)
    return str(orig) if orig is not None else str(exc).split("\n")[0]
