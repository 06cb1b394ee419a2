"""Every mutation names all the mistakes of an input at once, in one userError shape.

Each input below holds several mistakes of different kinds (a broken value, an unknown
reference, an unknown currency) in different rows: the answer must name every one by its
path, say which product or country it is about, and write nothing.
"""

from __future__ import annotations

from typing import Any

from api_support import api_settings, api_shop, client, data, gql, manager  # noqa: F401

from graph.driver import read

ERRORS = "userErrors { field code message }"


def _errors(client, mutation: str, variables: dict[str, Any]) -> list[dict[str, Any]]:
    [payload] = data(gql(client, mutation, variables, headers=manager())).values()
    return payload["userErrors"]


def _pairs(errors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(".".join(e["field"]), e["code"]) for e in errors]


def test_upsert_products_names_unknown_brands_and_categories_beside_broken_values(client):
    products = [
        {"id": "apit-ue-1", "brandId": "apit-b-nobody", "categoryId": "apit-c-bags", "price": -3,
         "currency": "EUR", "titles": [{"lang": "EN", "text": "One"}]},
        {"id": "apit-ue-2", "brandId": "apit-b-acme", "categoryId": "apit-c-nowhere", "price": 5,
         "currency": "QQQ", "titles": [{"lang": "EN", "text": "Two"}]},
        {"id": "apit-ue-3", "brandId": "apit-b-acme", "categoryId": "apit-c-bags", "price": 5,
         "currency": "EUR", "titles": [{"lang": "EN", "text": "Three"}]},
    ]
    errors = _errors(client, f"""mutation M($p: [ProductInput!]!) {{ upsertProducts(products: $p) {{
        products {{ id }} {ERRORS} }} }}""", {"p": products})
    # Before, the unknown brand and category were found only at write time, which the broken
    # price and currency stopped from happening: they were never reported.
    assert sorted(_pairs(errors)) == [
        ("products.0.brandId", "NOT_FOUND"), ("products.0.price", "INVALID"),
        ("products.1.categoryId", "NOT_FOUND"), ("products.1.currency", "UNKNOWN_CURRENCY")]
    by_field = {".".join(e["field"]): e["message"] for e in errors}
    assert "'apit-b-nobody'" in by_field["products.0.brandId"]
    assert "'apit-ue-1'" in by_field["products.0.price"] and "-3" in by_field["products.0.price"]
    assert "'apit-c-nowhere'" in by_field["products.1.categoryId"]
    for pid in ("apit-ue-1", "apit-ue-2", "apit-ue-3"):  # nothing written, not even the good row
        assert data(gql(client, "query Q($id: ID!) { product(id: $id) { id } }", {"id": pid}))["product"] is None


def test_set_prices_names_an_unknown_product_beside_a_bad_amount(client):
    prices = [{"productId": "apit-p-none", "amount": 12, "currency": "EUR"},
              {"productId": "apit-p-01", "amount": -1, "currency": "EUR"},
              {"productId": "apit-p-02", "amount": 9, "currency": "QQQ"}]
    errors = _errors(client, f"""mutation M($p: [PriceInput!]!) {{ setPrices(prices: $p) {{
        {ERRORS} }} }}""", {"p": prices})
    assert _pairs(errors) == [("prices.0.productId", "NOT_FOUND"), ("prices.1.amount", "INVALID"),
                              ("prices.2.currency", "UNKNOWN_CURRENCY")]
    assert "'apit-p-none'" in errors[0]["message"] and "'apit-p-01'" in errors[1]["message"]
    assert "'apit-p-02'" in errors[2]["message"]
    assert data(gql(client, '{ product(id: "apit-p-01") { price { decimal } } }'))["product"] \
        == {"price": {"decimal": "10.00"}}  # unchanged


def test_set_shipping_says_which_product_and_country_and_what_is_wrong(client, driver, settings):
    rules = [{"productId": "apit-p-none", "country": "XA", "days": 3, "cost": 1},
             {"productId": "apit-p-01", "country": "ZZ", "days": 900, "cost": 1},
             {"productId": "apit-p-02", "country": "XA", "days": 2, "cost": -4, "currency": "QQQ"}]
    errors = _errors(client, f"""mutation M($r: [ShippingInput!]!) {{ setShipping(rules: $r) {{
        changes {{ country }} {ERRORS} }} }}""", {"r": rules})
    assert _pairs(errors) == [
        ("rules.0.productId", "NOT_FOUND"), ("rules.1.days", "INVALID"),
        ("rules.1.country", "NOT_FOUND"), ("rules.2.currency", "UNKNOWN_CURRENCY"),
        ("rules.2.cost", "INVALID")]
    by_field = {".".join(e["field"]): e["message"] for e in errors}
    # Each message names the row's product and country, and the value at fault.
    assert "no product 'apit-p-none'" in by_field["rules.0.productId"]
    assert "'apit-p-01' to 'ZZ'" in by_field["rules.1.days"] and "900" in by_field["rules.1.days"]
    assert "no country 'ZZ'" in by_field["rules.1.country"]
    assert "'apit-p-02' to 'XA'" in by_field["rules.2.cost"] and "-4" in by_field["rules.2.cost"]
    shipping = read(driver, "queries/api_shipping_by_product", settings.neo4j_database,
                    ids=["apit-p-02"])
    assert all(r["cost"] >= 0 for row in shipping for r in row["rows"])


def test_remove_shipping_names_unknown_products_and_countries(client):
    rules = [{"productId": "apit-p-none", "country": "XA"}, {"productId": "apit-p-01", "country": "ZZ"},
             {"productId": "bad id!", "country": "xa"}]
    errors = _errors(client, f"""mutation M($r: [ShippingKeyInput!]!) {{ removeShipping(rules: $r) {{
        changes {{ country }} {ERRORS} }} }}""", {"r": rules})
    assert _pairs(errors) == [("rules.0.productId", "NOT_FOUND"), ("rules.1.country", "NOT_FOUND"),
                              ("rules.2.productId", "INVALID"), ("rules.2.country", "INVALID")]


def test_every_mutations_user_errors_have_the_same_fields(api_settings):
    # Introspection is depth-limited for clients: read the built schema itself.
    from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType

    from api.schema.build import build_schema

    schema = build_schema(api_settings)._schema
    shapes: dict[str, dict[str, str]] = {}
    for name, mutation in schema.mutation_type.fields.items():
        payload = mutation.type.of_type if isinstance(mutation.type, GraphQLNonNull) else mutation.type
        if not isinstance(payload, GraphQLObjectType) or "userErrors" not in payload.fields:
            continue
        listed = payload.fields["userErrors"].type
        assert isinstance(listed, GraphQLNonNull) and isinstance(listed.of_type, GraphQLList), name
        error_type = listed.of_type.of_type.of_type
        assert "DisplayableError" in [i.name for i in error_type.interfaces], name
        shapes[name] = {f: str(t.type) for f, t in error_type.fields.items()}
    assert {"upsertProducts", "setPrices", "setShipping", "removeShipping", "deleteShopper",
            "recordEvents"} <= set(shapes)
    common = {"field": "[String!]", "code": "UserErrorCode!", "message": "String!"}
    for name, shape in shapes.items():
        assert {k: shape[k] for k in common} == common, name
    # recordEvents keeps its `index` as an extra (its `field` was a bare name before).
    assert shapes["recordEvents"]["index"] == "Int!"
