"""Counts in text: number words, fatality phrases and quantities.

Pure functions over strings. Conventions for fatalities (min, max):
  "three soldiers were killed" -> (3, 3);   "about/some/roughly 70" -> (70, 70)
  "at least 82 killed" -> (82, None);        "more than/over 82" -> (83, None)
  "up to / nearly / almost 82" -> (None, 82); "between 10 and 15", "10 to 15" -> (10, 15)
  "a dozen" -> (12, 12); "dozens" -> (24, None); "scores" -> (40, None);
  "hundreds" -> (200, None); "several" -> (3, None); "a/one soldier was killed" -> (1, 1)
"""
from __future__ import annotations

import re

UNITS = {"zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
         "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities: (min, max).
VAGUE = {"a dozen": (12, 12), "dozen": (12, 12), "dozens": (24, None), "scores": (40, None),
         "hundreds": (200, None), "thousands": (2000, None), "several": (3, None),
         "a few": (2, None), "a handful": (2, None), "many": (2, None), "a couple": (2, 2)}

PERSON_WORDS = frozenset("soldier civilian person man woman child boy girl policeman officer fighter militant "
                         "journalist worker student farmer resident villager commander member guard pilot "
                         "teacher doctor nurse driver".split())
_WORD_NUM = r"(?:(?:%s)(?:[\s-]+(?:%s))*)" % ("|".join(sorted(UNITS, key=len, reverse=True) + list(SCALES)),
                                             "|".join(sorted(UNITS, key=len, reverse=True) + list(SCALES)))
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|%s|a dozen|dozens|scores|hundreds|thousands|several|a few|a handful|a couple)" % _WORD_NUM
_QUALIFIER = r"(?P<q>at\s+least|more\s+than|over|up\s+to|nearly|almost|about|around|roughly|some|approximately|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than)?\s*"
_DEATH = r"(?:killed|dead|died|deaths|slain|executed|massacred|lost\s+their\s+lives|perished|fatalities|bodies)"
_NOUN = r"(?:[A-Za-z.\-']+\s+){0,5}?"

FATALITY_PATTERNS = [
    re.compile(r"\bbetween\s+(?P<a>" + NUMBER + r")\s+and\s+(?P<b>" + NUMBER + r")\s+" + _NOUN + r"(?:were\s+|have\s+been\s+|had\s+been\s+|was\s+)?" + _DEATH, re.I),
    re.compile(r"\b" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\s+(?:to|-)\s+(?P<b>" + NUMBER + r")\s+" + _NOUN + r"(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+)?" + _DEATH, re.I),
    re.compile(r"\b" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\s+" + _NOUN + r"(?:(?:were|was|are|is|have|has|had|been|reportedly|also|all|later)\s+)*" + _DEATH, re.I),
    re.compile(r"\b(?:killing|killed|kill|kills|executing|executed|left)\s+" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\b", re.I),
    re.compile(r"\bdeath\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached|stands\s+at)\s+" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\b", re.I),
]


def parse_number(text: str) -> int | None:
    """An integer from digits ("4,000") or number words ("seventy-two", "two hundred")."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if t in VAGUE:
        return VAGUE[t][0]
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current if (total or current or t in ("zero",)) else None


def number_range(number: str, qualifier: str | None) -> tuple[int | None, int | None]:
    """(min, max) of a number as qualified in text (see the module docstring)."""
    key = number.strip().lower()
    q = " ".join((qualifier or "").lower().split())
    if key in VAGUE:
        lo, hi = VAGUE[key]
        return (lo, hi) if not q else (lo, None)
    n = parse_number(key)
    if n is None:
        return None, None
    if q == "at least":
        return n, None
    if q in ("more than", "over"):
        return n + 1, None
    if q in ("up to", "nearly", "almost", "at most", "as many as"):
        return None, n
    if q in ("fewer than", "less than"):
        return None, max(n - 1, 0)
    return n, n


def fatalities_in(text: str) -> tuple[int | None, int | None] | None:
    """The first fatality count stated in ``text`` as (min, max), or None."""
    best = None
    for rx in FATALITY_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        if m.groupdict().get("b"):
            lo = number_range(m.group("a"), None)[0]
            hi = number_range(m.group("b"), None)[1]
            if lo is not None and hi is not None:
                cand = (m.start(), (lo, hi))
            else:
                continue
        else:
            lo, hi = number_range(m.group("a"), m.groupdict().get("q"))
            if lo is None and hi is None:
                continue
            if m.group("a").lower() in ("a", "an"):
                following = [w.lower().strip(",.") for w in m.string[m.end("a"):].split(None, 5)[:4]]
                if not any(w in PERSON_WORDS or w.rstrip("s") in PERSON_WORDS for w in following):
                    continue  # "a landmine blast killed four": the article is not a count
            cand = (m.start(), (lo, hi))
        if best is None or cand[0] < best[0]:
            best = cand
    return best[1] if best else None
