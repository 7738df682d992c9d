"""The trained half of PLOVER typing: a small spaCy text classifier over one sentence.

The model (``data/plover_textcat/``, built by ``python -m frontwatch.nlp.typing.train``) is a
blank English pipeline with one exclusive-class ``textcat`` (bag of words and bigrams) trained
on the PLV training split. Its labels are the PLV data's: ``YIELD`` stands for the current
RETREAT and CONCEDE (``resolve_yield`` picks one). ``decide`` is the one scored decision that
combines it with the context rules (``context.py``): every type scores its classifier
probability, plus ``weight * rule_score`` for the type the rules chose; the best type wins.
The weight was chosen by cross-validation on PLV_train only (see ``train.py``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "plover_textcat"
YIELD_TYPES = frozenset(("RETREAT", "CONCEDE"))


@dataclass
class TypeClassifier:
    """The loaded text classifier and the combination weight shipped with it."""

    nlp: Language
    weight: float
    labels: tuple[str, ...]

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TypeClassifier | None":
        """The packaged model, or None when it is not installed (the rules then decide alone)."""
        where = Path(path) if path else MODEL_DIR
        if not (where / "config.cfg").exists():
            return None
        nlp = spacy.load(where)
        meta = json.loads((where / "combination.json").read_text("utf-8")) \
            if (where / "combination.json").exists() else {}
        labels = tuple(nlp.get_pipe("textcat").labels)
        return cls(nlp, float(meta.get("weight", 1.0)), labels)

    def probabilities(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text: label -> probability (the labels sum to 1)."""
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=64)]


def resolve_yield(label: str, rule_type: str | None) -> str:
    """The classifier's YIELD as a current PLOVER type: the rules' RETREAT/CONCEDE, else CONCEDE."""
    if label != "YIELD":
        return label
    return rule_type if rule_type in YIELD_TYPES else "CONCEDE"


def decide(rule_type: str | None, rule_score: float, probs: dict[str, float] | None,
           weight: float) -> tuple[str | None, float]:
    """One scored decision over the rules' type and the classifier's probabilities.

    Each label scores its probability; the rules' type adds ``weight * rule_score`` (RETREAT and
    CONCEDE count as the data's YIELD). Returns (type, score in [0, 1]).
    """
    if not probs:
        return rule_type, rule_score
    rule_label = "YIELD" if rule_type in YIELD_TYPES and "YIELD" in probs else rule_type
    scored = {lab: p + (weight * rule_score if lab == rule_label else 0.0) for lab, p in probs.items()}
    if rule_label is not None and rule_label not in scored:
        scored[rule_label] = weight * rule_score
    best = max(sorted(scored), key=lambda lab: scored[lab])
    if best == rule_label:
        return rule_type, min(1.0, scored[best] / (1.0 + weight))
    return resolve_yield(best, rule_type), min(1.0, scored[best] / (1.0 + weight))
