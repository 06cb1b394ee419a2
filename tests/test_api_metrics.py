"""``/metrics`` stays bounded whatever operation names clients send, and counts search's reads."""

from __future__ import annotations

import re
import secrets
import uuid

from api_support import api_settings, api_shop, client, data, gql  # noqa: F401
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings

_OPERATION = re.compile(r'borderless_graphql_requests_total\{operation="([^"]*)"')
_ROUND_TRIPS = re.compile(r"^borderless_neo4j_round_trips_total\{statement=\"([^\"]*)\"\} (\S+)$",
                          re.MULTILINE)


def _operations(metrics: str) -> set[str]:
    return set(_OPERATION.findall(metrics))


def _send_named(client: TestClient, names: list[str]) -> None:
    for name in names:
        response = client.post("/graphql", json={"query": f"query {name} {{ __typename }}"})
        assert response.status_code == 200, response.text


def test_a_thousand_random_operation_names_do_not_grow_metrics(api_shop, settings):
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), rate_limit="",
                      metrics_max_operations=20)
    with TestClient(create_app(settings, api)) as client:
        _send_named(client, ["ProductPage"])
        _send_named(client, [f"Op_{uuid.uuid4().hex}" for _ in range(100)])
        after_100 = client.get("/metrics").text
        _send_named(client, [f"Op_{uuid.uuid4().hex}" for _ in range(1_000)])
        after_1100 = client.get("/metrics").text
    operations = _operations(after_1100)
    assert "ProductPage" in operations and "other" in operations
    assert len(operations) <= 20 + 1  # the admitted names, and `other`
    assert operations == _operations(after_100)
    # Only counter values changed: a few more digits, never new series.
    assert len(after_1100) - len(after_100) < 200


def test_only_configured_operation_names_become_labels(api_shop, settings):
    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48), rate_limit="",
                      metrics_operations=["ProductPage"])
    with TestClient(create_app(settings, api)) as client:
        _send_named(client, ["ProductPage", "Spam1", "Spam2"])
        assert _operations(client.get("/metrics").text) == {"ProductPage", "other"}


def test_a_search_counts_its_round_trips_in_metrics_and_the_response(client):
    def round_trips() -> dict[str, float]:
        return {name: float(value)
                for name, value in _ROUND_TRIPS.findall(client.get("/metrics").text)}

    query = """query S($q: String!) { search(query: $q, lang: EN, first: 5) {
        products { id } } }"""
    gql(client, query, {"q": "red running shoes"})  # warm: lexicon and rates are read once
    before = round_trips()
    body = gql(client, query, {"q": "blue shoes from Acme"})
    data(body)
    after = round_trips()
    grown = {name: after[name] - before.get(name, 0.0) for name in after
             if after[name] != before.get(name, 0.0)}
    assert grown.get("queries/search_products") == 1
    assert "queries/nlq_lexicon_stamp" in grown
    # The request's own session counted the same reads it reported to the client.
    assert sum(grown.values()) == body["extensions"]["neo4jRoundTrips"] > 0
