"""Our graph model: LightGCN propagation (PyG ``LGConv``) over base embeddings with catalog knowledge.

A product's base vector is its own learned vector plus, when the catalog is known, its brand's
vector and the mean of its category's and ancestors' vectors. The product's own vector starts at
zero and is weight-decayed, so a product nobody has touched yet is described by its brand and
category alone: it lands next to its siblings and can be recommended (cold start), which a purely
collaborative model cannot do. Scores are cosine similarities of the propagated vectors.

When the knowledge carries look features (``BORDERLESS_GNN_IMAGES``), the base also adds a
learned linear projection of the product's main-picture vector (1280 -> dim, no bias, so a
product without a picture gets nothing from it). The projection starts at zero, like the own
vectors, and learns from warm products which looks go together, so a new product with a picture
starts near products that look like it.
"""

from __future__ import annotations

import torch
from torch import nn

from borderless.errors import ModelError
from gnn.data import Knowledge
from gnn.lgconv import LightGCNPropagation
from gnn.propagation import normalized_adjacency


class GraphRecommender(nn.Module):
    """LightGCN-style propagation; knowledge-aware when given a :class:`Knowledge`.

    Args:
        num_users: shoppers (rows ``0..num_users-1``).
        num_items: products.
        dim: embedding dimension.
        layers: propagation steps.
        knowledge: brands and categories of the items, or ``None`` for a purely collaborative model.
    """

    # The name recorded on the ModelVersion node (BORDERLESS_GNN_MODEL's values).
    model_name = "knowledge_aware"

    def __init__(self, num_users: int, num_items: int, dim: int = 64, layers: int = 2,
                 knowledge: Knowledge | None = None) -> None:
        super().__init__()
        self.num_users, self.num_items, self.layers = num_users, num_items, layers
        self.propagation = LightGCNPropagation(layers)  # PyG LGConv layers (no parameters)
        self.user = nn.Embedding(num_users, dim)
        self.item = nn.Embedding(num_items, dim)
        nn.init.normal_(self.user.weight, std=0.1)
        self.knowledge = knowledge is not None
        self.image_model: str | None = None  # set when the base has a look input
        if knowledge is None:
            self.model_name = "lightgcn"
            nn.init.normal_(self.item.weight, std=0.1)
            return
        nn.init.zeros_(self.item.weight)
        self.brand = nn.Embedding(knowledge.num_brands + 1, dim)  # last row: no brand
        self.category = nn.Embedding(max(knowledge.num_categories, 1), dim)
        nn.init.normal_(self.brand.weight, std=0.1)
        nn.init.normal_(self.category.weight, std=0.1)
        brand = knowledge.item_brand.clone()
        brand[brand < 0] = knowledge.num_brands
        self.register_buffer("item_brand", brand, persistent=False)
        # Row-normalised item x category incidence: a product's category signal is the mean.
        counts = torch.bincount(knowledge.category_items, minlength=num_items).clamp(min=1).float()
        values = 1.0 / counts[knowledge.category_items]
        incidence = torch.sparse_coo_tensor(
            torch.stack([knowledge.category_items, knowledge.category_ids]), values,
            (num_items, max(knowledge.num_categories, 1)), check_invariants=False).coalesce()
        self.register_buffer("item_category", incidence, persistent=False)  # COO: autograd-safe
        if knowledge.item_image is not None:
            self.image_model = knowledge.image_model
            if knowledge.item_image.size(0) != num_items:
                raise ModelError(f"{knowledge.item_image.size(0)} look rows for {num_items} items")
            self.image_projection = nn.Linear(knowledge.item_image.size(1), dim, bias=False)
            nn.init.zeros_(self.image_projection.weight)
            # Data, not a parameter: rebuilt from the graph each run, so not saved.
            self.register_buffer("item_image", knowledge.item_image.float(), persistent=False)

    def item_base(self, items: torch.Tensor | None = None) -> torch.Tensor:
        """Each item's vector before propagation (own + brand + categories [+ look]).

        Args:
            items: only these items' rows, in this order (a mini-batch's products: the whole
                table would cost a full-size copy and gradient at every step); ``None``: all.
        """
        if items is None:
            base = self.item.weight
            if self.knowledge:
                base = (base + self.brand(self.item_brand)
                        + self.item_category @ self.category.weight)
            if hasattr(self, "image_projection"):
                base = base + self.image_projection(self.item_image)
            return base
        base = self.item(items)
        if self.knowledge:
            base = (base + self.brand(self.item_brand[items])
                    + self.item_category.index_select(0, items) @ self.category.weight)
        if hasattr(self, "image_projection"):
            base = base + self.image_projection(self.item_image[items])
        return base

    def node_base(self, nodes: torch.Tensor) -> torch.Tensor:
        """Base vectors of graph nodes ``nodes`` (shoppers ``0..U-1``, then products)."""
        shopper = nodes < self.num_users
        x = self.user.weight.new_empty(nodes.numel(), self.user.embedding_dim)
        x = x.index_put((torch.nonzero(shopper).squeeze(1),), self.user(nodes[shopper]))
        return x.index_put((torch.nonzero(~shopper).squeeze(1),),
                           self.item_base(nodes[~shopper] - self.num_users))

    def adjacency(self, train: torch.Tensor) -> torch.Tensor:
        """The normalised graph this model propagates over, built from ``[2, E]`` training edges."""
        return normalized_adjacency(train, self.num_users, self.num_items)

    def forward(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Propagated ``(users, items)`` vectors over the normalised adjacency ``adj``."""
        x = torch.cat([self.user.weight, self.item_base()])
        out = self.propagation(x, adj)
        return out[: self.num_users], out[self.num_users:]

    @torch.no_grad()
    def embeddings(self, adj: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Unit-length ``(users, items)`` vectors: their dot product is the model's score."""
        users, items = self.forward(adj)
        return nn.functional.normalize(users, dim=1), nn.functional.normalize(items, dim=1)
