"""The knowledge-graph model with a content path for what it has never seen trained.

:class:`gnn.kg_model.KnowledgeGraphRecommender` propagates over interactions plus catalog
relations and wins on warm shoppers and products, but a product nobody has touched is then a mix
of its brand/category base with country vectors averaged over hundreds of products, and a shopper
with no history is its country's node seen through propagation: both lose to today's model
(bench/RESULTS.md). This model keeps that propagation for warm rows and adds a second, content-only
representation that is trained to stand in for the learned one (DropoutNet, Volkovs et al. 2017):

- a product's content vector: its brand's, plus the mean of its category path's, plus the mean of
  the countries it ships to, plus its price band's (where its price sits among the products of
  its own category, in ``PRICE_BANDS`` quantile bands; one more row: no price) -- tables of
  their own, not the propagated nodes;
- a shopper's content vector: the taste of the country it lives in (one more row: no country).

Training (``self.training``): each forward pass draws a share of products (``item_dropout``) and of
shoppers (``user_dropout``) whose ID-based propagated vectors are replaced by their content vectors,
wherever they appear in the loss (positives, negatives, the batch's shoppers); so the content path
learns to rank against the warm vectors it will compete with when served. Serving and evaluation
(``eval()``, and always in :meth:`embeddings`): no dropout; the gate is the degree in the adjacency
given: a product or shopper with no interaction edge there is served its content vector, every
other row its propagated one.
"""

from __future__ import annotations

import torch
from torch import nn

from gnn.data import Knowledge
from gnn.kg_model import KnowledgeGraphRecommender
from gnn.shop_graph import ShopGraph


PRICE_BANDS = 4


def price_bands(graph: ShopGraph, bands: int = PRICE_BANDS) -> torch.Tensor:
    """``[num_products]`` band ``0..bands-1`` of each price within its category; ``bands``: none.

    The band is the price's rank among the priced products sharing the product's category (the
    lowest-indexed one if it has several; those with none form one group), so a cheap watch and a cheap car
    share a band: shoppers keep to a price band across the kinds they buy.
    """
    num_items = graph.data["product"].num_nodes
    store = graph.data["product"]
    price = store.price if "price" in store else torch.full((num_items,), float("nan"))
    in_category = graph.data["product", "in_category", "category"].edge_index
    none = graph.data["category"].num_nodes  # stands for "no category": one group of its own
    category = torch.full((num_items,), none, dtype=torch.long).scatter_reduce(
        0, in_category[0], in_category[1], reduce="amin")
    band = torch.full((num_items,), bands, dtype=torch.long)
    priced = ~torch.isnan(price)
    for group in torch.unique(category[priced]).tolist():
        members = torch.nonzero(priced & (category == group)).squeeze(1)
        order = torch.argsort(price[members], stable=True)
        rank = torch.empty_like(order)
        rank[order] = torch.arange(len(order))
        band[members] = (rank * bands) // len(members)
    return band


def mean_incidence(rows: torch.Tensor, cols: torch.Tensor, num_rows: int, num_cols: int
                   ) -> torch.Tensor:
    """Sparse COO ``[num_rows, num_cols]`` whose row ``r`` averages the columns linked to ``r``."""
    counts = torch.bincount(rows, minlength=num_rows).clamp(min=1).float()
    return torch.sparse_coo_tensor(torch.stack([rows, cols]), 1.0 / counts[rows],
                                   (num_rows, max(num_cols, 1)), check_invariants=False).coalesce()


