"""Acknowledged means committed: SIGKILL a real API process mid-stream, restart it, let the client
retry every batch it got no answer for, and the graph holds every event exactly once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

import httpx
from api_support import api_settings, api_shop  # noqa: F401

from borderless.settings import REPO_ROOT
from graph.driver import read
from statements import cypher_file

RECORD = """mutation($events: [EventInput!]!, $sessionId: String) {
  recordEvents(events: $events, sessionId: $sessionId) { accepted duplicates userErrors { code } } }"""
BATCHES = 30
PER_BATCH = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BORDERLESS_JWT_SECRET": uuid.uuid4().hex * 2,
           "BORDERLESS_RATE_LIMIT": "", "BORDERLESS_RATE_LIMIT_EVENTS": "",
           "BORDERLESS_WARM_MODELS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "borderless.cli", "serve", "--port", str(port)],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("the API did not come up in 120 s")


class Shop:
    """A storefront that sends its batches in order and resends any batch it got no answer for."""

    def __init__(self, port: int, batches: list[list[dict[str, str]]], session: str) -> None:
        self.url = f"http://127.0.0.1:{port}/graphql"
        self.batches = batches
        self.session = session
        self.acknowledged = 0
        self.retries = 0
        self.accepted = 0
        self.duplicates = 0
        self.done = threading.Event()

    def run(self) -> None:
        for batch in self.batches:
            while True:
                try:
                    answer = httpx.post(self.url, timeout=30, json={
                        "query": RECORD, "variables": {"events": batch,
                                                       "sessionId": self.session}}).json()
                    payload = answer["data"]["recordEvents"]
                except (httpx.HTTPError, KeyError, TypeError, ValueError):
                    self.retries += 1  # no answer (or not a whole one): not acknowledged
                    time.sleep(0.2)
                    continue
                assert payload["userErrors"] == []
                self.accepted += payload["accepted"]
                self.duplicates += payload["duplicates"]
                self.acknowledged += 1
                break
        self.done.set()


def test_sigkill_mid_stream_then_retries_store_every_event_exactly_once(api_shop, driver,
                                                                         settings):
    run = uuid.uuid4().hex[:8]
    batches = [[{"id": f"apit-ev-kill-{run}-{b}-{i}", "kind": "view",
                 "productId": f"apit-p-0{1 + (i % 2)}"} for i in range(PER_BATCH)]
               for b in range(BATCHES)]
    port = _free_port()
    proc = _serve(port)
    shop = Shop(port, batches, session=f"apit-ev-kill-session-{run}")
    sender = threading.Thread(target=shop.run, daemon=True)
    sender.start()
    try:
        while shop.acknowledged < BATCHES // 3 and not shop.done.is_set():
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: the shop is sending all the time
        proc.wait(timeout=30)
        killed_after = shop.acknowledged
        proc = _serve(port)
        assert shop.done.wait(timeout=300), "the shop did not finish its batches"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert killed_after < BATCHES
    assert shop.retries >= 1
    ids = [e["id"] for batch in batches for e in batch]
    stored = read(driver, cypher_file("events_stored"), settings.neo4j_database, ids=ids)
    counts = Counter(r["id"] for r in stored)
    assert set(counts) == set(ids)
    assert max(counts.values()) == 1
    # Every event was counted once as accepted: either when stored, or (its answer lost to the
    # kill) as a duplicate on the retry.
    assert shop.accepted + shop.duplicates >= len(ids)
    assert shop.accepted <= len(ids)
