"""Place-name normalisation: a folded form and a transliteration-tolerant skeleton.

``fold`` removes what never distinguishes two place names (case, diacritics, quotes,
apostrophes, hyphens, a leading "the", common abbreviations).  ``skeleton`` goes further
with general transliteration rules (Arabic article forms and their assimilation, doubled
letters, vowel spelling, q/k, dh/z, a trailing h), so that spelling variants of one name
share a key.  Both are pure functions of the name; no per-name lists.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Quote-like and apostrophe-like marks (incl. Arabic ayn/hamza transliteration marks).
_DROP = dict.fromkeys(map(ord, "'’‘`´ʻʼʽʿʾ\"“”«»"), None)
_SPACE = re.compile(r"[\s\-‐‑‒–—_/.,;:()\[\]]+")
_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
# The Arabic definite article as transliterated, standalone (after hyphens became spaces).
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "ash", "an", "az", "at", "ath", "adh", "ez",
                      "es", "ed", "en", "et", "ul", "il", "l"})
# Sun-letter assimilation glued to the next word: "ezzor", "ettal", "assuwayda".
_GLUED = re.compile(r"^[ae]([tdrzsnl])\1(?=[a-z]{2})")
_SPELL = [  # ordered rewrite rules applied to each word of the skeleton
    (re.compile(r"(?<=[aeiou])h$"), ""),      # trailing h after a vowel: halabjah -> halabja
    (re.compile(r"dh|th|zh"), "z"),            # dh/z (and th, zh) interdental variants
    (re.compile(r"kh|gh"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"q|ck|c(?=[aou])|c$"), "k"),
    (re.compile(r"(?<=[aeiou])w(?=[aeiou])"), "v"),  # w/v between vowels: ninawa/nineveh
    (re.compile(r"ay|ei|ey|ai"), "e"),         # ei/ay: deir/dayr
    (re.compile(r"aw|ow|au"), "o"),            # aw/o: zawr/zor
    (re.compile(r"[aeiouy]+"), "a"),           # vowel quality and length: zour/zor, ou/u
    (re.compile(r"(.)\1+"), r"\1"),            # doubled letters: hasakkah -> hasaka
]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form: "Al-Qā'im" -> "al qaim"."""
    return fold_uncached(name)


def fold_uncached(name: str) -> str:
    """``fold`` without the cache (for one pass over the whole gazetteer)."""
    text = name.translate(_DROP)
    if text.isascii():
        text = text.lower()
    else:
        text = strip_accents(text).lower()
        text = text.replace("ı", "i").replace("ə", "e").replace("ø", "o").replace("æ", "ae")
        text = text.replace("ß", "ss").replace("ł", "l").replace("đ", "d")
    text = text.replace("&", " and ")
    words = _SPACE.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    words = [_ABBREV.get(w, w) for w in words]
    return " ".join(words)


def strip_articles(words: list[str]) -> list[str]:
    """Drop standalone Arabic articles and glued assimilated ones, keeping at least one word."""
    out = []
    for i, w in enumerate(words):
        if w in ARTICLES and i + 1 < len(words):
            continue
        if w in ("abu", "albu", "abou", "aboo"):  # "Abu/Albu/Bu Kamal": family-of forms
            w = "bu"
        w = _GLUED.sub(r"\1", w) if len(words) > 1 else w
        out.append(w)
    return out or words


@lru_cache(maxsize=500_000)
def _spell(word: str) -> str:
    for pattern, repl in _SPELL:
        word = pattern.sub(repl, word)
    return word


def skeleton(name: str) -> str:
    """Transliteration-tolerant key: "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor" -> one key."""
    return skeleton_of_fold(fold(name))


@lru_cache(maxsize=200_000)
def skeleton_of_fold(folded: str) -> str:
    """``skeleton`` of a name already passed through ``fold``."""
    return "".join(_spell(w) for w in strip_articles(folded.split()))


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (accents allowed)."""
    if name.isascii():
        return True
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def looks_like_name(name: str) -> bool:
    """A usable alternate name: Latin script and capitalised (after an optional article)."""
    if len(name) < 3 or not is_latin(name):
        return False
    words = _SPACE.sub(" ", name.translate(_DROP)).split()
    if not words:
        return False
    first = words[1] if len(words) > 1 and words[0].lower() in ARTICLES else words[0]
    return first[:1].isupper()


@lru_cache(maxsize=200_000)
def initial(name: str) -> str:
    """First letter of the name without articles: spelling variants keep it ("Dayr"/"Deir")."""
    words = strip_articles(fold(name).split())
    first = words[0] if words else ""
    first = {"abu": "b", "albu": "b"}.get(first, first)
    return first[:1].replace("q", "k").replace("c", "k")
