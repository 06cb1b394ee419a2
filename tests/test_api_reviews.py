"""``Product.reviews`` and ``translateReviews``: reviews paged newest first, each in the language
asked for when the shopper wrote in it or a translation is stored (flagged, the original kept);
a signed-in shopper has reviews translated now; a reload that changes a review's text drops the
translations of the old text. Real Neo4j, a fake OpenAI-compatible model endpoint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api_support import api_settings, api_shop, data, error_codes, gql, manager, shopper  # noqa: F401
from fake_chat import FakeChat
from graph.driver import run_auto
from loaders.catalog import load_catalog
from statements import cypher_file

PREFIX = "rvt-"
REVIEWS = [  # newest first: the order the API pages them in
    {"id": "rvt-r3", "shopper_id": "rvt-s2", "product_id": "rvt-p1", "rating": 2, "lang": "de",
     "text": "Der Riemen ist nach zwei Wochen gerissen.", "at": "2026-11-20T08:00:00Z"},
    {"id": "rvt-r2", "shopper_id": "rvt-s1", "product_id": "rvt-p1", "rating": 5, "lang": "en",
     "text": "Comfortable on long hikes, and it kept my laptop dry in the rain.", "at": "2026-11-10T08:00:00Z"},
    {"id": "rvt-r1", "shopper_id": "rvt-s2", "product_id": "rvt-p1", "rating": 4, "lang": "es",
     "text": "Muy cómoda, pero el color es más oscuro que en la foto.", "at": "2026-11-01T08:00:00Z"},
]
PAGE = """query($lang: Language, $first: Int, $after: String) { product(id: "rvt-p1") {
  reviewCount reviews(lang: $lang, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { id rating text language machineTranslated originalText originalLanguage } } } }"""
TRANSLATE = """mutation($ids: [ID!]!, $lang: Language!) { translateReviews(reviewIds: $ids, lang: $lang) {
  reviewId lang text machineTranslated kept rejected } }"""


def _write(folder: Path, rows: dict[str, list[dict]]) -> Path:
    folder.mkdir(exist_ok=True)
    for entity, items in rows.items():
        (folder / f"{entity}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items), encoding="utf-8")
    return folder


@pytest.fixture
def shop(api_shop, driver, settings, tmp_path) -> Iterator[None]:
    _write(tmp_path / "shop", {
        "brands": [{"id": "rvt-b", "name": "Rvtbrand"}],
        "categories": [{"id": "rvt-c", "names": {"en": "Rvt bags"}}],
        "products": [{"id": "rvt-p1", "brand_id": "rvt-b", "category_id": "rvt-c", "price": 40.0,
                      "currency": "EUR", "titles": {"en": "Rvt day pack"}}],
        "shoppers": [{"id": "rvt-s1", "country": "XA", "language": "fr", "currency": "EUR"},
                     {"id": "rvt-s2", "country": "XA", "language": "de", "currency": "EUR"}],
        "reviews": REVIEWS,
    })
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
    assert load_catalog(driver, settings, tmp_path / "shop", quarantine=None, progress=False).exit_code() == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)


def answer(system: str, user: str) -> str:
    source = user.split("\n", 1)[1]
    if "Muy cómoda" in source:
        return "Sorry, I can only translate product titles."  # no JSON: refused, nothing stored
    return json.dumps({"title": f"FR: {source}"}, ensure_ascii=False)


@pytest.fixture
def app_client(shop, settings, api_settings) -> Iterator[tuple[TestClient, FakeChat]]:
    fake = FakeChat(answer)
    base_url = f"http://127.0.0.1:{fake.server.server_address[1]}/v1"
    app_settings = settings.model_copy(update={"enrich_backend": "openai", "openai_base_url": base_url})
    try:
        with TestClient(create_app(app_settings, api_settings)) as client:
            yield client, fake
    finally:
        fake.close()


def _page(client: TestClient, **variables: object) -> dict:
    return data(gql(client, PAGE, dict(variables)))["product"]


def test_reviews_are_paged_newest_first_with_cursors(app_client):
    client, _ = app_client
    first = _page(client, first=2)
    assert first["reviewCount"] == first["reviews"]["totalCount"] == 3
    assert [n["id"] for n in first["reviews"]["nodes"]] == ["rvt-r3", "rvt-r2"]
    assert first["reviews"]["pageInfo"]["hasNextPage"] is True
    rest = _page(client, first=2, after=first["reviews"]["pageInfo"]["endCursor"])["reviews"]
    assert [n["id"] for n in rest["nodes"]] == ["rvt-r1"]
    assert rest["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True,
                                "endCursor": rest["pageInfo"]["endCursor"]}
    assert error_codes(gql(client, PAGE, {"after": "not-a-cursor"})) == ["INVALID_CURSOR"]
    assert error_codes(gql(client, PAGE, {"first": 0})) == ["INVALID_ARGUMENT"]


def test_without_a_translation_each_review_is_shown_as_written(app_client):
    client, _ = app_client
    nodes = _page(client, lang="FR")["reviews"]["nodes"]
    assert [(n["language"], n["machineTranslated"], n["text"] == n["originalText"]) for n in nodes] == [
        ("DE", False, True), ("EN", False, True), ("ES", False, True)]


def test_a_shopper_has_reviews_translated_and_reads_them_flagged_with_the_original_kept(
        app_client, api_settings):
    client, fake = app_client
    body = gql(client, TRANSLATE, {"ids": ["rvt-r3", "rvt-r2", "rvt-r1"], "lang": "FR"},
               headers=shopper(api_settings, "rvt-s1"))
    rows = {r["reviewId"]: r for r in data(body)["translateReviews"]}
    assert rows["rvt-r3"]["text"] == "FR: Der Riemen ist nach zwei Wochen gerissen."
    assert rows["rvt-r3"]["machineTranslated"] is True and rows["rvt-r3"]["rejected"] is None
    assert rows["rvt-r1"]["text"] is None and "no JSON object" in rows["rvt-r1"]["rejected"]
    assert len(fake.asked) == 3

    nodes = {n["id"]: n for n in _page(client, lang="FR")["reviews"]["nodes"]}
    assert nodes["rvt-r3"] == {
        "id": "rvt-r3", "rating": 2, "text": "FR: Der Riemen ist nach zwei Wochen gerissen.",
        "language": "FR", "machineTranslated": True,
        "originalText": "Der Riemen ist nach zwei Wochen gerissen.", "originalLanguage": "DE"}
    assert nodes["rvt-r1"]["text"] == REVIEWS[2]["text"] and nodes["rvt-r1"]["machineTranslated"] is False
    # Another language is untouched by the French translations.
    german = {n["id"]: n for n in _page(client, lang="DE")["reviews"]["nodes"]}
    assert german["rvt-r2"]["text"] == REVIEWS[1]["text"] and german["rvt-r2"]["language"] == "EN"

    # Asked again: what is stored is returned, the model is not asked twice.
    fake.asked.clear()
    again = data(gql(client, TRANSLATE, {"ids": ["rvt-r3"], "lang": "FR"},
                     headers=shopper(api_settings, "rvt-s1")))["translateReviews"]
    assert again[0]["kept"] == "translated" and fake.asked == []


def test_translating_reviews_needs_a_signed_in_caller_and_bounded_known_ids(app_client, api_settings):
    client, fake = app_client
    ids = {"ids": ["rvt-r3"], "lang": "FR"}
    assert error_codes(gql(client, TRANSLATE, ids)) == ["UNAUTHENTICATED"]
    six = {"ids": [f"rvt-r{i}" for i in range(6)], "lang": "FR"}
    assert error_codes(gql(client, TRANSLATE, six, headers=shopper(api_settings, "rvt-s1"))) == ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, TRANSLATE, {"ids": ["rvt-nope"], "lang": "FR"},
                           headers=manager())) == ["NOT_FOUND"]
    written_in = data(gql(client, TRANSLATE, {"ids": ["rvt-r3"], "lang": "DE"}, headers=manager()))
    assert written_in["translateReviews"][0]["kept"] == "own text"
    assert fake.asked == []


def test_a_reload_that_changes_a_review_drops_the_translations_of_its_old_text(
        app_client, api_settings, driver, settings, tmp_path):
    client, _ = app_client
    data(gql(client, TRANSLATE, {"ids": ["rvt-r3", "rvt-r2"], "lang": "FR"},
             headers=shopper(api_settings, "rvt-s1")))
    changed = dict(REVIEWS[0], text="Der Riemen hielt doch, der Händler hat ihn ersetzt.")
    again = _write(tmp_path / "again", {"reviews": [changed, REVIEWS[1]]})
    assert load_catalog(driver, settings, again, quarantine=None, progress=False).exit_code() == 0
    nodes = {n["id"]: n for n in _page(client, lang="FR")["reviews"]["nodes"]}
    assert nodes["rvt-r3"]["text"] == changed["text"] and nodes["rvt-r3"]["machineTranslated"] is False
    # The unchanged review keeps its translation.
    assert nodes["rvt-r2"]["machineTranslated"] is True
