"""``search`` paged like every list (first/after, pageInfo, totalCount) with a listing's facets.

Against the API test shop (tests/data/api_shop): 30 of its 60 products are Acme's, so a search
naming the brand has more exact matches than one page holds.
"""

from __future__ import annotations

import base64
import json

from api_support import api_settings, api_shop, client, data, error_codes, gql  # noqa: F401

SEARCH = """query S($q: String!, $first: Int!, $after: String) {
  search(query: $q, lang: EN, first: $first, after: $after) {
    totalCount exactMatches
    products { id }
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  } }"""

FACETS = """query S($q: String!) { search(query: $q, lang: DE, first: 2, currency: "XTS") {
  totalCount
  facets { brands { value label count } categories { value label count }
           priceRanges { min max currency count } colours { value count } } } }"""

ACME = [f"apit-p-{n:02d}" for n in range(1, 61, 2)]  # the odd ones (tests/data/api_shop)


def test_search_pages_through_every_match_once(client):
    seen: list[str] = []
    after, pages, total = None, 0, None
    while True:
        body = data(gql(client, SEARCH, {"q": "Acme", "first": 7, "after": after}))["search"]
        page = [e["node"]["id"] for e in body["edges"]]
        assert page == [p["id"] for p in body["products"]]
        assert body["exactMatches"] == len(page)
        assert body["pageInfo"]["hasPreviousPage"] == (after is not None)
        total = body["totalCount"] if total is None else total
        assert body["totalCount"] == total  # the same on every page
        seen += page
        pages += 1
        if not body["pageInfo"]["hasNextPage"]:
            break
        after = body["pageInfo"]["endCursor"]
    assert pages == 5  # 7 + 7 + 7 + 7 + 2
    assert len(seen) == len(set(seen)) == total
    assert sorted(seen) == ACME


def test_search_facets_count_every_match_as_a_listing_does(client):
    body = data(gql(client, FACETS, {"q": "Acme"}))["search"]
    facets = body["facets"]
    assert facets["brands"] == [{"value": "apit-b-acme", "label": "Acme", "count": 30}]
    assert sum(c["count"] for c in facets["categories"]) == body["totalCount"] == 30
    assert {c["value"] for c in facets["categories"]} <= {"apit-c-shoes", "apit-c-run",
                                                           "apit-c-bags"}
    assert "Schuhe" in {c["label"] for c in facets["categories"]}  # the asked language
    assert sum(r["count"] for r in facets["priceRanges"]) == 30
    assert {r["currency"] for r in facets["priceRanges"]} == {"XTS"}
    assert {"value": "red", "count": 1} in facets["colours"]


def test_search_cursors_are_checked(client):
    listing = data(gql(client, "{ products(first: 1) { pageInfo { endCursor } } }"))
    foreign = listing["products"]["pageInfo"]["endCursor"]
    assert error_codes(gql(client, SEARCH, {"q": "Acme", "first": 2, "after": foreign})) == \
        ["INVALID_CURSOR"]
    assert error_codes(gql(client, SEARCH, {"q": "Acme", "first": 2, "after": "nonsense"})) == \
        ["INVALID_CURSOR"]
    made_up = base64.urlsafe_b64encode(json.dumps(["SEARCH", 0.5, "x", ""]).encode()).decode()
    assert error_codes(gql(client, SEARCH, {"q": "Acme", "first": 2, "after": made_up})) == \
        ["INVALID_ARGUMENT"]
