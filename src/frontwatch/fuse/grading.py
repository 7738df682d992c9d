"""Credibility grades in the spirit of the Admiralty code: source reliability A-F x information
credibility 1-6, derived only from independent-source count, attribution classes and status.
The exact rules are listed in docs/fusion.md and in ``grade``'s reasons."""
from __future__ import annotations

import re
from collections.abc import Sequence

from frontwatch.fuse.records import Report

# Attribution classes, tried in this order; the first table whose pattern matches wins.
# `party`: a party to the fight (its officials, forces, statements, state media);
# `monitor`: independent monitors, UN bodies, NGOs; `media`: other news organisations;
# `witness`: residents, activists, unnamed sources. No attribution: `observed` (the outlet's own).
ATTRIBUTION_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("monitor", (
        "observatory", "monitor", "monitors", "monitoring", "united nations", "un", "unhcr", "ocha",
        "unicef", "unama", "unami", "icrc", "red cross", "red crescent", "amnesty", "human rights watch",
        "ngo", "airwars", "msf", "doctors without borders", "watchdog", "iom", "wfp", "rights group",
        "commission of inquiry", "investigators", "acled", "opcw",
    )),
    ("party", (
        "sana", "irna", "tass", "ria novosti", "kcna", "amaq", "press office", "media office",
        "ministry", "minister", "military", "army", "forces", "official", "officials", "spokesman",
        "spokeswoman", "spokesperson", "statement", "command", "commander", "coalition", "centcom",
        "cjtf", "pentagon", "defense department", "department of defense", "government", "president",
        "general", "colonel", "regime", "militia", "police", "governor", "authorities", "militants",
        "group", "rebels", "insurgents", "brigade", "battalion", "headquarters", "task force",
    )),
    ("media", (
        "reuters", "afp", "agence france", "associated press", "ap", "dpa", "efe", "anadolu", "xinhua",
        "news", "agency", "television", "tv", "newspaper", "reporter", "correspondent", "journalist",
        "times", "post", "journal", "magazine", "broadcaster", "channel",
    )),
    ("witness", (
        "resident", "residents", "witness", "witnesses", "eyewitness", "locals", "activist",
        "activists", "source", "sources", "medic", "medics", "doctor", "doctors", "hospital",
        "relatives", "survivor", "survivors", "villagers",
    )),
)
_PATTERNS = [(cls, re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b"))
             for cls, words in ATTRIBUTION_CLASSES]
INDEPENDENT = frozenset({"monitor", "observed"})
RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtfully true",
               5: "improbable", 6: "truth cannot be judged"}


def classify_attribution(name: str | None, actors: Sequence[str] = ()) -> str:
    """Class of an attribution name; a name that contains one of the event's actors is a party."""
    if not name or not name.strip():
        return "observed"
    low = " ".join(name.lower().replace(".", "").split())
    for actor in actors:
        if actor and actor.lower() in low:
            return "party"
    for cls, pattern in _PATTERNS:
        if pattern.search(low):
            return cls
    return "witness"


def report_class(r: Report) -> str:
    att = r.event.attribution
    return classify_attribution(att.name if att else None, sorted(r.actors))


def grade(groups: Sequence[Sequence[Report]], status: str, conflicts: Sequence[str] = ()) -> tuple[str, list[str]]:
    """('B2'-style code, reasons) for an event reported by `groups` (one list per independent
    source), with fused `status` and the names of conflicting details."""
    n = len(groups)
    reports = [r for g in groups for r in g]
    classes = {report_class(r) for r in reports}
    bases = {(report_class(r), (r.event.attribution.name.lower() if r.event.attribution else r.source_key))
             for r in reports}
    reasons = [f"{n} independent source(s)", "attribution classes: " + ", ".join(sorted(classes))]
    known = any(not r.source_key.startswith("article:") for r in reports)
    independent = bool(classes & INDEPENDENT)
    if not known:
        rel = "F"
        reasons.append("F: no publisher known")
    elif n >= 3 and independent:
        rel = "A"
        reasons.append("A: >= 3 independent sources incl. a monitor or own observation")
    elif (n >= 2 and independent) or n >= 3:
        rel = "B"
        reasons.append("B: >= 2 sources incl. a monitor/own observation, or >= 3 sources")
    elif n >= 2 or independent:
        rel = "C"
        reasons.append("C: 2 sources, or 1 source with a monitor/own observation")
    elif classes <= {"witness"}:
        rel = "E"
        reasons.append("E: 1 source relaying unnamed/witness accounts only")
    else:
        rel = "D"
        reasons.append("D: 1 source relaying a party's or another outlet's claim")
    statuses = [r.event.status for r in reports]
    if status == "denied":
        cred = 5
        reasons.append("5: the reports mostly say it was denied")
    elif "denied" in statuses or status == "speculated":
        cred = 4
        reasons.append("4: disputed (a denial among the reports) or speculated")
    elif n == 1:
        cred = 3
        reasons.append("3: a single independent source")
    elif conflicts or len(bases) < 2:
        cred = 2
        why = ("conflicting " + ", ".join(conflicts)) if conflicts else "every report rests on one claim"
        reasons.append(f"2: {n} sources but {why}")
    else:
        cred = 1
        reasons.append(f"1: {n} sources, {len(bases)} distinct bases, no conflicts")
    return f"{rel}{cred}", reasons
