"""Opening one store from many threads at once (first schema creation, in-place upgrades)."""
from __future__ import annotations

import threading

from frontwatch.store import Store


def open_at_once(url: str, n: int) -> tuple[list[int], list[Exception]]:
    """``n`` threads open ``url`` together (released by a barrier); each store's ``migrated_from``
    and every exception raised, for the caller's assertions."""
    barrier, failures, migrated_from = threading.Barrier(n), [], []

    def open_store():
        barrier.wait()
        try:
            with Store(url) as store:
                migrated_from.append(store.migrated_from)
        except Exception as exc:  # noqa: BLE001 (collected for the assertion)
            failures.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return migrated_from, failures
