"""ingest: files and folders of every kind, real fixtures in tests/data/ingest."""
from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from frontwatch.errors import (BinaryInputError, EmptyInputError, EncodingError, IngestError,
                               InputTooLargeError, MalformedInputError)
from frontwatch.ingest import read_sources
from frontwatch.records import Article, content_hash
from frontwatch.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLES = SHARED / "samples"
SEEDS = SHARED / "seeds"
needs_shared = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared corpus not present")


def read(*sources, published=None, **settings):
    return list(read_sources([str(s) for s in sources], settings=Settings(**settings),
                             published=published))


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def errors(items):
    return [i for i in items if isinstance(i, IngestError)]


def one(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# ---------------------------------------------------------------- plain text

@needs_shared
def test_seed_text_file_kept_whole_with_title_and_base_name_id():
    path = SEEDS / "000_407ea65365f01678.txt"
    a = one(read(path))
    assert a.id == "000_407ea65365f01678.txt"
    assert a.title == "Syrians Urged To Leave Raqqa As Attack On The ISIS Stronghold Nears"
    raw = path.read_text(encoding="utf-8")
    assert a.text == raw.strip()  # verbatim: offsets into the text are offsets into the file
    # the date line stays in the text and is not parsed by ingest
    assert "May 20, 2016 at 12:44 PM ET" in a.text
    assert a.published is None and a.url is None and a.outlet is None
    assert a.key == "sha256:" + a.content_hash == "sha256:" + content_hash(a.text)


@needs_shared
def test_published_fills_in_only_a_missing_date(tmp_path):
    a = one(read(SEEDS / "003_f77d8574fdd8c207.txt", published=date(2017, 5, 11)))
    assert a.published == date(2017, 5, 11)
    dated, undated = read(DATA / "feed.rss", published=date(1999, 1, 1))
    assert dated.published == date(2022, 5, 2) and undated.published == date(1999, 1, 1)


def test_hostile_text_is_stored_verbatim():
    a = one(read(DATA / "hostile.txt"))
    assert a.title == "Robert'); DROP TABLE articles;-- <script>alert(1)</script>"
    assert a.text == (DATA / "hostile.txt").read_text(encoding="utf-8").strip()
    assert "SELECT * FROM users WHERE 1=1;" in a.text and "<img src=x onerror=alert(1)>" in a.text


def test_bom_stripped_and_crlf_normalised():
    bom = one(read(DATA / "bom.txt"))
    assert bom.title == "BOM title" and not bom.title.startswith("\ufeff")
    crlf = one(read(DATA / "crlf.txt"))
    assert crlf.text == "Title line\n\nBody with CRLF line endings.\nSecond line."


def test_text_without_title_line_keeps_everything(tmp_path):
    body = "First paragraph of a long report that runs on and on. " * 6
    (tmp_path / "no_title.md").write_text(body + "\n\nSecond paragraph.\n", encoding="utf-8")
    (tmp_path / "one_block.txt").write_text("Only one paragraph, no title.", encoding="utf-8")
    long_first, single = read(tmp_path / "no_title.md", tmp_path / "one_block.txt")
    assert long_first.title is None and long_first.text.startswith("First paragraph")
    assert single.title is None and single.text == "Only one paragraph, no title."


# ---------------------------------------------------------------- sidecar metadata

@needs_shared
def test_folder_with_sidecar_index_takes_metadata(tmp_path):
    names = ["02_wikinews_north_korea_quasi_state_of_war.txt",
             "06_voa_raqqa_civilians_flee_airstrikes.txt"]
    index = {json.loads(line)["id"]: json.loads(line)
             for line in (SAMPLES / "index.jsonl").read_text(encoding="utf-8").splitlines()}
    for name in names:
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "index.jsonl").write_text(
        "\n".join(json.dumps(index[n]) for n in names) + "\n", encoding="utf-8")
    shutil.copy(SAMPLES / "LICENSES.md", tmp_path / "LICENSES.md")  # documentation: skipped
    got = read(tmp_path)
    assert [a.id for a in got] == names  # sorted; index.jsonl and LICENSES.md not read
    for a in got:
        meta = index[a.id]
        assert (a.title, a.url, a.outlet) == (meta["title"], meta["url"], meta["outlet"])
        assert a.published == date.fromisoformat(meta["published"])
        assert a.text == (SAMPLES / a.id).read_text(encoding="utf-8").strip()
        assert a.key.startswith("url:")


@needs_shared
def test_sidecar_one_level_up_names_files_by_relative_path(tmp_path):
    (tmp_path / "cluster_a").mkdir()
    shutil.copy(SEEDS / "003_f77d8574fdd8c207.txt", tmp_path / "cluster_a" / "01_story.txt")
    (tmp_path / "index.jsonl").write_text(json.dumps({
        "id": "cluster_a/01_story.txt", "title": "Given title", "outlet": "Given Outlet",
        "url": "https://given.example.com/story", "published": "2017-05-10"}) + "\n")
    a = one(read(tmp_path / "cluster_a" / "01_story.txt", published=date(2000, 1, 1)))
    assert a.id == "cluster_a/01_story.txt"
    assert (a.title, a.outlet, a.published) == ("Given title", "Given Outlet", date(2017, 5, 10))
    assert a.key == "url:https://given.example.com/story"


