"""Interaction sets as tensors, with the stable maps from graph ids to row indexes.

Everything the trainers and metrics need is an :class:`Interactions`: user and item counts, the
training and test edges as ``[2, E]`` index tensors (row 0 users, row 1 items) and, when the data
came from the graph, the external ids each index stands for. A :class:`Knowledge` adds the
product-brand and product-category facts the knowledge-aware model learns from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from borderless.errors import ModelError


@dataclass
class IdMap:
    """A stable, append-only map from external ids to dense indexes 0..n-1."""

    ids: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def add(self, external_id: str) -> int:
        """The index of ``external_id``, giving it the next free one if it is new."""
        found = self.index.get(external_id)
        if found is None:
            found = len(self.ids)
            self.index[external_id] = found
            self.ids.append(external_id)
        return found

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Interactions:
    """Who interacted with what, split into training and test edges."""

    num_users: int
    num_items: int
    train: torch.Tensor
    test: torch.Tensor
    users: IdMap | None = None
    items: IdMap | None = None

    def __post_init__(self) -> None:
        for name in ("train", "test"):
            edges = getattr(self, name)
            if edges.dim() != 2 or edges.size(0) != 2:
                raise ModelError(f"{name} edges must be a [2, E] tensor, got {tuple(edges.shape)}")
            if edges.numel() and (
                int(edges[0].max()) >= self.num_users or int(edges[1].max()) >= self.num_items
                or int(edges.min()) < 0
            ):
                raise ModelError(f"{name} edges refer to a user or item index out of range")

    def summary(self) -> dict[str, int]:
        """Sizes, as recorded on a model version."""
        return {"users": self.num_users, "items": self.num_items,
                "train_edges": int(self.train.size(1)), "test_edges": int(self.test.size(1))}


@dataclass
class Knowledge:
    """What the catalog knows about each item: its brand and its category with ancestors.

    ``item_brand[i]`` is the brand index of item ``i`` or -1. ``category_items`` / ``category_ids``
    are parallel: item ``category_items[k]`` belongs to category ``category_ids[k]`` (its own
    category and every ancestor, so sibling categories share their parent's signal).
    ``item_image`` (optional) is ``[num_items, image_dim]``: each item's look features
    (:func:`gnn.product_images.image_features`), a zero row for an item without a picture;
    ``image_model`` names the image model that made them.
    """

    num_brands: int
    num_categories: int
    item_brand: torch.Tensor
    category_items: torch.Tensor
    category_ids: torch.Tensor
    brands: IdMap | None = None
    categories: IdMap | None = None
    item_image: torch.Tensor | None = None
    image_model: str | None = None


def dedupe_edges(edges: torch.Tensor, num_items: int) -> torch.Tensor:
    """Drop repeated (user, item) pairs: a shopper who viewed a product twice is one edge."""
    if edges.numel() == 0:
        return edges
    keys = torch.unique(edges[0] * num_items + edges[1])
    return torch.stack([keys // num_items, keys % num_items])
