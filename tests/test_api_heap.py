"""The serving process keeps the garbage collector off its long-lived objects (api/heap.py),
and still collects the garbage it makes while serving."""

from __future__ import annotations

import gc
import secrets
import weakref

from fastapi.testclient import TestClient

from api import heap
from api.app import create_app
from api.settings import ApiSettings


class _Node:
    """A container that can refer to itself: only the cycle collector frees it."""

    me: object = None


def test_a_started_app_freezes_what_lives_long_and_still_collects_new_garbage(settings):
    threshold = gc.get_threshold()
    gc.unfreeze()
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), warm_models=False, rate_limit="")
    try:
        assert gc.get_freeze_count() == 0
        with TestClient(create_app(settings, api)) as client:
            # Schema, types, driver: tens of thousands of objects no collection walks again.
            assert gc.get_freeze_count() > 10_000
            assert gc.get_threshold()[0] >= heap.YOUNG_THRESHOLD
            assert client.get("/healthz").status_code == 200
            cycle = _Node()
            cycle.me = cycle
            gone = weakref.ref(cycle)
            del cycle
            gc.collect()
            assert gone() is None  # a cycle made while serving is freed as before
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
