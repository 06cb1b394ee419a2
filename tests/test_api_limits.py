"""Limits and error policy: depth, cost, aliases, masked unexpected errors, health and metrics."""

from __future__ import annotations

import logging

import pytest
from api_support import api_settings, api_shop, client, data, error_codes, gql  # noqa: F401

from graph.driver import run_auto, write
from statements import cypher_file


def test_too_deep_a_query_is_refused(client):
    deep = '{ category(id: "apit-c-run") { parent { parent { parent { parent { parent { parent ' \
           '{ parent { parent { parent { parent { id } } } } } } } } } } } }'
    assert error_codes(gql(client, deep)) == ["QUERY_TOO_COMPLEX"]


def test_too_costly_a_query_is_refused_before_touching_neo4j(client):
    costly = """{ a: products(first: 100) { nodes { category { products(first: 100) {
        nodes { shipsTo { days } } } } } } }"""
    body = gql(client, costly)
    assert error_codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "cost" in body["errors"][0]["message"]
    # The same shape with small pages is fine: the cost follows `first`, variables included.
    cheap = """query Q($n: Int) { products(first: $n) { nodes { category { products(first: $n) {
        nodes { id } } } } } }"""
    assert not gql(client, cheap, {"n": 3}).get("errors")
    assert error_codes(gql(client, cheap, {"n": 100})) == ["QUERY_TOO_COMPLEX"]


def test_too_many_aliases_are_refused(client):
    many = "{ " + " ".join(f'a{i}: brand(id: "apit-b-acme") {{ id }}' for i in range(40)) + " }"
    assert error_codes(gql(client, many)) == ["QUERY_TOO_COMPLEX"]


def test_graphql_mistakes_keep_their_message(client):
    body = gql(client, "{ product(id: 1) { nosuchfield } }")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "nosuchfield" in body["errors"][0]["message"]


@pytest.fixture
def odd_product(driver, settings):
    write(driver, cypher_file("api_test_odd_product"), settings.neo4j_database, id="apit-odd")
    yield "apit-odd"
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix="apit-odd")


def test_unexpected_errors_are_masked_and_logged_with_the_request_id(client, odd_product, caplog):
    caplog.set_level(logging.ERROR, logger="borderless.api")
    response = client.post("/graphql", json={"query": f'{{ product(id: "{odd_product}") '
                                                      f'{{ title avgRating }} }}'},
                           headers={"X-Request-ID": "test-req-42"})
    body = response.json()
    assert error_codes(body) == ["INTERNAL"]
    error = body["errors"][0]
    assert "not a number" not in error["message"]  # nothing of the cause leaks
    assert error["extensions"]["requestId"] == "test-req-42"
    assert response.headers["X-Request-ID"] == "test-req-42"
    assert any("test-req-42" in r.getMessage() for r in caplog.records)


def test_health_and_metrics(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    data(gql(client, 'query ProductPage { product(id: "apit-p-01") { id brand { name } } }'))
    text = client.get("/metrics").text
    assert 'borderless_graphql_requests_total{operation="ProductPage",outcome="ok"}' in text
    assert 'borderless_graphql_request_seconds_count{operation="ProductPage"}' in text
    assert 'borderless_neo4j_round_trips_total{statement="queries/api_products_by_id"}' in text


def test_graphiql_is_served(client):
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_the_shops_frontend_origin_may_call_the_api(settings, api_settings, api_shop):
    from fastapi.testclient import TestClient

    from api.app import create_app

    api = api_settings.model_copy(update={"cors_origins": ["https://shop.example"]})
    with TestClient(create_app(settings, api)) as test_client:
        preflight = {"Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "authorization,content-type"}
        allowed = test_client.options("/graphql", headers=preflight)
        assert allowed.headers["access-control-allow-origin"] == "https://shop.example"
        other = test_client.options("/graphql", headers={**preflight, "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
