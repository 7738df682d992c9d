"""Adding, listing and removing gazetteer sources (library side of ``frontwatch gazetteer``)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, GazetteerError, IngestError
from ..settings import Settings
from .sources import ATTRIBUTION, SourceIndex, source_name

__all__ = ["GazetteerError", "add", "info", "remove", "download"]
EMBEDDED_ATTRIBUTION = ["GeoNames (geonames.org), CC BY 4.0 (embedded cities500, regions, countries)",
                        "OurAirports (ourairports.com), public domain (embedded air fields)"]
MAX_REDIRECTS = 5


def _index(settings: Settings) -> SourceIndex:
    from .gazetteer import Gazetteer
    return SourceIndex(Gazetteer.sources_path(settings.cache_dir))


def add(source: str, settings: Settings, name: str | None = None,
        progress: Callable[[int, int], None] | None = None) -> dict:
    """Add one file or URL to the added-sources index (replacing a source of the same name)."""
    if source.lower().startswith(("http://", "https://")):
        tmp = download(source, settings, progress)
        try:
            origin_name = Path(urlsplit(source).path).name or "download"
            return _add_file(tmp, settings, name or source_name(Path(origin_name)), source, progress)
        finally:
            tmp.unlink(missing_ok=True)
    path = Path(source)
    if not path.is_file():
        raise GazetteerError("no such file", source)
    return _add_file(path, settings, name, str(path.resolve()), progress)


def _add_file(path: Path, settings: Settings, name, origin, progress) -> dict:
    size = path.stat().st_size
    if size > settings.gazetteer_max_bytes:
        raise GazetteerError(f"{size:,} bytes, over the gazetteer_max_bytes limit of {settings.gazetteer_max_bytes:,}; "
                             "raise FRONTWATCH_GAZETTEER_MAX_BYTES to add it", origin)
    index = _index(settings)
    try:
        return index.add(path, name=name, origin=origin, progress=progress)
    finally:
        index.close()


def download(url: str, settings: Settings, progress=None) -> Path:
    """Stream a URL to a temporary file in the cache dir: the article fetcher's address guard
    (``ingest.web.check_url``) on every hop, its timeouts, and the gazetteer size cap."""
    from ..ingest.web import check_url

    cap = settings.gazetteer_max_bytes
    Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=settings.cache_dir, prefix=".gazetteer-download-")
    path = Path(tmp)
    current = url
    try:
        with os.fdopen(fd, "wb") as fh, httpx.Client(
                timeout=httpx.Timeout(settings.http_timeout), follow_redirects=False,
                headers={"User-Agent": settings.user_agent}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(current, allow_private=settings.allow_private_urls, source=url)
                with client.stream("GET", current) as response:
                    if response.is_redirect and response.headers.get("location"):
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise GazetteerError(f"the server answered HTTP {response.status_code}; check the URL", url)
                    declared = response.headers.get("content-length")
                    total = int(declared) if declared and declared.isdigit() else 0
                    if total > cap:
                        raise GazetteerError(f"the server announces {total:,} bytes, over the gazetteer_max_bytes "
                                             f"limit of {cap:,}", url)
                    done = 0
                    for chunk in response.iter_bytes(1 << 20):
                        done += len(chunk)
                        if done > cap:
                            raise GazetteerError(f"the download passed the gazetteer_max_bytes limit of {cap:,} "
                                                 "and was stopped", url)
                        fh.write(chunk)
                        if progress:
                            progress(done, total or done)
                    return path
            raise GazetteerError(f"more than {MAX_REDIRECTS} redirects; give the final URL", url)
    except httpx.HTTPError as exc:
        path.unlink(missing_ok=True)
        raise GazetteerError(f"could not download it ({type(exc).__name__}: {exc})", url) from exc
    except (FetchError, IngestError) as exc:
        path.unlink(missing_ok=True)
        raise GazetteerError(str(exc)) from exc
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def info(settings: Settings) -> dict:
    from .gazetteer import Gazetteer

    sources, added = [], 0
    if Gazetteer.sources_path(settings.cache_dir).exists():
        index = _index(settings)
        try:
            sources, added = index.sources(), index.distinct_places()
        finally:
            index.close()
    gaz = Gazetteer.open(settings.cache_dir, sources=False)
    attribution = list(EMBEDDED_ATTRIBUTION)
    for s in sources:
        if s.get("attribution") and s["attribution"] not in attribution:
            attribution.append(s["attribution"])
    if sources and ATTRIBUTION["geonames"] not in attribution:
        attribution.append(ATTRIBUTION["geonames"])
    return {"embedded_rows": len(gaz), "sources": sources, "added_places": added, "attribution": attribution}


def remove(name: str, settings: Settings) -> int:
    from .gazetteer import Gazetteer

    if not Gazetteer.sources_path(settings.cache_dir).exists():
        raise GazetteerError(f"no source named {name!r} (none added)")
    index = _index(settings)
    try:
        return index.remove(name)
    finally:
        index.close()
