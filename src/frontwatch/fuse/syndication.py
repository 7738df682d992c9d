"""Syndicated copies and independent publishers.

Each article text is reduced to a bottom-k sketch of its word 5-gram shingles (the k smallest
shingle hashes). Two texts are copies of one story when the estimated resemblance (Jaccard) is at
least RESEMBLANCE or the estimated containment of the shorter in the longer is at least
CONTAINMENT (a truncated or re-headlined copy). Partial quotation stays below both thresholds.
"""
from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable, Sequence

from frontwatch.fuse.records import Report

SHINGLE_WORDS = 5
SKETCH_SIZE = 128
RESEMBLANCE = 0.5
CONTAINMENT = 0.8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def text_sketch(text: str, k: int = SKETCH_SIZE) -> tuple[array, int]:
    """(bottom-k sketch, number of distinct shingles) of a text's word 5-grams. Words are
    CRC-32 coded and a shingle is the (deterministic) hash of its tuple of word codes."""
    ids = [zlib.crc32(w.lower().encode("utf-8")) for w in _WORD.findall(text)]
    if len(ids) < SHINGLE_WORDS:
        hashes = {hash(tuple(ids)) & 0xFFFFFFFFFFFF} if ids else set()
    else:
        hashes = {hash(t) & 0xFFFFFFFFFFFF for t in zip(*(ids[i:] for i in range(SHINGLE_WORDS)))}
    return array("Q", sorted(hashes)[:k]), len(hashes)  # 8 bytes a value, not a Python int


def resemblance(a: Sequence[int], b: Sequence[int], k: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard of two shingle sets from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    if a is b or a == b:  # the same text (one article's reports share its sketch)
        return 1.0
    sa = set(a)
    union = sorted(sa.union(b))[:k]
    cutoff = union[-1]
    return sum(1 for h in b if h <= cutoff and h in sa) / len(union)


def sketches_are_copies(a: Sequence[int], na: int, b: Sequence[int], nb: int) -> bool:
    """True when two sketched texts are near-duplicates (see the module docstring)."""
    j = resemblance(a, b)
    if j >= RESEMBLANCE:
        return True
    if j <= 0 or not na or not nb:
        return False
    return j * (na + nb) / ((1 + j) * min(na, nb)) >= CONTAINMENT


def is_copy(a: Report, b: Report) -> bool:
    """True when two reports come from the same text (same hash, or near-duplicate sketches)."""
    if a.article_id == b.article_id or (a.content_hash and a.content_hash == b.content_hash):
        return True
    return sketches_are_copies(a.text_sketch, a.shingle_count, b.text_sketch, b.shingle_count)


def copy_groups(texts: dict[str, str]) -> list[list[str]]:
    """Ids of texts grouped into syndicated copies (all pairs compared; for evaluation)."""
    ids = sorted(texts)
    sk = {i: text_sketch(texts[i]) for i in ids}
    group = {i: i for i in ids}
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            if group[a] != group[b] and sketches_are_copies(sk[a][0], sk[a][1], sk[b][0], sk[b][1]):
                old, new = group[b], group[a]
                group = {k: (new if v == old else v) for k, v in group.items()}
    out: dict[str, list[str]] = {}
    for i in ids:
        out.setdefault(group[i], []).append(i)
    return sorted(out.values())


def source_groups(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports grouped by independent publisher: same outlet or copied text = one source.
    Groups and their members come out in canonical order."""
    reps = sorted(reports, key=lambda r: r.sort_key)
    parent = list(range(len(reps)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_of: dict[str, int] = {}
    for i, r in enumerate(reps):
        if r.source_key in first_of:
            union(i, first_of[r.source_key])
        else:
            first_of[r.source_key] = i
    for i in range(len(reps)):
        for j in range(i + 1, len(reps)):
            if find(i) != find(j) and is_copy(reps[i], reps[j]):
                union(i, j)
    groups: dict[int, list[Report]] = {}
    for i, r in enumerate(reps):
        groups.setdefault(find(i), []).append(r)
    return [groups[k] for k in sorted(groups)]
