"""Helpers shared by the browser tests: waiting, screenshots (gold places and distances come
with the ``web_store`` fixture of tests/conftest.py)."""
from __future__ import annotations

import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEEDS = SHARED / "seeds"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def wait_for(condition, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # noqa: BLE001 (the page is still changing)
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
