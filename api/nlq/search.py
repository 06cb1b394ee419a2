"""``search(query, lang, shipTo, currency, first)``: understand, ground, filter and rank products.

Contract with the GraphQL layer: :func:`search_products` returns a :class:`SearchOutcome` with the
ranked product ids and the interpretation per slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import neo4j

from api.nlq.intent import Slot
from borderless.settings import Settings


@dataclass
class SearchOutcome:
    """Ranked product ids, what was understood (per slot), and the backend that understood it."""

    product_ids: list[str]
    interpretation: list[Slot] = field(default_factory=list)
    backend: str = "rules"


async def search_products(
    driver: neo4j.AsyncDriver, settings: Settings, *, query: str, lang: str | None,
    ship_to: str | None, currency: str | None, first: int, shopper_id: str | None,
) -> SearchOutcome:
    """Search the catalog with a shopper's free text (work in progress: returns nothing yet)."""
    return SearchOutcome(product_ids=[], interpretation=[], backend=settings.nlq_backend)
