"""Labels in the answer's language: recommendation reasons and similar products' reasons (no
longer null), and search's interpretation chips, in each of the seven served languages."""

from __future__ import annotations

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, gql, shopper,
)

from api.explain import LANGS, REASONS, SLOTS
from graph.driver import run_auto, write
from statements import cypher_file

RECS = """query R($lang: Language) { recommendations(userId: "apit-s-1", first: 5, lang: $lang) {
  items { explanation product { id } } } }"""
SIMILAR = """query S($lang: Language) { similarProducts(productId: "apit-p-01", first: 3, lang: $lang) {
  items { explanation product { id } } } }"""
SEARCH = """query S($lang: Language) { search(query: "Acme", lang: $lang, shipTo: "XA", first: 2) {
  interpretation { name value label } } }"""
LANGUAGE = {"en": "EN", "de": "DE", "es": "ES", "fr": "FR", "pt": "PT", "zh": "ZH", "ja": "JA"}


@pytest.fixture(scope="module")
def model(api_shop, driver, settings):
    """Vectors ranking apit-p-02 (bags, another brand) and p-04 (shoes) near p-01 and apit-s-1."""
    db = settings.neo4j_database
    write(driver, cypher_file("api_test_model_version"), db, id="apit-mv-labels", shop="apit-")
    hot = [0.0] * settings.embedding_dim
    hot[0] = hot[1] = 1.0
    near = list(hot)  # close to p-01 as well, so the vector index surely returns it
    near[2] = 0.5
    write(driver, cypher_file("api_test_embeddings"), db, version="apit-mv-labels",
          rows=[{"id": "apit-s-1", "vector": hot}, {"id": "apit-p-01", "vector": hot},
                {"id": "apit-p-02", "vector": hot}, {"id": "apit-p-04", "vector": near}])
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="apit-mv-labels")


@pytest.mark.parametrize("lang", LANGS)
def test_recommendation_reasons_come_in_the_asked_language(client, api_settings, model, lang):
    body = data(gql(client, RECS, {"lang": LANGUAGE[lang]},
                    headers=shopper(api_settings, "apit-s-1")))["recommendations"]
    # p-02 shares no brand, category or history with the shopper: the taste reason.
    assert [i["explanation"] for i in body["items"]] == [REASONS["similar_taste"][lang]]


def test_recommendations_default_to_the_shoppers_own_language(client, api_settings, model):
    body = data(gql(client, RECS, {}, headers=shopper(api_settings, "apit-s-1")))
    assert body["recommendations"]["items"][0]["explanation"] == REASONS["similar_taste"]["de"]


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_similar_products_carry_their_reason(client, model, lang):
    items = data(gql(client, SIMILAR, {"lang": LANGUAGE[lang]}))["similarProducts"]["items"]
    reasons = {i["product"]["id"]: i["explanation"] for i in items}
    assert reasons["apit-p-02"] == REASONS["similar_taste"][lang]
    # p-04 is in p-01's category (Shoes: "Schuhe" in German, English where no name exists).
    shoes = {"en": "Shoes", "de": "Schuhe", "ja": "Shoes"}[lang]
    assert reasons["apit-p-04"] == REASONS["same_category"][lang].format(category=shoes)
    assert all(reasons.values())


@pytest.mark.parametrize("lang", LANGS)
def test_search_chips_are_labelled_in_the_asked_language(client, lang):
    chips = data(gql(client, SEARCH, {"lang": LANGUAGE[lang]}))["search"]["interpretation"]
    labels = {c["name"]: c["label"] for c in chips}
    assert labels["brand"] == f"{SLOTS['brand'][lang]}: Acme"
    assert labels["ship_to"].startswith(SLOTS["ship_to"][lang] + ": ")
