"""Saving a version's parameters with its id maps, and starting a new model from them.

Fine-tuning from the active version needs rows matched by *graph id*, not index: shoppers and
products come and go between snapshots, so every embedding table is copied row by row for the ids
both snapshots share; new ids keep their fresh initialisation. The look projection
(``image_projection``, see :mod:`gnn.model`) has no rows per id: it carries over whole, and only
when the saved one was learned on vectors of the same image model and size. The knowledge-graph
models' country rows and ``kg_content``'s content tables (brand, category, country, country taste)
are matched by id the same way; its price-band table, which has no ids, carries over whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from gnn.checkpoint import load_checkpoint, save_checkpoint
from gnn.data import IdMap, Knowledge
from gnn.model import GraphRecommender


# Tables whose rows stand for the ids of another table's kind (``kg_content``'s content path).
_ROWS_OF = {"user": "user", "item": "item", "brand": "brand", "category": "category",
            "country": "country", "content_brand": "brand", "content_category": "category",
            "content_country": "country", "country_taste": "country"}
_WHOLE = ("content_band",)  # fixed rows (price bands), no ids


def save_version(path: Path, model: GraphRecommender, users: IdMap, items: IdMap,
                 knowledge: Knowledge | None, countries: IdMap | None = None) -> None:
    """Write the model's parameters and the ids its rows stand for (``countries``: the KG models')."""
    save_checkpoint(path, {
        "model": {k: v.detach().cpu() for k, v in model.state_dict().items()},
        "ids": {"user": users.ids, "item": items.ids,
                "brand": knowledge.brands.ids if knowledge and knowledge.brands else [],
                "category": knowledge.categories.ids if knowledge and knowledge.categories else [],
                "country": countries.ids if countries is not None else []},
        "image_model": model.image_model or "",
    })


def warm_start(model: GraphRecommender, path: Path, users: IdMap, items: IdMap,
               knowledge: Knowledge | None, countries: IdMap | None = None) -> int:
    """Copy rows of ``path``'s tables into ``model`` for shared ids; return rows copied (0: none).

    The look projection, when both have one of the same image model and shape, is copied too
    (counted as its ``dim`` rows).
    """
    state = load_checkpoint(path)
    if state is None:
        return 0
    new_ids = {"user": users.ids, "item": items.ids,
               "brand": knowledge.brands.ids if knowledge and knowledge.brands else [],
               "category": knowledge.categories.ids if knowledge and knowledge.categories else [],
               "country": countries.ids if countries is not None else []}
    copied = 0
    with torch.no_grad():
        for table, kind in _ROWS_OF.items():
            ids = new_ids[kind]
            key = f"{table}.weight"
            old = state["model"].get(key)
            if old is None or not hasattr(model, table):
                continue
            target = getattr(model, table).weight
            if old.size(1) != target.size(1):
                continue  # another dimension: nothing transfers
            old_index = {node_id: i for i, node_id in enumerate(state["ids"].get(kind, []))}
            pairs = [(i, old_index[node_id]) for i, node_id in enumerate(ids) if node_id in old_index]
            if pairs:
                new_rows, old_rows = map(torch.tensor, zip(*pairs, strict=True))
                target[new_rows] = old[old_rows].to(target.device)
                copied += len(pairs)
        for table in _WHOLE:
            old = state["model"].get(f"{table}.weight")
            if old is not None and hasattr(model, table) and old.shape == getattr(model, table).weight.shape:
                getattr(model, table).weight.copy_(old.to(getattr(model, table).weight.device))
                copied += int(old.size(0))
        copied += _copy_image_projection(model, state)
    return copied


def _copy_image_projection(model: GraphRecommender, state: dict[str, Any]) -> int:
    """Copy the saved look projection into ``model`` if it fits; the rows copied (0: none)."""
    saved = state["model"].get("image_projection.weight")
    projection = getattr(model, "image_projection", None)
    if saved is None or projection is None or saved.shape != projection.weight.shape:
        return 0
    if state.get("image_model", "") != model.image_model:
        return 0  # another image model's space: its projection means nothing here
    projection.weight.copy_(saved.to(projection.weight.device))
    return int(saved.size(0))
