"""The trigger lexicon (``data/triggers.json``): lemma -> PLOVER type, mode, ACLED type.

Loaded once into plain dicts so that matching a token costs one dict lookup.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Token

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class TriggerEntry:
    """What a trigger word means."""

    type: str
    mode: str | None
    acled: tuple[str, str]
    pos: str
    armed: bool = False       # counts only with an armed actor
    territory: bool = False   # capture-type: ACLED sub-type depends on who takes the place
    victim: bool = False      # "die": the subject is the victim, not the agent
    light_only: bool = False  # "missiles": an event only as object of a light verb ("fired missiles")
    weak: bool = False        # types a relation (``relation_typing``) but never starts an extracted event


@dataclass
class Lexicon:
    """Trigger lookup tables plus the word lists status/attribution rules use."""

    version: str
    verbs: dict[str, TriggerEntry] = field(default_factory=dict)
    nouns: dict[str, TriggerEntry] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], TriggerEntry] = field(default_factory=dict)
    compounds: dict[str, list[tuple[tuple[str, ...], TriggerEntry]]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    verb_objects: dict[tuple[str, str], TriggerEntry | None] = field(default_factory=dict)
    weak_verb_objects: dict[tuple[str, str], TriggerEntry] = field(default_factory=dict)  # relation typing only
    object_constraints: dict[str, str] = field(default_factory=dict)
    phrasal_objects: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # "take to" + streets
    verb_forms: dict[str, str] = field(default_factory=dict)  # regular inflection -> lemma (lemmatizer misses)
    verb_keys: frozenset[str] = frozenset()  # every lemma that can start a verb trigger
    noun_keys: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Lexicon":
        raw = Path(path or DATA_DIR / "triggers.json").read_text("utf-8")
        data = json.loads(raw)
        lex = cls(version=data["version"])
        for group in data["triggers"]:
            entry = TriggerEntry(group["type"], group.get("mode"), tuple(group["acled"]), group["pos"],
                                 group.get("armed", False), group.get("territory", False),
                                 group.get("victim", False), group.get("light_only", False),
                                 group.get("weak", False))
            for lemma in group["lemmas"]:
                words = lemma.lower().split()
                if group["pos"] == "VERB" and len(words) == 2:
                    lex.phrasal.setdefault((words[0], words[1]), entry)
                elif len(words) > 1:
                    lex.compounds.setdefault(words[-1], []).append((tuple(words[:-1]), entry))
                elif group["pos"] == "VERB":
                    lex.verbs.setdefault(words[0], entry)
                else:
                    lex.nouns.setdefault(words[0], entry)
        base = {"ASSAULT": "attack", "CONSULT": "negotiate", "RETREAT": "withdraw", "AGREE": "agree",
                "MOBILIZE": "deploy", "ACCUSE": "accuse", "COERCE": "detain", "SANCTION": "suspend"}
        first_verb = {}  # type -> its first verb entry: the meaning of a verb+object pair of that type
        for entry in lex.verbs.values():
            first_verb.setdefault(entry.type, entry)
        for phrase, spec in data.get("verb_objects", {}).items():
            verb, obj = phrase.lower().split()
            if spec.get("type") is None:
                lex.verb_objects[(verb, obj)] = None
            else:
                typ = spec["type"]
                own = spec.get("as")  # the lemma whose entry the pair takes ("impose sanctions" as "sanctions")
                entry = lex.verbs["capture"] if spec.get("territory") else \
                    (lex.nouns.get(own) or lex.verbs[own]) if own else \
                    lex.verbs[base[typ]] if typ in base else first_verb[typ]
                table = lex.weak_verb_objects if spec.get("weak") else lex.verb_objects
                table[(verb, obj)] = replace(entry, weak=True) if spec.get("weak") else entry
                if obj.endswith("s"):
                    table.setdefault((verb, obj[:-1]), table[(verb, obj)])
        lex.object_constraints = dict(data.get("object_constraints", {}))
        lex.phrasal_objects = {tuple(k.lower().split()): frozenset(v) for k, v in data.get("phrasal_objects", {}).items()}
        lex.verb_keys = frozenset(lex.verbs) | {v for v, _ in lex.phrasal} | {v for v, _ in lex.verb_objects} | \
            {v for v, _ in lex.weak_verb_objects}
        lex.noun_keys = frozenset(lex.nouns) | frozenset(lex.compounds)
        for verb in lex.verbs:  # "raped" lemmatized as "rap": the regular forms find the lemma
            stem = verb[:-1] if verb.endswith("e") else verb
            for form in (verb + "s", stem + "ed", stem + "ing", verb + "d" if verb.endswith("e") else verb + "ed"):
                lex.verb_forms.setdefault(form, verb)
        for bucket in lex.compounds.values():
            bucket.sort(key=lambda item: -len(item[0]))
        for key, value in data.items():
            if isinstance(value, list) and key != "triggers":
                lex.words[key] = frozenset(v.lower() for v in value)
        lex.words["light_particles"] = frozenset(f"{k} {v}" for k, v in data.get("light_particles", {}).items())
        return lex

    def _phrasal_object_ok(self, pair: tuple[str, str], particle: Token) -> bool:
        """'took to the streets' is a protest, 'took to social media' is not: some phrasal
        triggers name the objects their particle must take (``phrasal_objects``)."""
        wanted = self.phrasal_objects.get(pair)
        return wanted is None or any(c.dep_ == "pobj" and (c.lower_ in wanted or c.lemma_.lower() in wanted)
                                     for c in particle.children)

    def has(self, listname: str, word: str) -> bool:
        return word in self.words.get(listname, ())

    def match(self, token: Token, weak: bool = False) -> TriggerEntry | None:
        """The trigger entry a token evokes, or None (reporting verbs and auxiliaries never).

        Weak entries (ambiguous words such as "help") are returned only with ``weak=True``.
        """
        entry = self._match(token, weak)
        return None if entry is not None and entry.weak and not weak else entry

    def _match(self, token: Token, weak: bool) -> TriggerEntry | None:
        lemma = token.lemma_.lower()
        pos = token.pos_
        if lemma not in self.verb_keys and lemma not in self.noun_keys and token.lower_ not in self.noun_keys:
            lemma = self.verb_forms.get(token.lower_) if pos == "VERB" else None
            if lemma is None:
                return None  # the common case: one set lookup
        if pos == "VERB":
            for child in token.children:
                pair = (lemma, child.lemma_.lower())
                if child.dep_ in ("dobj", "nsubjpass") and pair in self.verb_objects:
                    return self.verb_objects[pair]  # "threw a grenade", "a grenade was thrown"
                if child.dep_ == "dobj" and weak and pair in self.weak_verb_objects:
                    return self.weak_verb_objects[pair]
            for child in token.children:
                found = self.phrasal.get((lemma, child.lower_))
                if child.dep_ in ("prt", "prep", "advmod") and found is not None and (weak or not found.weak) \
                        and not _time_phrase(child) and self._phrasal_object_ok((lemma, child.lower_), child):
                    return found
            return self.verbs.get(lemma)
        if pos == "ADJ" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
            pos = "NOUN"  # "a regime offensive on X has displaced ...": tagged ADJ, used as a noun
        if pos in ("NOUN", "PROPN"):
            text = token.lower_
            for key in (text, lemma):
                bucket = self.compounds.get(key)
                if bucket:
                    left = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod", "nmod")]
                    for mods, entry in bucket:
                        if left[-len(mods):] == list(mods) and (weak or not entry.weak):
                            return entry
            entry = next((e for e in (self.nouns.get(text), self.nouns.get(lemma))
                          if e is not None and (weak or not e.weak)), None)
            if entry is not None and pos == "PROPN" and not token.is_title:
                return entry
            return entry if pos == "NOUN" else None
        return None


TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                       "july august september october november december day week weekend month year night morning "
                       "evening afternoon".split())


def _time_phrase(prep: Token) -> bool:
    """'called Erdogan on Friday': a preposition heading a time phrase is no verb particle."""
    return any(c.dep_ == "pobj" and (c.lower_ in TIME_WORDS or c.lemma_.lower() in TIME_WORDS or c.like_num)
               for c in prep.children)
