"""Shared by the tests that run the event component on constructed sentences (no place component:
the places a test needs are given)."""
from __future__ import annotations

import re
from datetime import date

from frontwatch.records import PlaceMention


def events_pipeline():
    """The English model plus the event component."""
    from frontwatch.nlp import events
    from frontwatch.nlp.model import load_model

    model = load_model()
    events.add_to(model)
    return model


def extract_events(nlp, text: str, published: date, places: dict[str, tuple[float, float, str]] | None = None):
    """Events of ``text``; ``places``: name -> (lat, lon, country code), each occurrence a village mention."""
    doc = nlp.make_doc(text)
    doc._.article_id = "t"
    doc._.published = published
    doc._.places = [PlaceMention("t", name, m.start(), m.end(), name=name, latitude=lat, longitude=lon,
                                 country_code=cc, kind="place", precision=1)
                    for name, (lat, lon, cc) in (places or {}).items() for m in re.finditer(name, text)]
    return nlp(doc)._.events
