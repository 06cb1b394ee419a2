"""Who may do what: anonymous catalog reads, a shopper's own data only, staff writes, and the
mutations catalog managers use, checked against the real graph afterwards."""

from __future__ import annotations

import time

import jwt
import pytest
from api_support import (  # noqa: F401
    admin, api_settings, api_shop, client, data, error_codes, gql, manager, shopper,
)

from api.settings import ApiSettings, get_api_settings
from borderless.errors import ConfigError
from graph.driver import read, run_auto
from statements import cypher_file

USER = """query U($id: ID!) { user(id: $id) { id country language currency
  history(first: 10) { kind rating at product { id title } } } }"""


def test_a_shopper_reads_their_own_history_newest_first(client, api_settings):
    body = data(gql(client, USER, {"id": "apit-s-1"}, headers=shopper(api_settings, "apit-s-1")))
    user = body["user"]
    assert (user["country"], user["language"], user["currency"]) == ("XA", "de", "XTS")
    assert [h["kind"] for h in user["history"]] == ["CART", "PURCHASE", "VIEW"]
    assert user["history"][0]["product"] == {"id": "apit-p-03", "title": "Testprodukt 3"}


def test_a_shopper_can_never_read_another_shoppers_data(client, api_settings):
    as_s1 = shopper(api_settings, "apit-s-1")
    assert error_codes(gql(client, USER, {"id": "apit-s-2"}, headers=as_s1)) == ["FORBIDDEN"]
    recs = '{ recommendations(userId: "apit-s-2") { items { score } } }'
    assert error_codes(gql(client, recs, headers=as_s1)) == ["FORBIDDEN"]
    assert error_codes(gql(client, USER, {"id": "apit-s-2"})) == ["UNAUTHENTICATED"]
    # Staff may, for support.
    assert data(gql(client, USER, {"id": "apit-s-2"}, headers=manager()))["user"]["id"] == "apit-s-2"


def test_bad_credentials_are_refused_not_downgraded(client, api_settings):
    for headers in ({"X-API-Key": "wrong-key-wrong-key-wrong-key"},
                    {"Authorization": "Bearer not.a.jwt"},
                    {"Authorization": "Basic dXNlcjpwYXNz"}):
        body = gql(client, "{ __typename }", headers=headers, status=401)
        assert error_codes(body) == ["UNAUTHENTICATED"], headers
    secret = api_settings.jwt_secret.get_secret_value()
    expired = jwt.encode({"sub": "apit-s-1", "role": "shopper", "iss": "borderless",
                          "exp": int(time.time()) - 10}, secret, algorithm="HS256")
    forged = jwt.encode({"sub": "apit-s-1", "role": "admin", "iss": "borderless",
                         "exp": int(time.time()) + 60}, "x" * 48, algorithm="HS256")
    for token in (expired, forged):
        body = gql(client, "{ __typename }", headers={"Authorization": f"Bearer {token}"},
                   status=401)
        assert error_codes(body) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize("secret", ["changeme", "short-but-not-placeholder"])
def test_placeholder_or_short_secrets_are_refused(monkeypatch, secret):
    with pytest.raises(ValueError, match="placeholder or shorter"):
        ApiSettings(jwt_secret=secret)
    monkeypatch.setenv("BORDERLESS_JWT_SECRET", secret)
    get_api_settings.cache_clear()
    try:
        with pytest.raises(ConfigError):
            get_api_settings()
    finally:
        get_api_settings.cache_clear()
    with pytest.raises(ValueError, match="placeholder or shorter"):
        ApiSettings(api_keys={"password": "admin"})


UPSERT = """mutation M($products: [ProductInput!]!) { upsertProducts(products: $products) {
  products { id title price(currency: "XTS") { amount } listPrice { amount currency } brand { id } }
  userErrors { field code message } } }"""
NEW = {"id": "apit-p-new", "brandId": "apit-b-acme", "categoryId": "apit-c-bags", "price": 30,
       "currency": "XTS", "titles": [{"lang": "EN", "text": "New bag"}, {"lang": "DE", "text": "Neue Tasche"}]}


def test_catalog_writes_need_a_catalog_manager(client, api_settings):
    # Authentication and permission stay top-level errors, never user errors.
    assert error_codes(gql(client, UPSERT, {"products": [NEW]})) == ["UNAUTHENTICATED"]
    body = gql(client, UPSERT, {"products": [NEW]}, headers=shopper(api_settings, "apit-s-1"))
    assert error_codes(body) == ["FORBIDDEN"]


@pytest.fixture
def new_product(driver, settings):
    """The product the mutation tests create; removed afterwards so other tests see 60."""
    yield NEW["id"]
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=NEW["id"])


