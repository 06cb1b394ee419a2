"""The storefront client of the benches (``bench/event_client.py``) keeps the exactly-once promise
when the database, not the API, goes away: Neo4j is stopped and started while a shop streams
batches through a real ``borderless serve``, the client resends every batch it got no
acknowledgement for (same ids), and the graph holds every event exactly once."""

from __future__ import annotations

import importlib.util
import secrets
import sys
import threading
import time
import uuid
from collections import Counter
from types import ModuleType

import pytest
from api_support import api_shop  # noqa: F401
from neo4j import Driver

from borderless.settings import REPO_ROOT, Settings
from graph.driver import read
from graph.server import Neo4jServer
from statements import cypher_file

PER_BATCH = 20
AFTER_RESTART = 5  # batches the shop still sends once the database is back


def _event_client() -> ModuleType:
    """``bench/event_client.py`` imported as a module."""
    if "bench_event_client" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_event_client",
                                                      REPO_ROOT / "bench" / "event_client.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_event_client"] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["bench_event_client"]


@pytest.mark.slow
def test_neo4j_restart_mid_stream_then_resends_store_every_event_exactly_once(
        api_shop, driver: Driver, settings: Settings,
        neo4j_server: Neo4jServer | None) -> None:
    if neo4j_server is None:
        pytest.skip("NEO4J_URI points at a server this test may not restart")
    client = _event_client()
    run = uuid.uuid4().hex[:8]
    counts = client.SendCounts()
    sent: list[str] = []
    restarted = threading.Event()
    failure: list[BaseException] = []

    with client.ApiProcess(secrets.token_urlsafe(48)) as api:
        sender = client.EventSender(api.url, counts, timeout_s=20, patience_s=300)

        def shop() -> None:
            # Sends all the time, so batches are in flight while the database is away.
            try:
                extra = 0
                for b in range(10_000):
                    batch = [{"id": f"apit-ev-restart-{run}-{b}-{i}", "kind": "view",
                              "productId": f"apit-p-0{1 + (i % 2)}"} for i in range(PER_BATCH)]
                    sent.extend(e["id"] for e in batch)
                    payload = sender.send(batch, session=f"apit-ev-restart-{run}")
                    assert payload["userErrors"] == []
                    if restarted.is_set():
                        extra += 1
                        if extra >= AFTER_RESTART:
                            return
            except BaseException as e:  # noqa: BLE001 - raised again in the test's thread
                failure.append(e)

        thread = threading.Thread(target=shop, daemon=True)
        thread.start()
        while len(counts.acknowledged_ids) < 5 * PER_BATCH and thread.is_alive():
            time.sleep(0.01)
        neo4j_server.stop()
        neo4j_server.start()
        restarted.set()
        thread.join(timeout=300)
        sender.close()
    assert not failure, failure
    assert not thread.is_alive(), "the shop did not finish its batches"
    assert counts.retries >= 1  # the outage was seen: some batch went unacknowledged
    stored = read(driver, cypher_file("events_stored"), settings.neo4j_database, ids=sent)
    copies = Counter(r["id"] for r in stored)
    assert set(copies) == set(sent)
    assert max(copies.values()) == 1
    assert counts.acknowledged_ids == set(sent)
    # Each event counted once as accepted, or (its answer lost) as a duplicate on the resend.
    assert counts.accepted <= len(sent) <= counts.accepted + counts.duplicates
