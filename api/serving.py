"""Which strategy serves a request, and the ServedList each answer leaves in the graph.

Each surface follows the experiment in force on it: ``recommendations`` read it with the shopper
(one round trip), ``search`` and ``similarProducts`` with one read of their own
(``queries/api_experiment_on_surface``). While one runs, the shopper (or session) is assigned a
variant by GrowthBook's hash (``experiments.assign``) and served by its strategy (a search
variant by its ranking weights); after ``promote``, the winner's strategy serves everyone;
otherwise the surface's default does (the active model; search's default weights).

Every answer of ``recommendations``, ``similarProducts`` and ``search`` is written as one
``ServedList`` node (one CREATE per answer, never a relationship per item; the shared contract
of issue 12), whose id the answer carries as ``servedListId``; events that cite it are
attributed to its strategy, model version and variant.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from api.auth import Role
from api.context import RequestContext
from experiments.assign import assign
from experiments.definition import (
    DEFAULT_STRATEGY, DEFAULT_STRATEGY_BY_SURFACE, ExperimentError, stored_variants,
)

SURFACES = ("recommendations", "similarProducts", "search")


@dataclass(frozen=True)
class Serving:
    """How one answer is chosen: the strategy, and the experiment and variant (None if none)."""

    strategy: str
    experiment: str | None = None
    variant: str | None = None
    model_version: str | None = None
    weights: dict[str, float] | None = None  # a search variant's ranking weights


DEFAULT = Serving(DEFAULT_STRATEGY)


def serving_for(row: dict[str, Any], unit: str | None,
                default: Serving = DEFAULT) -> Serving:
    """The serving of ``unit`` under the experiment columns of ``queries/api_shopper_and_model``
    (or ``queries/api_experiment_on_surface``); ``default`` where none is in force.

    A running experiment assigns only a known unit: with ``unit`` None (an anonymous caller
    without a session), the answer is the default and no variant is recorded.
    """
    key, status = row.get("experiment"), row.get("experiment_status")
    if key is None:
        return default
    try:
        variants = stored_variants(row.get("experiment_variants"))
    except ExperimentError:
        # A stored experiment that no longer parses must not take the surface down.
        return default
    if status == "promoted":
        winner = next((v for v in variants if v.key == row.get("experiment_winner")), None)
        return Serving(winner.strategy, model_version=winner.model_version,
                       weights=winner.weights) if winner else default
    if not variants or unit is None:
        return default
    variant = assign(str(key), variants, unit)
    return Serving(variant.strategy, str(key), variant.key, variant.model_version, variant.weights)


async def serving_on(ctx: RequestContext, surface: str, session: str | None) -> tuple[Serving, str | None]:
    """How ``search`` or ``similarProducts`` serves this caller, and the unit it is assigned as.

    The unit is the signed-in shopper for a shopper experiment, the session (``sessionId``
    argument, else the ``X-Session-Id`` header) for a session experiment; None without one.
    """
    default = Serving(DEFAULT_STRATEGY_BY_SURFACE[surface])
    shopper = ctx.principal.subject if ctx.principal.role is Role.SHOPPER else None
    rows = await ctx.graph.read("queries/api_experiment_on_surface", surface=surface)
    if not rows:
        return default, shopper
    session = session or ctx.session_header
    unit = session if rows[0].get("experiment_unit") == "session" else shopper
    return serving_for(rows[0], unit, default), unit


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
