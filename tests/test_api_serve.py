"""`borderless serve` for real (uvicorn in its own process), and the Neo4j transaction timeout."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time

import httpx
import pytest
from api_support import api_settings, api_shop  # noqa: F401

from api.db import api_session, open_api_driver
from borderless.errors import ApiError
from borderless.settings import REPO_ROOT
from statements import cypher_file


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_borderless_serve_answers_graphql_on_loopback(api_shop):
    port = _free_port()
    env = {**os.environ, "BORDERLESS_JWT_SECRET": secrets.token_urlsafe(48)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "borderless.cli", "serve", "--port", str(port)], cwd=REPO_ROOT,
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        body = httpx.post(f"{base}/graphql", timeout=30, json={
            "query": '{ product(id: "apit-p-01") { title brand { name } } }'}).json()
        assert body["data"]["product"] == {"title": "Test product 1", "brand": {"name": "Acme"}}
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert f"http://127.0.0.1:{port}/graphql" in output
    assert env["BORDERLESS_JWT_SECRET"] not in output  # secrets never reach the log


def test_placeholder_secret_stops_serve_before_it_starts():
    env = {**os.environ, "BORDERLESS_JWT_SECRET": "changeme"}
    done = subprocess.run([sys.executable, "-m", "borderless.cli", "serve", "--port", "1"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "BORDERLESS_JWT_SECRET: a placeholder" in done.stderr


def test_a_slow_query_is_stopped_by_the_transaction_timeout(settings, api_settings, driver):
    async def run() -> None:
        async_driver = open_api_driver(settings, api_settings)
        try:
            graph = api_session(async_driver, settings.model_copy(update={"query_timeout_s": 0.5}))
            with pytest.raises(ApiError) as caught:
                await graph.read(cypher_file("api_test_slow"))
            assert caught.value.code == "QUERY_TIMEOUT"
            assert graph.round_trips == 1
        finally:
            await async_driver.close()

    asyncio.run(run())