@needs_shared
def test_whole_samples_folder_reads_every_listed_article():
    got = read(SAMPLES)
    listed = [json.loads(line)["id"] for line in (SAMPLES / "index.jsonl").read_text().splitlines()]
    assert not errors(got)
    assert [a.id for a in got] == sorted(listed)
    assert all(a.title and a.outlet and a.url for a in got)


# ---------------------------------------------------------------- HTML

def test_html_page_main_text_without_boilerplate():
    a = one(read(DATA / "news_page.html"))
    assert a.id == "news_page.html"
    assert a.title == "Shelling hits market in Northtown, killing four"
    assert a.text.startswith("Shelling hits market in Northtown, killing four\n\n"
                             "Artillery shells struck a crowded market")
    assert "humanitarian access" in a.text
    for junk in ("Subscribe", "Privacy policy", "Celebrity chef", "Copyright", "tracking",
                 "<p>", "font-family"):
        assert junk not in a.text
    assert a.outlet == "The Example Herald"
    assert a.published == date(2021, 3, 14)
    assert a.url == "https://herald.example.com/world/2021/03/14/shelling-hits-market"
    assert "\n\n" in a.text  # paragraphs kept apart


def test_html_with_declared_charset_is_decoded_not_mangled():
    a = one(read(DATA / "latin_page.html"))
    assert "Artillery shells — café owners said — struck" in a.text


def test_html_without_article_text_is_empty_error(tmp_path):
    page = tmp_path / "nav_only.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (err,) = read(page)
    assert isinstance(err, EmptyInputError) and "no article text" in str(err)


# ---------------------------------------------------------------- JSON / JSONL

def test_jsonl_records_and_per_line_errors():
    got = read(DATA / "articles.jsonl", published=date(2024, 1, 1))
    by_id = {a.id: a for a in articles(got)}
    assert list(by_id) == ["wire-001", "wire-002", "articles.jsonl:6"]
    first = by_id["wire-001"]
    assert (first.title, first.outlet, first.published) == (
        "Clashes in the hills", "Example News", date(2020, 6, 5))
    assert first.text.endswith("six fighters were killed.")
    second = by_id["wire-002"]
    assert second.outlet == "Example Daily" and second.published == date(2024, 1, 1)
    assert by_id["articles.jsonl:6"].published == date(2020, 6, 7)
    bad = errors(got)
    assert [type(e) for e in bad] == [MalformedInputError, MalformedInputError]
    assert "articles.jsonl:4" in str(bad[0]) and "not valid JSON" in str(bad[0])
    assert "articles.jsonl:5" in str(bad[1]) and "no 'text' field" in str(bad[1])


def test_json_articles_list_and_single_record():
    got = read(DATA / "articles.json", DATA / "one_record.json")
    ok = articles(got)
    assert [a.id for a in ok] == ["101", "https://single.example.com/story"]
    assert ok[0].published == date(2021, 4, 14) and ok[0].outlet == "Example Radio"
    assert ok[1].outlet == "single.example.com"
    msgs = [str(e) for e in errors(got)]
    assert len(msgs) == 2
    assert "articles.json#2" in msgs[0] and "no 'text' field" in msgs[0]
    assert "articles.json#3" in msgs[1] and "not a date" in msgs[1]


def test_invalid_json_and_jsonl_under_json_name(tmp_path):
    (tmp_path / "broken.json").write_text('{"articles": [{"text": "x"}', encoding="utf-8")
    (tmp_path / "lines.json").write_text(
        '{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n')
    broken, a, b = read(tmp_path / "broken.json", tmp_path / "lines.json")
    assert isinstance(broken, MalformedInputError) and "line 1" in str(broken)
    assert (a.id, b.id) == ("a", "b")


# ---------------------------------------------------------------- feeds

def test_rss_feed_full_text_entries():
    got = read(DATA / "feed.rss")
    first, second = got
    assert first.id == first.url == "https://wire.example.org/2022/05/02/eastport-protest"
    assert first.title == "Protesters rally outside parliament in Eastport"
    assert first.outlet == "Example Wire Service" and first.language == "en"
    assert first.published == date(2022, 5, 2)
    assert first.text.startswith(
        "Thousands of people rallied outside the parliament building in Eastport")
    assert "twelve people were arrested" in first.text  # content:encoded, not the summary
    assert "<" not in first.text and "alert" not in first.text
    assert second.id == "https://wire.example.org/2022/05/03/southfield-talks"
    assert second.published is None and second.text.startswith("Delegations")


