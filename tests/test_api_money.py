"""Money as an exact decimal string in the currency's minor units, beside the deprecated float."""

from __future__ import annotations

from decimal import Decimal

from api_support import api_settings, api_shop, client, data, gql  # noqa: F401
from hypothesis import given
from hypothesis import strategies as st

from api.money import decimal_text, minor_units

PRODUCT = """{ product(id: "apit-p-01", currency: "XTS") {
  price { amount decimal currency } listPrice { amount decimal currency }
  shipsTo { country { code } cost { decimal currency } } } }"""

DEPRECATED = """{ __type(name: "Money") {
  fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }"""


def test_prices_come_as_decimal_strings_beside_the_old_floats(client):
    product = data(gql(client, PRODUCT))["product"]
    # 10 EUR at 2 XTS per EUR; the catalog's own price stays in EUR.
    assert product["price"] == {"amount": 20.0, "decimal": "20.00", "currency": "XTS"}
    assert product["listPrice"] == {"amount": 10.0, "decimal": "10.00", "currency": "EUR"}
    costs = {s["country"]["code"]: s["cost"] for s in product["shipsTo"]}
    assert costs["XA"] == {"decimal": "10.00", "currency": "XTS"}
    assert costs["XB"] == {"decimal": "25.00", "currency": "XTS"}


def test_the_float_amount_is_deprecated_with_a_reason(client):
    fields = {f["name"]: f for f in data(gql(client, DEPRECATED))["__type"]["fields"]}
    assert fields["amount"]["isDeprecated"] and "decimal" in fields["amount"]["deprecationReason"]
    assert not fields["decimal"]["isDeprecated"]


def test_each_currency_gets_its_own_minor_units():
    assert decimal_text(79.9, "EUR") == "79.90"
    assert decimal_text(11989.6, "JPY") == "11990"
    assert decimal_text(1.25, "KWD") == "1.250"
    assert decimal_text(0.125, "EUR") == "0.13"  # half up, not the binary float's 0.1249...
    assert decimal_text(0, "USD") == "0.00"


@given(amount=st.floats(min_value=0, max_value=1e9, allow_nan=False),
       currency=st.sampled_from(["EUR", "USD", "JPY", "KRW", "KWD", "BHD", "XTS"]))
def test_the_decimal_has_exactly_the_minor_units_and_is_the_nearest(amount, currency):
    text = decimal_text(amount, currency)
    digits = minor_units(currency)
    assert len(text.partition(".")[2]) == digits
    assert "e" not in text.lower()
    assert abs(Decimal(text) - Decimal(repr(amount))) <= Decimal(1).scaleb(-digits) / 2


def test_the_assistant_says_an_amount_in_its_currencys_decimals():
    # An outside evaluator saw "5338.22 JPY" in a shipping answer: yen have no decimals.
    from api.assistant.facts import money

    assert money(5338.2214, "JPY") == "5338 JPY"
    assert money(79.9, "EUR") == "79.90 EUR"
    assert money(1.25, "KWD") == "1.250 KWD"
