"""Shopper-facing types: the user and their history, recommendations, similar products."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from api import limits
from api import serving as served
from api.records import ShopperRecord
from api.recommend import ModelVersionRecord, Scored
from api.serving import Serving
from api.explain import reason_text
from api.schema.catalog import Product
from api.schema.common import Info
from api.schema.enums import InteractionKind, SimilarBy, enum_of


@strawberry.type(description="A shopper's interaction with a product.")
class Interaction:
    id: str | None = strawberry.field(description="The interaction's id in the catalog.")
    kind: InteractionKind | None = strawberry.field(
        description="What the shopper did; null only for a word outside the vocabulary.")
    at: datetime | None = strawberry.field(description="When (UTC).")
    rating: int | None = strawberry.field(description="1 to 5, for kind RATING only.")
    _product_id: strawberry.Private[str]
    _currency: strawberry.Private[str | None]
    _lang: strawberry.Private[str | None]

    @strawberry.field(description="The product; null if it has left the catalog.")
    async def product(self, info: Info) -> Product | None:
        record = await info.context.loaders.product.load(self._product_id)
        return Product.of(record, self._lang, self._currency) if record else None


@strawberry.type(description="A shopper, as they see themselves (or staff see them).")
class User:
    id: strawberry.ID = strawberry.field(description="The shopper's id.")
    country: str | None = strawberry.field(description="ISO code of the country they live in.")
    language: str | None = strawberry.field(description="The language they shop in.")
    currency: str | None = strawberry.field(description="The currency they pay in.")

    @classmethod
    def of(cls, r: ShopperRecord) -> User:
        return cls(id=strawberry.ID(r.id), country=r.country, language=r.language,
                   currency=r.currency)

    @strawberry.field(description="Interactions, newest first; `kinds` keeps only those kinds.")
    async def history(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description="How many interactions.")] = 20,
        kinds: Annotated[list[InteractionKind] | None, strawberry.argument(
            description="Only these kinds (default: all).")] = None,
    ) -> list[Interaction]:
        limits.check_first(first, info.context.api)
        words = [k.value for k in kinds] if kinds is not None else None
        rows = await info.context.graph.read(
            "queries/api_shopper_history", shopper_id=str(self.id), kinds=words, first=first)
        return [Interaction(id=r["id"], kind=enum_of(InteractionKind, r["kind"]),
                            at=_native(r["at"]), rating=r["rating"],
                            _product_id=r["product_id"], _currency=self.currency,
                            _lang=self.language) for r in rows]


@strawberry.type(description="A trained recommendation model version.")
class ModelVersion:
    id: strawberry.ID = strawberry.field(description="The version's id.")
    created_at: JSON | None = strawberry.field(description="When it was trained (ISO 8601).")
    metrics: JSON | None = strawberry.field(
        description="Its offline evaluation (recall@k and the like), as training measured it.")

    @classmethod
    def of(cls, r: ModelVersionRecord) -> ModelVersion:
        created = r.created_at.isoformat() if hasattr(r.created_at, "isoformat") else r.created_at
        return cls(id=strawberry.ID(r.id), created_at=created, metrics=r.metrics)


@strawberry.type(description="A recommended product, its score and why.")
class Recommendation:
    position: int = strawberry.field(description="1 for the first item; cite it with the list's id.")
    score: float = strawberry.field(description="The model's similarity score (higher is closer).")
    explanation: str | None = strawberry.field(
        description=("Why, in words of the answer's language: the brand, category or shoppers "
                     "the choice rests on."))
    product: Product = strawberry.field(description="The product recommended.")


@strawberry.type(description="Products the active model picked, best first, and which model.")
class RecommendationList:
    served_list_id: strawberry.ID = strawberry.field(
        description="This answer's id: events that cite it (with an item's position) are "
                    "attributed to its strategy, model version and experiment variant.")
    model_version: ModelVersion | None = strawberry.field(
        description="The version whose vectors ranked the items; null for a strategy that "
                    "uses no model (popularity, cold_start).")
    strategy: str = strawberry.field(description=(
        "recommendations: model, popularity or cold_start; similarProducts: graph, look or both "
        "(what was asked for; `rankedBy` says what ranked)."))
    experiment: str | None = strawberry.field(description="The experiment that chose the strategy.")
    variant: str | None = strawberry.field(description="The experiment's variant served.")
    items: list[Recommendation] = strawberry.field(description="The picks, best first.")
    ranked_by: SimilarBy | None = strawberry.field(
        default=None, description="similarProducts: which signal ranked the items (BOTH falls "
                                  "back to the one there is); null for recommendations.")


async def recommendation_list(
    info: Info, model: ModelVersionRecord | None, scored: list[Scored], lang: str | None,
    currency: str | None, *, surface: str, serving: Serving, unit: str | None,
    ranked_by: SimilarBy | None = None,
) -> RecommendationList:
    """Scored ids turned into products (one batched read), dropping ids the catalog lost, and
    recorded as a ServedList of what is actually shown."""
    records = await info.context.loaders.product.load_many([s.product_id for s in scored])
    kept = [(s, r) for s, r in zip(scored, records, strict=True) if r is not None]
    items = [Recommendation(position=i, score=s.score,
                            explanation=reason_text(s.reason, lang) or _explanation(s.explanation),
                            product=Product.of(r, lang, currency))
             for i, (s, r) in enumerate(kept, start=1)]
    list_id = await served.record(
        info.context, surface=surface, serving=serving,
        model_version=model.id if model else None, unit=unit,
        items=[s.product_id for s, _ in kept])
    return RecommendationList(
        served_list_id=strawberry.ID(list_id), model_version=ModelVersion.of(model) if model else None,
        strategy=serving.strategy, experiment=serving.experiment, variant=serving.variant,
        items=items, ranked_by=ranked_by)


def _explanation(value: Any) -> str | None:
    return str(value) if value is not None else None


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value
