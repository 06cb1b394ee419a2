"""Per-client rate limits: 429, Retry-After and ``RATE_LIMITED``; a stricter search/ask budget."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_support import (  # noqa: F401
    MANAGER_KEY,
    api_settings,
    api_shop,
    error_codes,
    manager,
    shopper,
)
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings

CHEAP = '{ product(id: "apit-p-01") { id } }'
SEARCH = '{ search(query: "red shoes", first: 3) { products { id } } }'


def _app(settings, api_settings: ApiSettings, general: str, expensive: str) -> TestClient:
    api = api_settings.model_copy(update={"rate_limit": general, "rate_limit_expensive": expensive})
    return TestClient(create_app(settings, api))


@pytest.fixture
def strict(api_shop, settings, api_settings) -> Iterator[TestClient]:
    with _app(settings, api_settings, "5/minute", "") as client:
        yield client


@pytest.fixture
def searchy(api_shop, settings, api_settings) -> Iterator[TestClient]:
    with _app(settings, api_settings, "100/minute", "2/minute") as client:
        yield client


def _post(client: TestClient, query: str, headers: dict[str, str] | None = None):
    return client.post("/graphql", json={"query": query}, headers=headers or {})


def test_a_client_over_its_budget_gets_429_with_retry_after(strict):
    for _ in range(5):
        assert _post(strict, CHEAP).status_code == 200
    refused = _post(strict, CHEAP)
    assert refused.status_code == 429
    assert error_codes(refused.json()) == ["RATE_LIMITED"]
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert refused.json()["errors"][0]["extensions"]["retryAfter"] == retry_after
    assert strict.get("/healthz").status_code == 200  # health is never rate-limited


def test_each_api_key_and_shopper_has_its_own_budget(strict, api_settings):
    for _ in range(6):
        _post(strict, CHEAP)  # the anonymous address is spent
    assert _post(strict, CHEAP).status_code == 429
    clients = (manager(), shopper(api_settings, "apit-s-1"), shopper(api_settings, "apit-s-2"))
    for headers in clients:
        for _ in range(5):
            assert _post(strict, CHEAP, headers).status_code == 200, headers
        assert _post(strict, CHEAP, headers).status_code == 429, headers


def test_failed_sign_ins_spend_the_address_budget(strict):
    statuses = [_post(strict, CHEAP, {"X-API-Key": f"wrong-{i}-" + "x" * 30}).status_code
                for i in range(7)]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
    assert _post(strict, CHEAP, {"X-API-Key": MANAGER_KEY}).status_code == 200


def test_search_spends_the_stricter_budget_per_field(searchy):
    assert not _post(searchy, SEARCH).json().get("errors")
    assert not _post(searchy, SEARCH).json().get("errors")
    refused = _post(searchy, SEARCH)
    assert refused.status_code == 429
    assert error_codes(refused.json()) == ["RATE_LIMITED"]
    assert int(refused.headers["Retry-After"]) >= 1
    # Cheap reads of the same client still pass: only the expensive budget is spent.
    assert _post(searchy, CHEAP).status_code == 200


def test_aliased_searches_each_spend_a_unit(searchy):
    three = "{ " + " ".join(f'a{i}: search(query: "shoes", first: 1) {{ backend }}'
                            for i in range(3)) + " }"
    refused = _post(searchy, three)
    assert refused.status_code == 429
    assert error_codes(refused.json()) == ["RATE_LIMITED"]
    # Nothing was spent by the refused operation: two single searches still fit.
    assert not _post(searchy, SEARCH).json().get("errors")
    assert not _post(searchy, SEARCH).json().get("errors")


def test_rates_in_settings_are_checked():
    with pytest.raises(ValueError, match="not a rate"):
        ApiSettings(rate_limit="lots")
    assert ApiSettings(rate_limit="10/second;1000/hour").rate_limit == "10/second;1000/hour"
