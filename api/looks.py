"""Similar products by look (image vectors), by graph (the trained model), or both fused.

``similarProducts(by: LOOK | GRAPH | BOTH)`` answers which signal ranked its items
(``rankedBy``). LOOK ranks by the cosine of the products' main pictures
(``load image-index``); GRAPH is the active model version's ranking (:mod:`api.recommend`);
BOTH fuses the two lists by reciprocal rank, so neither score scale dominates. BOTH falls back
to the one signal there is (a product without a picture, a shop without a trained model) and
says so; asking for LOOK on a product without a picture is ``NO_IMAGE``.

``colour`` asks for "the same bag in red": the nearest by look among products of that colour
(the catalog's colour word, or the dominant colour of their picture as ``load image-index``
named it), since the look features alone weigh colour little. It ranks by look only.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from api import errors, limits, recommend
from api.context import RequestContext
from api.recommend import ModelVersionRecord, Scored
from borderless.errors import ApiError

# Reciprocal-rank fusion's constant (Cormack et al., 2009): damps the weight of the very top ranks.
RRF_K = 60
# Candidates per wanted item from each list before fusing.
FUSE_DEPTH = 3
# A colour word ("red", "navy blue") is short; anything longer is not one.
MAX_COLOUR_CHARS = 40


class SimilarBy(Enum):
    LOOK = strawberry.enum_value("look", description="By their pictures (the image model).")
    GRAPH = strawberry.enum_value("graph", description="By the trained model of who bought what.")
    BOTH = strawberry.enum_value("both", description="Both rankings fused by rank.")


async def by_look(ctx: RequestContext, product_id: str, k: int,
                  colour: str | None = None) -> tuple[ModelVersionRecord | None, list[Scored]]:
    """Products whose main picture is nearest to ``product_id``'s (in ``colour`` if given).

    ``(None, [])`` if it has no picture, or no product of that colour looks like it.
    """
    if colour is not None:
        rows = await ctx.graph.read("queries/api_similar_by_look_in_colour", product_id=product_id,
                                    k=k, colour=colour)
    else:
        rows = await ctx.graph.read("queries/api_similar_by_look", product_id=product_id, k=k)
    if not rows:
        return None, []
    model = ModelVersionRecord(str(rows[0]["image_model"]), None, None)
    return model, [Scored(r["product_id"], float(r["score"])) for r in rows]


async def has_look(ctx: RequestContext, product_id: str) -> bool:
    """Whether ``product_id`` has an embedded main picture."""
    rows = await ctx.graph.read("queries/api_product_has_look", product_id=product_id)
    return bool(rows and rows[0]["has_look"])


async def similar(
    ctx: RequestContext, product_id: str, first: int, by: SimilarBy, colour: str | None = None,
) -> tuple[SimilarBy, ModelVersionRecord, list[Scored]]:
    """The ranking ``by`` asks for, what actually ranked it, and the model it came from.

    Raises:
        ApiError: NO_IMAGE (LOOK on a product without an embedded picture); NO_ACTIVE_MODEL
            (GRAPH, or BOTH on a product without a picture, in a shop without a trained model);
            INVALID_ARGUMENT (``colour`` with GRAPH or BOTH: a colour is seen in pictures).
    """
    if colour is not None:
        if by is not SimilarBy.LOOK:
            raise errors.invalid("colour", "by: LOOK with a colour (it ranks by pictures)",
                                 by.name)
        colour = limits.check_text(colour, "colour", MAX_COLOUR_CHARS).strip()
        model, look = await by_look(ctx, product_id, first, colour)
        if model is None and not await has_look(ctx, product_id):
            raise ApiError(errors.NO_IMAGE, f"product {product_id!r} has no embedded picture; "
                           "load its images and run `borderless load image-index`")
        return SimilarBy.LOOK, model or ModelVersionRecord("", None, None), look
    if by is SimilarBy.GRAPH:
        model = await recommend.active_model(ctx, product_id)
        ranked_by, scored = await recommend.similar_to(ctx, product_id, first)
        return SimilarBy.GRAPH, ranked_by or model, scored
    look_model, look = await by_look(ctx, product_id, first * (FUSE_DEPTH if by is SimilarBy.BOTH else 1))
    if look_model is None and not await has_look(ctx, product_id) and by is SimilarBy.LOOK:
        raise ApiError(errors.NO_IMAGE, f"product {product_id!r} has no embedded picture; "
                       "load its images and run `borderless load image-index`")
    if by is SimilarBy.LOOK:
        return SimilarBy.LOOK, look_model or ModelVersionRecord("", None, None), look[:first]
    try:
        graph_model = await recommend.active_model(ctx, product_id)
    except ApiError as e:
        if e.code != errors.NO_ACTIVE_MODEL or look_model is None:
            raise
        return SimilarBy.LOOK, look_model, look[:first]
    ranked_by, graph = await recommend.similar_to(ctx, product_id, first * FUSE_DEPTH)
    if look_model is None:
        return SimilarBy.GRAPH, ranked_by or graph_model, graph[:first]
    return SimilarBy.BOTH, ranked_by or graph_model, fuse(graph, look)[:first]


def fuse(*rankings: list[Scored]) -> list[Scored]:
    """Reciprocal-rank fusion of several rankings: score = sum of 1 / (RRF_K + rank)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item.product_id] = scores.get(item.product_id, 0.0) + 1.0 / (RRF_K + rank)
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Scored(pid, round(score, 6)) for pid, score in ordered]
