"""The API under the attack run's inputs (issue 15): security headers on every response, errors
included; cursors and bodies that used to give 500 answer 4xx; wrong tokens rate-limited per
client on a test clock; a store this process cannot write served read-only. Real app, real
SQLite store (empty: nothing here needs the pipeline)."""
from __future__ import annotations

import base64
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from frontwatch import Monitor  # noqa: E402
from frontwatch.store import Store  # noqa: E402
from frontwatch.web import tokens  # noqa: E402
from frontwatch.web.app import create_app  # noqa: E402

SRC = str(Path(__file__).resolve().parents[1] / "src")
HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monitor(tmp_path):
    with Monitor(db=str(tmp_path / "fw.db")) as mon:
        yield mon


def test_security_headers_on_every_response_errors_included(monitor):
    app = create_app(monitor)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("an unexpected failure")

    with TestClient(app, raise_server_exceptions=False) as client:
        answers = {
            200: client.get("/api/events"),
            400: client.get("/api/events", params={"limit": "x"}),
            404: client.get("/no/such/page"),
            405: client.put("/api/events"),
            401: client.post("/api/articles", json={"text": "x"}),
            500: client.get("/api/boom"),
        }
    for status, res in answers.items():
        assert res.status_code == status, (status, res.text)
        for h in HEADERS:
            assert h in res.headers, (status, h)
    assert answers[500].json()["error"]["code"] == "internal"
    assert "unexpected failure" not in answers[500].text  # no internals leak


@pytest.mark.parametrize("offset", [2**63, 2**64 + 5, 10**40, 2**31])
def test_cursor_offsets_past_any_page_are_400(monitor, offset):
    cursor = base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")
    with TestClient(create_app(monitor), raise_server_exceptions=False) as client:
        res = client.get("/api/events", params={"cursor": cursor})
    assert res.status_code == 400 and res.json()["error"]["param"] == "cursor"


def test_deeply_nested_json_body_is_422_not_500(monitor):
    token = tokens.create_token(create_app(monitor).state.engine, "probe")
    body = "[" * 100_000 + "]" * 100_000  # 200 KB, as the attack run sent
    with TestClient(create_app(monitor, max_body=10**6), raise_server_exceptions=False) as client:
        res = client.post("/api/articles", content=body, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        nested_text = client.post("/api/articles", content=json.dumps({"text": "[" * 50_000}),
                                  headers={"Authorization": f"Bearer {token}",
                                           "Content-Type": "application/json"})
    assert res.status_code == 422 and "nests deeper" in res.json()["error"]["message"]
    # brackets inside a string are text, not nesting: this body gets past the depth check
    assert "nests deeper" not in nested_text.text


def test_wrong_tokens_are_rate_limited_per_client(monitor):
    clock = Clock()
    app = create_app(monitor, auth_failures_per_minute=3, clock=clock)
    good = tokens.create_token(app.state.engine, "analyst")
    bad = {"Authorization": "Bearer fw_not-a-token"}
    with TestClient(app) as client:
        codes = [client.post("/api/articles", json={"text": ""}, headers=bad).status_code
                 for _ in range(3)]
        assert codes == [401, 401, 401]
        limited = client.post("/api/articles", json={"text": ""}, headers=bad)
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) == 61
        for h in HEADERS:
            assert h in limited.headers
        # the client is blocked, even with a good token, until the window has passed
        assert client.post("/api/articles", json={"text": ""},
                           headers={"Authorization": f"Bearer {good}"}).status_code == 429
        clock.now += 30
        assert int(client.post("/api/articles", json={"text": ""}, headers=bad)
                   .headers["Retry-After"]) == 31
        clock.now += 31
        assert client.post("/api/articles", json={"text": ""}, headers=bad).status_code == 401
        # a good token is not a failure: it is not counted against the client
        ok = client.post("/api/articles", json={"text": ""}, headers={"Authorization": f"Bearer {good}"})
        assert ok.status_code == 422  # empty text: past authentication


_READ_ONLY_PROBE = r"""
import json, sys
from fastapi.testclient import TestClient
from frontwatch import Monitor
from frontwatch.web.app import create_app
mon = Monitor(db=sys.argv[1])
app = create_app(mon)
with TestClient(app) as c:
    read = c.get("/api/events")
    write = c.post("/api/articles", json={"text": "Rebels attacked a town."},
                   headers={"Authorization": "Bearer fw_x"})
print(json.dumps({"read_only": mon.store.read_only, "read": read.status_code,
                  "write": write.status_code, "message": write.json()["error"]["message"]}))
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_store_without_write_permission_is_served_read_only(what):
    """The attack run's case: serve on a read-only store crashed creating the token table."""
    folder = Path(tempfile.mkdtemp(prefix="fw-ro-"))
    try:
        db = folder / "fw.db"
        Store(f"sqlite:///{db}").close()
        folder.chmod(0o755)
        db.chmod(0o444)
        if what == "folder":
            folder.chmod(0o555)
        env = dict(os.environ, PYTHONPATH=SRC, HOME=str(folder), FRONTWATCH_CACHE_DIR=str(folder / "cache"))
        # root may write anything: the probe runs as an unprivileged user then
        user = {"user": 65534, "group": 65534} if os.geteuid() == 0 else {}
        if user:
            try:
                usable = subprocess.run([sys.executable, "-c", "pass"], capture_output=True,
                                        **user).returncode == 0
            except OSError:
                usable = False
            if not usable:
                pytest.skip("running as root and no unprivileged user can run this Python")
        res = subprocess.run([sys.executable, "-c", _READ_ONLY_PROBE, str(db)], env=env, cwd="/",
                             capture_output=True, text=True, timeout=300, **user)
        assert res.returncode == 0, res.stderr[-3000:]
        got = json.loads(res.stdout.strip().splitlines()[-1])
        assert got["read_only"] is True
        assert got["read"] == 200 and got["write"] == 503 and "read-only" in got["message"]
        assert sorted(p.name for p in folder.iterdir()) == ["fw.db"] or what == "file"
    finally:
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(folder, ignore_errors=True)


def test_read_only_store_refuses_writes_with_a_named_error(tmp_path):
    from frontwatch.errors import ReadOnlyStoreError
    from frontwatch.records import Article

    url = f"sqlite:///{tmp_path / 'fw.db'}"
    Store(url).close()
    with Store(url, read_only=True) as store:
        assert store.read_only and store.counts()["articles"] == 0
        with pytest.raises(ReadOnlyStoreError):
            store.add(Article(id="a", text="Rebels attacked a town on Monday."))
    with Store(url) as store:  # and the file is untouched: writable again as before
        assert not store.read_only and store.counts()["articles"] == 0
