"""Recommendations and similar products from the active model version (the gnn's named queries).

The model's queries rank; this module keeps only what can be sent to the shopper's country, in
the model's order. A shop with no trained model answers ``NO_ACTIVE_MODEL``, not an empty list.
Each shop (id prefix) has its own active version. The ranking statements read that version and
use only vectors tagged with it, and return its id with every row: the ``modelVersion`` an answer
names is the one its ranking came from, even when a new version is activated between two reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from api import errors
from api.context import RequestContext
from api.records import ShopperRecord
from api.serving import Serving, serving_for
from borderless.errors import ApiError

# How many candidates to ask the model for per wanted item when some will be filtered out.
OVERSAMPLE = 4


@dataclass(frozen=True)
class ModelVersionRecord:
    id: str
    created_at: Any
    metrics: dict[str, Any] | None


@dataclass(frozen=True)
class Scored:
    product_id: str
    score: float
    explanation: Any = None
    reason: dict[str, Any] | None = None  # the ranking's reason as data (api.explain words it)


async def active_model(ctx: RequestContext, node_id: str) -> ModelVersionRecord:
    """The active model version of the shop that shopper or product ``node_id`` belongs to.

    Raises:
        ApiError: NO_ACTIVE_MODEL when none is active.
    """
    rows = await ctx.graph.read("queries/active_model_for_id", id=node_id)
    row = rows[0] if rows else {}
    return _model(row.get("id"), row.get("created_at"), row.get("metrics"))


async def shopper_and_model(
    ctx: RequestContext, shopper_id: str, unit: str | None = None,
) -> tuple[ShopperRecord | None, ModelVersionRecord | None, Serving]:
    """The shopper (None if unknown), the active model version and how to serve them, in one
    round trip.

    Args:
        unit: who an experiment assigns (a session id); the shopper id when None.

    Raises:
        ApiError: NO_ACTIVE_MODEL when none is active and the serving strategy needs a model.
    """
    row = (await ctx.graph.read("queries/api_shopper_and_model", shopper_id=shopper_id))[0]
    serving = serving_for(row, unit or shopper_id)
    model = None
    if row["model_id"] is not None or serving.strategy == "model":
        model = _model(row["model_id"], row["model_created_at"], row["model_metrics"])
    if row["id"] is None:
        return None, model, serving
    shopper = ShopperRecord(row["id"], row["country"], row["language"], row["currency"])
    return shopper, model, serving


def _model(model_id: Any, created_at: Any, metrics: Any) -> ModelVersionRecord:
    if model_id is None:
        raise ApiError(errors.NO_ACTIVE_MODEL,
                       "no model version is active yet; train one with `borderless train`")
    return ModelVersionRecord(str(model_id), _native(created_at), _metrics(metrics))


async def for_shopper(
    ctx: RequestContext, shopper_id: str, first: int, ship_to: str | None,
) -> tuple[ModelVersionRecord | None, list[Scored]]:
    """The shopper's top ``first`` products, kept to those that can be sent to ``ship_to``.

    The model's query ranks only products shipping to the shopper's home country; ``ship_to``
    (another country) filters those further, so more candidates are asked for.

    Returns:
        The model version the ranking came from (``None`` when nothing was ranked) and the items.
    """
    k = first * OVERSAMPLE if ship_to else first
    rows = await ctx.graph.read("manager/recommendations_for_shopper", shopper_id=shopper_id, k=k)
    ranked = [Scored(r["product_id"], float(r["score"]), r.get("explanation"), r.get("reason"))
              for r in rows]
    return _ranked_by(rows), (await _shippable(ctx, ranked, ship_to))[:first]


async def similar_to(
    ctx: RequestContext, product_id: str, first: int,
) -> tuple[ModelVersionRecord | None, list[Scored]]:
    """Products closest to ``product_id``, and the version they came from (``None`` if none)."""
    rows = await ctx.graph.read("manager/similar_products", product_id=product_id, k=first)
    return _ranked_by(rows), [Scored(r["product_id"], float(r["score"]), reason=r.get("reason"))
                              for r in rows][:first]


# The statements of strategies that rank without a model (experiments.definition.STRATEGIES).
MODEL_FREE = {"popularity": "queries/recommend_popularity",
              "cold_start": "queries/recommend_cold_start"}


async def by_strategy(
    ctx: RequestContext, strategy: str, shopper_id: str, first: int, ship_to: str | None,
) -> tuple[ModelVersionRecord | None, list[Scored]]:
    """The shopper's top ``first`` products by ``strategy`` (``model`` or a model-free one).

    Returns:
        The model version the ranking came from (``None`` for model-free strategies or when
        nothing was ranked) and the items.
    """
    if strategy not in MODEL_FREE:
        return await for_shopper(ctx, shopper_id, first, ship_to)
    k = first * OVERSAMPLE if ship_to else first
    rows = await ctx.graph.read(MODEL_FREE[strategy], shopper_id=shopper_id, k=k)
    ranked = [Scored(r["product_id"], float(r["score"]), r.get("explanation")) for r in rows]
    return None, (await _shippable(ctx, ranked, ship_to))[:first]


def _ranked_by(rows: list[dict[str, Any]]) -> ModelVersionRecord | None:
    """The model version a ranking statement's rows name (every row names the same one)."""
    if not rows:
        return None
    return _model(rows[0]["model_id"], rows[0]["model_created_at"], rows[0]["model_metrics"])


async def _shippable(ctx: RequestContext, ranked: list[Scored], ship_to: str | None) -> list[Scored]:
    if not ship_to or not ranked:
        return ranked
    rows = await ctx.graph.read("queries/api_products_shipping_to",
                                ids=[s.product_id for s in ranked], country=ship_to)
    ok = {r["id"] for r in rows}
    return [s for s in ranked if s.product_id in ok]


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _metrics(value: Any) -> dict[str, Any] | None:
    # The model stores its metrics as a JSON string (Neo4j properties cannot be maps).
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return {"raw": value}
        return parsed if isinstance(parsed, dict) else {"value": parsed}
    return value if isinstance(value, dict) else None