def test_atom_feed_content_and_guid_id():
    first, second = read(DATA / "feed.atom")
    assert first.id == "https://monitor.example.net/reports/convoy-westbury"
    assert first.published == date(2023, 1, 9)  # published, not updated
    assert first.text.endswith("before the attackers withdrew.") and "\n\n" in first.text
    assert second.id == "urn:uuid:1f7a6e0c-4e1b-4f6c-9d0a-000000000003" and second.url is None
    assert second.outlet == "Example Monitor" and second.published == date(2023, 1, 8)


def test_ambiguous_extension_is_sniffed(tmp_path):
    shutil.copy(DATA / "feed.atom", tmp_path / "feed.xml")
    shutil.copy(DATA / "news_page.html", tmp_path / "page")
    shutil.copy(DATA / "articles.json", tmp_path / "records")
    got = read(tmp_path / "feed.xml", tmp_path / "page", tmp_path / "records")
    assert [a.id for a in articles(got)][:3] == [
        "https://monitor.example.net/reports/convoy-westbury",
        "urn:uuid:1f7a6e0c-4e1b-4f6c-9d0a-000000000003", "page"]
    assert articles(got)[2].title == "Shelling hits market in Northtown, killing four"
    assert articles(got)[3].id == "101"


# ---------------------------------------------------------------- bad inputs

BAD = [
    ("empty.txt", EmptyInputError, "empty"),
    ("binary.dat", BinaryInputError, "binary"),
    ("invalid_utf8.txt", EncodingError, "not valid UTF-8"),
    ("truncated.html", MalformedInputError, "truncated"),
    ("malformed.rss", MalformedInputError, "feed"),
]


@pytest.mark.parametrize("name, kind, words", BAD)
def test_bad_input_gives_named_error_and_the_rest_is_read(name, kind, words):
    got = read(DATA / name, DATA / "news_page.html", DATA / "missing.txt", DATA / "hostile.txt")
    assert isinstance(got[0], kind), got[0]
    assert words in str(got[0]) and str(DATA / name) in str(got[0])
    assert got[0].source == str(DATA / name)
    assert [a.id for a in articles(got)] == ["news_page.html", "hostile.txt"]
    assert type(got[2]) is IngestError and "no such file" in str(got[2])


def test_whole_fixture_folder_keeps_going_past_every_bad_file():
    got = read(DATA)
    kinds = sorted(type(e).__name__ for e in errors(got))
    # the "last week" date of articles.json is an InvalidDateError (a MalformedInputError)
    assert kinds == ["EmptyInputError", "EncodingError", "InvalidDateError"] + ["MalformedInputError"] * 5
    assert len(articles(got)) == 14  # binary.dat has an unknown extension: not read in folders


def test_binary_data_under_a_text_name_and_known_formats(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "doc.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    png, pdf = read(tmp_path / "photo.txt", tmp_path / "doc.html")
    assert isinstance(png, BinaryInputError) and "PNG" in str(png)
    assert isinstance(pdf, BinaryInputError) and "PDF" in str(pdf)


def test_50_mb_file_is_refused_quickly(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    start = time.perf_counter()
    got = read(big, DATA / "hostile.txt")
    elapsed = time.perf_counter() - start
    assert isinstance(got[0], InputTooLargeError) and "max_bytes" in str(got[0])
    assert isinstance(got[1], Article)
    assert elapsed < 1.0


def test_max_bytes_setting_applies(tmp_path):
    (err,) = read(DATA / "news_page.html", max_bytes=100)
    assert isinstance(err, InputTooLargeError) and "100-byte limit" in str(err)


def test_empty_folder_and_unsupported_scheme(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    folder, ftp = read(tmp_path, "ftp://example.com/x.txt")
    assert isinstance(folder, EmptyInputError) and "no readable files" in str(folder)
    assert isinstance(ftp, IngestError) and "http" in str(ftp)


def test_html_short_first_paragraph_is_not_taken_for_the_title(tmp_path):
    page = tmp_path / "lead.html"
    page.write_text(
        "<html><head><title>Bombs kill ten in the capital</title></head><body><article>"
        "<p>CAPITAL CITY — Two bombs killed ten people on Monday.</p>"
        "<p>The explosions hit a bus station and a market during the morning rush hour, "
        "police said, and dozens of people were wounded.</p></article></body></html>")
    a = one(read(page))
    assert a.title == "Bombs kill ten in the capital"
    assert a.text.startswith("CAPITAL CITY — Two bombs killed ten people on Monday.")


def test_folder_order_and_skipped_files(tmp_path):
    for rel in ("b.txt", "a/z.txt", "a/c.md", ".hidden.txt", ".git/x.txt", "README.md",
                "LICENSE", "photo.png", "notes"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Title of {rel}\n\nBody of {rel}.\n", encoding="utf-8")
    got = read(tmp_path)
    assert [a.id for a in got] == ["c.md", "z.txt", "b.txt", "notes"]  # sorted by path
    assert got[3].title == "Title of notes"  # no extension: sniffed as plain text
