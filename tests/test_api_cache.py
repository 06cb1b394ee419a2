"""The server's cache of anonymous catalog reads (api/cache.py) against the real Neo4j.

Each test reads through the cache, writes (through the API, or as a loader does through
``graph.driver``) and reads again: the answer must be the written one at once, never the kept one.
That a second read really came from the cache is seen in ``/metrics`` (outcome ``cached``) and in
its round trips (only the catalog version is read).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import (  # noqa: F401
    admin, api_settings, api_shop, data, error_codes, gql, shopper,
)
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import Role
from api.cache import CatalogCache
from graph.driver import write
from statements import cypher_file

PRODUCT = """query Page($id: ID!, $currency: String) { product(id: $id, currency: $currency) {
  id title price { amount currency } } }"""


@pytest.fixture(scope="module")
def cached(api_shop: Path, settings, api_settings) -> Iterator[TestClient]:
    api = api_settings.model_copy(update={"catalog_cache_entries": 100})
    with TestClient(create_app(settings, api)) as client:
        yield client


def _served_from_cache(client: TestClient, operation: str) -> float:
    found = re.search(rf'borderless_graphql_requests_total\{{operation="{operation}",'
                      rf'outcome="cached"\}} (\S+)', client.get("/metrics").text)
    return float(found.group(1)) if found else 0.0


def _read(client: TestClient, product_id: str = "apit-p-01", currency: str = "XTS") -> dict:
    body = gql(client, PRODUCT, {"id": product_id, "currency": currency})
    return data(body)["product"] | {"trips": body["extensions"]["neo4jRoundTrips"]}


def test_a_repeated_read_is_served_from_the_cache(cached):
    first = _read(cached, "apit-p-02")
    before = _served_from_cache(cached, "Page")
    second = _read(cached, "apit-p-02")
    assert _served_from_cache(cached, "Page") == before + 1
    assert second | {"trips": 0} == first | {"trips": 0}
    assert second["trips"] == 1  # the catalog version, nothing else


def test_shop_events_leave_the_cache_warm(cached, api_settings):
    # Events change no catalog read: a live shop's event stream must not empty the cache (nor
    # queue every event writer on the catalog version node). Before, every write bumped it.
    import uuid

    _read(cached, "apit-p-03")
    record = """mutation($events: [EventInput!]!) { recordEvents(events: $events) {
                  accepted userErrors { code } } }"""
    event = {"id": f"apit-ev-cache-{uuid.uuid4().hex[:8]}", "kind": "view", "productId": "apit-p-03"}
    assert data(gql(cached, record, {"events": [event]},
                    headers=shopper(api_settings, "apit-s-01")))["recordEvents"]["accepted"] == 1
    before = _served_from_cache(cached, "Page")
    _read(cached, "apit-p-03")
    assert _served_from_cache(cached, "Page") == before + 1


def test_a_write_through_the_api_is_read_back_at_once(cached):
    set_price = """mutation { setPrices(prices: [{productId: "apit-p-01", amount: %s,
                   currency: "EUR"}]) { products { id } userErrors { code } } }"""
    try:
        data(gql(cached, set_price % 11, headers=admin()))
        assert _read(cached)["price"] == {"amount": 22.0, "currency": "XTS"}
        assert _read(cached)["price"] == {"amount": 22.0, "currency": "XTS"}  # now kept
        data(gql(cached, set_price % 12, headers=admin()))
        assert _read(cached)["price"] == {"amount": 24.0, "currency": "XTS"}
    finally:
        data(gql(cached, set_price % 10, headers=admin()))
    assert _read(cached)["price"] == {"amount": 20.0, "currency": "XTS"}


def test_a_loader_write_from_another_process_is_read_back_at_once(cached, driver, settings):
    db = settings.neo4j_database
    title = cypher_file("api_test_set_title")
    try:
        write(driver, title, db, id="apit-p-01", title="Cached title")
        assert _read(cached)["title"] == "Cached title"
        assert _read(cached)["title"] == "Cached title"  # now kept
        write(driver, title, db, id="apit-p-01", title="Written again")
        assert _read(cached)["title"] == "Written again"
    finally:
        write(driver, title, db, id="apit-p-01", title="Test product 1")
    assert _read(cached)["title"] == "Test product 1"


def test_a_new_exchange_rate_is_used_at_once_though_rates_are_shared(cached, driver, settings):
    # The shared rate table lives a minute; a page kept under the new version must not be
    # computed with the rate from before the write.
    db = settings.neo4j_database
    rate = cypher_file("api_test_set_rate")
    assert _read(cached)["price"] == {"amount": 20.0, "currency": "XTS"}
    try:
        write(driver, rate, db, code="XTS", rate=3.0)
        assert _read(cached)["price"] == {"amount": 30.0, "currency": "XTS"}
    finally:
        write(driver, rate, db, code="XTS", rate=2.0)
    assert _read(cached)["price"] == {"amount": 20.0, "currency": "XTS"}


def test_signed_in_callers_and_errors_are_never_served_from_the_cache(cached, api_settings):
    before = _served_from_cache(cached, "Page")
    for _ in range(2):
        body = gql(cached, PRODUCT, {"id": "apit-p-01"}, headers=shopper(api_settings, "apit-s-1"))
        assert data(body)["product"]["id"] == "apit-p-01"
        assert error_codes(gql(cached, PRODUCT, {"id": "apit-p-01", "currency": "nope"})) == \
            ["INVALID_ARGUMENT"]
    assert _served_from_cache(cached, "Page") == before


def test_an_unreachable_neo4j_is_reported_as_without_the_cache(api_shop, settings, api_settings):
    # Nothing listens on this port: the version read fails, and the request must still get the
    # API's usual answer (HTTP 200, DATABASE_UNAVAILABLE), not an error from the cache's read.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = settings.model_copy(update={"bolt_port": port, "neo4j_uri": None})
    api = api_settings.model_copy(update={"catalog_cache_entries": 100, "warm_models": False})
    with TestClient(create_app(nowhere, api)) as client:
        body = gql(client, PRODUCT, {"id": "apit-p-01"})
    assert error_codes(body) == ["DATABASE_UNAVAILABLE"]


@pytest.mark.parametrize(("query", "role", "expected"), [
    ("{ product(id: \"x\") { id } }", Role.ANONYMOUS, True),
    ("query A { products { nodes { id } } brand(id: \"b\") { id } }", Role.ANONYMOUS, True),
    ("query A { product(id: \"x\") { id } } query B { user(id: \"s\") { id } }",
     Role.ANONYMOUS, True),
    ("query { ...F } fragment F on Query { category(id: \"c\") { id } }", Role.ANONYMOUS, True),
    ("{ product(id: \"x\") { id } }", Role.SHOPPER, False),
    ("{ product(id: \"x\") { id } search(query: \"x\") { total } }", Role.ANONYMOUS, False),
    ("{ recommendations(userId: \"s\") { id } }", Role.ANONYMOUS, False),
    ("mutation { setPrices(prices: []) { products { id } } }", Role.ANONYMOUS, False),
    ("{ product(id: ", Role.ANONYMOUS, False),
])
def test_only_anonymous_catalog_queries_are_cacheable(query, role, expected):
    assert (CatalogCache(10).cacheable(role, query, None) is not None) is expected


def test_the_operation_named_by_the_request_is_the_one_judged():
    document = 'query A { product(id: "x") { id } } query B { user(id: "s") { id } }'
    assert CatalogCache(10).cacheable(Role.ANONYMOUS, document, "A") == "A"
    assert CatalogCache(10).cacheable(Role.ANONYMOUS, document, "B") is None


def test_the_cache_keeps_at_most_its_size_and_never_errors():
    from strawberry.types import ExecutionResult
    from graphql import GraphQLError

    cache = CatalogCache(2)
    keys = [cache.key("{ product(id: $id) { id } }", None, {"id": str(i)}, 7) for i in range(3)]
    assert None not in keys and len(set(keys)) == 3
    for i, key in enumerate(keys):
        assert key is not None
        cache.put(key, ExecutionResult(data={"n": i}, errors=None))
    assert cache.get(keys[0]) is None and cache.get(keys[2]) is not None  # the oldest went
    failed = cache.key("{ x }", None, None, 7)
    assert failed is not None
    cache.put(failed, ExecutionResult(data=None, errors=[GraphQLError("no")]))
    assert cache.get(failed) is None
    # The same variables in another order are the same request; another version is not.
    assert cache.key("q", None, {"a": 1, "b": 2}, 1) == cache.key("q", None, {"b": 2, "a": 1}, 1)
    assert cache.key("q", None, {"a": 1}, 1) != cache.key("q", None, {"a": 1}, 2)