def test_manager_creates_a_product_and_sets_its_price_and_shipping(client, driver, settings,
                                                                  new_product):
    made = data(gql(client, UPSERT, {"products": [NEW]}, headers=manager()))["upsertProducts"]
    assert made == {"products": [{"id": "apit-p-new", "title": "New bag",
                                  "price": {"amount": 30.0},
                                  "listPrice": {"amount": 30.0, "currency": "XTS"},
                                  "brand": {"id": "apit-b-acme"}}], "userErrors": []}
    prices = """mutation { setPrices(prices: [{productId: "apit-p-new", amount: 8, currency: "EUR"}])
                { products { id price { amount currency } } userErrors { code } } }"""
    priced = data(gql(client, prices, headers=admin()))["setPrices"]
    assert priced["products"][0]["price"] == {"amount": 8.0, "currency": "EUR"}
    assert priced["userErrors"] == []
    ship = """mutation { setShipping(rules: [{productId: "apit-p-new", country: "XA", days: 2,
               cost: 6, currency: "XTS"}]) { changes { productId country } userErrors { code } } }"""
    assert data(gql(client, ship, headers=manager()))["setShipping"] == \
        {"changes": [{"productId": "apit-p-new", "country": "XA"}], "userErrors": []}
    rows = read(driver, "queries/api_shipping_by_product", settings.neo4j_database,
                ids=["apit-p-new"])
    assert rows[0]["rows"][0]["cost"] == 3.0  # stored in the base currency
    unship = """mutation { removeShipping(rules: [{productId: "apit-p-new", country: "XA"},
                 {productId: "apit-p-new", country: "XB"}]) { changes { country } } }"""
    assert data(gql(client, unship, headers=manager()))["removeShipping"] == \
        {"changes": [{"country": "XA"}]}
    assert read(driver, "queries/api_shipping_by_product", settings.neo4j_database,
                ids=["apit-p-new"]) == []


def _user_errors(body: dict) -> list[tuple[list[str] | None, str]]:
    [payload] = data(body).values()
    return [(e["field"], e["code"]) for e in payload["userErrors"]]


def test_mutation_inputs_come_back_as_user_errors_naming_each_field(client, new_product):
    unknown_brand = {**NEW, "id": "apit-p-new2", "brandId": "apit-b-none"}
    body = gql(client, UPSERT, {"products": [NEW, unknown_brand]}, headers=manager())
    assert _user_errors(body) == [(["products", "1", "brandId"], "NOT_FOUND")]
    assert "apit-p-new2" in body["data"]["upsertProducts"]["userErrors"][0]["message"]
    assert body["data"]["upsertProducts"]["products"] == []
    # All or nothing: the valid product of the batch was rolled back too.
    assert data(gql(client, '{ product(id: "apit-p-new") { id } }'))["product"] is None
    # Every broken field of every row at once, by path, and nothing written.
    bad = {**NEW, "id": "bad id!", "price": -5}
    worse = {**NEW, "id": "apit-p-new3", "currency": "QQQ", "stock": -1}
    errors = _user_errors(gql(client, UPSERT, {"products": [bad, worse]}, headers=manager()))
    assert (["products", "0", "id"], "INVALID") in errors
    assert (["products", "0", "price"], "INVALID") in errors
    assert (["products", "1", "stock"], "INVALID") in errors
    assert (["products", "1", "currency"], "UNKNOWN_CURRENCY") in errors
    assert data(gql(client, '{ product(id: "apit-p-new3") { id } }'))["product"] is None
    prices = """mutation { setPrices(prices: [{productId: "apit-nope", amount: 1, currency: "EUR"},
                {productId: "apit-p-01", amount: -1, currency: "EUR"}]) { userErrors { field code } } }"""
    assert _user_errors(gql(client, prices, headers=manager())) == \
        [(["prices", "0", "productId"], "NOT_FOUND"), (["prices", "1", "amount"], "INVALID")]
    prices = """mutation { setPrices(prices: [{productId: "apit-nope", amount: 1, currency: "EUR"}])
                { userErrors { field code } } }"""
    assert _user_errors(gql(client, prices, headers=manager())) == \
        [(["prices", "0", "productId"], "NOT_FOUND")]
    ship = """mutation { setShipping(rules: [{productId: "apit-p-01", country: "XA", days: 900,
               cost: 1}]) { userErrors { field code } } }"""
    assert _user_errors(gql(client, ship, headers=manager())) == \
        [(["rules", "0", "days"], "INVALID")]
    none = "mutation { removeShipping(rules: []) { userErrors { field code } } }"
    assert _user_errors(gql(client, none, headers=manager())) == [(["rules"], "INVALID")]


def test_a_shopper_erases_their_own_data(client, api_settings, driver, settings):
    delete = """mutation D($id: ID!) { deleteShopper(id: $id) {
      deletion { shopperId interactionsDeleted reviewsUnlinked } userErrors { field code } } }"""
    other = gql(client, delete, {"id": "apit-s-del"}, headers=shopper(api_settings, "apit-s-1"))
    assert error_codes(other) == ["FORBIDDEN"]
    own = gql(client, delete, {"id": "apit-s-del"}, headers=shopper(api_settings, "apit-s-del"))
    assert data(own)["deleteShopper"] == {"deletion": {
        "shopperId": "apit-s-del", "interactionsDeleted": 2, "reviewsUnlinked": 1},
        "userErrors": []}
    db = settings.neo4j_database
    assert read(driver, "queries/api_shoppers_by_id", db, ids=["apit-s-del"]) == []
    # The review stays for other shoppers to read, but nothing links it to a person any more.
    assert read(driver, cypher_file("api_test_review_author"), db, id="apit-r-3") == \
        [{"id": "apit-r-3", "product_id": "apit-p-05", "author": None}]
    again = data(gql(client, delete, {"id": "apit-s-del"}, headers=admin()))["deleteShopper"]
    assert again == {"deletion": None, "userErrors": [{"field": ["id"], "code": "NOT_FOUND"}]}
