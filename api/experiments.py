"""Experiments for staff through the API: the async twin of ``experiments.store`` (same named
statements, run through the request's ``GraphSession``), with failures as API error codes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from api import errors
from api.context import RequestContext
from borderless.errors import ApiError
from experiments.analysis import Analysis, GroupRates, analyse, attribution
from experiments.definition import Definition, ExperimentError
from experiments.store import Experiment, created


async def create(ctx: RequestContext, definition: Definition) -> Experiment:
    """Create and start ``definition``; INVALID_ARGUMENT says why it cannot be."""
    for variant in definition.variants:
        if variant.model_version and not await ctx.graph.read(
                "queries/experiment_model_version", id=variant.model_version):
            raise errors.not_found("model version", variant.model_version)
    rows = await ctx.graph.write(
        "writes/experiment_create", key=definition.key, surface=definition.surface,
        unit_type=definition.unit_type, variants=definition.variants_json())
    try:
        created(rows[0] if rows else None, definition)
    except ExperimentError as e:
        raise ApiError(errors.INVALID_ARGUMENT, str(e)) from e
    return await get(ctx, definition.key)


async def get(ctx: RequestContext, key: str) -> Experiment:
    """Experiment ``key``; NOT_FOUND when there is none."""
    rows = await ctx.graph.read("queries/experiment_by_key", key=key)
    if not rows:
        raise errors.not_found("experiment", key)
    return Experiment.of(rows[0])


async def every(ctx: RequestContext) -> list[Experiment]:
    return [Experiment.of(r) for r in await ctx.graph.read("queries/experiment_list")]


async def stop(ctx: RequestContext, key: str, winner: str | None = None) -> Experiment:
    """Stop ``key``; with ``winner``, promote that variant (NOT_FOUND if it has none such)."""
    experiment = await get(ctx, key)
    if winner is not None and winner not in {v.key for v in experiment.variants}:
        raise errors.not_found(f"variant of experiment {key!r}", winner)
    await ctx.graph.write("writes/experiment_stop", key=key, winner=winner)
    return await get(ctx, key)


async def outcomes(ctx: RequestContext, experiment: str | None, since: str | None,
                   until: str | None) -> list[dict[str, Any]]:
    return await ctx.graph.read("queries/served_list_outcomes", experiment=experiment,
                                since=since, until=until)


async def analysis(ctx: RequestContext, key: str) -> tuple[Experiment, Analysis, list[dict[str, Any]]]:
    experiment = await get(ctx, key)
    rows = await outcomes(ctx, key, None, None)
    return experiment, analyse(key, experiment.variants, rows), rows


async def rates(ctx: RequestContext, experiment: str | None, since: str | None,
                until: str | None) -> list[GroupRates]:
    return attribution(await outcomes(ctx, experiment, since, until))


def rates_json(groups: list[GroupRates]) -> list[dict[str, Any]]:
    return [asdict(g) for g in groups]
