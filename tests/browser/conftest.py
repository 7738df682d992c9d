"""Browser test fixtures: a live frontwatch server over the shared test store (``web_store`` in
tests/conftest.py: seeds, samples and a hostile article through the real pipeline), and headless
Chromium (skipped, with the reason, only when the binaries are absent)."""
from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chrome  # noqa: E402
from helpers import SEEDS, wait_for  # noqa: E402


def pytest_collection_modifyitems(items):
    reason = chrome.missing()
    for item in items:
        if "tests/browser" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.slow)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"headless browser unavailable: {reason}"))
            if not SEEDS.exists():
                item.add_marker(pytest.mark.skip(reason="../shared is not beside the checkout"))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, web_store):
    """Base URL of a uvicorn server (own thread, 127.0.0.1, free port) and its Monitor, over
    a copy of the shared ``web_store`` (tests/conftest.py)."""
    uvicorn = pytest.importorskip("uvicorn")
    from frontwatch.web.app import create_app

    mon = web_store.open(tmp_path_factory.mktemp("webui"))

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(mon), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}", mon
    server.should_exit = True
    thread.join(timeout=10)
    mon.close()


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads):
    driver, profile = chrome.start(downloads=downloads)
    yield driver
    chrome.stop(driver, profile)


@pytest.fixture
def page(browser, live_server):
    """open(path) loads a page and waits until it has shown its data (or an error)."""
    base, _ = live_server
    browser.get_log("browser")  # drop what earlier tests left

    def open_(path: str = "/", state: str = "ready"):
        browser.get(base + path)
        wait_for(lambda: browser.execute_script("return document.body.dataset.state") != "loading")
        assert browser.execute_script("return document.body.dataset.state") == state, \
            browser.find_element("id", "message").text
        return browser

    return open_
