"""The demo shop generator: deterministic, valid, loadable, multilingual, with learnable tastes,
and the catalog-manager queries answering sensibly on it (real Neo4j, ids prefixed ``tdemo-``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from borderless.errors import LoadError
from borderless.settings import Settings
from graph.driver import read, run_auto
from loaders.demo import DemoShop, check_taxonomy, demo_category_ids, load_demo, write_demo
from loaders.demo_shop import DemoConfig
from loaders.demo_vocab import KINDS, MATERIALS
from loaders.demo_world import COUNTRIES, HAZARD_RULES, RATES
from loaders.models import ENTITIES, LANGUAGES
from statements import cypher_file

PREFIX = "tdemo-"
TINY = DemoConfig(products=300, seed=11, shoppers=200, interactions=3000, prefix=PREFIX)


def _rows(folder: Path, entity: str) -> list[dict[str, Any]]:
    with (folder / f"{entity}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo(TINY, folder, progress=False)
    return folder


def test_same_seed_gives_identical_files(tiny_files: Path, tmp_path: Path) -> None:
    write_demo(TINY, tmp_path / "again", progress=False)
    written = sorted(p.name for p in tiny_files.iterdir())
    assert written == sorted(p.name for p in (tmp_path / "again").iterdir())
    # Categories come from the shared taxonomy; pictures only with --images (tests/test_images.py).
    assert {f"{e}.jsonl" for e in ENTITIES if e not in ("categories", "images")} <= set(written)
    for name in written:
        assert (tiny_files / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_another_seed_gives_another_shop(tiny_files: Path, tmp_path: Path) -> None:
    other = DemoConfig(products=300, seed=12, shoppers=200, interactions=3000, prefix=PREFIX)
    write_demo(other, tmp_path, progress=False)
    for entity in ("products", "shipping", "shoppers", "interactions"):
        assert (tiny_files / f"{entity}.jsonl").read_bytes() != (tmp_path / f"{entity}.jsonl").read_bytes()


def test_rows_match_the_documented_format(tiny_files: Path) -> None:
    counts = {}
    for entity, model in ENTITIES.items():
        if entity in ("categories", "images"):  # the shared taxonomy; pictures only with --images
            continue
        rows = _rows(tiny_files, entity)
        for row in rows:
            model.model_validate(row)
        counts[entity] = len(rows)
    assert counts["products"] == 300 and counts["shoppers"] == 200
    assert counts["interactions"] == 3000  # exactly as asked
    assert counts["countries"] == len(COUNTRIES) >= 40
    assert counts["reviews"] > 0 and counts["restrictions"] > 0
    assert counts["shipping"] > counts["products"]
    manifest = json.loads((tiny_files / "manifest.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in manifest["rows"].items() if k in counts} == counts


def test_rows_per_entity_are_the_files(tiny_files: Path) -> None:
    shop = DemoShop(TINY)
    for entity in ("brands", "restrictions", "reviews", "tastes"):
        assert list(shop.rows(entity)) == _rows(tiny_files, entity)


def test_vocabulary_is_consistent(settings: Settings) -> None:
    english = (settings.shared_data_dir / "taxonomy" / "en-US.taxo.csv").read_text(encoding="utf-8")
    ids = {line.split(";", 1)[0] for line in english.splitlines()}
    for kind in KINDS:
        assert set(kind.nouns) == set(LANGUAGES) and all(kind.nouns.values()), kind.key
        assert kind.category.removeprefix("gpt:") in ids, kind.key
        assert set(kind.materials) <= set(MATERIALS), kind.key
    assert {c.currency for c in COUNTRIES} <= set(RATES)


def test_products_speak_every_language(tiny_files: Path) -> None:
    products = _rows(tiny_files, "products")
    brands = {b["id"]: b for b in _rows(tiny_files, "brands")}
    for p in products:
        assert set(p["titles"]) == set(LANGUAGES) == set(p["descriptions"])
        kind = next(k for k in KINDS if k.category == p["category_id"] and k.nouns["en"] in p["titles"]["en"])
        for lang in LANGUAGES:
            # The brand's name, the kind's noun: the facts a search in any language meets.
            assert brands[p["brand_id"]]["name"] in p["titles"][lang]
            assert kind.nouns[lang].lower() in p["titles"][lang].lower()
    assert {p["currency"] for p in products} >= {"EUR", "USD"}
    assert len({p["currency"] for p in products}) > 3
    nike = brands[f"{PREFIX}brand-nike"]
    assert "耐克" in nike["aliases"] and "Nikey" in nike["aliases"]


def test_return_policy_exceptions_speak_every_language(tiny_files: Path) -> None:
    """The assistant answers a policy's exceptions in the asker's language (issue 13)."""
    policies = _rows(tiny_files, "return_policies")
    assert policies and all(p["exceptions"] for p in policies)
    for p in policies:
        for lang in (lang for lang in LANGUAGES if lang != "en"):
            assert len(p[f"exceptions_{lang}"]) == len(p["exceptions"]), (lang, p)
            assert p[f"exceptions_{lang}"] != p["exceptions"], (lang, p)


def test_restriction_reasons_speak_every_language(tiny_files: Path) -> None:
    """The assistant says why a product cannot go somewhere in the asker's language (issue 13);
    before, the demo wrote the reason in English only."""
    restricted = _rows(tiny_files, "restrictions")
    assert {r["reason"] for r in restricted} >= {HAZARD_RULES["blade"][1]}
    for r in restricted:
        said = [r[f"reason_{lang}"] for lang in LANGUAGES if lang != "en"]
        assert len(set(said)) == len(said) and r["reason"] not in said, r


def test_shoppers_queries_meet_real_products() -> None:
    # "rote Nike Laufschuhe" and "适合送爸爸的登山包" (a hiking backpack to give dad) have answers.
    products = list(DemoShop(DemoConfig(products=2000, seed=42)).rows("products"))
    red_nikes = [p for p in products if p["brand_id"].endswith("brand-nike")
                 and p["colour"] == "red" and "Laufschuhe" in p["titles"]["de"]]
    assert red_nikes and all("Rot" in p["titles"]["de"] for p in red_nikes)
    for_dad = [p for p in products if p["category_id"] == "gpt:100" and p.get("gender") == "men"
               and "登山包" in p["titles"]["zh"] and "男士" in p["titles"]["zh"]]
    assert for_dad and any("送爸爸" in p["descriptions"]["zh"] for p in for_dad)


def test_restricted_products_never_ship_there(tiny_files: Path) -> None:
    ships = {(r["product_id"], r["country"]) for r in _rows(tiny_files, "shipping")}
    restricted = _rows(tiny_files, "restrictions")
    assert not ships & {(r["product_id"], r["country"]) for r in restricted}
    products = {p["id"]: p for p in _rows(tiny_files, "products")}
    knives = [r for r in restricted if products[r["product_id"]]["category_id"] == "gpt:3495"]
    assert knives and all(r["country"] in HAZARD_RULES["blade"][0] for r in knives)


def test_reviews_read_like_their_rating(tiny_files: Path) -> None:
    good = {"en": "recommend", "de": "empfehlenswert", "es": "recomendable"}
    bad = {"en": "Would not buy again", "de": "nicht wieder kaufen", "es": "No lo volvería"}
    texts: dict[str, list[str]] = defaultdict(list)
    for review in _rows(tiny_files, "reviews"):
        texts["good" if review["rating"] >= 4 else "bad" if review["rating"] <= 2 else "meh"].append(
            review["text"])
    assert texts["good"] and texts["bad"]
    assert not any(word in t for t in texts["good"] for word in bad.values())
    assert not any(word in t for t in texts["bad"] for word in good.values())


def test_tastes_are_learnable() -> None:
    # Bigger than the tiny shop, so each shopper's favourite brands have products to buy.
    shop = DemoShop(DemoConfig(products=2000, seed=5, shoppers=600, interactions=12_000, prefix=PREFIX))
    products = list(shop.rows("products"))
    category = {p["id"]: p["category_id"] for p in products}
    brand = {p["id"]: p["brand_id"] for p in products}
    tastes = {t["shopper_id"]: t for t in shop.rows("tastes")}
    country = {s["id"]: s["country"] for s in shop.rows("shoppers")}
    ships = {(r["product_id"], r["country"]) for r in shop.rows("shipping")}
    share = Counter(category.values())
    hits = brand_hits = bought = 0
    chance = brand_chance = 0.0
    for row in shop.rows("interactions"):
        if row["kind"] != "purchase":
            continue
        taste = tastes[row["shopper_id"]]
        bought += 1
        hits += category[row["product_id"]] in taste["categories"]
        brand_hits += brand[row["product_id"]] in taste["brands"]
        chance += sum(share[c] for c in taste["categories"]) / len(category)
        liked = [p for p, c in category.items() if c in taste["categories"]]
        brand_chance += sum(brand[p] in taste["brands"] for p in liked) / len(liked)
        # A shopper only buys what ships to their country.
        assert (row["product_id"], country[row["shopper_id"]]) in ships
    assert bought > 500
    # Purchases concentrate in the preferred categories, and within them on the preferred brands.
    assert hits / bought > 0.8 and hits > 5 * chance
    assert brand_hits > 1.5 * brand_chance


@pytest.fixture(scope="module")
def tiny_shop(driver: Driver, settings: Settings, tiny_files: Path):
    """The tiny shop loaded into the graph (the taxonomy first if it is not there yet)."""
    try:
        check_taxonomy(driver, settings)
    except LoadError:
        from loaders.taxonomy import load_taxonomy

        load_taxonomy(driver, settings, progress=False)
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)
    run = load_demo(driver, settings, TINY, tiny_files, progress=False)
    yield run.counts, run.report
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=PREFIX)


def test_loading_gives_matching_counts(tiny_shop, driver: Driver, settings: Settings) -> None:
    counts, report = tiny_shop
    assert report.exit_code() == 0, report.to_json()
    assert {k: v.loaded for k, v in report.entities.items()} == {
        k: v for k, v in counts.items() if k != "tastes"}
    (graph,) = read(driver, cypher_file("demo_shop_counts"), settings.neo4j_database, prefix=PREFIX)
    assert graph == {
        "products": counts["products"], "in_category": counts["products"],
        "of_brand": counts["products"], "shipping": counts["shipping"],
        "restrictions": counts["restrictions"], "shoppers": counts["shoppers"],
        "lives_in": counts["shoppers"], "interactions": counts["interactions"],
        "brands": counts["brands"], "reviews": counts["reviews"],
    }


def test_missing_taxonomy_is_refused_clearly(driver: Driver, settings: Settings, monkeypatch) -> None:
    import loaders.demo as demo

    monkeypatch.setattr(demo, "demo_category_ids", lambda: ["gpt:999999999"])
    with pytest.raises(LoadError, match="run `borderless load taxonomy` first"):
        check_taxonomy(driver, settings)
    assert "gpt:3495" in demo_category_ids()  # the real list is untouched


def _query(driver: Driver, settings: Settings, name: str, **params: Any) -> list[dict[str, Any]]:
    return read(driver, f"manager/{name}", settings.neo4j_database, **params)


def test_best_rated_in_category(tiny_shop, driver: Driver, settings: Settings, tiny_files: Path) -> None:
    rows = _query(driver, settings, "best_rated_in_category", category_id="gpt:166", min_reviews=1, limit=500)
    ours = [r for r in rows if r["product_id"].startswith(PREFIX)]
    assert ours, "apparel has reviewed products in the tiny shop"
    ratings = [r["avg_rating"] for r in rows]
    assert ratings == sorted(ratings, reverse=True) and all(1 <= r <= 5 for r in ratings)
    reviews = defaultdict(list)
    for rv in _rows(tiny_files, "reviews"):
        reviews[rv["product_id"]].append(rv["rating"])
    english = (settings.shared_data_dir / "taxonomy" / "en-US.taxo.csv").read_text(encoding="utf-8")
    top = {f"gpt:{line.split(';')[0]}": line.split(";")[1] for line in english.splitlines()}
    apparel = {p["id"] for p in _rows(tiny_files, "products")
               if top[p["category_id"]] == "Apparel & Accessories"}
    for r in ours:  # every answer sits under Apparel & Accessories, with its true average
        assert r["product_id"] in apparel
        assert r["avg_rating"] == pytest.approx(sum(reviews[r["product_id"]]) / len(reviews[r["product_id"]]))


def test_ships_to_country(tiny_shop, driver: Driver, settings: Settings, tiny_files: Path) -> None:
    rows = _query(driver, settings, "ships_to_country", country="JP", limit=10_000)
    ours = {r["product_id"]: r for r in rows if r["product_id"].startswith(PREFIX)}
    expected = {s["product_id"] for s in _rows(tiny_files, "shipping") if s["country"] == "JP"}
    assert set(ours) == expected
    assert [r["days"] for r in rows] == sorted(r["days"] for r in rows)
    some = next(iter(ours.values()))
    assert some["currency"] == "JPY" and some["local_price"] == pytest.approx(some["price"] * RATES["JPY"], rel=1e-3)


def test_restricted_products(tiny_shop, driver: Driver, settings: Settings, tiny_files: Path) -> None:
    rows = _query(driver, settings, "restricted_products", country="GB", limit=10_000)
    ours = {r["product_id"]: r for r in rows if r["product_id"].startswith(PREFIX)}
    expected = {r["product_id"]: r["reason"] for r in _rows(tiny_files, "restrictions") if r["country"] == "GB"}
    assert {p: r["restrictions"][0]["reason"] for p, r in ours.items()} == expected
    everywhere = _query(driver, settings, "restricted_products", country=None, limit=5)
    assert everywhere[0]["countries"] >= everywhere[-1]["countries"] >= 1


def test_shopper_neighbourhood(tiny_shop, driver: Driver, settings: Settings, tiny_files: Path) -> None:
    interactions = _rows(tiny_files, "interactions")
    by_product: dict[str, set[str]] = defaultdict(set)
    for row in interactions:
        by_product[row["product_id"]].add(row["shopper_id"])
    busiest = Counter(row["shopper_id"] for row in interactions).most_common(1)[0][0]
    rows = _query(driver, settings, "shopper_neighbourhood", shopper_id=busiest, limit=1000)
    mine = {row["product_id"] for row in interactions if row["shopper_id"] == busiest}
    assert {r["product_id"] for r in rows} == mine
    for r in rows:
        others = by_product[r["product_id"]] - {busiest}
        assert r["shared_with"] == len(others) and set(r["shoppers"]) == others
    assert any(r["shared_with"] for r in rows)


def test_some_demo_products_are_sold_out_and_the_rest_have_stock(tiny_files: Path) -> None:
    stock = [p["stock"] for p in _rows(tiny_files, "products")]
    assert all(isinstance(n, int) and n >= 0 for n in stock)
    assert 0 < stock.count(0) < len(stock) // 5  # a few sold out (about 5%), most on hand