class ContentGatedKGRecommender(KnowledgeGraphRecommender):
    """KG LightGCN for warm rows, a content vector (trained by ID dropout) for cold ones.

    Args:
        graph: the shop's ``HeteroData`` and id maps.
        knowledge: brands and category paths of the products.
        dim: embedding dimension.
        layers: propagation steps.
        relations: catalog relations in the propagation graph (keys of ``gnn.kg_model.RELATIONS``).
        item_dropout: share of products represented by content only in each training step.
        user_dropout: share of shoppers represented by their country only in each training step.
    """

    model_name = "kg_content"
    item_category: torch.Tensor  # buffer of GraphRecommender: COO product x category means
    item_ships: torch.Tensor  # buffers: content inputs
    item_band: torch.Tensor
    shopper_country: torch.Tensor

    def __init__(self, graph: ShopGraph, knowledge: Knowledge, dim: int = 64, layers: int = 2,
                 relations: tuple[str, ...] = ("lives_in", "ships_to"),
                 item_dropout: float = 0.2, user_dropout: float = 0.2) -> None:
        super().__init__(graph, knowledge, dim, layers, relations)
        self.item_dropout, self.user_dropout = item_dropout, user_dropout
        countries = max(self.num_countries, 1)
        self.content_brand = nn.Embedding(knowledge.num_brands + 1, dim)
        self.content_category = nn.Embedding(max(knowledge.num_categories, 1), dim)
        self.content_country = nn.Embedding(countries, dim)
        self.content_band = nn.Embedding(PRICE_BANDS + 1, dim)  # last row: no price
        self.country_taste = nn.Embedding(countries + 1, dim)  # last row: country unknown
        for table in (self.content_brand, self.content_category, self.content_country,
                      self.content_band, self.country_taste):
            nn.init.normal_(table.weight, std=0.1)
        ships = graph.data["product", "ships_to", "country"].edge_index
        self.register_buffer("item_ships", mean_incidence(ships[0], ships[1], self.num_items,
                                                          countries), persistent=False)
        self.register_buffer("item_band", price_bands(graph), persistent=False)
        lives = graph.data["shopper", "lives_in", "country"].edge_index
        country = torch.full((self.num_users,), countries, dtype=torch.long)
        country[lives[0]] = lives[1]
        self.register_buffer("shopper_country", country, persistent=False)

    def item_content(self) -> torch.Tensor:
        """``[num_items, dim]``: each product from its brand, category path, ships-to and price,
        and its picture when the model was built with one (``BORDERLESS_GNN_IMAGES``): a new
        product's only own signal besides its catalog facts."""
        content = (self.content_brand(self.item_brand)
                   + self.item_category @ self.content_category.weight
                   + self.item_ships @ self.content_country.weight
                   + self.content_band(self.item_band))
        if hasattr(self, "image_projection"):
            content = content + self.image_projection(self.item_image)
        return content

    def trained_tastes(self, warm_user: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``(taste rows, which rows learned anything)`` given the ``[num_users]`` warm mask.

        A country's taste trains only through its shoppers with history; a country none of whose
        shoppers has any gets the mean of the trained tastes instead of its random start.
        """
        tastes = self.country_taste.weight
        trained = torch.zeros(tastes.size(0), dtype=torch.bool, device=tastes.device)
        trained[self.shopper_country[warm_user]] = True
        if not bool(trained.any()):
            return tastes, trained
        everywhere = tastes[trained].mean(0, keepdim=True)
        return torch.where(trained.unsqueeze(1), tastes, everywhere), trained

    def shopper_content(self, warm_user: torch.Tensor | None = None) -> torch.Tensor:
        """``[num_users, dim]``: each shopper's country taste (the shared row if unknown).

        Args:
            warm_user: ``[num_users]`` shoppers with history; given, a country none of them
                lives in is served the mean of the trained tastes.
        """
        if warm_user is None:
            return self.country_taste(self.shopper_country)
        return self.trained_tastes(warm_user)[0][self.shopper_country]

    def warm_rows(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``(shoppers, products)`` masks: has at least one interaction edge in ``adj``."""
        crow, col = adj.crow_indices(), adj.col_indices()
        row = torch.repeat_interleave(torch.arange(self.num_nodes, device=col.device), crow.diff())
        users, items = self.num_users, self.num_users + self.num_items
        shopper_side = (row < users) & (col >= users) & (col < items)
        product_side = (row >= users) & (row < items) & (col < users)
        warm_user = torch.zeros(users, dtype=torch.bool, device=col.device)
        warm_item = torch.zeros(self.num_items, dtype=torch.bool, device=col.device)
        warm_user[row[shopper_side]] = True
        warm_item[row[product_side] - users] = True
        return warm_user, warm_item

    def forward(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Gated ``(users, items)``; in training mode some rows dropped to content at random."""
        users, items = super().forward(adj)
        warm_user, warm_item = self.warm_rows(adj)
        cold_users = self.shopper_content(warm_user)
        if self.training:
            # Drawn from torch's global generator, so a seeded run draws the same rows again.
            warm_user = warm_user & (torch.rand(self.num_users, device=users.device)
                                     >= self.user_dropout)
            warm_item = warm_item & (torch.rand(self.num_items, device=items.device)
                                     >= self.item_dropout)
        users = torch.where(warm_user.unsqueeze(1), users, cold_users)
        items = torch.where(warm_item.unsqueeze(1), items, self.item_content())
        return users, items

    @torch.no_grad()
    def embeddings(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Unit-length served vectors: the gate only, never dropout (even in training mode)."""
        was_training = self.training
        self.eval()
        try:
            return super().embeddings(adj)
        finally:
            self.train(was_training)

    @torch.no_grad()
    def country_tastes(self, countries: list[str], train: torch.Tensor
                       ) -> dict[str, list[float]]:
        """``{country code or '*': unit taste}``: what a shopper with no history is served.

        Only countries where a shopper with history (in ``train``) lives have a taste that
        learned anything; ``'*'``, for the others and for shoppers of no known country, is the
        mean of those.

        Args:
            countries: the country codes of the graph's country indexes.
            train: ``[2, E]`` edges the model learned (row 0 shoppers).
        """
        warm_user = torch.zeros(self.num_users, dtype=torch.bool,
                                device=self.shopper_country.device)
        warm_user[train[0].to(warm_user.device)] = True
        rows, trained = self.trained_tastes(warm_user)
        if not bool(trained.any()):
            return {}
        unit = nn.functional.normalize(rows.float(), dim=1).cpu()
        tastes = {code: unit[index].tolist() for index, code in enumerate(countries)
                  if bool(trained[index])}
        everywhere = nn.functional.normalize(rows[trained].float().mean(0), dim=0).cpu()
        tastes["*"] = everywhere.tolist()
        return tastes
