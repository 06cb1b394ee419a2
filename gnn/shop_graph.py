"""The shop's knowledge graph as PyTorch Geometric's ``HeteroData``, read from Neo4j in pages.

Node types and the graph ids their rows stand for (stable: every map is built in key order):

    shopper   Shopper.id        product   Product.id       brand    Brand.id
    category  Category.id       country   Country.code

Edge types (``edge_index`` rows are source and target indexes):

    (shopper, purchased | carted | viewed | rated, product)   time (epoch ms), edge_weight; rated: rating
    (product, of_brand, brand)          (product, in_category, category)
    (category, subcategory_of, category)  (product, ships_to, country)  (shopper, lives_in, country)

Products carry ``data["product"].price`` ``[N]`` (base currency; NaN where a product has none).

An interaction's ``edge_weight`` is its kind's weight (a rating's scaled by its stars: 5 gives the
full weight, 3 a third, fewer than 3 nothing, since the shopper did not like it) times
``0.5 ** (age / half_life)``, the age
measured from the newest interaction in the snapshot (not from now, so the same graph always gives
the same weights). Categories are read whole, since shops share the taxonomy; shoppers and
products may be limited to an id prefix (one shop of several).

With ``images``, products also carry their main picture's look vector (:mod:`gnn.product_images`):
``data["product"].image`` ``[N, 1280]`` (zero rows without a picture), ``.has_image`` ``[N]``,
and the image model's id on :attr:`ShopGraph.image_model`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import torch
from neo4j import Driver
from torch_geometric.data import HeteroData

from borderless.errors import NothingToTrainOn
from borderless.settings import Settings
from gnn.data import IdMap
from gnn.paging import pages
from gnn.product_images import read_product_images

log = logging.getLogger(__name__)

# Interaction kind in the graph -> relation name in the HeteroData.
RELATIONS = {"purchase": "purchased", "cart": "carted", "view": "viewed", "rating": "rated"}
# Kinds learned as another: a click in a list opens the product's page, so it says what a view says.
SAME_AS = {"click": "view"}
DAY_MS = 86_400_000.0


@dataclass(frozen=True)
class InteractionWeights:
    """How much each kind of interaction says about taste, and how fast it fades.

    Args:
        kinds: weight per interaction kind (a rating's is scaled by its stars, see module doc).
        half_life_days: an interaction this much older than the newest counts half; ``None``:
            no decay.
    """

    kinds: dict[str, float] = field(default_factory=lambda: {
        "purchase": 1.0, "cart": 0.6, "view": 0.3, "rating": 1.0})
    half_life_days: float | None = 180.0


@dataclass
class ShopGraph:
    """The ``HeteroData`` and, per node type, the graph ids of its rows."""

    data: HeteroData
    ids: dict[str, IdMap]
    image_model: str | None = None  # the model of data["product"].image, when read with images

    def interactions(self, liked_only: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
        """Every interaction edge as ``([2, E] shopper-product, [E] time ms)``, kinds merged.

        Args:
            liked_only: leave out ratings below 3 stars (a shopper who disliked a product
                should not be shown more like it).
        """
        edges, times = [], []
        for relation in RELATIONS.values():
            store = self.data["shopper", relation, "product"]
            keep = torch.ones(store.edge_index.size(1), dtype=torch.bool)
            if liked_only and relation == "rated":
                keep = store.rating >= 3
            edges.append(store.edge_index[:, keep])
            times.append(store.time[keep])
        return torch.cat(edges, 1), torch.cat(times)


def read_shop_hetero(driver: Driver, settings: Settings, progress: bool = False,
                     id_prefix: str = "", weights: InteractionWeights | None = None,
                     images: bool = False) -> ShopGraph:
    """Read shoppers, products, brands, categories, countries and their relations.

    Args:
        driver: the process's driver.
        settings: database and page size.
        progress: show a bar per query.
        id_prefix: only shoppers and products whose id starts with this.
        weights: interaction weights and decay (default: :class:`InteractionWeights`).
        images: also read the products' main-picture look vectors (``BORDERLESS_GNN_IMAGES``).

    Raises:
        NothingToTrainOn: the graph (or the prefix) has no products.
    """
    weights = weights or InteractionWeights()
    ids = {name: IdMap() for name in ("shopper", "product", "brand", "category", "country")}
    pairs: dict[tuple[str, str, str], tuple[list[int], list[int]]] = {}

    def link(edge_type: tuple[str, str, str], source: int, target: int) -> None:
        sources, targets = pairs.setdefault(edge_type, ([], []))
        sources.append(source)
        targets.append(target)

    for row in pages(driver, settings, "queries/gnn_countries_page", "code", "", progress):
        ids["country"].add(row["code"])
    prices: list[float] = []
    parents: list[tuple[str, str]] = []
    for row in pages(driver, settings, "queries/gnn_categories_page", "id", "", progress):
        ids["category"].add(row["id"])
        if row["parent"] is not None:
            parents.append((row["id"], row["parent"]))
    for child, parent in parents:
        link(("category", "subcategory_of", "category"), ids["category"].add(child),
             ids["category"].add(parent))
    for row in pages(driver, settings, "queries/gnn_graph_products_page", "id", "", progress,
                     prefix=id_prefix):
        item = ids["product"].add(row["id"])
        prices.append(_price(row.get("price")))
        if row["brand"] is not None:
            link(("product", "of_brand", "brand"), item, ids["brand"].add(row["brand"]))
        for category in sorted(set(row["categories"])):
            link(("product", "in_category", "category"), item, ids["category"].add(category))
        for country in sorted(set(row["ships_to"])):
            link(("product", "ships_to", "country"), item, ids["country"].add(country))
    if not len(ids["product"]):
        raise NothingToTrainOn(f"no products with ids starting with {id_prefix!r} in the graph; "
                               "load a catalog or `borderless load demo` first")
    events: dict[str, list[tuple[int, int, int, int]]] = {kind: [] for kind in RELATIONS}
    skipped = 0
    for row in pages(driver, settings, "queries/gnn_graph_shoppers_page", "id", "", progress,
                     prefix=id_prefix):
        user = ids["shopper"].add(row["id"])
        if row["country"] is not None:
            link(("shopper", "lives_in", "country"), user, ids["country"].add(row["country"]))
        for product_id, recorded, at_ms, rating in row["interactions"]:
            kind = SAME_AS.get(recorded, recorded)
            touched = ids["product"].index.get(product_id)
            if touched is None or kind not in events:  # outside the prefix, or an unknown kind
                skipped += 1
                continue
            events[kind].append((user, touched, at_ms or 0, rating or 0))
    if skipped:
        log.info("%d interactions outside the shop's products or of unknown kind left out", skipped)
    data = _hetero(ids, pairs, events, weights)
    data["product"].price = torch.tensor(prices, dtype=torch.float32)
    if not images:
        return ShopGraph(data, ids)
    looks = read_product_images(driver, settings, ids["product"], id_prefix, progress)
    data["product"].image, data["product"].has_image = looks.vectors, looks.has_image
    return ShopGraph(data, ids, looks.image_model)


def _price(value: object) -> float:
    """A product's price as a float; NaN when it has none or it is not a positive number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return float("nan")
    return float(value)


def _hetero(ids: dict[str, IdMap], pairs: dict[tuple[str, str, str], tuple[list[int], list[int]]],
            events: dict[str, list[tuple[int, int, int, int]]], weights: InteractionWeights
            ) -> HeteroData:
    """Assemble the ``HeteroData`` (every edge type present, empty ones as ``[2, 0]``)."""
    data = HeteroData()
    for name, id_map in ids.items():
        data[name].num_nodes = len(id_map)
    for edge_type in (("product", "of_brand", "brand"), ("product", "in_category", "category"),
                      ("category", "subcategory_of", "category"),
                      ("product", "ships_to", "country"), ("shopper", "lives_in", "country")):
        sources, targets = pairs.get(edge_type, ([], []))
        data[edge_type].edge_index = torch.tensor([sources, targets], dtype=torch.long).reshape(2, -1)
    newest = max((e[2] for rows in events.values() for e in rows), default=0)
    for kind, relation in RELATIONS.items():
        rows = torch.tensor(events[kind], dtype=torch.float64).reshape(-1, 4)
        store = data["shopper", relation, "product"]
        store.edge_index = rows[:, :2].long().T.contiguous()
        store.time = rows[:, 2]
        weight = torch.full((rows.size(0),), weights.kinds.get(kind, 0.0), dtype=torch.float64)
        if kind == "rating":
            store.rating = rows[:, 3].long()
            weight = weight * ((rows[:, 3] - 2.0) / 3.0).clamp(min=0.0)  # 5 stars: 1, 2: 0
        if weights.half_life_days is not None:
            age_days = (newest - rows[:, 2]) / DAY_MS
            weight = weight * torch.pow(0.5, age_days / weights.half_life_days)
        store.edge_weight = weight.float()
    return data
