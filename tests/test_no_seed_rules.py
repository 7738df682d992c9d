"""The seeds are test data: the code must generalise, so no seed-specific string may appear in src/."""
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "frontwatch"
# Names that occur only in the seed articles (people, organisations, outlets) or are their
# main places; general lexicons must not need them.
FORBIDDEN = ("Raqqa", "Tabqa", "Manbij", "Abousamra", "Slaughtered Silently", "BuzzFeed",
             "Bassam Jaara", "Cafarella", "ARA news")


def test_no_seed_specific_strings_in_code_or_lexicons():
    offenders = []
    for path in SRC.rglob("*"):
        if path.suffix not in {".py", ".json", ".jsonl", ".txt", ".cfg", ".toml", ".yaml", ".yml"}:
            continue
        if "samples" in path.relative_to(SRC).parts:  # bundled real articles, not rules
            continue
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        offenders += [f"{path.relative_to(SRC)}: {w}" for w in FORBIDDEN if w.lower() in text]
    assert not offenders, offenders
