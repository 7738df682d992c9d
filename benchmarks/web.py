"""The web workspace in headless Chromium over a store of N synthetic canonical events.

    PYTHONPATH=src python benchmarks/web.py [N] [--runs R] [--dir DIR] [--seed S]

Builds (or reuses, in --dir) the SQLite store of ``benchmarks/api.py`` (N per-article events
plus one canonical event each, default 100 000), serves it with `create_app` under uvicorn in a
second process, and measures in headless Chromium (1400x900):

- first paint: navigation start until the page has drawn the map's events and the timeline
  (its opening period) (``document.body.dataset.readyAt``, performance.now() in ms);
- filter change: from choosing an event type in the Type select to the page being ready again
  (the map's events and the timeline redrawn).

A benchmark, not a test: it prints the figures (median and max over R runs) as JSON; targets
from issue 16: first paint <= 1500 ms, filter change <= 500 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

import api as bench  # noqa: E402  (benchmarks/api.py: the synthetic store)
import chrome  # noqa: E402  (tests/browser/chrome.py: Debian's Chromium through Selenium)


def wait(driver, script: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.01)
    raise SystemExit(f"timed out waiting for: {script}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default="/tmp/frontwatch-bench-api")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / f'api-{args.n}.db'}"
    if not (folder / f"api-{args.n}.db").exists():
        bench.build(url, args.n, args.seed)
    if bench.count(url, bench.st.fused_events) != args.n:
        bench.drop_fused(url)
        bench.add_fused(url, args.n, args.seed)
    port = bench.free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    server = subprocess.Popen([sys.executable, "-c", bench.SERVER, url, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    driver, profile = chrome.start()
    paints, filters = [], []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                bench.httpx.get(base + "/openapi.json", timeout=5)
                break
            except bench.httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        bench.httpx.get(base + "/api/labels", params={"bbox": "30,30,40,40", "zoom": 5}, timeout=300)  # index
        for run in range(args.runs + 1):
            driver.get(base + "/")
            ready_at = float(wait(driver, "return document.body.dataset.state === 'ready'"
                                          " && document.body.dataset.readyAt"))
            shown = driver.execute_script("return window.frontwatch.markers().length")
            types = ["ASSAULT", "PROTEST"] if run % 2 == 0 else ["COERCE", ""]
            took = []
            for t in types:
                took.append(driver.execute_async_script("""
                    const [type, done] = arguments;
                    const select = document.querySelector('select[name=event_type]');
                    const before = document.body.dataset.readyAt;
                    const t0 = performance.now();
                    select.value = type;
                    select.dispatchEvent(new Event('input', {bubbles: true}));
                    const poll = () => (document.body.dataset.state === 'ready'
                        && document.body.dataset.readyAt !== before)
                      ? done(performance.now() - t0) : setTimeout(poll, 2);
                    poll();""", t))
            if run:  # the first run warms the server's and the browser's caches
                paints.append(ready_at)
                filters += took
            print(f"  run {run}: first paint {ready_at:.0f} ms ({shown} events on the map), "
                  f"filter changes {', '.join(f'{x:.0f}' for x in took)} ms", flush=True)
    finally:
        chrome.stop(driver, profile)
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps({"events": args.n, "runs": args.runs,
                      "first_paint_ms": {"median": round(statistics.median(paints)), "max": round(max(paints))},
                      "filter_change_ms": {"median": round(statistics.median(filters)),
                                           "max": round(max(filters))},
                      "targets_ms": {"first_paint": 1500, "filter_change": 500},
                      "note": "headless Chromium and server on one 2-core machine shared with other jobs"}))


if __name__ == "__main__":
    main()
