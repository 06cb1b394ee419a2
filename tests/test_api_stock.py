"""Availability: stock from the catalog files to the API; sold-out products are flagged, can be
filtered in listings and are never recommended nor offered as similar.

The API test shop (tests/data/api_shop) tracks no stock; this module reloads two of its products
with a stock count through the real catalog loader and reloads the originals afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import (  # noqa: F401
    SHOP, api_settings, api_shop, client, data, gql, manager, shopper,
)
from neo4j import Driver

from borderless.settings import Settings
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

STOCKED = {"apit-p-02": 0, "apit-p-04": 7}  # p-02: the shopper's only recommendation, sold out

RECS = """query R($user: ID!) { recommendations(userId: $user, first: 5) {
  items { product { id inStock } } } }"""
SIMILAR = """{ similarProducts(productId: "apit-p-01", first: 5) { items { product { id } } } }"""
LIST = """query L($filter: ProductFilter) { products(filter: $filter, first: 50) {
  totalCount nodes { id stock inStock }
  facets { brands { value count } } } }"""


def _load(driver: Driver, settings: Settings, folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "products.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = load_catalog(driver, settings, folder, quarantine=None, progress=False)
    assert report.exit_code() == 0, report


@pytest.fixture(scope="module")
def stocked(api_shop: Path, driver: Driver, settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Two products with stock counts (through the loader), and a model ranking them."""
    with (SHOP / "products.jsonl").open(encoding="utf-8") as f:
        originals = [r for r in map(json.loads, f) if r["id"] in STOCKED]
    root = tmp_path_factory.mktemp("stock")
    _load(driver, settings, root / "stocked",
          [r | {"stock": STOCKED[r["id"]]} for r in originals])
    db = settings.neo4j_database
    write(driver, cypher_file("api_test_model_version"), db, id="apit-mv-stock", shop="apit-")
    hot = [0.0] * settings.embedding_dim
    hot[0] = hot[1] = 1.0
    write(driver, cypher_file("api_test_embeddings"), db, version="apit-mv-stock",
          rows=[{"id": i, "vector": hot} for i in ("apit-s-1", "apit-p-01", "apit-p-02")])
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix="apit-mv-stock")
    _load(driver, settings, root / "original", originals)  # no stock column: untracked again


def test_stock_reaches_the_product_and_untracked_means_in_stock(client, stocked):
    body = data(gql(client, LIST, {"filter": {"brandIds": ["apit-b-boreal"]}}))["products"]
    by_id = {p["id"]: p for p in body["nodes"]}
    assert by_id["apit-p-02"] == {"id": "apit-p-02", "stock": 0, "inStock": False}
    assert by_id["apit-p-04"] == {"id": "apit-p-04", "stock": 7, "inStock": True}
    assert by_id["apit-p-06"] == {"id": "apit-p-06", "stock": None, "inStock": True}


def test_the_in_stock_filter_keeps_count_and_facets_in_step(client, stocked):
    boreal = {"brandIds": ["apit-b-boreal"]}
    sold_out = data(gql(client, LIST, {"filter": boreal | {"inStock": False}}))["products"]
    assert [p["id"] for p in sold_out["nodes"]] == ["apit-p-02"]
    assert sold_out["totalCount"] == 1
    assert sold_out["facets"]["brands"] == [{"value": "apit-b-boreal", "count": 1}]
    on_hand = data(gql(client, LIST, {"filter": boreal | {"inStock": True}}))["products"]
    assert on_hand["totalCount"] == 29 == len(on_hand["nodes"])
    assert all(p["inStock"] for p in on_hand["nodes"])


def test_sold_out_products_are_never_recommended(client, api_settings, stocked):
    body = data(gql(client, RECS, {"user": "apit-s-1"},
                    headers=shopper(api_settings, "apit-s-1")))["recommendations"]
    # apit-p-02 is the only product of ours that ships to the shopper and was not bought.
    assert body["items"] == []


def test_sold_out_products_are_never_offered_as_similar(client, stocked):
    items = data(gql(client, SIMILAR))["similarProducts"]["items"]
    assert "apit-p-02" not in [i["product"]["id"] for i in items]


def test_a_negative_stock_is_rejected_by_line_and_field(driver, settings, api_shop, tmp_path):
    row = {"id": "apit-p-02", "brand_id": "apit-b-boreal", "category_id": "apit-c-bags",
           "price": 40.0, "currency": "XTS", "titles": {"en": "Test product 2"}, "stock": -3}
    (tmp_path / "products.jsonl").write_text(json.dumps(row) + "\n")
    box = tmp_path / "rejected.jsonl"
    report = load_catalog(driver, settings, tmp_path, quarantine=box, progress=False)
    assert report.counts("products").quarantined == 1 and report.counts("products").loaded == 0
    text = box.read_text()
    assert "products.jsonl" in text and "stock" in text and "-3" in text, text
