"""Shared by the place tests that add a small invented GeoNames dump to a copy of the embedded index."""
import os
import shutil
import zipfile
from pathlib import Path

from frontwatch.geo import Gazetteer, manage
from frontwatch.settings import Settings

CACHE = os.environ.get("FRONTWATCH_TEST_CACHE", str(Path.home() / ".cache" / "frontwatch"))


def dump_line(gid, name, fclass, fcode, a1, a2="", lat=13.1, lon=-1.1, pop=0, cc="BF") -> str:
    """One row of a GeoNames country dump (19 tab-separated columns)."""
    return "\t".join([str(gid), name, name, "", str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
                      str(pop), "", "", "", "2020-01-01"])


def pipeline_with_dump(tmp_path_factory, lines: list[str], country: str = "BF"):
    """The English model plus the place component over the embedded index and an added dump of ``lines``."""
    from frontwatch.nlp import places
    from frontwatch.nlp.model import load_model

    Gazetteer.open(CACHE)  # the embedded index (built once)
    cache = tmp_path_factory.mktemp("cache")
    shutil.copy(Gazetteer.index_path(CACHE), Gazetteer.index_path(cache))
    dump = cache.parent / f"{country}.zip"
    with zipfile.ZipFile(dump, "w") as zf:
        zf.writestr(f"{country}.txt", "\n".join(lines) + "\n")
    manage.add(str(dump), Settings(cache_dir=str(cache)))
    nlp = load_model()
    places.add_to(nlp, Gazetteer.open(cache))
    return nlp
