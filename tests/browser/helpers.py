"""Helpers shared by the browser tests: gold places, waiting, screenshots."""
from __future__ import annotations

import json
import math
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEEDS, GOLD = SHARED / "seeds", SHARED / "gold"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def gold_places():
    """(name, lat, lon, published, article file) of each seed's first core event place (gold)."""
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        place = next(e["place"] for e in gold["events"] if e["core"] and e["place"])
        out.append((place["name"], place["lat"], place["lon"], gold["published"], gold["article"]))
    return out


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


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
