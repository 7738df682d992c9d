"""Reading a dataset CSV and storing its rows: new rows are added, changed rows replaced (the
dataset's id is the key), unchanged rows skipped; a bad row is reported and skipped alone."""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import delete, select

from ..errors import IngestError, MalformedInputError
from ..records import Article, Event
from .rows import DatasetRowError, acled_row, ucdp_row

DATASETS: dict[str, tuple[Callable, tuple[str, ...]]] = {
    "acled": (acled_row, ("event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude")),
    "ucdp": (ucdp_row, ("id", "type_of_violence", "date_start", "date_end", "latitude", "longitude")),
}


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[IngestError] = field(default_factory=list)
    fusion: object = None

    def to_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [str(e) for e in self.errors]}


def read_rows(kind: str, path: str | Path, today: date | None = None,
              ) -> Iterator[tuple[Article, Event] | IngestError]:
    """(Article, Event) per row of a ``kind`` ("acled" or "ucdp") export, or the row's error."""
    if kind not in DATASETS:
        raise MalformedInputError(f"unknown dataset {kind!r} (known: {', '.join(DATASETS)})", str(path))
    convert, required = DATASETS[kind]
    today = today or (datetime.now(timezone.utc).date() + timedelta(days=1))
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise MalformedInputError(f"cannot read: {exc}", str(path)) from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise MalformedInputError(f"not a {kind} export: missing column(s) {', '.join(missing)}", str(path))
        for n, row in enumerate(reader, start=2):
            where = f"{path}:{n}"
            try:
                yield convert(row, where, today)
            except DatasetRowError as exc:
                yield exc


def _stored_hash(store, key: str) -> tuple[int, str] | None:
    from ..store import schema as t

    with store._read() as conn:
        row = conn.execute(select(t.articles.c.pk, t.articles.c.content_hash)
                           .where(t.articles.c.key == key)).first()
    return (row.pk, row.content_hash) if row else None


def _remove(store, article_pk: int) -> None:
    """Drop a stored dataset row (its article, events and their fusion mapping) before its update."""
    from ..store import schema as t

    with store._write() as conn:
        pks = list(conn.execute(select(t.events.c.pk).where(t.events.c.article_pk == article_pk)).scalars())
        if pks:
            conn.execute(delete(t.fused_reports).where(t.fused_reports.c.event_pk.in_(pks)))
            conn.execute(delete(t.events).where(t.events.c.pk.in_(pks)))
        conn.execute(delete(t.places).where(t.places.c.article_pk == article_pk))
        conn.execute(delete(t.control_claims).where(t.control_claims.c.article_pk == article_pk))
        conn.execute(delete(t.articles).where(t.articles.c.pk == article_pk))


def import_file(monitor_or_store, kind: str, path: str | Path, fuse: bool = True,
                today: date | None = None) -> ImportReport:
    """Store every row of a dataset export; then fuse (a full re-fuse when rows changed, so no
    canonical event keeps a replaced report)."""
    store = getattr(monitor_or_store, "store", monitor_or_store)
    report = ImportReport()
    for item in read_rows(kind, path, today):
        if isinstance(item, IngestError):
            report.errors.append(item)
            continue
        article, event = item
        found = _stored_hash(store, article.key)
        if found is not None:
            if found[1] == article.content_hash:
                report.unchanged += 1
                continue
            _remove(store, found[0])
            report.updated += 1
        else:
            report.added += 1
        store.add(article, [event])
    if fuse and (report.added or report.updated):
        from ..fuse.service import FusionService

        service = FusionService(store)
        report.fusion = service.refuse() if report.updated else service.update()
    return report
