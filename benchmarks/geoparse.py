"""Geoparsing benchmark on LGL, TR-News and GeoWebNews (../shared/corpus/geoparsing/).

Each corpus is split by document with a fixed seed into a tune half and a headline half
(tune only on the tune half).  Runs frontwatch end to end from raw text and a trivial
baseline (spaCy GPE/LOC/FAC + most populous cities500 match, countries unresolved), and
prints accuracy@161km (a missed gold toponym is a failure), exact geonameid accuracy
(where gold has ids), median error km, span P/R/F1, accuracy with gold spans given,
docs/second and the speed ratio versus bare spaCy.

usage: PYTHONPATH=src python benchmarks/geoparse.py [--split tune|headline|all]
       [--corpus lgl,TR-News,GWN] [--limit N] [--cache-dir DIR] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwatch.geo import Gazetteer  # noqa: E402
from frontwatch.geo.build import PLACE  # noqa: E402
from frontwatch.nlp import places as toponyms  # noqa: E402
from frontwatch.nlp.model import load_model  # noqa: E402
from frontwatch.nlp.places.resolve import haversine_km  # noqa: E402
from frontwatch.records import PlaceMention  # noqa: E402

CORPORA = {"lgl": "lgl.xml", "TR-News": "TR-News.xml", "GWN": "GWN.xml"}
SEED = 20240611
KM = 161.0


@dataclass
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None


@dataclass
class Doc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def default_corpus_dir() -> Path:
    return ROOT.parent / "shared" / "corpus" / "geoparsing"


def read_corpus(path: Path) -> list[Doc]:
    """Articles with at least one toponym that has coordinates (as ``to_gold.py`` keeps them)."""
    docs = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        doc = Doc(f"{path.stem}-{art.get('docid') or art.get('file') or i}", text)
        for tp in art.iter("toponym"):
            g = tp.find("gaztag")
            lat = (g.findtext("lat") if g is not None else tp.findtext("latitude")) or ""
            lon = (g.findtext("lon") if g is not None else tp.findtext("longitude")) or ""
            if not lat.strip() or not lon.strip():
                continue
            s, e = int(tp.findtext("start")), int(tp.findtext("end"))
            given = tp.findtext("phrase") or tp.findtext("extractedName")
            if given and text[s:e] != given:  # shifted offsets: find the name nearby
                k = text.find(given, max(0, s - 200))
                s, e = (k, k + len(given)) if k >= 0 else (s, e)
            gid = (g.get("geonameid") if g is not None else tp.findtext("geonamesID")) or ""
            doc.toponyms.append(GoldToponym(given or text[s:e], s, e, float(lat), float(lon),
                                            int(gid) if gid.strip().isdigit() else None))
        if doc.toponyms:
            docs.append(doc)
    return docs


def split(docs: list[Doc], which: str) -> list[Doc]:
    ids = sorted(d.id for d in docs)
    random.Random(SEED).shuffle(ids)
    tune = set(ids[: len(ids) // 2])
    if which == "all":
        return docs
    return [d for d in docs if (d.id in tune) == (which == "tune")]


def _norm(text: str) -> str:
    return " ".join(text.split())


def score(docs: list[Doc], predictions: list[list[PlaceMention]]) -> dict[str, float | int | None]:
    """accuracy@161km, geonameid accuracy, median error, span P/R/F1 (multiset of texts per doc)."""
    n = correct = id_total = id_correct = tp = n_pred = n_gold = 0
    errors = []
    for doc, places in zip(docs, predictions):
        by_text: dict[str, list[PlaceMention]] = {}
        for p in places:
            by_text.setdefault(_norm(p.text), []).append(p)
        for g in doc.toponyms:
            n += 1
            same = [p for p in by_text.get(_norm(g.text), []) if p.latitude is not None]
            if same:
                err = min(haversine_km(g.lat, g.lon, p.latitude, p.longitude) for p in same)
                errors.append(err)
                correct += err <= KM
            if g.geonameid:
                id_total += 1
                id_correct += any(p.geonameid == g.geonameid for p in same)
        gold_c = Counter(_norm(g.text) for g in doc.toponyms)
        pred_c = Counter(_norm(p.text) for p in places if p.latitude is not None)
        tp += sum((gold_c & pred_c).values())
        n_pred += sum(pred_c.values())
        n_gold += sum(gold_c.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "toponyms": n, "acc161": correct / n if n else None,
        "id_acc": id_correct / id_total if id_total else None, "id_total": id_total,
        "median_km": statistics.median(errors) if errors else None,
        "span_p": p, "span_r": r, "span_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def baseline(doc, gaz: Gazetteer) -> list[PlaceMention]:
    """spaCy GPE/LOC/FAC + the most populous cities500 place of that name; countries unresolved."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        rows = [r for r, _ in gaz.rows_for(ent.text, fuzzy=False) if gaz.kind_of(r) == PLACE]
        if not rows:
            continue
        c = gaz.candidate(max(rows, key=gaz.population))
        out.append(PlaceMention("", ent.text, ent.start_char, ent.end_char, c.name, c.geonameid,
                                c.lat, c.lon, c.country_code, c.admin1))
    return out


