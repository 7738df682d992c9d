"""The ``doc._`` extensions every frontwatch component reads or writes.

Set before the pipeline runs (by ``Monitor`` through ``nlp.pipe(..., as_tuples=True)``):
  doc._.article_id  the Article.id the text came from
  doc._.published   the publication date (datetime.date) or None
Written by components:
  doc._.places      list[PlaceMention]  (frontwatch_toponyms) — char offsets into doc.text
  doc._.events      list[Event]         (frontwatch_events)
"""
from __future__ import annotations

from spacy.tokens import Doc

_DEFAULTS = {"article_id": "", "published": None, "places": None, "events": None}


def register_extensions() -> None:
    for name, default in _DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
