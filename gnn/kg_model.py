"""The knowledge-graph recommender: LightGCN (PyG ``LGConv``) over the shop's heterogeneous graph.

Where :class:`gnn.model.GraphRecommender` propagates over shopper-product edges only, this model
propagates over the ``HeteroData`` of :mod:`gnn.shop_graph` made homogeneous: shoppers, products,
brands, categories and countries are nodes of one graph whose edges are the training interactions
plus the chosen catalog relations (``OF_BRAND``, ``IN_CATEGORY``, ``SUBCATEGORY_OF``, ``SHIPS_TO``,
``LIVES_IN``), every one symmetric and ``D^-1/2 A D^-1/2``-normalised. Products keep today's base
(own vector, zero at start, plus brand and category path), so a new product starts where its
brand and category put it; shoppers' own vectors also start at zero, so a shopper with no history
is described by the country it lives in, i.e. by what shoppers there interact with (cold start
for shoppers, which a purely shopper-product graph cannot give).
"""

from __future__ import annotations

import logging
import warnings

import torch
from torch import nn

from gnn.data import Knowledge
from gnn.model import GraphRecommender
from gnn.shop_graph import ShopGraph

log = logging.getLogger(__name__)

NODE_TYPES = ("shopper", "product", "brand", "category", "country")
RELATIONS = {
    "of_brand": ("product", "of_brand", "brand"),
    "in_category": ("product", "in_category", "category"),
    "subcategory_of": ("category", "subcategory_of", "category"),
    "ships_to": ("product", "ships_to", "country"),
    "lives_in": ("shopper", "lives_in", "country"),
}


def symmetric_adjacency(src: torch.Tensor, dst: torch.Tensor, num_nodes: int) -> torch.Tensor:
    """The sparse CSR ``D^-1/2 A D^-1/2`` of the undirected graph with edges ``src``-``dst``."""
    pairs = torch.cat([torch.stack([src, dst]), torch.stack([dst, src])], 1)
    pairs = torch.unique(pairs[:, pairs[0] != pairs[1]], dim=1)  # one entry per pair, no loops
    degree = torch.bincount(pairs[0], minlength=num_nodes).float()
    inv_sqrt = degree.pow(-0.5)
    inv_sqrt[torch.isinf(inv_sqrt)] = 0.0
    values = inv_sqrt[pairs[0]] * inv_sqrt[pairs[1]]
    adj = torch.sparse_coo_tensor(pairs, values, (num_nodes, num_nodes),
                                  check_invariants=False).coalesce()
    with warnings.catch_warnings():  # "CSR support is in beta": the products we use are stable
        warnings.simplefilter("ignore", UserWarning)
        return adj.to_sparse_csr()


class KnowledgeGraphRecommender(GraphRecommender):
    """LightGCN over interactions plus catalog relations; same interface as its parent.

    Args:
        graph: the shop's ``HeteroData`` and id maps (the relations and node counts come from it).
        knowledge: brands and category paths of the products (the product base vectors).
        dim: embedding dimension.
        layers: propagation steps.
        relations: which catalog relations join the propagation graph (keys of ``RELATIONS``).
    """

    model_name = "kg_lightgcn"
    catalog_src: torch.Tensor  # buffers: catalog edges in the homogeneous node space
    catalog_dst: torch.Tensor

    def __init__(self, graph: ShopGraph, knowledge: Knowledge, dim: int = 64, layers: int = 2,
                 relations: tuple[str, ...] = ("lives_in", "ships_to")) -> None:
        super().__init__(len(graph.ids["shopper"]), len(graph.ids["product"]), dim, layers,
                         knowledge)
        nn.init.zeros_(self.user.weight)
        self.num_countries = len(graph.ids["country"])
        self.country = nn.Embedding(max(self.num_countries, 1), dim)
        nn.init.normal_(self.country.weight, std=0.1)
        self.relations = tuple(relations)
        # Node offsets in the homogeneous graph: shoppers, products, brands, categories, countries.
        sizes = [self.num_users, self.num_items, knowledge.num_brands + 1,
                 max(knowledge.num_categories, 1), max(self.num_countries, 1)]
        self.offsets = dict(zip(NODE_TYPES, torch.cumsum(torch.tensor([0, *sizes]), 0).tolist(), strict=False))
        self.num_nodes = sum(sizes)
        src, dst = [], []
        for name in self.relations:
            source, _, target = RELATIONS[name]
            edge_index = graph.data[RELATIONS[name]].edge_index
            src.append(edge_index[0] + self.offsets[source])
            dst.append(edge_index[1] + self.offsets[target])
        self.register_buffer("catalog_src", torch.cat(src) if src else torch.zeros(0, dtype=torch.long),
                             persistent=False)
        self.register_buffer("catalog_dst", torch.cat(dst) if dst else torch.zeros(0, dtype=torch.long),
                             persistent=False)

    def adjacency(self, train: torch.Tensor) -> torch.Tensor:
        """The normalised graph of ``train`` interactions plus the catalog relations."""
        src = torch.cat([train[0].to(self.catalog_src.device), self.catalog_src])
        dst = torch.cat([train[1].to(self.catalog_src.device) + self.num_users, self.catalog_dst])
        return symmetric_adjacency(src, dst, self.num_nodes)

    def forward(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Propagated ``(users, items)`` vectors over the knowledge graph ``adj``."""
        x = torch.cat([self.user.weight, self.item_base(), self.brand.weight,
                       self.category.weight, self.country.weight])
        out = self.propagation(x, adj)
        return out[: self.num_users], out[self.num_users: self.num_users + self.num_items]


def build_recommender(kind: str, num_users: int, num_items: int, dim: int, layers: int,
                      knowledge: Knowledge, graph: ShopGraph | None,
                      minibatch: bool = False) -> GraphRecommender:
    """The shop model named by ``BORDERLESS_GNN_MODEL``.

    ``knowledge_aware``, ``kg_lightgcn`` or ``kg_content``; the last two need the ``HeteroData``
    (``graph``) and full-graph training, and without them (``graph`` ``None``, or ``minibatch``:
    the shop is trained in mini-batches, which only ``knowledge_aware`` supports) fall back to
    ``knowledge_aware`` rather than fail a refresh (the version records which model it got).
    """
    if kind != "knowledge_aware" and minibatch:
        log.warning("%s trains full-graph only and this shop needs mini-batches: training "
                    "knowledge_aware instead", kind)
        kind = "knowledge_aware"
    if kind == "kg_content" and graph is not None:
        from gnn.kg_content import ContentGatedKGRecommender  # it builds on this module

        return ContentGatedKGRecommender(graph, knowledge, dim, layers)
    if kind == "kg_lightgcn" and graph is not None:
        return KnowledgeGraphRecommender(graph, knowledge, dim, layers)
    return GraphRecommender(num_users, num_items, dim, layers, knowledge)