def run_corpus(name: str, docs: list[Doc], nlp, pipe, gaz: Gazetteer) -> dict[str, dict]:
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=[toponyms.PIPE_NAME]):
        parsed = list(nlp.pipe(texts, batch_size=16))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [list(pipe(doc)._.places) for doc in parsed]
    t_topo = time.perf_counter() - t0
    given = [toponyms.places_for_spans(doc, [(g.start, g.end) for g in d.toponyms],
                                       pipe.recogniser, pipe.resolver)
             for doc, d in zip(parsed, docs)]
    base = [baseline(doc, gaz) for doc in parsed]
    speed = {"docs": len(docs), "spacy_docs_per_s": len(docs) / t_spacy,
             "frontwatch_docs_per_s": len(docs) / (t_spacy + t_topo),
             "ratio_vs_spacy": t_spacy / (t_spacy + t_topo), "toponyms_ms_per_doc": 1000 * t_topo / len(docs)}
    return {"frontwatch": score(docs, ours), "gold_spans": score(docs, given),
            "baseline": score(docs, base), "speed": speed}


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="headline", choices=["tune", "headline", "all"])
    ap.add_argument("--corpus", default=",".join(CORPORA))
    ap.add_argument("--limit", type=int, default=0, help="at most N documents per corpus (0: all)")
    ap.add_argument("--corpus-dir", default=str(default_corpus_dir()))
    ap.add_argument("--cache-dir", default=str(Path.home() / ".cache" / "frontwatch"))
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)

    gaz = Gazetteer.open(args.cache_dir)
    print(f"gazetteer: {len(gaz)} rows, index {gaz.stats.get('index_bytes', 0) / 1e6:.1f} MB, "
          f"build {gaz.stats.get('build_seconds', 0):.1f}s, load {gaz.stats['load_seconds']:.2f}s")
    nlp = load_model()
    pipe = toponyms.add_to(nlp, gaz)
    results = {}
    for name in args.corpus.split(","):
        docs = split(read_corpus(Path(args.corpus_dir) / CORPORA[name]), args.split)
        if args.limit:
            docs = docs[: args.limit]
        results[name] = res = run_corpus(name, docs, nlp, pipe, gaz)
        sp = res["speed"]
        print(f"\n== {name} ({args.split}: {sp['docs']} docs, {res['frontwatch']['toponyms']} toponyms)")
        print(f"{'system':<12} {'acc@161':>8} {'id_acc':>7} {'med_km':>8} {'span_P':>7} {'span_R':>7} {'span_F1':>7}")
        for system in ("frontwatch", "gold_spans", "baseline"):
            m = res[system]
            print(f"{system:<12} {_fmt(m['acc161']):>8} {_fmt(m['id_acc']):>7} {_fmt(m['median_km']):>8} "
                  f"{_fmt(m['span_p']):>7} {_fmt(m['span_r']):>7} {_fmt(m['span_f1']):>7}")
        print(f"speed: spaCy {sp['spacy_docs_per_s']:.1f} docs/s, frontwatch {sp['frontwatch_docs_per_s']:.1f} "
              f"docs/s (ratio {sp['ratio_vs_spacy']:.2f}; toponyms {sp['toponyms_ms_per_doc']:.1f} ms/doc)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
