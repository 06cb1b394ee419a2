"""Automatic persisted queries (Apollo's protocol, POST and GET) and cache headers: anonymous
catalog reads are cacheable with an ETag (304 on a match); shopper-specific answers never are."""

from __future__ import annotations

import hashlib
import json

from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, gql, manager, shopper,
)

PAGE = '{ product(id: "apit-p-01") { id title price { decimal currency } } }'
DIGEST = hashlib.sha256(PAGE.encode()).hexdigest()
APQ = {"persistedQuery": {"version": 1, "sha256Hash": DIGEST}}


def test_a_persisted_query_runs_by_its_hash_once_registered(client):
    other = hashlib.sha256(b"{ brands { totalCount } }").hexdigest()
    unknown = client.post("/graphql", json={"extensions": {"persistedQuery": {
        "version": 1, "sha256Hash": other}}})
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = client.post("/graphql", json={"query": PAGE, "extensions": APQ})
    assert data(registered.json())["product"]["id"] == "apit-p-01"
    by_hash = client.post("/graphql", json={"extensions": APQ})
    assert by_hash.json()["data"] == registered.json()["data"]
    # GET: the short URL a CDN can cache.
    got = client.get("/graphql", params={"extensions": json.dumps(APQ)},
                     headers={"Accept": "application/json"})
    assert got.status_code == 200 and got.json()["data"] == registered.json()["data"]
    # curl's and fetch's default Accept (*/*) too: it used to get the GraphiQL page.
    default = client.get("/graphql", params={"extensions": json.dumps(APQ)},
                         headers={"Accept": "*/*"})
    assert default.headers["content-type"].startswith("application/json")
    assert default.json()["data"] == registered.json()["data"]


def test_a_document_must_match_its_hash(client):
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    body = client.post("/graphql", json={"query": PAGE, "extensions": wrong})
    assert body.status_code == 400
    assert body.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    bad = client.post("/graphql", json={"extensions": {"persistedQuery": {"sha256Hash": "x"}}})
    assert bad.status_code == 400


def test_anonymous_catalog_reads_are_cacheable_with_an_etag(client):
    first = client.post("/graphql", json={"query": PAGE})
    assert first.status_code == 200
    assert first.headers["cache-control"].startswith("public, max-age=")
    tag = first.headers["etag"]
    again = client.post("/graphql", json={"query": PAGE}, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    changed = client.post("/graphql", json={"query": PAGE.replace("price {", "price(currency: \"XTS\") {")},
                          headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_shopper_specific_and_failed_answers_are_never_cached(client, api_settings):
    me = shopper(api_settings, "apit-s-1")
    signed_in = client.post("/graphql", json={"query": PAGE}, headers=me)
    assert signed_in.headers["cache-control"] == "private, no-store"
    assert "etag" not in signed_in.headers
    staff = client.post("/graphql", json={"query": PAGE}, headers=manager())
    assert staff.headers["cache-control"] == "private, no-store"
    history = client.post("/graphql", json={"query": '{ user(id: "apit-s-1") { id } }'},
                          headers=me)
    assert history.headers["cache-control"] == "private, no-store"
    mixed = client.post("/graphql", json={"query": PAGE[:-1] + ' user(id: "apit-s-1") { id } }'})
    assert mixed.headers["cache-control"] == "private, no-store"  # refused, and private anyway
    failed = client.post("/graphql", json={"query": '{ product(id: "bad id!") { id } }'})
    assert failed.headers["cache-control"] == "private, no-store"
