"""Catalog reads through the GraphQL API against the real Neo4j: fields, language fallback,
currency conversion, keyset paging, filters, and the round-trip count of a product page."""

from __future__ import annotations

import itertools

import pytest
from api_support import api_settings, api_shop, client, data, error_codes, gql  # noqa: F401

PRODUCT = """
query P($id: ID!, $lang: Language, $currency: String) {
  product(id: $id, lang: $lang, currency: $currency) {
    id title titleLanguage description colour
    price { amount currency rateDate } listPrice { amount currency }
    brand { id name aliases } category { id name }
    categoryPath { id name } avgRating reviewCount sentiment
    shipsTo { country { code name } days cost { amount currency } }
    restrictions { country { code } reason }
  }
}"""

PAGE = """
query Page($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String,
           $currency: String, $lang: Language) {
  products(filter: $filter, sort: $sort, first: $first, after: $after, currency: $currency,
           lang: $lang) {
    edges { cursor node { id title price { amount currency } avgRating } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


def _ids_in(client, filter: dict, **variables) -> list[str]:
    body = data(gql(client, PAGE, {"filter": filter, "first": 100, **variables}))
    return [e["node"]["id"] for e in body["products"]["edges"]]


def test_product_has_every_field_in_the_requested_language_and_currency(client):
    p = data(gql(client, PRODUCT, {"id": "apit-p-01", "lang": "DE", "currency": "XTS"}))["product"]
    assert p["title"] == "Test product 1" and p["titleLanguage"] == "en"  # no German title
    assert p["description"] == "Das erste"  # but a German description
    assert p["colour"] == "red"
    # 10 EUR at 2 XTS per EUR, with the rate's date.
    assert p["price"] == {"amount": 20.0, "currency": "XTS", "rateDate": "2026-11-01"}
    assert p["listPrice"] == {"amount": 10.0, "currency": "EUR"}
    assert p["brand"] == {"id": "apit-b-acme", "name": "Acme", "aliases": ["ACME Corp"]}
    assert p["category"] == {"id": "apit-c-shoes", "name": "Schuhe"}
    assert [c["name"] for c in p["categoryPath"]] == ["Testwurzel", "Schuhe"]
    assert p["avgRating"] == 4.5 and p["reviewCount"] == 2 and p["sentiment"] is None
    assert p["shipsTo"] == [
        {"country": {"code": "XA", "name": "Testland A"}, "days": 3,
         "cost": {"amount": 10.0, "currency": "XTS"}},
        {"country": {"code": "XB", "name": "Testland B"}, "days": 7,
         "cost": {"amount": 25.0, "currency": "XTS"}},
    ]
    assert p["restrictions"] == [{"country": {"code": "XB"}, "reason": "Batterien"}]


def test_a_restriction_reason_is_in_the_products_language_where_the_catalog_gives_it(client):
    query = """query R($lang: Language) { product(id: "apit-p-01", lang: $lang) {
      restrictions { country { code } reason reasonLanguage } } }"""
    said = {lang: data(gql(client, query, {"lang": lang}))["product"]["restrictions"]
            for lang in ("DE", "FR", "EN")}
    assert said["DE"] == [{"country": {"code": "XB"}, "reason": "Batterien", "reasonLanguage": "de"}]
    # No French reason in the catalog: the English one, and it says so.
    assert said["FR"] == said["EN"] == [
        {"country": {"code": "XB"}, "reason": "batteries", "reasonLanguage": "en"}]


def test_price_defaults_to_the_base_currency_and_missing_product_is_null(client, settings):
    p = data(gql(client, PRODUCT, {"id": "apit-p-02"}))["product"]
    # Listed at 40 XTS, stored as 20 in the base currency.
    assert p["price"] == {"amount": 20.0, "currency": settings.base_currency, "rateDate": None}
    assert p["listPrice"] == {"amount": 40.0, "currency": "XTS"}
    assert data(gql(client, PRODUCT, {"id": "apit-nope"}))["product"] is None


@pytest.mark.parametrize(("pid", "lang", "title", "served"), [
    ("apit-p-03", "DE", "Testprodukt 3", "de"),  # requested language exists
    ("apit-p-03", "ES", "Test product 3", "en"),  # falls back to English
    ("apit-p-07", "DE", "テスト商品 7", "ja"),  # no English either: any language
    ("apit-p-07", None, "テスト商品 7", "ja"),
])
def test_title_falls_back_requested_then_english_then_any(client, pid, lang, title, served):
    p = data(gql(client, PRODUCT, {"id": pid, "lang": lang}))["product"]
    assert (p["title"], p["titleLanguage"]) == (title, served)


def test_unknown_or_malformed_currency_is_a_typed_error(client):
    assert error_codes(gql(client, PRODUCT, {"id": "apit-p-01", "currency": "QQQ"})) == \
        ["UNKNOWN_CURRENCY"]
    assert error_codes(gql(client, PRODUCT, {"id": "apit-p-01", "currency": "euro"})) == \
        ["INVALID_ARGUMENT"]


def _page_through(client, sort: dict, first: int = 7) -> list[dict]:
    nodes, after, pages = [], None, 0
    while True:
        body = data(gql(client, PAGE, {"filter": {"categoryId": "apit-c-root"}, "sort": sort,
                                       "first": first, "after": after}))["products"]
        nodes += [e["node"] for e in body["edges"]]
        assert body["pageInfo"]["hasPreviousPage"] == (after is not None)
        pages += 1
        if not body["pageInfo"]["hasNextPage"]:
            return nodes
        after = body["pageInfo"]["endCursor"]
        assert pages < 20, "paging does not end"


@pytest.mark.parametrize("sort", [
    {"field": "ID"},
    {"field": "PRICE", "direction": "ASC"},
    {"field": "PRICE", "direction": "DESC"},
    {"field": "RATING", "direction": "DESC"},
])
def test_cursors_page_through_a_category_without_gaps_or_repeats(client, sort):
    nodes = _page_through(client, sort)
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == 60  # every product of the shop sits under the root
    if sort["field"] == "PRICE":
        prices = [n["price"]["amount"] for n in nodes]
        assert prices == sorted(prices, reverse=sort["direction"] == "DESC")
        # Equal prices (there are many) are ordered by id, which keeps the cursor exact.
        for a, b in itertools.pairwise(nodes):
            if a["price"]["amount"] == b["price"]["amount"]:
                assert a["id"] < b["id"]
    if sort["field"] == "ID":
        assert ids == sorted(ids)
    if sort["field"] == "RATING":
        assert ids[0] == "apit-p-01"  # the only rated product (4.5)


def test_category_filter_includes_descendants(client):
    shoes = set(_ids_in(client, {"categoryId": "apit-c-shoes"}))
    running = set(_ids_in(client, {"categoryId": "apit-c-run"}))
    assert running and running < shoes
    assert "apit-p-01" in shoes - running  # directly in Shoes
    assert "apit-p-03" in running  # in Running, a child of Shoes


def test_filters_brand_price_rating_ships_to_and_title_language(client):
    acme = _ids_in(client, {"brandId": "apit-b-acme"})
    assert len(acme) == 30 and all(int(i[-2:]) % 2 == 1 for i in acme)
    # 20..40 XTS is 10..20 EUR: p-01 (10), p-02 (20, listed 40 XTS), p-10..p-15 don't fit.
    in_range = _ids_in(client, {"categoryId": "apit-c-root", "minPrice": 20, "maxPrice": 40,
                                "priceCurrency": "XTS"}, currency="XTS")
    assert {"apit-p-01", "apit-p-02"} <= set(in_range) and "apit-p-15" not in in_range
    ours = {"categoryId": "apit-c-root"}  # the graph may hold a demo shop beside ours
    assert _ids_in(client, {**ours, "minRating": 4}) == ["apit-p-01"]
    assert _ids_in(client, {**ours, "shipsTo": "XA"}) == ["apit-p-01", "apit-p-02"]
    assert _ids_in(client, {**ours, "shipsTo": "XB"}) == ["apit-p-04"]  # p-01: restricted in XB
    german = _ids_in(client, {"categoryId": "apit-c-root", "titleLanguage": "DE"})
    assert german == ["apit-p-03", "apit-p-06", "apit-p-09", "apit-p-12", "apit-p-15"]


def test_bad_cursors_and_filters_are_typed_errors(client):
    first = data(gql(client, PAGE, {"sort": {"field": "PRICE"}, "first": 1}))["products"]
    cursor = first["pageInfo"]["endCursor"]
    assert error_codes(gql(client, PAGE, {"sort": {"field": "ID"}, "after": cursor})) == \
        ["INVALID_CURSOR"]
    assert error_codes(gql(client, PAGE, {"after": "not-a-cursor"})) == ["INVALID_CURSOR"]
    for bad in ({"minRating": 9}, {"shipsTo": "Germany"}, {"minPrice": -1},
                {"categoryId": "a b"}):
        assert error_codes(gql(client, PAGE, {"filter": bad})) == ["INVALID_ARGUMENT"], bad
    for first in (0, 101):
        assert error_codes(gql(client, PAGE, {"first": first})) == ["INVALID_ARGUMENT"]


def test_category_has_parent_children_breadcrumbs_and_products(client):
    body = data(gql(client, """{ category(id: "apit-c-shoes", lang: JA) {
        id name parent { id name } children { id name } breadcrumbs { id }
        products(first: 3, sort: {field: PRICE, direction: DESC}) { nodes { id } } } }"""))
    c = body["category"]
    assert c["name"] == "Shoes"  # no Japanese name: English
    assert c["parent"] == {"id": "apit-c-root", "name": "Test Root"}
    assert c["children"] == [{"id": "apit-c-run", "name": "ランニング"}]
    assert [b["id"] for b in c["breadcrumbs"]] == ["apit-c-root", "apit-c-shoes"]
    assert len(c["products"]["nodes"]) == 3
    assert data(gql(client, '{ brand(id: "apit-b-boreal") { name country } }'))["brand"] == \
        {"name": "Borealis", "country": "XA"}


def test_a_page_of_products_costs_a_fixed_number_of_round_trips(client):
    query = """query Page($first: Int) { products(filter: {categoryId: "apit-c-root"},
        first: $first, currency: "XTS") { nodes { id title price { amount }
        brand { name } category { name } categoryPath { name }
        shipsTo { days cost { amount } } } } }"""
    trips = {}
    gql(client, query, {"first": 1})  # the process reads the exchange rates once a minute
    for first in (5, 50):
        body = gql(client, query, {"first": first})
        assert len(data(body)["products"]["nodes"]) == first
        trips[first] = body["extensions"]["neo4jRoundTrips"]
    # The page (with brands and category paths) and the shipping rules: 2, for 5 as for 50.
    assert trips[5] == trips[50] == 2


@pytest.mark.parametrize("selection", [
    "shipsTo { days }",
    "...Shipping",  # the look-ahead sees through fragments too
])
def test_a_product_page_is_one_round_trip(client, selection):
    query = f"""query {{ product(id: "apit-p-01", currency: "XTS") {{ title price {{ amount }}
        brand {{ name }} category {{ name }} categoryPath {{ name }} {selection} }} }}
        fragment Shipping on Product {{ shipsTo {{ days cost {{ amount }} }} }}"""
    if "..." not in selection:
        query = query.split("fragment")[0]
    gql(client, query)  # the exchange rates are read once a minute, not per page
    body = gql(client, query)
    assert data(body)["product"]["categoryPath"][-1]["name"] == "Shoes"
    assert body["extensions"]["neo4jRoundTrips"] == 1
