"""A storefront's side of ``recordEvents`` for the benches: a real API process, and batches sent
until they are acknowledged.

``ApiProcess`` runs ``borderless serve`` on a loopback port (rate limits off, a JWT secret of its
own) and can be killed with SIGKILL and started again on the same port. ``EventSender`` posts a
batch through the ``recordEvents`` mutation and, when no whole answer comes back (connection
refused or reset, a timeout, an HTTP 5xx, a GraphQL error while the database is away), sends the
*same* batch again, same ids, until it is acknowledged. The mutation answers only after its
transaction committed and stores an id once, so this is all a client needs for exactly-once.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from borderless.settings import REPO_ROOT

RECORD = """mutation($events: [EventInput!]!, $sessionId: String) {
  recordEvents(events: $events, sessionId: $sessionId) {
    accepted duplicates userErrors { index field code message } } }"""

# Error codes after which the same batch is sent again (see api/errors.py).
RESEND_ON = {"DATABASE_UNAVAILABLE", "QUERY_TIMEOUT", "INTERNAL", None}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiProcess:
    """``borderless serve`` as a child process, on one port for its whole life (restarts too)."""

    def __init__(self, jwt_secret: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "BORDERLESS_JWT_SECRET": jwt_secret,
                    "BORDERLESS_RATE_LIMIT": "", "BORDERLESS_RATE_LIMIT_EVENTS": "",
                    "BORDERLESS_RATE_LIMIT_EXPENSIVE": "", "BORDERLESS_WARM_MODELS": "false"}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, wait_s: float = 180) -> None:
        """Start the server and wait until ``/healthz`` answers."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "borderless.cli", "serve", "--port", str(self.port)],
            cwd=REPO_ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the API on port {self.port} did not come up in {wait_s:.0f} s")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, requests in flight lose their answers."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL if it lingers)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> ApiProcess:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass
class SendCounts:
    """What a sender saw: ids acknowledged, calls retried, the mutation's own counts, latencies."""

    acknowledged_ids: set[str] = field(default_factory=set)
    accepted: int = 0
    duplicates: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)
    retries: int = 0
    latencies_s: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def latency_ms(self, quantile: float) -> float | None:
        """The ``quantile`` (0.5, 0.95) of the acknowledged calls' latency, in milliseconds."""
        if len(self.latencies_s) < 2:
            return round(self.latencies_s[0] * 1000, 1) if self.latencies_s else None
        cuts = statistics.quantiles(self.latencies_s, n=100, method="inclusive")
        return round(cuts[round(quantile * 100) - 1] * 1000, 1)


class Unacknowledged(RuntimeError):
    """A batch got no acknowledgement within the sender's patience."""


class EventSender:
    """Sends batches through ``recordEvents``; resends a batch until it is acknowledged.

    Args:
        url: the API's base URL (``http://127.0.0.1:PORT``).
        counts: where to add what was seen (shared by several senders of one run).
        timeout_s: per call; a call that takes longer is treated as unanswered and resent.
        patience_s: how long one batch may stay unacknowledged before :class:`Unacknowledged`.
    """

    def __init__(self, url: str, counts: SendCounts, timeout_s: float = 30,
                 patience_s: float = 600) -> None:
        self.url = f"{url}/graphql"
        self.counts = counts
        self.patience_s = patience_s
        self.http = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.http.close()

    def send(self, events: list[dict[str, Any]], *, token: str | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send one batch (as a shopper with ``token``, or under ``session``) until acknowledged.

        Returns:
            The mutation's payload (``accepted``, ``duplicates``, ``userErrors``).

        Raises:
            Unacknowledged: no acknowledgement within ``patience_s``.
        """
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": RECORD, "variables": {"events": events, "sessionId": session}}
        deadline = time.monotonic() + self.patience_s
        pause = 0.1
        while True:
            started = time.perf_counter()
            payload = self._post(body, headers)
            if payload is not None:
                elapsed = time.perf_counter() - started
                self._count(events, payload, elapsed)
                return payload
            with self.counts.lock:
                self.counts.retries += 1
            if time.monotonic() > deadline:
                raise Unacknowledged(f"a batch of {len(events)} events (first id "
                                     f"{events[0].get('id')}) was not acknowledged in "
                                     f"{self.patience_s:.0f} s")
            time.sleep(pause)
            pause = min(pause * 2, 2.0)  # back off while the API or Neo4j is coming back

    def _post(self, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any] | None:
        """The payload of a whole answer, or None when there was none to trust."""
        try:
            answer = self.http.post(self.url, json=body, headers=headers)
        except httpx.HTTPError:
            return None  # refused, reset mid-answer, timed out: not acknowledged
        if answer.status_code >= 500 or answer.status_code == 429:
            return None
        try:
            data = answer.json().get("data") or {}
        except ValueError:
            return None
        payload = data.get("recordEvents")
        if isinstance(payload, dict):
            return payload
        # The database away, a transaction that timed out or failed unexpectedly: the batch may
        # or may not be stored, and a resend settles it either way. Any other error (a bad
        # argument, a refused session) would fail again: that is a bug in the caller.
        codes = {(e.get("extensions") or {}).get("code") for e in answer.json().get("errors") or []}
        if codes - RESEND_ON:
            raise RuntimeError(f"recordEvents refused the batch: {answer.json()['errors']}")
        return None

    def _count(self, events: list[dict[str, Any]], payload: dict[str, Any],
               elapsed: float) -> None:
        refused = {e["index"] for e in payload["userErrors"]}
        with self.counts.lock:
            self.counts.accepted += payload["accepted"]
            self.counts.duplicates += payload["duplicates"]
            self.counts.refused.extend(payload["userErrors"])
            self.counts.latencies_s.append(elapsed)
            self.counts.acknowledged_ids.update(
                e["id"] for i, e in enumerate(events) if i not in refused)


def new_event_id(run: str) -> str:
    """A client-made event id under the run's prefix (so the run's events can be counted)."""
    return f"{run}-{uuid.uuid4().hex}"
