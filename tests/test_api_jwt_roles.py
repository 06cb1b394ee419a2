"""A JWT carries a shopper's identity and nothing more: no claimed role gives staff rights.

Staff tools authenticate with ``X-API-Key``; a token signed with the server's own secret that
claims a staff role, under any spelling or shape, is refused before any resolver runs.
"""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from api_support import admin, data, error_codes, gql, shopper

from api.auth import issue_token
from borderless.errors import ApiError

# The API tests' fixtures (client, api_settings, the tiny shop) come from the helper module.
pytest_plugins = ["api_support"]

STAFF_CLAIMS: list[Any] = ["admin", "catalog_manager", "ADMIN", "Admin", " admin", "admin ",
                           ["admin"], {"role": "admin"}, "shopper,admin", 3, True]
OTHER_SHOPPER = """query { user(id: "apit-s-2") { id country } }"""
PRICE = '{ product(id: "apit-p-01") { price { amount currency } } }'
SET_PRICE = """mutation { setPrices(prices: [{productId: "apit-p-01", amount: 0.01,
  currency: "EUR"}]) { products { id price { amount } } } }"""


ASK = '{ ask(question: "how many products?") { __typename } }'


def _token(api_settings, role: Any, sub: str = "apit-s-1") -> dict[str, str]:
    claims = {"sub": sub, "role": role, "iss": api_settings.jwt_issuer,
              "exp": int(time.time()) + 300}
    secret = api_settings.jwt_secret.get_secret_value()
    return {"Authorization": f"Bearer {jwt.encode(claims, secret, algorithm='HS256')}"}


@pytest.mark.parametrize("role", STAFF_CLAIMS, ids=repr)
def test_a_jwt_claiming_a_staff_role_gets_no_staff_rights(client, api_settings, role):
    price_before = data(gql(client, PRICE))
    for operation in (OTHER_SHOPPER, SET_PRICE, ASK):
        body = gql(client, operation, headers=_token(api_settings, role), status=401)
        assert error_codes(body) == ["UNAUTHENTICATED"], (role, body)
        assert not body.get("data"), body
    assert data(gql(client, PRICE)) == price_before


def test_a_shopper_jwt_is_a_shopper_and_staff_keys_are_staff(client, api_settings):
    as_shopper = shopper(api_settings, "apit-s-1")
    assert error_codes(gql(client, OTHER_SHOPPER, headers=as_shopper)) == ["FORBIDDEN"]
    assert error_codes(gql(client, SET_PRICE.replace("0.01", "9"), headers=as_shopper)) == \
        ["FORBIDDEN"]
    assert data(gql(client, OTHER_SHOPPER, headers=admin()))["user"]["id"] == "apit-s-2"


def test_no_staff_token_can_be_issued(api_settings):
    for role in ("admin", "catalog_manager"):
        with pytest.raises(ApiError, match="staff use API keys"):
            issue_token(api_settings, "someone", role)
    assert issue_token(api_settings, "apit-s-1")
