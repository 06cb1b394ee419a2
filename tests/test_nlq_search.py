"""Search end to end on the real Neo4j: a tiny multilingual shop, queries in seven languages.

The shop has its own id prefix, brand names, categories, a made-up country (``XQ``) and currency
(``XQT``), so it neither clashes with nor changes a demo shop or other tests' data in the same
database; all of it is removed afterwards.
Every returned product is checked against the constraints the query stated.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from api.nlq.lexicon_store import forget_lexicons
from api.nlq.search import search_products
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from graph_support import run_with_session
from loaders.text_index import build_text_index
from statements import cypher_file

PREFIX = "nlqt-"
BRAND = f"{PREFIX}brand-zephyrix"
BOOTS = f"{PREFIX}cat-snow-boots"
KIDS_BOOTS = f"{PREFIX}cat-kids-snow-boots"
LAMPS = f"{PREFIX}cat-glow-lamps"


def _product(n: int, category: str, colour: str, price: float, *, brand: str = BRAND,
             material: str = "leather", title: dict[str, str] | None = None) -> dict:
    titles = title or {
        "en": f"Zephyrix snow boot {n}, {colour}", "de": f"Zephyrix Schneestiefel {n}",
        "es": f"Botas de nieve Zephyrix {n}", "fr": f"Bottes de neige Zephyrix {n}",
        "pt": f"Botas de neve Zephyrix {n}", "zh": f"泽飞雪地靴 {n}", "ja": f"ゼフィリクス スノーブーツ {n}"}
    return {"id": f"{PREFIX}p{n}", "brand_id": brand, "category_id": category, "price": price,
            "currency": "EUR", "titles": titles, "colour": colour, "material": material}


CATALOG = {
    "countries": [{"code": "XQ", "name": "Nlqtland", "currency": "XQT", "languages": ["de"]}],
    "exchange_rates": [{"currency": "XQT", "rate": 10.0, "date": "2026-11-01"}],
    "brands": [{"id": BRAND, "name": "Zephyrix", "aliases": ["Zefirix", "泽飞", "ゼフィリクス"]},
               {"id": f"{PREFIX}brand-norrvik", "name": "Norrvik", "aliases": []}],
    "categories": [
        {"id": BOOTS, "names": {"en": "Snow boots", "de": "Schneestiefel", "es": "Botas de nieve",
                                "pt": "Botas de neve"}},
        {"id": KIDS_BOOTS, "parent_id": BOOTS, "names": {"en": "Kids snow boots"}},
        {"id": LAMPS, "names": {"en": "Glow lamps", "de": "Leuchtlampen"}}],
    "products": [
        _product(1, BOOTS, "red", 70.0),
        _product(2, BOOTS, "red", 95.0),
        _product(3, BOOTS, "blue", 60.0, material="wool"),
        _product(4, KIDS_BOOTS, "red", 40.0),
        _product(5, BOOTS, "red", 15.0),
        _product(6, LAMPS, "red", 30.0, brand=f"{PREFIX}brand-norrvik",
                 title={"en": "Norrvik glow lamp", "de": "Norrvik Leuchtlampe"}),
    ],
    "shipping": [{"product_id": f"{PREFIX}p{n}", "country": "XQ", "days": 3, "cost": 5.0}
                 for n in (1, 2, 3, 4, 6)],
    "restrictions": [{"product_id": f"{PREFIX}p4", "country": "XQ", "reason": "test: not sold"}],
    "shoppers": [{"id": f"{PREFIX}s1", "country": "XQ", "language": "de", "currency": "XQT"}],
}
FACTS = {p["id"]: p for p in CATALOG["products"]}


@pytest.fixture(scope="module")
def shop(driver, settings, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("nlq-shop")
    for entity, rows in CATALOG.items():
        with (folder / f"{entity}.jsonl").open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    report = load_catalog(driver, settings, folder, progress=False)
    assert report.quarantined == 0, report.to_json()
    build_text_index(driver, settings, parts=("products", "categories"), prefix=PREFIX,
                     progress=False)
    forget_lexicons()
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    write(driver, cypher_file("text_test_cleanup"), settings.neo4j_database, countries=["XQ"],
          currencies=["XQT"])
    forget_lexicons()


def search(settings, query: str, **kw):
    args = {"lang": None, "ship_to": None, "currency": None, "first": 20,
            "shopper_id": None} | kw
    return run_with_session(settings, lambda graph: search_products(graph, settings, query=query,
                                                                    **args))


def slots(outcome) -> dict[str, set]:
    found: dict[str, set] = {}
    for slot in outcome.interpretation:
        found.setdefault(slot.name, set()).add(slot.grounded_id or slot.value)
    return found


@pytest.mark.parametrize("query, lang", [
    ("rote Zephyrix Schneestiefel unter 80 €", "de"),
    ("red Zephyrix snow boots under 80 euros", "en"),
    ("botas de nieve Zephyrix rojas por menos de 80 €", "es"),
    ("bottes de neige Zephyrix rouges moins de 80 €", "fr"),
    ("botas de neve Zefirix vermelhas até 80 €", "pt"),
    ("泽飞 红色 雪地靴 80欧元以下", "zh"),
    ("ゼフィリクス 赤 スノーブーツ 80ユーロ以下", "ja"),
])
def test_grounding_per_language_and_every_result_meets_the_constraints(shop, settings, query, lang):
    outcome = search(settings, query, lang=lang)
    understood = slots(outcome)
    assert understood["brand"] == {BRAND}
    assert understood["colour"] == {"red"}
    assert understood["price_max"] == {"EUR"}
    assert BOOTS in understood.get("category", {BOOTS}) and understood.get("category", {BOOTS}) <= {BOOTS}
    assert outcome.backend == "rules"
    # p1 and p4 (red, under 80, in the boots subtree); p5 too (15 €); never p2 (95 €) or p3 (blue).
    assert set(outcome.product_ids) == {f"{PREFIX}p1", f"{PREFIX}p4", f"{PREFIX}p5"}


def test_category_filter_covers_the_subtree(shop, settings):
    outcome = search(settings, "Zephyrix snow boots")
    assert slots(outcome)["category"] == {BOOTS}
    assert f"{PREFIX}p4" in outcome.product_ids  # in the child category "Kids snow boots"
    assert f"{PREFIX}p6" not in outcome.product_ids


def test_ship_to_excludes_unshipped_and_restricted_products(shop, settings):
    outcome = search(settings, "Zephyrix boots", ship_to="XQ")
    assert slots(outcome)["ship_to"] == {"XQ"}, outcome.interpretation
    assert slots(outcome)["category"] == {BOOTS}, outcome.interpretation
    assert set(outcome.product_ids) == {f"{PREFIX}p1", f"{PREFIX}p2", f"{PREFIX}p3"}  # p4 restricted, p5 unshipped
    named = search(settings, "Zephyrix boots to Nlqtland")
    assert set(named.product_ids) == set(outcome.product_ids)


def test_price_is_converted_into_the_stated_currency(shop, settings):
    # XQT is 10 per EUR: "under 650 XQT" means under 65 EUR.
    outcome = search(settings, "Zephyrix boots under 650 XQT")
    assert slots(outcome)["price_max"] == {"XQT"}
    prices = {FACTS[p]["price"] for p in outcome.product_ids}
    assert prices and max(prices) <= 65.0
    cheap_first = search(settings, "cheap Zephyrix boots")
    ranked = [FACTS[p]["price"] for p in cheap_first.product_ids]
    assert ranked == sorted(ranked)


def test_a_signed_in_shoppers_taste_reorders_the_results(shop, driver, settings):
    taste = [1.0] + [0.0] * (settings.embedding_dim - 1)
    opposite = [-1.0] + [0.0] * (settings.embedding_dim - 1)
    write(driver, cypher_file("text_test_taste"), settings.neo4j_database, rows=[
        {"id": f"{PREFIX}s1", "vector": taste}, {"id": f"{PREFIX}p3", "vector": taste},
        {"id": f"{PREFIX}p1", "vector": opposite}])
    anonymous = search(settings, "Zephyrix snow boots").product_ids
    signed_in = search(settings, "Zephyrix snow boots", shopper_id=f"{PREFIX}s1").product_ids
    assert set(anonymous) == set(signed_in)  # taste reorders, never filters
    assert signed_in[0] == f"{PREFIX}p3" and signed_in[-1] == f"{PREFIX}p1"
    assert anonymous != signed_in


def test_taste_compares_only_vectors_of_the_same_model_version(shop, driver, settings):
    """A product vector of another version (another shop's, or stale) is neutral, never compared."""
    versioned = cypher_file("search_taste_versioned")
    taste = [1.0] + [0.0] * (settings.embedding_dim - 1)
    opposite = [-1.0] + [0.0] * (settings.embedding_dim - 1)
    write(driver, versioned, settings.neo4j_database, rows=[
        {"id": f"{PREFIX}s1", "vector": taste, "version": "v-now"},
        {"id": f"{PREFIX}p3", "vector": taste, "version": "v-old"},
        {"id": f"{PREFIX}p1", "vector": opposite, "version": "v-now"}])
    signed_in = search(settings, "Zephyrix snow boots", shopper_id=f"{PREFIX}s1").product_ids
    # p3's vector matches the taste but belongs to another version: it must not win on it.
    assert signed_in[0] != f"{PREFIX}p3"
    assert signed_in[-1] == f"{PREFIX}p1"  # same version, opposite taste: ranked last


def test_a_brand_loaded_after_a_search_is_understood_at_once(shop, driver, settings, tmp_path):
    assert "brand" not in slots(search(settings, "Quillonix glow lamp"))
    rows = {"brands": [{"id": f"{PREFIX}brand-quillonix", "name": "Quillonix"}],
            "products": [_product(7, LAMPS, "blue", 25.0, brand=f"{PREFIX}brand-quillonix",
                                  title={"en": "Quillonix glow lamp"})]}
    for entity, items in rows.items():
        (tmp_path / f"{entity}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in items))
    assert load_catalog(driver, settings, tmp_path, progress=False).quarantined == 0
    outcome = search(settings, "Quillonix glow lamp")  # no cache reset: the catalog stamp changed
    assert slots(outcome)["brand"] == {f"{PREFIX}brand-quillonix"}, outcome.interpretation
    assert outcome.product_ids == [f"{PREFIX}p7"], outcome.interpretation


def test_unknown_words_never_reach_the_query(shop, settings):
    outcome = search(settings, "Acmezzz snow boots in ultraviolet size 99")
    understood = slots(outcome)
    assert "brand" not in understood and "colour" not in understood and "size" not in understood
    assert outcome.product_ids  # still answers, ranked by text similarity


def test_bad_input_is_refused_with_a_clear_error(settings):
    from borderless.errors import ApiError

    with pytest.raises(ApiError, match="first"):
        search(settings, "boots", first=0)
    with pytest.raises(ApiError, match="characters"):
        search(settings, " ")


class ScriptedModel:
    """A typed stand-in for a language model: replies with a fixed text, maybe after a delay."""

    name = "local"
    model_id = "scripted"

    def __init__(self, reply: str, delay_s: float = 0.0) -> None:
        self.reply, self.delay_s, self.calls = reply, delay_s, 0

    def complete(self, system: str, user: str, *, max_tokens: int, timeout_s: float,
                 examples: tuple = ()) -> str:
        self.calls += 1
        time.sleep(self.delay_s)
        return self.reply


def test_model_output_is_grounded_and_its_inventions_dropped(shop, settings):
    model = ScriptedModel('{"brands": ["Zephyrix", "Imaginary Brand Co"], "colour": "red", '
                          '"categories": ["snow boots"], "ship_to": "Atlantis"}')
    # The rules are sure of this query, so the model is asked only when told to ask always.
    always = settings.model_copy(update={"nlq_model_when": "always"})
    outcome = search(always, "rote Zephyrix Schneestiefel", model=model)
    understood = slots(outcome)
    assert model.calls == 1 and outcome.backend == "local"
    assert understood["brand"] == {BRAND} and understood["category"] == {BOOTS}
    assert "ship_to" not in understood  # Atlantis is no Country node


def test_a_model_category_no_name_matches_grounds_to_the_nearest_by_embedding(shop, settings):
    model = ScriptedModel('{"categories": ["Winterstiefel für Schnee"], "brands": ["Zephyrix"]}')
    outcome = search(settings, "Zephyrix Winterstiefel für Schnee", model=model)
    chips = [s for s in outcome.interpretation if s.name == "category"]
    assert [(c.grounded_id, c.source) for c in chips] == [(BOOTS, "embedding")]


@pytest.mark.parametrize("reply, delay_s", [
    ("Sure! Here are some boots you might like.", 0.0),    # no JSON at all
    ('{"brands": "Zephyrix", "price_max": "cheap"}', 0.0),  # fails the schema
    ('{"colour": "red", "secret_field": 1}', 0.0),          # unknown field
    ('{"colour": "red"}', 3.0),                              # too late
])
def test_garbage_or_late_model_output_falls_back_to_rules(shop, settings, reply, delay_s):
    slow = settings.model_copy(update={"nlq_timeout_s": 1.0, "nlq_model_when": "always"})
    model = ScriptedModel(reply, delay_s)
    outcome = search(slow, "rote Zephyrix Schneestiefel unter 80 €", model=model)
    assert model.calls == 1 and outcome.backend == "rules"
    assert slots(outcome)["brand"] == {BRAND}
    assert set(outcome.product_ids) == {f"{PREFIX}p1", f"{PREFIX}p4", f"{PREFIX}p5"}


@pytest.mark.model
def test_search_through_the_real_local_model(shop, settings):
    from language.llm import language_model

    local = settings.model_copy(update={"nlq_backend": "local", "nlq_timeout_s": 120.0,
                                        "nlq_model_when": "always"})
    outcome = search(local, "rote Zephyrix Schneestiefel unter 80 €", model=language_model(local))
    assert outcome.backend in ("local", "rules")  # "rules" only if the model's JSON was invalid
    understood = slots(outcome)
    assert understood["brand"] == {BRAND} and understood["colour"] == {"red"}
    assert set(outcome.product_ids) == {f"{PREFIX}p1", f"{PREFIX}p4", f"{PREFIX}p5"}
