"""Which strategy serves a request, and the ServedList each answer leaves in the graph.

``recommendations`` follow the experiment in force on the surface (read with the shopper, in
the same round trip): while one runs, the shopper (or session) is assigned a variant by
GrowthBook's hash (``experiments.assign``) and served by its strategy; after ``promote``, the
winner's strategy serves everyone; otherwise the active model does.

Every answer of ``recommendations``, ``similarProducts`` and ``search`` is written as one
``ServedList`` node (one CREATE per answer, never a relationship per item; the shared contract
of issue 12), whose id the answer carries as ``servedListId``; events that cite it are
attributed to its strategy, model version and variant.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from api.context import RequestContext
from experiments.assign import assign
from experiments.definition import DEFAULT_STRATEGY, ExperimentError, stored_variants

SURFACES = ("recommendations", "similarProducts", "search")


@dataclass(frozen=True)
class Serving:
    """How one answer is chosen: the strategy, and the experiment and variant (None if none)."""

    strategy: str
    experiment: str | None = None
    variant: str | None = None
    model_version: str | None = None


DEFAULT = Serving(DEFAULT_STRATEGY)


def serving_for(row: dict[str, Any], unit: str) -> Serving:
    """The serving of ``unit`` under the experiment columns of ``queries/api_shopper_and_model``."""
    key, status = row.get("experiment"), row.get("experiment_status")
    if key is None:
        return DEFAULT
    try:
        variants = stored_variants(row.get("experiment_variants"))
    except ExperimentError:
        # A stored experiment that no longer parses must not take recommendations down.
        return DEFAULT
    if status == "promoted":
        winner = next((v for v in variants if v.key == row.get("experiment_winner")), None)
        return Serving(winner.strategy, model_version=winner.model_version) if winner else DEFAULT
    if not variants:
        return DEFAULT
    variant = assign(str(key), variants, unit)
    return Serving(variant.strategy, str(key), variant.key, variant.model_version)


def new_list_id() -> str:
    """A served-list id: random, so nothing about the shopper can be read from it."""
    return "sl-" + uuid.uuid4().hex


async def record(
    ctx: RequestContext, *, surface: str, serving: Serving, model_version: str | None,
    unit: str | None, items: list[str],
) -> str:
    """Write the ServedList of one answer; returns its id.

    Args:
        model_version: the version whose vectors ranked the items (None: no model ranked them).
        unit: the shopper or session it was served to (None: anonymous).
        items: product ids in position order (position = index + 1).
    """
    list_id = new_list_id()
    await ctx.graph.write(
        "writes/served_list_create", id=list_id, surface=surface, strategy=serving.strategy,
        model_version=model_version, experiment=serving.experiment, variant=serving.variant,
        unit=unit, items=items,
    )
    ctx.metrics.served(surface, serving.strategy, serving.variant, len(items))
    return list_id
