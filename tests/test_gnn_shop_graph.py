"""The one graph reader: a tiny shop loaded into the real Neo4j comes back as the right HeteroData.

Ids are prefixed ``gnnhetero-``; countries and categories are read whole (shops share them), so
edges are checked as sets of graph-id pairs, which is what the id maps promise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from gnn.graph_reader import read_shop_graph
from gnn.shop_graph import DAY_MS, InteractionWeights, read_shop_hetero
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

P = "gnnhetero-"
NEWEST = "2026-11-30T00:00:00+00:00"
HALF_YEAR_BEFORE = "2026-06-03T00:00:00+00:00"  # 180 days before NEWEST

PRODUCTS = {f"{P}p1": ("b1", "leaf1"), f"{P}p2": ("b1", "leaf2"), f"{P}p3": ("b2", "leaf2")}
SHIPS = {f"{P}p1": ["DE", "FR"], f"{P}p2": ["DE"], f"{P}p3": []}
SHOPPERS = {f"{P}s1": "DE", f"{P}s2": "FR"}
INTERACTIONS = [  # shopper, product, kind, at, rating
    ("s1", "p1", "purchase", NEWEST, None),
    ("s1", "p2", "view", HALF_YEAR_BEFORE, None),
    ("s1", "p3", "cart", NEWEST, None),
    ("s2", "p1", "rating", NEWEST, 5),
    ("s2", "p2", "rating", NEWEST, 1),
    ("s2", "p3", "view", NEWEST, None),
]


def write_shop(folder: Path) -> None:
    files: dict[str, list[dict[str, Any]]] = {
        "countries": [{"code": "DE", "name": "Germany", "currency": "EUR", "languages": ["de"]},
                      {"code": "FR", "name": "France", "currency": "EUR", "languages": ["fr"]}],
        "brands": [{"id": f"{P}{b}", "name": b} for b in ("b1", "b2")],
        "categories": [{"id": f"{P}root", "names": {"en": "Root"}},
                       {"id": f"{P}leaf1", "parent_id": f"{P}root", "names": {"en": "Leaf 1"}},
                       {"id": f"{P}leaf2", "parent_id": f"{P}root", "names": {"en": "Leaf 2"}}],
        "products": [{"id": pid, "brand_id": f"{P}{b}", "category_id": f"{P}{c}", "price": 1.0,
                      "currency": "EUR", "titles": {"en": pid}} for pid, (b, c) in PRODUCTS.items()],
        "shipping": [{"product_id": pid, "country": c, "days": 2, "cost": 0.0}
                     for pid, countries in SHIPS.items() for c in countries],
        "shoppers": [{"id": sid, "country": c, "language": "en", "currency": "EUR"}
                     for sid, c in SHOPPERS.items()],
        "interactions": [{"shopper_id": f"{P}{s}", "product_id": f"{P}{p}", "kind": kind, "at": at,
                          **({"rating": rating} if rating is not None else {})}
                         for s, p, kind, at, rating in INTERACTIONS],
    }
    for name, rows in files.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture(scope="module")
def shop(driver, settings, tmp_path_factory):
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=P)
    folder = tmp_path_factory.mktemp("gnn_shop_graph")
    write_shop(folder)
    assert load_catalog(driver, settings, folder, folder / "q.jsonl", progress=False).quarantined == 0
    yield
    run_auto(driver, cypher_file("delete_id_prefix"), settings.neo4j_database, prefix=P)


def pairs(graph, edge_type) -> set[tuple[str, str]]:
    source, _, target = edge_type
    edge_index = graph.data[edge_type].edge_index
    return {(graph.ids[source].ids[s], graph.ids[target].ids[t]) for s, t in edge_index.T.tolist()}


def test_every_node_and_edge_type_comes_back_with_the_right_edges(driver, settings, shop):
    graph = read_shop_hetero(driver, settings, id_prefix=P)
    data = graph.data
    assert graph.ids["shopper"].ids == sorted(SHOPPERS)  # key order: stable indexes
    assert graph.ids["product"].ids == sorted(PRODUCTS)
    assert data["product"].num_nodes == 3 and data["shopper"].num_nodes == 2
    assert data["product"].price.tolist() == [1.0, 1.0, 1.0]  # the content model's price band
    assert set(graph.ids["brand"].ids) == {f"{P}b1", f"{P}b2"}
    assert {f"{P}root", f"{P}leaf1", f"{P}leaf2", } <= set(graph.ids["category"].ids)
    assert {"DE", "FR"} <= set(graph.ids["country"].ids)
    for name, id_map in graph.ids.items():
        assert data[name].num_nodes == len(id_map)

    assert pairs(graph, ("product", "of_brand", "brand")) == {
        (pid, f"{P}{b}") for pid, (b, _) in PRODUCTS.items()}
    assert pairs(graph, ("product", "in_category", "category")) == {
        (pid, f"{P}{c}") for pid, (_, c) in PRODUCTS.items()}
    ours = {(c, p) for c, p in pairs(graph, ("category", "subcategory_of", "category"))
            if c.startswith(P)}
    assert ours == {(f"{P}leaf1", f"{P}root"), (f"{P}leaf2", f"{P}root")}
    assert pairs(graph, ("product", "ships_to", "country")) == {
        (pid, c) for pid, countries in SHIPS.items() for c in countries}
    assert pairs(graph, ("shopper", "lives_in", "country")) == set(SHOPPERS.items())
    for kind, relation in (("purchase", "purchased"), ("cart", "carted"), ("view", "viewed"),
                           ("rating", "rated")):
        expected = {(f"{P}{s}", f"{P}{p}") for s, p, k, _, _ in INTERACTIONS if k == kind}
        assert pairs(graph, ("shopper", relation, "product")) == expected, relation
        store = data["shopper", relation, "product"]
        assert store.time.numel() == store.edge_weight.numel() == len(expected)


def test_interactions_are_weighted_by_kind_rating_and_age(driver, settings, shop):
    weights = InteractionWeights(kinds={"purchase": 1.0, "cart": 0.5, "view": 0.2, "rating": 0.8},
                                 half_life_days=180.0)
    data = read_shop_hetero(driver, settings, id_prefix=P, weights=weights).data

    def weight_of(relation: str) -> dict[int, float]:
        store = data["shopper", relation, "product"]
        return {int(item): float(w) for item, w in zip(store.edge_index[1], store.edge_weight, strict=True)}

    p1, p2, p3 = 0, 1, 2  # products in id order
    assert weight_of("purchased") == pytest.approx({p1: 1.0})
    assert weight_of("carted") == pytest.approx({p3: 0.5})
    # s1 viewed p2 a half-life before the newest interaction: half of a view's weight.
    assert weight_of("viewed") == pytest.approx({p2: 0.1, p3: 0.2})
    assert weight_of("rated") == pytest.approx({p1: 0.8, p2: 0.0})  # 5 stars full, 1 star none
    store = data["shopper", "viewed", "product"]
    ages = (store.time.max() - store.time) / DAY_MS
    assert sorted(ages.tolist()) == pytest.approx([0.0, 180.0])
    no_decay = read_shop_hetero(driver, settings, id_prefix=P,
                                weights=InteractionWeights(half_life_days=None)).data
    viewed = no_decay["shopper", "viewed", "product"].edge_weight
    assert torch.allclose(viewed, torch.full_like(viewed, 0.3))


def test_the_training_snapshot_is_a_view_of_the_same_graph(driver, settings, shop):
    snapshot = read_shop_graph(driver, settings, progress=False, id_prefix=P)
    liked = {(snapshot.shoppers.ids[u], snapshot.products.ids[i])
             for u, i in zip(snapshot.user.tolist(), snapshot.item.tolist(), strict=True)}
    # Everything but the 1-star rating is a liked interaction.
    assert liked == {(f"{P}{s}", f"{P}{p}") for s, p, kind, _, rating in INTERACTIONS
                     if not (kind == "rating" and rating < 3)}
    knowledge = snapshot.knowledge
    brand_of = {snapshot.products.ids[i]: knowledge.brands.ids[b]
                for i, b in enumerate(knowledge.item_brand.tolist())}
    assert brand_of == {pid: f"{P}{b}" for pid, (b, _) in PRODUCTS.items()}
    categories = {(snapshot.products.ids[i], knowledge.categories.ids[c])
                  for i, c in zip(knowledge.category_items.tolist(), knowledge.category_ids.tolist(),
                                  strict=True)}
    # Each product's own category and its ancestors.
    assert categories == {(pid, f"{P}{c}") for pid, (_, c) in PRODUCTS.items()} | {
        (pid, f"{P}root") for pid in PRODUCTS}


def test_a_click_is_learned_as_a_view(driver, settings, shop):
    # Clicks come in through recordEvents; training left them out as an unknown kind.
    click = {"shopper": f"{P}s1", "product": f"{P}p3", "at": NEWEST, "id": f"{P}click-1"}
    write(driver, cypher_file("gnn_test_click"), settings.neo4j_database, remove=False, **click)
    try:
        graph = read_shop_hetero(driver, settings, id_prefix=P)
        assert (f"{P}s1", f"{P}p3") in pairs(graph, ("shopper", "viewed", "product"))
    finally:
        write(driver, cypher_file("gnn_test_click"), settings.neo4j_database, remove=True, **click)
