"""Catalog managers correct enriched words through ``reviewCategoryWords``: the correction is
``reviewed``, validated like the model's answers, and the very next search understands it."""

from __future__ import annotations

from api_support import api_settings, api_shop, client, data, error_codes, gql, manager, shopper  # noqa: F401

REVIEW = """mutation($c: ID!, $w: [String!]!) {
  reviewCategoryWords(categoryId: $c, lang: FR, name: "chaussures", words: $w) {
    categoryId lang name words source model at } }"""
SEARCH = '{ search(query: "godasses", lang: FR) { interpretation { name groundedId } } }'


def test_a_manager_corrects_words_and_search_understands_them_at_once(client, driver, settings):
    before = data(gql(client, SEARCH))["search"]["interpretation"]
    assert not [s for s in before if s["name"] == "category"]
    try:
        body = gql(client, REVIEW, {"c": "apit-c-shoes", "w": ["godasses", "baskets", "godasses"]},
                   headers=manager())
        row = data(body)["reviewCategoryWords"]
        assert (row["categoryId"], row["lang"], row["name"], row["words"], row["source"]) == (
            "apit-c-shoes", "FR", "chaussures", ["godasses", "baskets"], "reviewed")
        after = data(gql(client, SEARCH))["search"]["interpretation"]
        assert {"name": "category", "groundedId": "apit-c-shoes"} in after
    finally:
        driver.execute_query("MATCH (w:Wording {id: 'apit-c-shoes|fr'}) DETACH DELETE w",
                             database_=settings.neo4j_database)


def test_corrections_are_for_managers_and_are_checked(client, api_settings):
    as_shopper = gql(client, REVIEW, {"c": "apit-c-shoes", "w": ["x"]},
                     headers=shopper(api_settings, "apit-s-1"))
    assert error_codes(as_shopper) == ["FORBIDDEN"]
    junk = gql(client, REVIEW, {"c": "apit-c-shoes", "w": ["baskets", "x}) DETACH DELETE n"]}, headers=manager())
    assert error_codes(junk) == ["INVALID_ARGUMENT"] and "words[1]" in junk["errors"][0]["message"]
    wrong_script = gql(client, REVIEW, {"c": "apit-c-shoes", "w": ["靴"]}, headers=manager())
    assert error_codes(wrong_script) == ["INVALID_ARGUMENT"] and "French" in wrong_script["errors"][0]["message"]
    unknown = gql(client, REVIEW, {"c": "apit-c-nothing", "w": ["baskets"]}, headers=manager())
    assert error_codes(unknown) == ["NOT_FOUND"]
