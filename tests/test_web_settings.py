"""Web settings are declared once in ``frontwatch.settings`` and reach the app and `serve`."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import httpx  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from frontwatch import Monitor  # noqa: E402
from frontwatch.cli import main  # noqa: E402
from frontwatch.settings import Settings, describe  # noqa: E402
from frontwatch.web.app import create_app  # noqa: E402

WEB = Path(__file__).resolve().parents[1] / "src" / "frontwatch" / "web"
WEB_SETTINGS = {"web_host", "web_port", "web_tile_url", "web_tile_attribution", "web_rate",
                "web_max_body", "web_auth_failures"}


def test_web_settings_are_declared_with_help():
    rows = {name: (default, text) for name, default, text in describe()}
    assert WEB_SETTINGS <= set(rows)
    assert rows["web_host"][0] == "127.0.0.1" and rows["web_port"][0] == 8000
    assert all(rows[n][1].strip() for n in WEB_SETTINGS)


def test_web_layer_reads_no_environment_itself():
    for path in WEB.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"os\.environ|getenv", source), path


def test_settings_command_lists_web_settings():
    res = CliRunner().invoke(main, ["settings"], env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    for name in WEB_SETTINGS:
        assert name in res.output
    assert "FRONTWATCH_WEB_TILE_URL" in res.output


def test_env_overrides_reach_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWATCH_WEB_RATE", "1")
    monkeypatch.setenv("FRONTWATCH_WEB_MAX_BODY", "50")
    monkeypatch.setenv("FRONTWATCH_WEB_AUTH_FAILURES", "4")
    monkeypatch.setenv("FRONTWATCH_WEB_TILE_URL", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("FRONTWATCH_WEB_TILE_ATTRIBUTION", "Tiles <b>Example</b>")
    settings = Settings.from_env(db=str(tmp_path / "fw.db"))
    assert (settings.web_rate, settings.web_max_body) == (1, 50)
    with Monitor(settings) as mon:
        app = create_app(mon)
        assert app.state.rate_limiter.per_minute == 1 and app.state.max_body == 50
        assert app.state.auth_failures.per_minute == 4
        with TestClient(app) as client:
            page = client.get("/")
            assert "img-src 'self' data: https://*.tiles.example.org" in page.headers[
                "content-security-policy"]
            assert "Tiles &lt;b&gt;Example&lt;/b&gt;" in page.text  # escaped into the page


def test_keyword_arguments_override_settings(tmp_path):
    with Monitor(db=str(tmp_path / "fw.db"), web_rate=5) as mon:
        assert create_app(mon).state.rate_limiter.per_minute == 5
        assert create_app(mon, rate_per_minute=9).state.rate_limiter.per_minute == 9
        assert create_app(mon).state.auth_failures.per_minute == 10
        assert create_app(mon, auth_failures_per_minute=3).state.auth_failures.per_minute == 3


def test_serve_listens_on_the_port_from_the_environment(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[1] / "src")
    Monitor(db=str(tmp_path / "fw.db")).store.close()  # serve refuses a store that does not exist
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
               FRONTWATCH_WEB_PORT=str(port), FRONTWATCH_DB=str(tmp_path / "fw.db"))
    proc = subprocess.Popen([sys.executable, "-m", "frontwatch", "serve"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/timeline", timeout=5)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, proc.poll()
        assert answer.json()["bins"] == []
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in err
