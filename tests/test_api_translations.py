"""A product's text in a language the shop did not write falls back to ``borderless enrich``'s
translation before English, flagged ``machineTranslated``; the shop's own text always wins."""

from __future__ import annotations

from api_support import api_settings, api_shop, client, data, gql  # noqa: F401
from graph.driver import write

PAGE = """query($lang: Language) { product(id: "apit-p-01", lang: $lang) {
  title titleLanguage machineTranslated description descriptionMachineTranslated } }"""
LIST = """{ products(first: 50, lang: FR) { edges { node { id title machineTranslated } } } }"""


def _translate(driver, settings, field: str, lang: str, text: str) -> None:
    write(driver, "writes/enrich_title_translations", settings.neo4j_database, rows=[{
        "product": "apit-p-01", "id": f"apit-p-01|{field}|{lang}", "field": field, "lang": lang,
        "text": text, "from_lang": "en", "model": "openai:fake", "hash": "h"}])


def test_a_missing_language_shows_the_flagged_translation_before_english(client, driver, settings):
    try:
        _translate(driver, settings, "title", "fr", "Produit de test 1")
        _translate(driver, settings, "description", "de", "Nicht das: die Firma schrieb Deutsch")
        fr = data(gql(client, PAGE, {"lang": "FR"}))["product"]
        assert (fr["title"], fr["titleLanguage"], fr["machineTranslated"]) == ("Produit de test 1", "fr", True)
        assert (fr["description"], fr["descriptionMachineTranslated"]) == ("The first one", False)
        # The shop wrote German descriptions itself: its own text wins over any translation.
        de = data(gql(client, PAGE, {"lang": "DE"}))["product"]
        assert (de["title"], de["machineTranslated"]) == ("Test product 1", False)
        assert (de["description"], de["descriptionMachineTranslated"]) == ("Das erste", False)
        listed = {e["node"]["id"]: e["node"] for e in data(gql(client, LIST))["products"]["edges"]}
        assert listed["apit-p-01"] | {"id": None} == {"id": None, "title": "Produit de test 1",
                                                     "machineTranslated": True}
        # A translation a catalog manager reviewed is shown unflagged.
        driver.execute_query("MATCH (t:Translation {id: 'apit-p-01|title|fr'}) SET t.source = 'reviewed'",
                             database_=settings.neo4j_database)
        fr = data(gql(client, PAGE, {"lang": "FR"}))["product"]
        assert (fr["title"], fr["machineTranslated"]) == ("Produit de test 1", False)
    finally:
        driver.execute_query("MATCH (t:Translation) WHERE t.id STARTS WITH 'apit-p-01|' DETACH DELETE t",
                             database_=settings.neo4j_database)
