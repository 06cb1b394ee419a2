"""``translateProducts``: a catalog manager has listings translated now; the shop's own texts and
reviewed translations are kept, a bad answer is refused and named, and shoppers see the result
flagged ``machineTranslated``."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from api.app import create_app
from api_support import api_settings, api_shop, data, error_codes, gql, manager  # noqa: F401
from fake_chat import FakeChat

TRANSLATE = """mutation($ids: [ID!]!, $lang: Language!) { translateProducts(productIds: $ids, lang: $lang) {
  productId field lang text machineTranslated kept rejected } }"""


def answer(system: str, user: str) -> str:
    source = user.split("\n", 1)[1]
    if "descriptions" in system:
        return "Sorry, I cannot translate that."  # no JSON: refused, and nothing stored
    return json.dumps({"title": f"FR {source}"})


def test_a_manager_translates_listings_on_demand(api_shop, settings, api_settings, driver):
    fake = FakeChat(answer)
    base_url = f"http://127.0.0.1:{fake.server.server_address[1]}/v1"
    app_settings = settings.model_copy(update={"enrich_backend": "openai", "openai_base_url": base_url})
    try:
        with TestClient(create_app(app_settings, api_settings)) as client:
            body = gql(client, TRANSLATE, {"ids": ["apit-p-01"], "lang": "FR"}, headers=manager())
            rows = {r["field"]: r for r in data(body)["translateProducts"]}
            assert rows["title"] | {"productId": None} == {
                "productId": None, "field": "title", "lang": "FR", "text": "FR Test product 1",
                "machineTranslated": True, "kept": None, "rejected": None}
            assert rows["description"]["text"] is None and "no JSON object" in rows["description"]["rejected"]
            shown = data(gql(client, '{ product(id: "apit-p-01", lang: FR) { title machineTranslated } }'))
            assert shown["product"] == {"title": "FR Test product 1", "machineTranslated": True}
            # German: the shop wrote the description itself, so only the title is asked for.
            fake.asked.clear()
            body = gql(client, TRANSLATE, {"ids": ["apit-p-01"], "lang": "DE"}, headers=manager())
            rows = {r["field"]: r for r in data(body)["translateProducts"]}
            assert rows["description"]["kept"] == "own text" and rows["description"]["text"] == "Das erste"
            assert len(fake.asked) == 1
            assert error_codes(gql(client, TRANSLATE, {"ids": ["apit-p-01"], "lang": "FR"})) == ["UNAUTHENTICATED"]
            assert error_codes(gql(client, TRANSLATE, {"ids": ["apit-nope"], "lang": "FR"},
                                   headers=manager())) == ["NOT_FOUND"]
    finally:
        fake.close()
        driver.execute_query("MATCH (t:Translation) WHERE t.id STARTS WITH 'apit-p-01|' DETACH DELETE t",
                             database_=settings.neo4j_database)
