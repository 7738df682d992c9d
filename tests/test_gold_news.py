"""The news gold (tests/gold_news): every file is valid, named after its article, dated as the
corpus index dates it, faithful to its article (verbatim evidence, literal toponyms), and the
tune/held halves follow the fixed hash documented in tests/gold_news/README.md."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from frontwatch.evaluate import load_gold, load_gold_dir
from frontwatch.evaluate.gold import unfaithful
from frontwatch.ingest.sidecar import INDEX_NAME, load_index
from frontwatch.records import normalize_text

TESTS = Path(__file__).resolve().parent
NEWS_GOLD = TESTS / "gold_news"
NEWS = TESTS.parents[1] / "shared" / "corpus" / "news"
MAX_BYTES = 50_000_000  # the corpus index is far smaller
needs_news = pytest.mark.skipif(not NEWS.is_dir(), reason="../shared/corpus/news not available")


def news_half(article: str) -> str:
    """The README's rule: tune when the first 8 hex digits of sha1(file name) are even."""
    return "tune" if int(hashlib.sha1(article.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "held"


def test_news_gold_loads_and_files_are_named_after_their_article():
    golds = load_gold_dir(NEWS_GOLD)
    assert len(golds) >= 30
    for gold in golds:
        assert (NEWS_GOLD / f"{gold['article']}.json").is_file(), gold["article"]
        assert any(e["core"] for e in gold["events"]), gold["article"]


def test_news_gold_halves_follow_the_hash_and_the_readme_table():
    golds = load_gold_dir(NEWS_GOLD)
    halves = {g["article"]: news_half(g["article"]) for g in golds}
    assert {"tune", "held"} == set(halves.values())
    readme = (NEWS_GOLD / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| [^|]+ \| (tune|held) \|", readme, flags=re.M))
    assert listed == halves


@needs_news
def test_news_gold_is_faithful_to_its_article_and_the_index():
    index = {i: row.get("published") for i, row in load_index(NEWS / INDEX_NAME, MAX_BYTES).items()}
    problems = []
    for path in sorted(NEWS_GOLD.glob("*.json")):
        gold = load_gold(path)
        if gold["published"] != index[gold["article"]]:
            problems.append(f"{path.name}: published {gold['published']} != index {index[gold['article']]}")
        raw = normalize_text((NEWS / gold["article"]).read_text(encoding="utf-8"))
        problems += unfaithful(gold, raw.partition("\n")[2], toponym_text=raw, name=path.name)
    assert not problems, "\n".join(problems)
