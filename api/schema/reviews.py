"""A product's reviews, readable in the shopper's language with the original kept.

A review is shown in the language asked for when the shopper wrote it in that language, or when
a translation into it is stored (``translateReviews`` on demand, or ``borderless enrich
--reviews`` in batch); the translation is flagged ``machineTranslated`` until a catalog manager
reviews it, and ``originalText`` always holds what the shopper wrote. Reviews are paged newest
first with keyset cursors, like every other list.
"""

from __future__ import annotations

from typing import Any

import strawberry

from api import cursors, limits
from api.schema.common import Info, Language, PageInfo

_SORT = "REVIEWS_NEWEST"  # the one order reviews come in; cursors carry it


@strawberry.type(description="A shopper's review of a product, shown in the language asked for when it can be.")
class Review:
    id: strawberry.ID = strawberry.field(description="The review's id in the catalog.")
    rating: int | None = strawberry.field(description="Stars, 1 to 5.")
    at: str | None = strawberry.field(description="When it was written (ISO 8601).")
    text: str = strawberry.field(description=(
        "The review in the language asked for: the shopper's own words when written in it, else "
        "its stored translation (see `machineTranslated`), else the original."))
    language: Language | None = strawberry.field(description="The language `text` is in.")
    machine_translated: bool = strawberry.field(description=(
        "True when `text` is a machine translation no catalog manager has reviewed."))
    original_text: str = strawberry.field(description="What the shopper wrote, as written.")
    original_language: Language | None = strawberry.field(description="The language the shopper wrote in.")
    sentiment: float | None = strawberry.field(
        description="Sentiment of the original, -1 (negative) to 1; null until scored.")

    @classmethod
    def of(cls, row: dict[str, Any], lang: str | None) -> Review:
        """The review from a row of ``queries/api_product_reviews``, seen in ``lang``."""
        own_lang = row["lang"]
        translated = row.get("translated") if lang and lang != own_lang else None
        shown_lang = lang if translated else own_lang
        return cls(
            id=strawberry.ID(row["id"]), rating=row.get("rating"), at=row.get("at"),
            text=translated or row["text"], language=_language(shown_lang),
            machine_translated=bool(translated) and row.get("translation_source") != "reviewed",
            original_text=row["text"], original_language=_language(own_lang),
            sentiment=row.get("sentiment"))


def _language(code: str | None) -> Language | None:
    try:
        return Language(code) if code else None
    except ValueError:  # a language the catalog format does not know: shown without one
        return None


@strawberry.type(description="A review and the cursor to read on after it.")
class ReviewEdge:
    cursor: str = strawberry.field(description="Pass as `after` to read the reviews after this one.")
    node: Review = strawberry.field(description="The review.")


@strawberry.type(description="One page of a product's reviews, newest first.")
class ReviewConnection:
    edges: list[ReviewEdge] = strawberry.field(description="This page's reviews, newest first.")
    page_info: PageInfo = strawberry.field(description="Whether there is more, and the cursors.")
    total_count: int = strawberry.field(description="How many reviews the product has.")

    @strawberry.field(description="This page's reviews without their cursors.")
    def nodes(self) -> list[Review]:
        return [edge.node for edge in self.edges]


async def reviews_connection(info: Info, product_id: str, total: int, first: int | None,
                             after: str | None, lang: str | None) -> ReviewConnection:
    """One page of the product's reviews in ``lang`` (one round trip; none without reviews)."""
    ctx = info.context
    size = limits.check_first(first if first is not None else ctx.api.default_first, ctx.api)
    start = cursors.decode(after, _SORT) if after else None
    rows: list[dict[str, Any]] = []
    if total > 0:
        rows = await ctx.graph.read(
            "queries/api_product_reviews", product_id=product_id, lang=lang, limit=size + 1,
            after_at=int(start.key) if start else None, after_id=start.id if start else None)
    page = rows[:size]
    edges = [ReviewEdge(cursor=cursors.Cursor(_SORT, float(r["at_ms"]), r["id"]).encode(),
                        node=Review.of(r, lang)) for r in page]
    return ReviewConnection(
        edges=edges, total_count=total,
        page_info=PageInfo(has_next_page=len(rows) > size, has_previous_page=start is not None,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None))
