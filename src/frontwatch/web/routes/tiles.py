"""GET /tiles/basemap.pmtiles: the user's vector basemap (a PMTiles archive, e.g. a Protomaps
build of a region), served with HTTP range requests for ``protomaps-leaflet`` in the page.

Set with ``FRONTWATCH_WEB_TILES=pmtiles:///path/region.pmtiles`` (the ``web_tiles`` setting);
an http(s) tile URL template there is used as a raster layer instead, like ``web_tile_url``.
Only single ranges are answered (206), each at most ``MAX_RANGE`` bytes; a request without a
Range header gets the whole archive only when it is that small (else 416).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...errors import FrontwatchError
from ..params import ApiError

router = APIRouter(tags=["map"])

URL = "/tiles/basemap.pmtiles"
MAX_RANGE = 4 * 1024 * 1024  # bytes answered for one range request
WHOLE_FILE_LIMIT = MAX_RANGE  # an archive this small may also be fetched whole
ATTRIBUTION = "Basemap: Protomaps, © OpenStreetMap contributors (ODbL)"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class TilesError(FrontwatchError):
    """The web_tiles setting names no readable PMTiles archive."""


def basemap(source: str | None) -> tuple[Path | None, str | None]:
    """(PMTiles path, raster URL template) from the web_tiles setting."""
    source = (source or "").strip()
    if not source:
        return None, None
    if source.startswith("pmtiles://"):
        path = Path(unquote(urlsplit(source).path or source[len("pmtiles://"):])).expanduser()
        if not path.is_file():
            raise TilesError(f"web_tiles: no PMTiles archive at {path}")
        with open(path, "rb") as fh:
            if fh.read(7) != b"PMTiles":
                raise TilesError(f"web_tiles: {path} is not a PMTiles archive")
        return path, None
    if source.startswith(("http://", "https://")):
        return None, source
    raise TilesError("web_tiles must be pmtiles:///path/file.pmtiles or an http(s) tile URL template, "
                     f"not {source[:60]!r}")


def install(app, source: str | None) -> None:
    """Read the web_tiles setting into app.state (call before the security headers are made)."""
    path, raster = basemap(source)
    st = app.state
    st.pmtiles = path
    st.basemap_url = URL if path else ""
    st.basemap_attribution = ATTRIBUTION if path else ""
    if raster and not st.tile_url:
        st.tile_url = raster


def _etag(path: Path) -> str:
    stat = path.stat()
    return '"' + hashlib.sha1(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16] + '"'


def parse_range(header: str, size: int) -> tuple[int, int]:
    """(first, last) byte of a single 'bytes=a-b' / 'bytes=a-' / 'bytes=-n' range; ApiError 416."""
    m = _RANGE.match(header.strip().replace(" ", ""))
    if not m or (not m.group(1) and not m.group(2)):
        raise ApiError(416, "Range must be one range 'bytes=first-last'", "Range")
    if not m.group(1):  # the last n bytes
        n = int(m.group(2))
        if n == 0:
            raise ApiError(416, "Range asks for no bytes", "Range")
        first, last = max(size - n, 0), size - 1
    else:
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else size - 1
        if last < first:
            raise ApiError(416, "Range ends before it starts", "Range")
    if first >= size:
        raise ApiError(416, f"Range starts past the end of the archive ({size} bytes)", "Range")
    last = min(last, size - 1)
    if last - first + 1 > MAX_RANGE:
        raise ApiError(416, f"Range is larger than {MAX_RANGE} bytes", "Range")
    return first, last


@router.get(URL, summary="The vector basemap archive (PMTiles), by HTTP range requests")
def pmtiles(request: Request):
    path: Path | None = getattr(request.app.state, "pmtiles", None)
    if path is None:
        raise ApiError(404, "no basemap archive is configured (FRONTWATCH_WEB_TILES=pmtiles:///path)")
    size = path.stat().st_size
    headers = {"Accept-Ranges": "bytes", "ETag": _etag(path), "Cache-Control": "no-cache"}
    header = request.headers.get("range")
    if header is None:
        if size > WHOLE_FILE_LIMIT:
            raise ApiError(416, f"the archive is {size} bytes: ask for ranges (Range: bytes=first-last)",
                           "Range")
        return Response(path.read_bytes(), media_type="application/vnd.pmtiles", headers=headers)
    try:
        first, last = parse_range(header, size)
    except ApiError as e:
        raise ApiError(416, e.message, "Range") from None
    with open(path, "rb") as fh:
        fh.seek(first)
        data = fh.read(last - first + 1)
    headers["Content-Range"] = f"bytes {first}-{first + len(data) - 1}/{size}"
    return Response(data, status_code=206, media_type="application/vnd.pmtiles", headers=headers)

