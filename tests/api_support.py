"""Fixtures and helpers shared by the API tests (``tests/test_api_*.py``).

The tests load a tiny shop of their own (``tests/data/api_shop``, ids prefixed ``apit-``, fictional
countries XA/XB and currency XTS at 2 per EUR) into the session's real Neo4j and talk to the app
through FastAPI's TestClient, which runs the app's lifespan (and so its own async driver).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from api.auth import issue_token
from api.settings import ApiSettings
from borderless.settings import Settings
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

SHOP = Path(__file__).parent / "data" / "api_shop"
PREFIX = "apit-"
MANAGER_KEY = "apit-manager-" + secrets.token_urlsafe(16)
ADMIN_KEY = "apit-admin-" + secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def api_settings() -> ApiSettings:
    # No rate limits: every test module shares one address ("testclient"), and property tests
    # send hundreds of requests; tests/test_api_ratelimit.py sets its own budgets.
    # No catalog cache: these tests count the round trips of executed queries;
    # tests/test_api_cache.py turns it on.
    return ApiSettings(jwt_secret=secrets.token_urlsafe(48),
                       api_keys={MANAGER_KEY: "catalog_manager", ADMIN_KEY: "admin"},
                       rate_limit="", rate_limit_expensive="", catalog_cache_entries=0)


def _clean(driver: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
    write(driver, cypher_file("api_test_cleanup"), db, countries=["XA", "XB"], currencies=["XTS"])


@pytest.fixture(scope="session")
def api_shop(driver: Driver, settings: Settings) -> Iterator[Path]:
    """The API tests' shop, loaded once per session and removed afterwards."""
    _clean(driver, settings)
    report = load_catalog(driver, settings, SHOP, quarantine=None, progress=False)
    assert report.exit_code() == 0, report
    yield SHOP
    _clean(driver, settings)


@pytest.fixture(scope="module")
def client(api_shop: Path, settings: Settings, api_settings: ApiSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, api_settings)) as test_client:
        yield test_client


def gql(
    client: TestClient, query: str, variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None, status: int = 200,
) -> dict[str, Any]:
    """POST a GraphQL operation; return the JSON body (checking the HTTP status)."""
    response = client.post("/graphql", json={"query": query, "variables": variables or {}},
                           headers=headers or {})
    assert response.status_code == status, response.text
    return response.json()


def data(body: dict[str, Any]) -> dict[str, Any]:
    """The data of a response that must have no errors."""
    assert not body.get("errors"), body.get("errors")
    return body["data"]


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


def shopper(api_settings: ApiSettings, shopper_id: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(api_settings, shopper_id, 'shopper')}"}


def manager() -> dict[str, str]:
    return {"X-API-Key": MANAGER_KEY}


def admin() -> dict[str, str]:
    return {"X-API-Key": ADMIN_KEY}
