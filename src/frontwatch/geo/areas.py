"""Area names: does a text name the region or district a gazetteer row lies in?

"Miango (Bassa LGA, Plateau)", "Basira in Deir-ez-Zor", "the village of X of Y district, Z":
a candidate whose first- or second-level region the sentence names is the one meant. Region names
are compared by a key that ignores the admin words around them ("Sikasso Region", "Province du
Soum", "Bassa LGA") and transliteration variants (the skeleton of ``normalize``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .aliases import ADMIN_WORDS
from .normalize import fold, skeleton_of_fold

# Words that say what kind of area a name is, in English and French admin names.
AREA_WORDS = ADMIN_WORDS | frozenset({
    "lga", "zone", "woreda", "cercle", "commune", "communes", "prefecture", "prefecture", "departement",
    "du", "de", "des", "la", "le", "of", "the", "sub", "subcounty", "constituency", "division", "area",
    "countryside", "rural", "city", "town", "regions", "provinces", "districts", "governorates", "wilaya",
    "local", "government", "metropolitan", "province", "arrondissement", "sous", "kebele", "zones",
})
# A run of capitalised words, with the connectors place names carry ("Ras al Ain", "Nawa-e Barakzayi").
_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’`-]*(?:[ \t]+(?:(?:al|el|ad|ar|as|an|at|ash|az|ez|e|i|wa|de|du|la|le|of)"
                  r"[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'’`-]*){0,4}")


@lru_cache(maxsize=200_000)
def area_keys(name: str) -> frozenset[str]:
    """Keys of an area name: its folded words without admin words, and their skeleton."""
    words = [w for w in fold(name).split() if w not in AREA_WORDS]
    if not words:
        return frozenset()
    key = " ".join(words)
    skel = skeleton_of_fold(key)
    return frozenset(k for k in (key, skel if len(skel) >= 4 else "") if len(k) >= 3)


def named_areas(text: str) -> frozenset[str]:
    """Area keys of every capitalised run of a text (and of each run's contiguous sub-runs)."""
    out: set[str] = set()
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                out |= area_keys(" ".join(words[i:j]))
    return frozenset(out)
