"""Shared test fixtures.

``http_server``: a real HTTP server on 127.0.0.1 (free port, own thread) serving the files of
a fresh temporary folder, plus optional scripted routes (redirects, slow or huge bodies).
"""
from __future__ import annotations

import os

import mimetypes
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Types the standard table may lack on some systems.
mimetypes.add_type("application/rss+xml", ".rss")
mimetypes.add_type("application/atom+xml", ".atom")
mimetypes.add_type("application/x-ndjson", ".jsonl")


@dataclass
class Route:
    """A scripted answer: status, headers and a body given whole or as timed chunks."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Callable[[], Iterable[bytes]] = b""
    delay: float = 0.0  # seconds to wait before answering


class LocalServer:
    """Serves ``root`` over HTTP on 127.0.0.1; ``add_route`` scripts extra paths."""

    def __init__(self, root: Path):
        self.root = root
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) seen
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(server.root), **kwargs)

            def do_GET(self):  # noqa: N802 (http.server naming)
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    return super().do_GET()
                return server._answer(self, route)

            def log_message(self, format, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + "/" + path.lstrip("/")

    def add_route(self, path: str, **route) -> str:
        """Script ``path`` (see ``Route``); returns its full URL."""
        self.routes["/" + path.lstrip("/")] = Route(**route)
        return self.url(path)

    def _answer(self, handler: SimpleHTTPRequestHandler, route: Route) -> None:
        if route.delay:
            time.sleep(route.delay)
        try:
            handler.send_response(route.status)
            for name, value in route.headers.items():
                handler.send_header(name, value)
            if isinstance(route.body, bytes):
                if "Content-Length" not in route.headers:
                    handler.send_header("Content-Length", str(len(route.body)))
                handler.end_headers()
                handler.wfile.write(route.body)
            else:  # streamed without a length: the connection closes at the end
                handler.send_header("Connection", "close")
                handler.end_headers()
                handler.close_connection = True
                for chunk in route.body():
                    handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): expected in tests

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def http_server(tmp_path_factory) -> Iterator[LocalServer]:
    """A running ``LocalServer``: write files into ``http_server.root``, fetch ``.url(name)``."""
    with LocalServer(tmp_path_factory.mktemp("www")) as server:
        yield server


# --------------------------------------------------------------------------- store backends
# Store tests run on SQLite always and on PostgreSQL when CI (.ci/postgres.sh) sets the URL.
STORE_BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("FRONTWATCH_TEST_POSTGRES_URL") else [])


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request, tmp_path):
    """A fresh, empty store URL on each backend; PostgreSQL tables are dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store' / 'frontwatch.db'}"
        return
    from sqlalchemy import create_engine, text

    from frontwatch.store.schema import TABLES

    url = os.environ["FRONTWATCH_TEST_POSTGRES_URL"]
    yield url
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {', '.join(reversed(TABLES))} CASCADE"))
    engine.dispose()


# --------------------------------------------------------------------------- web workspace store
# One store for the web API tests (tests/test_web_api.py) and the browser tests (tests/browser):
# the two seeds (gold publication dates), the bundled samples and one hostile article, ingested
# by the real pipeline and fused once a session; each user opens its own copy of the file.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HOSTILE_TEXT = (
    "<script>window.pwned=1;alert('body')</script> Syrian Democratic Forces fighters attacked "
    "Islamic State positions in Raqqa on Monday, killing 12 militants, the group said. "
    "<img src=x onerror=\"window.pwned=2;alert(1)\"> <a href=\"javascript:alert(2)\">more</a>")
HOSTILE_TITLE = "<script>window.pwned=3;alert('title')</script><img src=x onerror=alert(4)>"
HOSTILE_OUTLET = "<img src=x onerror=alert(5)>Evil"


def _km(lat1, lon1, lat2, lon2) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@dataclass
class WebStore:
    """The filled store's file, the gold places of the seeds, and how to open a private copy."""

    path: Path
    seeds: Path
    places: list  # (name, lat, lon, published, article file) of each seed's first core event
    hostile_title: str = HOSTILE_TITLE
    km: Callable = staticmethod(_km)

    def open(self, folder: Path):
        """A Monitor over a fresh copy of the store in ``folder``."""
        import shutil

        from frontwatch import Monitor

        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal"):  # a WAL left behind holds committed pages too
            if Path(f"{self.path}{suffix}").exists():
                shutil.copy(f"{self.path}{suffix}", folder / f"fw.db{suffix}")
        return Monitor(db=str(folder / "fw.db"))


def _gold_places(gold: Path) -> list:
    import json

    out = []
    for path in sorted(gold.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        place = next(e["place"] for e in record["events"] if e["core"] and e["place"])
        out.append((place["name"], place["lat"], place["lon"], record["published"], record["article"]))
    return out


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> WebStore:
    """The web workspace's test store, built once a session (skipped without ../shared)."""
    from datetime import date

    from frontwatch import Monitor
    from frontwatch.records import Article
    from frontwatch.samples import samples_dir

    seeds = CORPUS / "seeds"
    if not seeds.exists():
        pytest.skip("../shared is not beside the checkout")
    places = _gold_places(CORPUS / "gold")
    path = tmp_path_factory.mktemp("webstore") / "fw.db"
    mon = Monitor(db=str(path))
    for *_, published, article in places:
        rep = mon.ingest([str(seeds / article)], published=date.fromisoformat(published))
        assert rep.stored, rep.to_dict()
    assert mon.ingest([str(samples_dir())]).stored
    hostile = Article(id="hostile-1", text=HOSTILE_TEXT, title=HOSTILE_TITLE,
                      url="javascript:alert(3)", outlet=HOSTILE_OUTLET, published=date(2017, 6, 1))
    result = next(mon.analyse([hostile]))
    assert mon.store.add(result.article, result.events, result.places)
    mon.fuse()
    mon.close()  # the last connection closes: the WAL is folded into the file that gets copied
    return WebStore(path, seeds, places)
