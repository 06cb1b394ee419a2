"""Recommendations and similar products from the active model version, readiness, and search."""

from __future__ import annotations

import time

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, error_codes, gql, manager, shopper,
)

from graph.driver import read, run_auto, write
from statements import cypher_file

RECS = """query R($user: ID!, $first: Int, $shipTo: String, $currency: String) {
  recommendations(userId: $user, first: $first, shipTo: $shipTo, currency: $currency) {
    modelVersion { id createdAt metrics }
    items { score explanation product { id title price { amount currency } } } } }"""


def _vector(settings, *hot: int) -> list[float]:
    vector = [0.0] * settings.embedding_dim
    for i in hot:
        vector[i] = 1.0
    return vector


@pytest.fixture(scope="module")
def model(api_shop, driver, settings):
    """Fixed vectors on the test shop and its own active model version (shop ``apit-``)."""
    db = settings.neo4j_database
    write(driver, cypher_file("api_test_model_version"), db, id="apit-mv", shop="apit-")
    rows = [{"id": "apit-s-1", "vector": _vector(settings, 0, 1)},
            {"id": "apit-p-01", "vector": _vector(settings, 0, 1)},
            {"id": "apit-p-02", "vector": _vector(settings, 0, 1)},
            {"id": "apit-p-04", "vector": _vector(settings, 2)}]
    write(driver, cypher_file("api_test_embeddings"), db, rows=rows, version="apit-mv")
    yield "apit-mv"
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="apit-mv")


def test_a_shopper_gets_recommendations_with_the_model_version_and_reasons(
    client, api_settings, model,
):
    body = data(gql(client, RECS, {"user": "apit-s-1", "first": 5},
                    headers=shopper(api_settings, "apit-s-1")))["recommendations"]
    assert body["modelVersion"]["id"] == model
    items = body["items"]
    # p-01 was bought already; p-02 ships to the shopper's XA; nothing else of ours does.
    assert [i["product"]["id"] for i in items] == ["apit-p-02"]
    assert items[0]["score"] == pytest.approx(1.0)
    assert items[0]["explanation"]
    # The shopper's own currency (XTS) unless another is asked for.
    assert items[0]["product"]["price"] == {"amount": 40.0, "currency": "XTS"}
    # A country the recommended products do not ship to leaves nothing.
    other = data(gql(client, RECS, {"user": "apit-s-1", "shipTo": "XB", "currency": "EUR"},
                     headers=manager()))["recommendations"]
    assert other["items"] == []


def test_recommendations_cost_four_round_trips(client, api_settings, model):
    me = shopper(api_settings, "apit-s-1")
    gql(client, RECS, {"user": "apit-s-1"}, headers=me)  # the shared rate table is fresh now
    body = gql(client, RECS, {"user": "apit-s-1"}, headers=me)
    assert [i["product"]["id"] for i in data(body)["recommendations"]["items"]] == ["apit-p-02"]
    # The shopper with the active model and the experiment in force, the model's ranking, the
    # products' details, and the one write of the answer's ServedList.
    assert body["extensions"]["neo4jRoundTrips"] == 4


def test_recommendation_arguments_are_checked(client, api_settings, model):
    me = shopper(api_settings, "apit-s-1")
    assert error_codes(gql(client, RECS, {"user": "apit-s-1", "first": 500}, headers=me)) == \
        ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, RECS, {"user": "apit-s-1", "shipTo": "x"}, headers=me)) == \
        ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, RECS, {"user": "apit-nobody"}, headers=manager())) == \
        ["NOT_FOUND"]


def test_similar_products_come_from_the_product_vectors(client, model):
    query = """{ similarProducts(productId: "apit-p-01", first: 3) { modelVersion { id }
                 items { score product { id } } } }"""
    body = data(gql(client, query))["similarProducts"]
    assert body["modelVersion"]["id"] == model
    assert body["items"][0]["product"]["id"] == "apit-p-02"  # the identical vector
    assert "apit-p-01" not in [i["product"]["id"] for i in body["items"]]
    missing = '{ similarProducts(productId: "apit-nope") { items { score } } }'
    assert error_codes(gql(client, missing)) == ["NOT_FOUND"]


