"""Storefront listings through the GraphQL API against the real Neo4j: totalCount, filters on
every attribute, every sort paged by cursor without gaps or repeats, facet counts with standard
facet semantics, and the catalog's closed vocabularies as enums.

Every expectation comes from a plain-Python oracle over the test's own shop (tests/listing_shop.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from api_support import (  # noqa: F401
    api_settings, api_shop, client, data, error_codes, gql, shopper,
)
from listing_shop import (  # noqa: F401
    BRANDS, CATEGORIES, RATE, RATINGS, ROOT, Item, listing_shop, shop_files,
)

from loaders.catalog import load_catalog

LIST = """
query L($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String,
        $currency: String, $lang: Language) {
  products(filter: $filter, sort: $sort, first: $first, after: $after, currency: $currency,
           lang: $lang) {
    totalCount
    edges { cursor node { id title gender ageGroup avgRating reviewCount price { amount } } }
    pageInfo { hasNextPage endCursor }
  }
}"""

FACETS = """
query F($filter: ProductFilter, $currency: String) {
  products(filter: $filter, first: 1, currency: $currency) {
    totalCount
    facets {
      categories { value label count } brands { value label count } colours { value count }
      sizes { value count } materials { value count } genders { value count }
      ageGroups { value count } shipsTo { value count }
      priceRanges { min max currency count }
    }
  }
}"""

ENUM = {"women": "WOMEN", "men": "MEN", "unisex": "UNISEX", "kids": "KIDS", "adult": "ADULT",
        "teen": "TEEN", "baby": "BABY"}


def _under(category: str, ancestor: str) -> bool:
    while category is not None:
        if category == ancestor:
            return True
        category = CATEGORIES[category]  # type: ignore[assignment]
    return False


def _price(i: Item) -> float:
    return round(i.price * RATE, 2)  # in XBB, the shopper's currency of these tests


# The oracle of each filter field: does the item pass it?
CHECKS: dict[str, Callable[[Item, Any], bool]] = {
    "categoryId": lambda i, v: _under(i.category, v),
    "brandIds": lambda i, v: i.brand in v,
    "colours": lambda i, v: i.colour in v,
    "sizes": lambda i, v: i.size in v,
    "materials": lambda i, v: i.material in v,
    "genders": lambda i, v: i.gender is not None and ENUM[i.gender] in v,
    "ageGroups": lambda i, v: i.age_group is not None and ENUM[i.age_group] in v,
    "minPrice": lambda i, v: _price(i) >= v,
    "maxPrice": lambda i, v: _price(i) <= v,
    "shipsTo": lambda i, v: v in i.ships_to,
}


def _expected(items: list[Item], filter: dict[str, Any], skip: tuple[str, ...] = ()) -> list[Item]:
    return [i for i in items if all(CHECKS[k](i, v) for k, v in filter.items() if k not in skip)]


def _page_through(client, variables: dict[str, Any], first: int = 4) -> tuple[list[dict], int]:
    nodes: list[dict] = []
    after, totals = None, set()
    for _ in range(40):
        body = data(gql(client, LIST, {**variables, "first": first, "after": after}))["products"]
        nodes += [e["node"] for e in body["edges"]]
        totals.add(body["totalCount"])
        if not body["pageInfo"]["hasNextPage"]:
            assert len(totals) == 1  # the count does not depend on the page
            return nodes, totals.pop()
        after = body["pageInfo"]["endCursor"]
    raise AssertionError("paging does not end")


FILTERS = [
    {},
    {"brandIds": [BRANDS[0], BRANDS[2]]},
    {"colours": ["red", "green"], "sizes": ["M"]},
    {"materials": ["wool"], "genders": ["WOMEN", "KIDS"]},
    {"ageGroups": ["ADULT", "BABY"], "minPrice": 30, "maxPrice": 240},  # XBB: 10 to 80 EUR
    {"shipsTo": "XD"},  # products restricted there do not ship there
    {"categoryId": "lstt-c-a", "maxPrice": 37.5},
    {"colours": []},  # an empty list matches nothing
]


@pytest.mark.parametrize("filter", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_filters_and_total_count_match_the_oracle(client, listing_shop, filter):
    scoped = {"categoryId": ROOT, **filter}
    nodes, total = _page_through(client, {"filter": {**scoped, "priceCurrency": "XBB"},
                                          "currency": "XBB"})
    want = {i.id for i in _expected(listing_shop, scoped)}
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids))
    assert set(ids) == want and total == len(want)


def _sort_key(field: str, items: dict[str, Item]) -> Callable[[dict], Any]:
    def relevance(n: dict) -> float:
        reviews = n["reviewCount"]
        return -(n["avgRating"] or 0.0) * reviews / (reviews + 5.0)

    return {
        "ID": lambda n: 0,
        "PRICE": lambda n: n["price"]["amount"],
        "RATING": lambda n: n["avgRating"] or 0.0,
        "REVIEW_COUNT": lambda n: n["reviewCount"],
        "RELEVANCE": relevance,
        "NEWEST": lambda n: -items[n["id"]].batch,
        "NAME": lambda n: n["title"].lower(),
    }[field]


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("field", ["ID", "PRICE", "RATING", "REVIEW_COUNT", "RELEVANCE",
                                   "NEWEST", "NAME"])
def test_every_sort_pages_without_gaps_or_repeats_in_order(client, listing_shop, field, direction):
    nodes, total = _page_through(client, {"filter": {"categoryId": ROOT},
                                          "sort": {"field": field, "direction": direction}},
                                 first=3)
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == total == len(listing_shop)
    key = _sort_key(field, {i.id: i for i in listing_shop})
    # Sorted by the key in the asked direction; ties (there are many) always by ascending id.
    if field == "ID":
        want = sorted(ids, reverse=direction == "DESC")
    else:
        groups: dict[Any, list[str]] = {}
        for n in nodes:
            groups.setdefault(key(n), []).append(n["id"])
        want = [i for k in sorted(groups, reverse=direction == "DESC") for i in sorted(groups[k])]
    assert ids == want


def test_newest_lists_the_later_batch_first(client, listing_shop):
    nodes, _ = _page_through(client, {"filter": {"categoryId": ROOT},
                                      "sort": {"field": "NEWEST"}}, first=30)
    batches = [{i.id: i for i in listing_shop}[n["id"]].batch for n in nodes]
    assert batches == sorted(batches, reverse=True) and batches[0] == 2 and batches[-1] == 1


def test_a_reload_keeps_when_products_were_first_listed(client, listing_shop, driver, settings,
                                                       tmp_path):
    # Loading the older batch again must not make it "new": listed_at is set on creation only.
    report = load_catalog(driver, settings, shop_files(tmp_path, 1), quarantine=None,
                          progress=False)
    assert report.exit_code() == 0, report
    test_newest_lists_the_later_batch_first(client, listing_shop)


def test_rating_and_relevance_put_reviewed_products_first(client, listing_shop):
    top = data(gql(client, LIST, {"filter": {"categoryId": ROOT}, "first": 1,
                                  "sort": {"field": "RELEVANCE"}}))["products"]["edges"]
    # Three fives outweigh one 5-and-4 pair and a lone 3 once the review count weighs in.
    assert top[0]["node"]["id"] == max(RATINGS, key=lambda p: sum(RATINGS[p]) / (len(RATINGS[p]) + 5))


def test_a_cursor_belongs_to_its_sort_and_language(client, listing_shop):
    first = data(gql(client, LIST, {"filter": {"categoryId": ROOT}, "first": 2,
                                    "sort": {"field": "NAME"}, "lang": "EN"}))["products"]
    cursor = first["pageInfo"]["endCursor"]
    for other in ({"sort": {"field": "NAME"}, "lang": "DE"},
                  {"sort": {"field": "NAME", "direction": "DESC"}, "lang": "EN"},
                  {"sort": {"field": "NEWEST"}}):
        body = gql(client, LIST, {"filter": {"categoryId": ROOT}, "after": cursor, **other})
        assert error_codes(body) == ["INVALID_CURSOR"]


def _facet_oracle(items: list[Item], filter: dict[str, Any], field: str,
                  value: Callable[[Item], Any]) -> Counter[Any]:
    counted = _expected(items, filter, skip=(field,) if field != "minPrice"
                        else ("minPrice", "maxPrice"))
    return Counter(v for i in counted if (v := value(i)) is not None)


@pytest.mark.parametrize("filter", [
    {},
    {"brandIds": [BRANDS[1]], "colours": ["red", "blue"]},
    {"genders": ["MEN", "UNISEX"], "sizes": ["S", "L"], "shipsTo": "XC", "minPrice": 30},
    {"materials": ["cotton"], "ageGroups": ["TEEN"], "maxPrice": 100},
])
def test_each_facet_counts_honour_every_other_filter(client, listing_shop, filter):
    scoped = {"categoryId": ROOT, **filter}
    body = data(gql(client, FACETS, {"filter": {**scoped, "priceCurrency": "XBB"},
                                     "currency": "XBB"}))["products"]
    facets = body["facets"]
    assert body["totalCount"] == len(_expected(listing_shop, scoped))

    def got(name: str) -> Counter[Any]:
        return Counter({f["value"]: f["count"] for f in facets[name]})

    for name, field, value in [
        ("brands", "brandIds", lambda i: i.brand), ("colours", "colours", lambda i: i.colour),
        ("sizes", "sizes", lambda i: i.size), ("materials", "materials", lambda i: i.material),
        ("genders", "genders", lambda i: ENUM.get(i.gender or "")),
        ("ageGroups", "ageGroups", lambda i: ENUM.get(i.age_group or "")),
    ]:
        assert got(name) == _facet_oracle(listing_shop, scoped, field, value), name
    ships = Counter(c for i in _expected(listing_shop, scoped, skip=("shipsTo",))
                    for c in i.ships_to)
    assert got("shipsTo") == ships
    # The category facet ignores the category filter: the graph's other shops may show there.
    ours = Counter({k: v for k, v in got("categories").items() if k.startswith("lstt-")})
    assert ours == _facet_oracle(listing_shop, scoped, "categoryId", lambda i: i.category)
    assert {f["label"] for f in facets["categories"] if f["value"] == ROOT} <= {"C-ROOT"}
    assert {f["value"]: f["label"] for f in facets["brands"]} == \
        {b: b[7:].title() for b in got("brands")}
    edges = [0.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0]
    buckets = _facet_oracle(listing_shop, scoped, "minPrice",
                            lambda i: max(e for e in edges if e <= _price(i)))
    assert {(r["min"], r["currency"]): r["count"] for r in facets["priceRanges"]} == \
        {(k, "XBB"): v for k, v in buckets.items()}
    for r in facets["priceRanges"]:
        assert r["max"] == (edges[edges.index(r["min"]) + 1] if r["min"] < 1000 else None)


def test_products_carry_gender_and_age_group_as_enums(client, listing_shop):
    nodes, _ = _page_through(client, {"filter": {"categoryId": ROOT}}, first=30)
    by_id = {i.id: i for i in listing_shop}
    for n in nodes:
        item = by_id[n["id"]]
        assert n["gender"] == (ENUM[item.gender] if item.gender else None)
        assert n["ageGroup"] == (ENUM[item.age_group] if item.age_group else None)


@pytest.mark.parametrize(("filter", "field"), [
    ({"colours": [""]}, "filter.colours"),
    ({"sizes": ["x" * 201]}, "filter.sizes"),
    ({"brandIds": ["bad id with spaces"]}, "filter.brandIds"),
    ({"colours": ["red"] * 101}, "filter.colours"),
])
def test_bad_filter_values_are_invalid_argument_errors_naming_the_field(client, filter, field):
    body = gql(client, LIST, {"filter": filter})
    assert error_codes(body) == ["INVALID_ARGUMENT"]
    assert field in body["errors"][0]["message"]


def test_an_unknown_enum_value_is_refused_by_the_schema(client):
    body = gql(client, LIST, {"filter": {"genders": ["women"]}})
    assert body.get("errors") and body.get("data") is None


def test_category_products_has_the_same_count_and_facets(client, listing_shop):
    body = data(gql(client, """
      { category(id: "lstt-c-a") { products(first: 1, filter: {colours: ["red"]}) {
          totalCount facets { colours { value count } } } } }"""))["category"]["products"]
    scoped = {"categoryId": "lstt-c-a", "colours": ["red"]}
    assert body["totalCount"] == len(_expected(listing_shop, scoped))
    assert Counter({f["value"]: f["count"] for f in body["facets"]["colours"]}) == \
        _facet_oracle(listing_shop, scoped, "colours", lambda i: i.colour)


def test_history_kinds_filter_takes_the_interaction_kind_enum(client, api_settings):
    query = 'query H($k: [InteractionKind!]) { user(id: "apit-s-1") { history(kinds: $k) { kind } } }'
    headers = shopper(api_settings, "apit-s-1")
    body = data(gql(client, query, {"k": ["CART", "PURCHASE"]}, headers=headers))
    assert sorted(h["kind"] for h in body["user"]["history"]) == ["CART", "PURCHASE"]
    assert gql(client, query, {"k": ["cart"]}, headers=headers).get("data") is None
