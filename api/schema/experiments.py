"""Staff (catalog managers and admins) run experiments through GraphQL: the same actions as
``borderless experiment``, and the attribution of served lists per strategy, model version,
experiment variant and time window.
"""

from __future__ import annotations

from typing import Annotated, Any

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from api import errors, experiments
from api.auth import Role
from api.schema.common import Info
from borderless.errors import ApiError
from experiments.definition import ExperimentError, parse_definition
from experiments.store import Experiment as StoredExperiment


@strawberry.type(description="One arm of an experiment: a traffic share served by a strategy.")
class ExperimentVariant:
    key: str = strawberry.field(description="The variant's key (the first is the control).")
    share: float = strawberry.field(description="Share of units assigned to it (0 to 1).")
    strategy: str = strawberry.field(description=(
        "model, popularity, cold_start (recommendations); search; graph, look, both "
        "(similarProducts)."))
    model_version: str | None = strawberry.field(
        description="The model version a `model` variant names, if any.")
    weights: JSON | None = strawberry.field(
        default=None, description="A search variant's ranking weights (shopper, popularity).")


@strawberry.type(description="An experiment: units assigned to variants by GrowthBook, each "
                             "variant a serving strategy.")
class Experiment:
    key: str = strawberry.field(description="The experiment's unique key.")
    surface: str = strawberry.field(
        description="What it varies: recommendations, search or similarProducts.")
    unit_type: str = strawberry.field(description="shopper or session.")
    status: str = strawberry.field(description="running, stopped or promoted.")
    start: str | None = strawberry.field(description="When it started (ISO 8601).")
    stop: str | None = strawberry.field(description="When it stopped, if it did (ISO 8601).")
    winner: str | None = strawberry.field(description="The promoted variant, if any.")
    variants: list[ExperimentVariant] = strawberry.field(description="Its variants, control first.")

    @classmethod
    def of(cls, e: StoredExperiment) -> Experiment:
        return cls(key=e.key, surface=e.surface, unit_type=e.unit_type, status=e.status,
                   start=e.start, stop=e.stop, winner=e.winner,
                   variants=[ExperimentVariant(key=v.key, share=v.share, strategy=v.strategy,
                                               model_version=v.model_version,
                                               weights=JSON(v.weights) if v.weights else None)
                             for v in e.variants])

    @strawberry.field(description="The analysis (same shape as `borderless experiment status "
                                  "KEY --json`'s `analysis`): units per variant, sample-ratio "
                                  "check, and per metric lift with its interval, chance to win, "
                                  "frequentist and sequential p-values.")
    async def analysis(self, info: Info) -> JSON:
        _, result, _ = await experiments.analysis(info.context, self.key)
        return JSON(result.as_dict())


@strawberry.input(description="One variant of a new experiment.")
class VariantInput:
    key: str = strawberry.field(description="The variant's key; the first is the control.")
    share: float = strawberry.field(description="Share of units (0 to 1; shares sum to 1).")
    strategy: str = strawberry.field(description=(
        "recommendations: model, popularity or cold_start; search: search; similarProducts: "
        "graph, look or both."))
    model_version: str | None = strawberry.field(
        default=None, description="For a `model` variant: the model version it names.")
    shopper_weight: float | None = strawberry.field(default=None, description=(
        "search: the weight of the shopper's taste in the ranking (0 to 1; default the shop's)."))
    popularity_weight: float | None = strawberry.field(default=None, description=(
        "search: the weight of popularity in the ranking (0 to 1; default 0); text relevance "
        "gets what the two leave."))

    def fields(self) -> dict[str, Any]:
        """The variant as ``experiments.definition`` reads it."""
        weights = {name: w for name, w in (("shopper", self.shopper_weight),
                                           ("popularity", self.popularity_weight))
                   if w is not None}
        return {"key": self.key, "share": self.share, "strategy": self.strategy,
                **({"modelVersion": self.model_version} if self.model_version else {}),
                **({"weights": weights} if weights else {})}


def _staff(info: Info, action: str) -> None:
    info.context.principal.require(Role.CATALOG_MANAGER, action)


@strawberry.type
class ExperimentQuery:
    @strawberry.field(description="Staff: every experiment, newest first.")
    async def experiments(self, info: Info) -> list[Experiment]:
        _staff(info, "experiments")
        return [Experiment.of(e) for e in await experiments.every(info.context)]

    @strawberry.field(description="Staff: one experiment, or null.")
    async def experiment(
        self, info: Info,
        key: Annotated[str, strawberry.argument(description="The experiment's key.")],
    ) -> Experiment | None:
        _staff(info, "experiment")
        try:
            return Experiment.of(await experiments.get(info.context, key))
        except ApiError as e:
            if e.code == errors.NOT_FOUND:
                return None
            raise

    @strawberry.field(description="Staff: per strategy, model version, experiment and variant, "
                                  "the served lists between `since` and `until`: impressions, "
                                  "clicks, carts, purchases, revenue (base currency), CTR, cart "
                                  "and purchase rate per impression and revenue per impression, "
                                  "each as {value, low, high} (95%).")
    async def served_list_rates(
        self, info: Info,
        experiment: Annotated[str | None, strawberry.argument(
            description="Only this experiment's lists (default: every list).")] = None,
        since: Annotated[datetime | None, strawberry.argument(
            description="Only lists served at or after this time.")] = None,
        until: Annotated[datetime | None, strawberry.argument(
            description="Only lists served before this time.")] = None,
    ) -> JSON:
        _staff(info, "servedListRates")
        groups = await experiments.rates(info.context, experiment,
                                         since.isoformat() if since else None,
                                         until.isoformat() if until else None)
        return JSON(experiments.rates_json(groups))


@strawberry.type
class ExperimentMutation:
    @strawberry.mutation(description="Staff: create and start an experiment on a surface; "
                                     "the first variant is the control.")
    async def create_experiment(
        self, info: Info,
        key: Annotated[str, strawberry.argument(description="A new, unique key.")],
        variants: Annotated[list[VariantInput], strawberry.argument(
            description="Two or more variants; the first is the control.")],
        unit_type: Annotated[str, strawberry.argument(
            description="What is assigned: shopper or session.")] = "shopper",
        surface: Annotated[str, strawberry.argument(
            description="What it varies: recommendations, search or similarProducts.")
        ] = "recommendations",
    ) -> Experiment:
        _staff(info, "createExperiment")
        try:
            definition = parse_definition(key, [v.fields() for v in variants], surface=surface,
                                          unit_type=unit_type)
        except ExperimentError as e:
            raise ApiError(errors.INVALID_ARGUMENT, str(e)) from e
        return Experiment.of(await experiments.create(info.context, definition))

    @strawberry.mutation(description="Staff: stop an experiment; recommendations return to the "
                                     "active model.")
    async def stop_experiment(
        self, info: Info,
        key: Annotated[str, strawberry.argument(description="The experiment's key.")],
    ) -> Experiment:
        _staff(info, "stopExperiment")
        return Experiment.of(await experiments.stop(info.context, key))

    @strawberry.mutation(description="Staff: stop an experiment and serve `variant`'s strategy "
                                     "to everyone.")
    async def promote_experiment(
        self, info: Info,
        key: Annotated[str, strawberry.argument(description="The experiment's key.")],
        variant: Annotated[str, strawberry.argument(description="The winning variant's key.")],
    ) -> Experiment:
        _staff(info, "promoteExperiment")
        return Experiment.of(await experiments.stop(info.context, key, winner=variant))
