"""Blocking work stays off the event loop: model loads and lexicon builds run in worker threads.

Each test holds the blocking step at a gate (a ``threading.Event``) and checks that ``/healthz``
answers while it waits; had the step run on the event loop, ``/healthz`` could not answer until
the gate opened, and the test would fail at its deadline instead of hanging.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
from api_support import api_settings, api_shop, data  # noqa: F401
from fastapi.testclient import TestClient

import api.nlq.lexicon_store as lexicon_store
import language.embedders as embedders
from api.app import create_app

SEARCH = {"query": '{ search(query: "red running shoes", first: 3) { products { id } } }'}
# How long a request that must not be blocked may take at most before the test calls it stuck.
STUCK_S = 20


class Gate:
    """Wraps a blocking function so every call waits until :meth:`open`, counting the calls."""

    def __init__(self, inner: Callable[..., Any]) -> None:
        self.inner = inner
        self.calls = 0
        self.entered = threading.Event()
        self._open = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.entered.set()
        self._open.wait(timeout=60)
        return self.inner(*args, **kwargs)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


def _healthz_answers_while(gate: Gate, client: TestClient, pool: ThreadPoolExecutor) -> None:
    assert gate.entered.wait(STUCK_S), "the gated step never started"
    health: Future = pool.submit(client.get, "/healthz")
    try:
        assert health.result(timeout=STUCK_S).status_code == 200
    finally:
        gate.open()  # never leave the app blocked, whatever happened


def test_models_load_at_start_in_a_thread_and_readyz_says_so(api_shop, settings, api_settings,
                                                             monkeypatch, pool):
    gate = Gate(embedders._build)
    monkeypatch.setattr(embedders, "_build", gate)
    with TestClient(create_app(settings, api_settings)) as client:
        # The load started with the app, before any search asked for it.
        assert gate.entered.wait(STUCK_S)
        assert client.get("/readyz").json()["models"] == "loading"
        search: Future = pool.submit(client.post, "/graphql", json=SEARCH)
        _healthz_answers_while(gate, client, pool)
        assert data(search.result(timeout=120).json())["search"]["products"] is not None
        assert client.get("/readyz").json()["models"] == "ready"


def test_healthz_answers_while_the_lexicon_is_built(api_shop, settings, api_settings,
                                                    monkeypatch, pool):
    with TestClient(create_app(settings, api_settings)) as client:
        data(client.post("/graphql", json=SEARCH).json())  # models loaded, lexicon built
        gate = Gate(lexicon_store.build_lexicon)
        monkeypatch.setattr(lexicon_store, "build_lexicon", gate)
        lexicon_store.forget_lexicons()
        searches = [pool.submit(client.post, "/graphql", json=SEARCH) for _ in range(2)]
        _healthz_answers_while(gate, client, pool)
        for search in searches:
            assert data(search.result(timeout=120).json())["search"]["products"] is not None
        assert gate.calls == 1  # two stale readers, one build
