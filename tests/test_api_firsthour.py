"""A storefront developer's first hour after ``make run``: every part of the API is reachable.

``make run`` serves in development mode; ``borderless token`` and ``borderless key`` print the
header lines a developer pastes into GraphiQL. These tests run those commands for real (their
own processes, the session's state folder) and use exactly what they print.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import api_shop, data, error_codes, gql  # noqa: F401
from fastapi.testclient import TestClient

from api.app import create_app
from api.devsecrets import dev_secrets_path, load_dev_secrets
from api.settings import ApiSettings
from borderless.errors import ConfigError
from borderless.settings import REPO_ROOT, Settings

USER = 'query U($id: ID!) { user(id: $id) { id history(first: 5) { kind product { id } } } }'
# Secrets a developer may have in their shell must not decide what these tests see.
_SECRET_VARS = ("BORDERLESS_JWT_SECRET", "BORDERLESS_API_KEYS", "BORDERLESS_DEV")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``borderless ARGS`` as a developer would, in its own process."""
    base = {k: v for k, v in os.environ.items() if k not in _SECRET_VARS}
    return subprocess.run([sys.executable, "-m", "borderless.cli", *args], cwd=REPO_ROOT,
                          env={**base, **(env or {})}, capture_output=True, text=True, timeout=120,
                          check=False)


def pasted_headers(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """The one line on stdout, parsed as GraphiQL's Headers pane parses it (JSON)."""
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    return json.loads(lines[0])


@pytest.fixture(scope="module")
def dev_client(api_shop: Path, settings: Settings) -> Iterator[TestClient]:
    """The app as ``make run`` serves it: development mode, nothing set in the environment."""
    with TestClient(create_app(settings, ApiSettings(dev=True))) as test_client:
        yield test_client


def test_a_shopper_token_from_the_cli_opens_their_history(dev_client):
    headers = pasted_headers(cli("token", "--shopper", "apit-s-1"))
    assert set(headers) == {"Authorization"}
    user = data(gql(dev_client, USER, {"id": "apit-s-1"}, headers=headers))["user"]
    assert user["id"] == "apit-s-1" and user["history"]
    # The token is the shopper's own, not a master key.
    assert error_codes(gql(dev_client, USER, {"id": "apit-s-2"}, headers=headers)) == ["FORBIDDEN"]


def test_staff_keys_from_the_cli_open_staff_reads(dev_client):
    for role in ("catalog_manager", "admin"):
        headers = pasted_headers(cli("key", "--role", role))
        assert set(headers) == {"X-API-Key"}
        assert data(gql(dev_client, USER, {"id": "apit-s-2"}, headers=headers))["user"]["id"] == "apit-s-2"
    # A catalog manager's key is not an admin's.
    assert cli("key").stdout != cli("key", "--role", "admin").stdout


def test_the_environment_secret_wins_over_the_development_one(settings):
    secret = "x" * 40 + "-environment-secret"
    raw = cli("token", "--shopper", "apit-s-1", "--raw", env={"BORDERLESS_JWT_SECRET": secret})
    assert raw.returncode == 0, raw.stderr
    production = ApiSettings(jwt_secret=secret)
    with TestClient(create_app(settings, production)) as client:
        body = gql(client, '{ user(id: "apit-s-1") { id } }',
                   headers={"Authorization": f"Bearer {raw.stdout.strip()}"})
    assert data(body)["user"] == {"id": "apit-s-1"}


def test_a_production_server_never_takes_the_development_secrets(api_shop, settings):
    dev_token = pasted_headers(cli("token", "--shopper", "apit-s-1"))
    with TestClient(create_app(settings, ApiSettings())) as client:
        assert error_codes(gql(client, USER, {"id": "apit-s-1"}, headers=dev_token,
                               status=401)) == ["UNAUTHENTICATED"]
        # No browser origin is allowed unless configured.
        preflight = client.options("/graphql", headers={
            "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in preflight.headers


def test_development_mode_lets_localhost_origins_call_and_no_others(dev_client):
    def allowed(origin: str) -> str | None:
        response = dev_client.options("/graphql", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        return response.headers.get("access-control-allow-origin")

    assert allowed("http://localhost:3000") == "http://localhost:3000"
    assert allowed("http://127.0.0.1:5173") == "http://127.0.0.1:5173"
    assert allowed("http://localhost.attacker.example") is None
    assert allowed("https://shop.example") is None


def test_development_secrets_are_private_and_stable(settings, tmp_path):
    own = settings.model_copy(update={"state_dir": tmp_path})
    first = load_dev_secrets(own)
    path = dev_secrets_path(own)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_dev_secrets(own) == first  # generated once, then reused
    assert sorted(first.api_keys.values()) == ["admin", "catalog_manager"]
    path.chmod(0o644)
    with pytest.raises(ConfigError, match="readable by other users"):
        load_dev_secrets(own)
    path.chmod(0o600)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="delete it"):
        load_dev_secrets(own)


def test_key_new_prints_a_fresh_key_and_how_to_configure_it():
    done = cli("key", "--role", "admin", "--new", "--raw")
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip()
    assert len(key) >= 24 and key.startswith("admin-")
    assert f'"{key}": "admin"' in done.stderr  # the JSON entry for BORDERLESS_API_KEYS
    ApiSettings(api_keys={key: "admin"})  # a key the settings accept


def test_token_needs_a_shopper_id():
    done = cli("token", "--shopper", " ")
    assert done.returncode == 2
    assert "needs a shopper id" in done.stderr and "Traceback" not in done.stderr