def test_ready_once_neo4j_answers_and_a_model_is_active(client, model):
    for _ in range(600):  # the search models load in a thread at start-up (about a second)
        ready = client.get("/readyz")
        if ready.json().get("models") != "loading":
            break
        time.sleep(0.1)
    assert ready.status_code == 200
    body = ready.json()
    assert {k: body[k] for k in ("status", "neo4j", "model", "models")} == {
        "status": "ready", "neo4j": "ok", "model": model, "models": "ready"}
    # The text index never holds readiness back; its state depends on the shared test graph.
    assert body.get("textIndex", "ready") == "ready" or body["textIndex"].startswith(
        ("building ", "incomplete "))


def test_ask_is_for_catalog_managers(client, api_settings):
    query = '{ ask(question: "How many products ship to XA?") { cypher rows refused } }'
    assert error_codes(gql(client, query)) == ["UNAUTHENTICATED"]
    assert error_codes(gql(client, query, headers=shopper(api_settings, "apit-s-1"))) == \
        ["FORBIDDEN"]
    assert error_codes(gql(client, '{ ask(question: "  ") { refused } }', headers=manager())) == \
        ["INVALID_ARGUMENT"]


def test_search_returns_products_and_what_it_understood(client):
    query = """query S($q: String!, $shipTo: String) { search(query: $q, lang: EN, shipTo: $shipTo,
        currency: "XTS", first: 5) { backend interpretation { name value groundedId source }
        products { id title price { currency } } } }"""
    body = data(gql(client, query, {"q": "red running shoes from Acme under 30 EUR",
                                    "shipTo": "XA"}))["search"]
    assert body["backend"]
    assert "apit-p-01" in [p["id"] for p in body["products"]]
    assert all(p["price"]["currency"] == "XTS" for p in body["products"])
    assert {"name": "ship_to", "groundedId": "XA"} in [
        {"name": s["name"], "groundedId": s["groundedId"]} for s in body["interpretation"]]
    for bad in ({"q": " "}, {"q": "x" * 501}, {"q": "shoes", "shipTo": "Germany"}):
        assert error_codes(gql(client, query, bad)) == ["INVALID_ARGUMENT"], bad


def test_each_answer_leaves_one_served_list_of_what_it_showed(
    client, api_settings, model, driver, settings,
):
    def served(list_id):
        rows = read(driver, cypher_file("experiments_test_served_list"), settings.neo4j_database,
                    id=list_id)
        assert len(rows) == 1
        return rows[0]["list"]

    recs = data(gql(client, """{ recommendations(userId: "apit-s-1", first: 5) {
        servedListId strategy experiment variant items { position product { id } } } }""",
                    headers=shopper(api_settings, "apit-s-1")))["recommendations"]
    assert (recs["strategy"], recs["experiment"], recs["variant"]) == ("model", None, None)
    assert [(i["position"], i["product"]["id"]) for i in recs["items"]] == [(1, "apit-p-02")]
    stored = served(recs["servedListId"])
    assert {k: stored[k] for k in ("surface", "strategy", "modelVersion", "unit", "items",
                                   "impressions")} == \
        {"surface": "recommendations", "strategy": "model", "modelVersion": model,
         "unit": "apit-s-1", "items": ["apit-p-02"], "impressions": 0}
    assert stored.get("experiment") is None and stored.get("variant") is None

    similar = data(gql(client, """{ similarProducts(productId: "apit-p-01", first: 3) {
        servedListId items { position product { id } } } }"""))["similarProducts"]
    stored = served(similar["servedListId"])
    assert stored["surface"] == "similarProducts" and stored["modelVersion"] == model
    assert stored["items"] == [i["product"]["id"] for i in similar["items"]]
    assert [i["position"] for i in similar["items"]] == list(range(1, len(similar["items"]) + 1))
    assert stored.get("unit") is None  # anonymous
    run_auto(driver, cypher_file("experiments_test_cleanup"), settings.neo4j_database,
             prefix="apit-")
