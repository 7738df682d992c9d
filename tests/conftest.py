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
