"""Browsing the catalog's shape: ``Brand.products`` (paged), the ``brands`` list (paged, with
product counts) and the ``categoryMenu`` tree with product counts in the asked language.

The API test shop (tests/data/api_shop): brands Acme and Borealis with 30 products each;
categories Test Root > Shoes (20) > Running (20) and Test Root > Bags (20).
"""

from __future__ import annotations

from api_support import api_settings, api_shop, client, data, error_codes, gql  # noqa: F401

BRAND_PRODUCTS = """query B($after: String, $filter: ProductFilter) {
  brand(id: "apit-b-acme") { name productCount
    products(first: 8, after: $after, filter: $filter, sort: {field: PRICE}) {
      totalCount nodes { id brand { id } } pageInfo { hasNextPage endCursor } } } }"""

BRANDS = """query L($first: Int, $after: String) { brands(first: $first, after: $after) {
  totalCount edges { cursor node { id name productCount } }
  pageInfo { hasNextPage hasPreviousPage endCursor } } }"""

MENU = """query M($lang: Language, $root: ID, $depth: Int!) {
  categoryMenu(lang: $lang, rootId: $root, depth: $depth) {
    id name productCount children { id name productCount children { id name productCount } } } }"""


def test_brand_products_page_through_the_brand_alone(client):
    seen, after = [], None
    while True:
        brand = data(gql(client, BRAND_PRODUCTS, {"after": after}))["brand"]
        assert brand["productCount"] == brand["products"]["totalCount"] == 30
        seen += brand["products"]["nodes"]
        if not brand["products"]["pageInfo"]["hasNextPage"]:
            break
        after = brand["products"]["pageInfo"]["endCursor"]
    assert len(seen) == len({p["id"] for p in seen}) == 30
    assert {p["brand"]["id"] for p in seen} == {"apit-b-acme"}
    # Another brand in the filter is replaced by this one, never added to it.
    other = data(gql(client, BRAND_PRODUCTS, {"filter": {"brandIds": ["apit-b-boreal"]}}))
    assert other["brand"]["products"]["totalCount"] == 30
    assert {p["brand"]["id"] for p in other["brand"]["products"]["nodes"]} == {"apit-b-acme"}


def test_the_brand_list_pages_in_id_order_with_product_counts(client):
    brands, after, total = [], None, None
    while True:
        page = data(gql(client, BRANDS, {"first": 1, "after": after}))["brands"]
        total = page["totalCount"]
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        brands += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(brands) == total
    ids = [b["id"] for b in brands]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    ours = {b["id"]: b["productCount"] for b in brands if b["id"].startswith("apit-")}
    assert ours == {"apit-b-acme": 30, "apit-b-boreal": 30}
    listing = data(gql(client, "{ products(first: 1) { pageInfo { endCursor } } }"))
    cursor = listing["products"]["pageInfo"]["endCursor"]
    assert error_codes(gql(client, BRANDS, {"after": cursor})) == ["INVALID_CURSOR"]


def test_the_category_menu_counts_products_below_each_category_in_the_language(client):
    menu = data(gql(client, MENU, {"lang": "DE", "root": "apit-c-root", "depth": 2}))
    [root] = menu["categoryMenu"]
    assert (root["id"], root["name"], root["productCount"]) == ("apit-c-root", "Testwurzel", 60)
    shoes, bags = root["children"]  # most products first
    assert (shoes["id"], shoes["name"], shoes["productCount"]) == ("apit-c-shoes", "Schuhe", 40)
    assert (bags["id"], bags["name"], bags["productCount"]) == ("apit-c-bags", "Bags", 20)
    assert shoes["children"] == [{"id": "apit-c-run", "name": "Running", "productCount": 20}]
    japanese = data(gql(client, MENU, {"lang": "JA", "root": "apit-c-shoes", "depth": 1}))
    assert japanese["categoryMenu"][0]["children"][0]["name"] == "ランニング"
    shallow = data(gql(client, MENU, {"root": "apit-c-root", "depth": 0}))["categoryMenu"]
    assert shallow[0]["children"] == []
    everything = data(gql(client, MENU, {"depth": 1}))["categoryMenu"]
    assert "apit-c-root" in [c["id"] for c in everything]
    assert error_codes(gql(client, MENU, {"depth": 99})) == ["INVALID_ARGUMENT"]
