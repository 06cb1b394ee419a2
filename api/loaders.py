"""DataLoaders built per request, so a page of products costs a fixed number of round trips.

Every loader batches the keys asked for in one tick of the event loop into one named statement
(``cypher/queries/api_*``); exchange rates come from the process's shared
:class:`~api.rates.RateTable` instead. They live in the request context and die with it, so nothing is
cached across requests or shoppers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.session import GraphSession
from api.records import (
    BrandRecord, CategoryRecord, ProductRecord, ShopperRecord, country_links,
)

K = TypeVar("K")
V = TypeVar("V")


class Loaders:
    """One request's loaders, each keyed by id."""

    def __init__(self, graph: GraphSession) -> None:
        self.graph = graph
        self.product = DataLoader(lambda ids: self._products(ids, shipping=False))
        # The same, with shipping rules read in the same round trip (a product's own page).
        self.product_page = DataLoader(lambda ids: self._products(ids, shipping=True))
        self.category = DataLoader(
            self._by_id("queries/api_categories_by_id", CategoryRecord.from_row))
        self.brand = DataLoader(self._by_id("queries/api_brands_by_id", BrandRecord.from_row))
        self.shopper = DataLoader(self._by_id(
            "queries/api_shoppers_by_id",
            lambda r: ShopperRecord(r["id"], r["country"], r["language"], r["currency"])))
        self.breadcrumbs = DataLoader(self._grouped("queries/api_category_paths", "path",
                                                    self._categories))
        self.children = DataLoader(self._grouped("queries/api_category_children", "children",
                                                 self._categories))
        self.shipping = DataLoader(self._grouped("queries/api_shipping_by_product", "rows",
                                                 country_links))
        self.restrictions = DataLoader(self._grouped("queries/api_restrictions_by_product",
                                                     "rows", country_links))

    def prime_products(self, records: Sequence[ProductRecord]) -> None:
        """Remember products a query already read, with their brands and category paths."""
        self.product.prime_many({r.id: r for r in records})
        self.brand.prime_many({r.brand.id: r.brand for r in records if r.brand})
        self.shipping.prime_many({r.id: r.shipping for r in records if r.shipping is not None})
        for r in records:
            if r.path:
                self.breadcrumbs.prime(r.path[-1].id, r.path)
                self.category.prime_many({c.id: c for c in r.path})

    async def _products(self, ids: list[str], shipping: bool) -> list[ProductRecord | None]:
        rows = await self.graph.read("queries/api_products_by_id", ids=list(ids), shipping=shipping)
        found = {row["id"]: ProductRecord.from_row(row) for row in rows}
        self.prime_products(list(found.values()))
        return [found.get(i) for i in ids]

    def _categories(self, rows: list[dict[str, Any]]) -> list[CategoryRecord]:
        records = [CategoryRecord.from_row(r) for r in rows]
        self.category.prime_many({r.id: r for r in records})
        return records

    def _by_id(
        self, name: str, make: Callable[[dict[str, Any]], V],
    ) -> Callable[[list[str]], Awaitable[list[V | None]]]:
        async def load(ids: list[str]) -> list[V | None]:
            rows = await self.graph.read(name, ids=list(ids))
            found = {row["id"]: make(row) for row in rows}
            return [found.get(i) for i in ids]

        return load

    def _grouped(
        self, name: str, column: str, make: Callable[[list[dict[str, Any]]], list[V]],
    ) -> Callable[[list[str]], Awaitable[list[list[V]]]]:
        async def load(ids: list[str]) -> list[list[V]]:
            rows = await self.graph.read(name, ids=list(ids))
            found = {row["id"]: make(row[column]) for row in rows}
            return [found.get(i, []) for i in ids]

        return load
