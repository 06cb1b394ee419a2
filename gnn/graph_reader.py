"""Streaming the graph into tensors: Gowalla visits, and the shop's interactions and catalog.

Every read is keyset-paginated (:func:`gnn.paging.pages`), so a graph of millions of edges
arrives in pages of ``settings.batch_size`` nodes rather than as one giant result. Id maps are
built in key order, so the same graph always yields the same indexes. The shop is read once, into
a ``HeteroData`` (:mod:`gnn.shop_graph`); the collaborative snapshot and the catalog knowledge the
models train on are views of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from neo4j import Driver

from borderless.errors import ModelError
from borderless.settings import Settings
from gnn.data import IdMap, Interactions, Knowledge
from gnn.paging import pages
from gnn.product_images import image_features
from gnn.shop_graph import InteractionWeights, ShopGraph, read_shop_hetero
from graph.driver import read

__all__ = ["ShopSnapshot", "knowledge_of", "pages", "read_gowalla_graph", "read_shop_graph"]


def read_gowalla_graph(driver: Driver, settings: Settings, progress: bool = True) -> Interactions:
    """The Gowalla split as loaded by ``borderless load gowalla``, with its dense indexes.

    Raises:
        ModelError: the graph holds no Gowalla visits.
    """
    edges: dict[str, tuple[list[int], list[int]]] = {"train": ([], []), "test": ([], [])}
    num_users = 0
    for row in pages(driver, settings, "queries/gnn_gowalla_users_page", "user", -1, progress):
        num_users = max(num_users, row["user"] + 1)
        for item, split in row["visits"]:
            users, items = edges[split]
            users.append(row["user"])
            items.append(item)
    num_items = read(driver, "queries/gnn_gowalla_item_count", settings.neo4j_database)[0]["items"]
    if not num_items:
        raise ModelError("no Gowalla data in the graph; run `borderless load gowalla` first")
    def as_tensor(pair: tuple[list[int], list[int]]) -> torch.Tensor:
        return torch.tensor(pair, dtype=torch.long).reshape(2, -1)

    return Interactions(num_users, num_items, as_tensor(edges["train"]), as_tensor(edges["test"]))


@dataclass
class ShopSnapshot:
    """The shop as the model sees it: liked (shopper, product, time) triples and the catalog."""

    shoppers: IdMap
    products: IdMap
    user: torch.Tensor
    item: torch.Tensor
    at_ms: torch.Tensor
    knowledge: Knowledge
    graph: ShopGraph | None = None  # the whole HeteroData it was taken from

    def summary(self) -> dict[str, int]:
        return {"shoppers": len(self.shoppers), "products": len(self.products),
                "interactions": int(self.user.numel()), "brands": self.knowledge.num_brands,
                "categories": self.knowledge.num_categories}


def read_shop_graph(driver: Driver, settings: Settings, progress: bool = True,
                    id_prefix: str = "", weights: InteractionWeights | None = None,
                    images: bool = False) -> ShopSnapshot:
    """The shop as the model sees it, taken from the one graph reader (:mod:`gnn.shop_graph`).

    Args:
        driver: the process's driver.
        settings: database and page size.
        progress: show a bar per query.
        id_prefix: only shoppers and products whose id starts with this (one shop of several
            kept apart by prefix, as ``borderless load demo --prefix`` does); categories are
            always read whole, since shops share the taxonomy.
        weights: interaction weights and decay, kept on the snapshot's ``graph``.
        images: also read the products' look vectors, so the knowledge carries ``item_image``.

    Raises:
        NothingToTrainOn: the graph has no products (with that prefix).
    """
    graph = read_shop_hetero(driver, settings, progress, id_prefix, weights, images)
    edges, times = graph.interactions(liked_only=True)
    return ShopSnapshot(graph.ids["shopper"], graph.ids["product"], edges[0], edges[1], times,
                        knowledge_of(graph), graph)


def knowledge_of(graph: ShopGraph) -> Knowledge:
    """Each product's brand, its categories with every ancestor, and its look when read."""
    data, num_items = graph.data, len(graph.ids["product"])
    item_brand = torch.full((num_items,), -1, dtype=torch.long)
    of_brand = data["product", "of_brand", "brand"].edge_index
    item_brand[of_brand[0]] = of_brand[1]
    parent: dict[int, int] = {}
    for child, up in data["category", "subcategory_of", "category"].edge_index.T.tolist():
        parent.setdefault(child, up)
    pairs: set[tuple[int, int]] = set()
    for item, category in data["product", "in_category", "category"].edge_index.T.tolist():
        pairs.update((item, c) for c in _with_ancestors(category, parent))
    ordered = sorted(pairs)
    cat_items = torch.tensor([p[0] for p in ordered], dtype=torch.long)
    cat_ids = torch.tensor([p[1] for p in ordered], dtype=torch.long)
    looks = data["product"]
    # Read with images but no product has a picture: the model gets no image input at all.
    item_image = (image_features(looks.image, looks.has_image)
                  if "has_image" in looks and bool(looks.has_image.any()) else None)
    return Knowledge(num_brands=len(graph.ids["brand"]), num_categories=len(graph.ids["category"]),
                     item_brand=item_brand, category_items=cat_items, category_ids=cat_ids,
                     brands=graph.ids["brand"], categories=graph.ids["category"],
                     item_image=item_image,
                     image_model=graph.image_model if item_image is not None else None)


def _with_ancestors(category: int, parent: dict[int, int]) -> list[int]:
    """``category`` and its ancestors up to the root (a cycle in bad data stops the walk)."""
    chain: list[int] = []
    current: int | None = category
    while current is not None and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain
