"""Streaming the graph into tensors: Gowalla visits, and the shop's interactions and catalog.

Every read is keyset-paginated (``WHERE key > $after ORDER BY key LIMIT $limit``) on a
constrained or indexed key, so a graph of millions of edges arrives in pages of
``settings.batch_size`` nodes rather than as one giant result. Id maps are built in key order,
so the same graph always yields the same indexes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import torch
from neo4j import Driver
from tqdm import tqdm

from borderless.errors import ModelError, NothingToTrainOn
from borderless.settings import Settings
from gnn.data import IdMap, Interactions, Knowledge
from graph.driver import read


def pages(driver: Driver, settings: Settings, name: str, key: str, first: Any,
          progress: bool = False, **params: Any) -> Iterator[dict[str, Any]]:
    """Every row of the keyset-paginated query ``name``, page by page.

    The query takes ``$after``, ``$limit`` and ``params``, and returns rows ordered by ``key``.
    """
    after = first
    with tqdm(desc=name.rsplit("/", 1)[-1], unit="row", disable=not progress) as bar:
        while True:
            rows = read(driver, name, settings.neo4j_database, settings.query_timeout_s * 6,
                        after=after, limit=settings.batch_size, **params)
            yield from rows
            bar.update(len(rows))
            if len(rows) < settings.batch_size:
                return
            after = rows[-1][key]


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
    as_tensor = lambda pair: torch.tensor(pair, dtype=torch.long).reshape(2, -1)  # noqa: E731
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

    def summary(self) -> dict[str, int]:
        return {"shoppers": len(self.shoppers), "products": len(self.products),
                "interactions": int(self.user.numel()), "brands": self.knowledge.num_brands,
                "categories": self.knowledge.num_categories}


def read_shop_graph(driver: Driver, settings: Settings, progress: bool = True,
                    id_prefix: str = "") -> ShopSnapshot:
    """Shoppers' interactions, products' brands and categories, and the category tree.

    Args:
        driver: the process's driver.
        settings: database and page size.
        progress: show a bar per query.
        id_prefix: only shoppers and products whose id starts with this (one shop of several
            kept apart by prefix, as ``borderless load demo --prefix`` does); categories are
            always read whole, since shops share the taxonomy.

    Raises:
        NothingToTrainOn: the graph has no products (with that prefix).
    """
    categories, parent = IdMap(), {}
    for row in pages(driver, settings, "queries/gnn_categories_page", "id", "", progress):
        categories.add(row["id"])
        if row["parent"] is not None:
            parent[row["id"]] = row["parent"]
    products, brands = IdMap(), IdMap()
    item_brand: list[int] = []
    cat_items: list[int] = []
    cat_ids: list[int] = []
    for row in pages(driver, settings, "queries/gnn_products_page", "id", "", progress,
                     prefix=id_prefix):
        index = products.add(row["id"])
        item_brand.append(brands.add(row["brand"]) if row["brand"] is not None else -1)
        for category in _with_ancestors(row["category"], parent):
            cat_items.append(index)
            cat_ids.append(categories.add(category))
    if not len(products):
        raise NothingToTrainOn(f"no products with ids starting with {id_prefix!r} in the graph; "
                               "load a catalog or `borderless load demo` first")
    shoppers = IdMap()
    users: list[int] = []
    items: list[int] = []
    times: list[int] = []
    for row in pages(driver, settings, "queries/gnn_shoppers_page", "id", "", progress,
                     prefix=id_prefix):
        user = shoppers.add(row["id"])
        for product_id, at_ms in row["interactions"]:
            item = products.index.get(product_id)
            if item is None:  # outside the prefix, or created after the product pages were read
                continue
            users.append(user)
            items.append(item)
            times.append(at_ms or 0)
    knowledge = Knowledge(
        num_brands=len(brands), num_categories=len(categories),
        item_brand=torch.tensor(item_brand, dtype=torch.long),
        category_items=torch.tensor(cat_items, dtype=torch.long),
        category_ids=torch.tensor(cat_ids, dtype=torch.long), brands=brands, categories=categories)
    return ShopSnapshot(shoppers, products, torch.tensor(users, dtype=torch.long),
                        torch.tensor(items, dtype=torch.long),
                        torch.tensor(times, dtype=torch.float64), knowledge)


def _with_ancestors(category: str | None, parent: dict[str, str]) -> list[str]:
    """``category`` and its ancestors up to the root (a cycle in bad data stops the walk)."""
    chain: list[str] = []
    while category is not None and category not in chain:
        chain.append(category)
        category = parent.get(category)
    return chain
