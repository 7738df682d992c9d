"""Build frontwatch's one spaCy ``Language``: the English model plus frontwatch's components.

Components are registered with ``@Language.factory`` in their own modules; each module
exposes ``add_to(nlp, ...)`` that adds its pipes and initialises them with the heavy
resources (gazetteer, actor dictionary) that the Monitor owns.
"""
from __future__ import annotations

from spacy.language import Language

from . import extensions  # noqa: F401  (registers doc._ extensions)
from .model import load_model


def build_pipeline(model: str, gazetteer) -> Language:
    from . import control, events, places
    from .typing import component as typing

    nlp = load_model(model)
    places.add_to(nlp, gazetteer)
    events.add_to(nlp)
    typing.add_to(nlp)
    control.add_to(nlp)
    return nlp
