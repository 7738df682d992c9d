"""Counts in text: number words, fatality phrases and quantities.

Pure functions over strings. Conventions for fatalities (min, max):
  "three soldiers were killed" -> (3, 3);   "about/some/roughly 70" -> (70, 70)
  "at least 82 killed" -> (82, None);        "more than/over 82" -> (82, None)
  "up to / nearly / almost 82" -> (None, 82); "between 10 and 15", "10 to 15" -> (10, 15)
  "a dozen" -> (12, 12); "tens" -> (10, None); "dozens" -> (12, None); "scores" -> (20, None);
  "hundreds" -> (100, None); "tens of thousands" -> (10000, None); "several" -> (3, None); "a/one soldier was killed" -> (1, 1),
  "assassinated four people" -> (4, 4); "murdered a judge" -> (1, 1); "beat a woman to death" -> (1, 1)
  victim groups add up: "killing three soldiers and two civilians" -> (5, 5),
  "6 fighters and at least 1 militant were killed" -> (7, None)
  min <= max always (a contradictory pair keeps its minimum and drops the maximum).
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
# A plural unit counts one unit, open-ended: ACLED's published convention for vague tolls ("tens" 10,
# "dozens" 12, "hundreds" 100, "and so on"; the most conservative estimate) -- docs/records.md.
VAGUE = {"a dozen": (12, 12), "dozen": (12, 12), "tens": (10, None), "dozens": (12, None), "scores": (20, None),
         "hundreds": (100, None), "thousands": (1000, None), "tens of thousands": (10_000, None),
         "hundreds of thousands": (100_000, None), "several": (3, None),
         "a few": (2, None), "a handful": (2, None), "many": (2, None), "a couple": (2, 2)}

PERSON_WORDS = frozenset("soldier civilian person man woman child boy girl policeman officer fighter militant "
                         "journalist worker student farmer resident villager commander member guard pilot "
                         "teacher doctor nurse driver councilor councillor official judge editor herder "
                         "trader cleric imam priest pastor prisoner gendarme shepherd merchant "
                         "businessman elder activist militiaman policewoman trader youth suspect".split())
_WORD_NUM = r"(?:(?:%s)(?:[\s-]+(?:%s))*)" % ("|".join(sorted(UNITS, key=len, reverse=True) + list(SCALES)),
                                             "|".join(sorted(UNITS, key=len, reverse=True) + list(SCALES)))
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+|%s|a dozen|(?:tens|hundreds)\s+of\s+thousands|tens|dozens|scores|hundreds|"
          r"thousands|several|a few|a handful|a couple)" % _WORD_NUM)
_QUALIFIER = r"(?P<q>at\s+least|more\s+than|over|up\s+to|nearly|almost|about|around|roughly|some|approximately|as\s+many\s+as|at\s+most|no[t]?\s+(?:fewer|less)\s+than|fewer\s+than|less\s+than)?\s*"
_DEATH = (r"(?:killed|dead|died|deaths|slain|executed|massacred|lost\s+their\s+lives|perished|fatalities|bodies|"
          r"killled|assassinated|murdered|beheaded|lynched)")
_NOUN = r"(?:[A-Za-z.\-']+\s+){0,7}?"

_PERSON_NOUNS = sorted(PERSON_WORDS | {w + "s" for w in PERSON_WORDS} | set(
    "people men women children policemen gunmen militiamen police troops personnel persons civilians "
    "attackers assailants rebels insurgents jihadists others".split()), key=len, reverse=True)
_PERSON = r"(?:['\"]?[A-Za-z\-]+['\"]?\s+){0,2}?['\"]?(?:%s)['\"]?" % "|".join(_PERSON_NOUNS)
_GROUP_T = r"%s(?P<@N@>%s)\s+%s" % (_QUALIFIER.replace("?P<q>", "?P<q@N@>"), NUMBER, _PERSON)


def _group(n: str, loose: bool = False) -> str:
    """A counted victim group: '(at least) three (local) soldiers'; ``loose``: any one or two words
    ("6 'Arbakis' and 1 militant were killed": the second group shows the words name people)."""
    group = _GROUP_T.replace("@N@", n)
    return group.replace(_PERSON, r"(?:['\"]?[A-Za-z\-]+['\"]?\s*){1,2}?") if loose else group

_JOIN = r"\s*(?:,\s*and|,|and)\s+"
SUM_PATTERNS = [  # victim groups: the counts add up
    re.compile(r"\b(?:killing|killed|kill|kills|left)\s+" + _group("a") + _JOIN + _group("b")
               + r"(?:" + _JOIN + _group("c") + r")?", re.I),
    re.compile(r"\b" + _group("a", loose=True) + _JOIN + _group("b") + r"(?:" + _JOIN + _group("c")
               + r")?\s+(?:(?:were|was|are|is|have|has|had|been|reportedly|also|all|later)\s+)*" + _DEATH, re.I),
]

# "the enemy force which lost four (4) soldiers", "losing 12 of its fighters": a side's losses in people.
LOSS = re.compile(r"\b(?:lost|losing|loses|lose)\s+" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\s+(?:\(\d+\)\s+)?"
                  r"(?:of\s+(?:its|their|his|her)\s+)?(?:[A-Za-z\-']+\s+){0,2}?(?:%s)\b"
                  % "|".join(_PERSON_NOUNS), re.I)

FATALITY_PATTERNS = [
    re.compile(r"\bbetween\s+(?P<a>" + NUMBER + r")\s+and\s+(?P<b>" + NUMBER + r")\s+" + _NOUN + r"(?:were\s+|have\s+been\s+|had\s+been\s+|was\s+)?" + _DEATH, re.I),
    re.compile(r"\b" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\s+(?:to|-)\s+(?P<b>" + NUMBER + r")\s+" + _NOUN + r"(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+)?" + _DEATH, re.I),
    re.compile(r"\b" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\s+" + _NOUN + r"(?:(?:were|was|are|is|have|has|had|been|reportedly|also|all|later)\s+)*" + _DEATH, re.I),
    re.compile(r"\b(?:killing|killed|kill|kills|executing|executed|left|shot\s+dead|shooting\s+dead|shoot\s+dead|"
               r"assassinated|assassinating|murdered|murdering|beheaded|beheading|lynched|lynching|massacred|"
               r"massacring|slaughtered|slaughtering)\s+"
               + _QUALIFIER + r"(?P<a>" + NUMBER + r")\b", re.I),
    re.compile(r"\b(?:killing|killed|kills|shot\s+dead|shooting\s+dead|assassinated|assassinating|murdered|"
               r"murdering|beheaded|beheading|lynched|lynching)\s+(?P<a>the|a|an)\s+"
               r"(?:[a-z\-]+\s+){0,3}?(?:%s)\b(?!\s*(?:and\b|,))" % "|".join(sorted(PERSON_WORDS, key=len, reverse=True)), re.I),
    re.compile(r"\b(?:leaving|left)\s+(?P<a>the|a|an|" + NUMBER + r")\s+(?:[a-z\-]+\s+){0,3}?(?:%s)s?\s+dead\b"
               % "|".join(sorted(PERSON_WORDS, key=len, reverse=True)), re.I),
    re.compile(r"\b(?:beat|beaten|beating|stabbed|stabbing|hacked|hacking|burned|burnt|burning|stoned|stoning|"
               r"tortured|torturing|clubbed)\s+(?P<a>the|" + NUMBER + r")\s+(?:[A-Za-z\-']+\s+){0,3}?to\s+death", re.I),
    re.compile(r"\bdeath\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached|stands\s+at)\s+" + _QUALIFIER + r"(?P<a>" + NUMBER + r")\b", re.I),
    LOSS,
]


def parse_number(text: str) -> int | None:
    """An integer from digits ("4,000") or number words ("seventy-two", "two hundred")."""
    t = " ".join(text.lower().replace(",", "").split())
    if t.isdigit():
        return int(t)
    if t in VAGUE:
        return VAGUE[t][0]
    if t == "the":
        return 1  # "killing the driver": one person
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
    key = " ".join(number.lower().split())
    q = " ".join((qualifier or "").lower().split())
    if key in VAGUE:
        lo, hi = VAGUE[key]
        return (lo, hi) if not q else (lo, None)
    n = parse_number(key)
    if n is None:
        return None, None
    if q in ("at least", "more than", "over") or q.startswith(("no fewer", "no less", "not fewer", "not less")):
        return n, None  # the figure reported is the minimum (ACLED: the most conservative estimate)
    if q in ("up to", "nearly", "almost", "at most", "as many as"):
        return None, n
    if q in ("fewer than", "less than"):
        return None, max(n - 1, 0)
    return n, n


def ordered(lo: int | None, hi: int | None) -> tuple[int | None, int | None]:
    """(min, max) with min <= max: a maximum below the minimum is dropped (open-ended)."""
    if lo is not None and hi is not None and lo > hi:
        return lo, None
    return lo, hi


def _sum_of(m: re.Match) -> tuple[int | None, int | None] | None:
    lo_total, hi_total = 0, 0
    for n in ("a", "b", "c"):
        if m.groupdict().get(n) is None:
            continue
        if n == "a" and m.group("a").lower() in ("a", "an") and m.groupdict().get("b") is not None:
            words = [w.lower().strip(",.'\"") for w in m.string[m.end("a"):m.start("b")].split()]
            if not any(w in PERSON_WORDS or w.rstrip("s") in PERSON_WORDS for w in words):
                continue  # "after a heavy fight, five militants and one soldier were killed": 6, not 7
        lo, hi = number_range(m.group(n), m.groupdict().get("q" + n))
        if lo is None and hi is None:
            return None
        lo_total += lo or 0
        hi_total = None if hi_total is None or hi is None else hi_total + hi
    return ordered(lo_total, hi_total)


def fatalities_in(text: str) -> tuple[int | None, int | None] | None:
    """The first fatality count stated in ``text`` as (min, max) with min <= max, or None."""
    found = fatality_mention(text)
    return found[1] if found else None


def fatality_mention(text: str) -> tuple[int, tuple[int | None, int | None]] | None:
    """(character offset, (min, max)) of the first fatality count in ``text``, or None."""
    best = None
    for rx in SUM_PATTERNS:
        m = rx.search(text)
        if m:
            found = _sum_of(m)
            if found is not None:
                best = (m.start(), found)
                break
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
                between = m.string[m.end("a"):m.end()] if rx is not FATALITY_PATTERNS[3] else \
                    " ".join(m.string[m.end("a"):].split(None, 5)[:4])
                raw = between.split() + m.string[m.end():].split()[:10]
                following = [w.lower().strip(",.;'\"") for w in raw]
                at = next((i for i, w in enumerate(following) if w in PERSON_WORDS or w.rstrip("s") in PERSON_WORDS),
                          None)
                if at is None or at >= len(between.split()):
                    continue  # "a landmine blast killed four", "an airstrike killed 12": the article is not a count
                rest = following[at + 1:]
                joined = next((rest[i + 1] for i, w in enumerate(rest[:-1]) if w == "and"), None)
                if (raw[at].endswith(",") or rest[:1] == ["and"]) and joined is not None and not joined.endswith("ing"):
                    continue  # "killed a commander, his deputy and scores of fighters": a list, not one
            cand = (m.start(), (lo, hi))
        if best is None or cand[0] < best[0]:
            best = cand
    return (best[0], ordered(*best[1])) if best else None
