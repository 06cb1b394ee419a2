"""Products' main-picture look vectors as one more input of the recommender (cold start by look).

``borderless load image-index`` copies each product's main picture's EfficientNet vector to
``Product.image_embedding`` with the model that made it (``image_model``). This module reads those
vectors in keyset pages, aligned with the shop graph's product indexes (a product without a
picture gets a zero row), and turns them into the features the model projects: vectors of one
image model only (a shop half re-embedded with another model would mix two spaces), unit
length, centred on the shop's mean look and made unit length again. EfficientNet's pooled
features are non-negative, so any two pictures have a cosine of 0.3 or more; centring removes
that shared part, leaving what tells one look from another.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

import torch
from neo4j import Driver

from borderless.errors import ModelError
from borderless.settings import Settings
from gnn.data import IdMap
from gnn.paging import pages

log = logging.getLogger(__name__)


@dataclass
class ProductImages:
    """Raw look vectors by product index: ``vectors[i]`` is product ``i``'s, zero without one."""

    vectors: torch.Tensor  # [num_products, image_dim] float32
    has_image: torch.Tensor  # [num_products] bool
    image_model: str | None  # the one model whose vectors are kept (None: no product has one)


def read_product_images(driver: Driver, settings: Settings, products: IdMap, id_prefix: str = "",
                        progress: bool = False) -> ProductImages:
    """Every product's main-picture vector, row ``i`` for ``products.ids[i]``.

    Products outside ``products`` (another shop's) are skipped. When vectors of several image
    models are present, the model most products have wins and the others count as no picture
    (logged), since their spaces do not compare.

    Raises:
        ModelError: two stored vectors of the kept model differ in length.
    """
    found: dict[int, tuple[list[float], str]] = {}
    for row in pages(driver, settings, "queries/gnn_product_images_page", "id", "", progress,
                     prefix=id_prefix):
        index = products.index.get(row["id"])
        if index is not None and row["vector"]:
            found[index] = (row["vector"], row["image_model"] or "")
    models = Counter(model for _, model in found.values())
    if not models:
        return ProductImages(torch.zeros(len(products), 0), torch.zeros(len(products), dtype=torch.bool),
                             None)
    image_model = models.most_common(1)[0][0]
    if len(models) > 1:
        log.warning("product pictures embedded by %d image models %s; only %s's are used "
                    "(re-run `borderless load image-index --all` to embed all with one)",
                    len(models), dict(models), image_model)
    kept = {i: vector for i, (vector, model) in found.items() if model == image_model}
    dims = {len(vector) for vector in kept.values()}
    if len(dims) != 1:
        raise ModelError(f"product image vectors of model {image_model!r} have lengths "
                         f"{sorted(dims)}; re-run `borderless load image-index --all`")
    vectors = torch.zeros(len(products), dims.pop())
    rows = torch.tensor(sorted(kept), dtype=torch.long)
    vectors[rows] = torch.tensor([kept[i] for i in rows.tolist()], dtype=torch.float32)
    has_image = torch.zeros(len(products), dtype=torch.bool)
    has_image[rows] = True
    return ProductImages(vectors, has_image, image_model)


def image_features(vectors: torch.Tensor, has_image: torch.Tensor) -> torch.Tensor:
    """Unit-length, centred look features; rows without a picture stay zero (see module doc)."""
    features = torch.zeros_like(vectors, dtype=torch.float32)
    if not bool(has_image.any()):
        return features
    unit = torch.nn.functional.normalize(vectors[has_image].float(), dim=1)
    centred = unit - unit.mean(0, keepdim=True)
    features[has_image] = torch.nn.functional.normalize(centred, dim=1)
    return features
