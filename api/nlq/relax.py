"""Close matches: when too few products meet every understood constraint, relax one at a time.

Each :class:`Relaxation` loosens exactly one constraint of the grounded search and says which and
how, so the shopper sees "price up to 96 EUR (+20%)" or "colour dropped (was red)" above the
products it brought, never mixed with the exact matches. Tried in this order, nearest to the
wish first: the price (±20%), each attribute (colour, material, size, gender, age group), the
shopper's words (products of similar meaning, above the similarity floor), the category
(widened to its parent), the brand. Shipping is never relaxed: a product that cannot be
delivered is no match at all. A relaxation that would leave nothing saying what product is
wanted ("Terravell" without the brand is the whole catalog) is not offered: that is padding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.nlq.intent import ATTRIBUTES, Slot
from api.nlq.reads import Reader

PRICE_STRETCH = 0.2


@dataclass(frozen=True)
class Relaxation:
    """One constraint loosened: which (``slot``), how (``label``), and the search it gives."""

    slot: str
    label: str
    params: dict[str, Any]


async def relaxations(params: dict[str, Any], slots: list[Slot], reader: Reader,
                      keywords: list[str], floor: float) -> list[Relaxation]:
    """The single-constraint relaxations of a grounded search, nearest to the wish first.

    Args:
        params: the exact search's parameters (``search_products.cypher``).
        slots: the interpretation, for readable names of what is relaxed.
        reader: reads the parents of the category.
        keywords: the shopper's words that no slot took.
        floor: the text-similarity floor a product of similar meaning needs.
    """
    out: list[Relaxation] = []
    unit = params.get("currency") or "base"
    if params.get("price_max") is not None or params.get("price_min") is not None:
        stretched = {}
        parts = []
        if params.get("price_max") is not None:
            stretched["price_max"] = round(params["price_max"] * (1 + PRICE_STRETCH), 2)
            parts.append(f"up to {stretched['price_max']:g} {unit}")
        if params.get("price_min") is not None:
            stretched["price_min"] = round(params["price_min"] * (1 - PRICE_STRETCH), 2)
            parts.append(f"from {stretched['price_min']:g} {unit}")
        out.append(Relaxation("price", f"price {' and '.join(parts)} (±{PRICE_STRETCH:.0%})",
                              params | stretched))
    for attribute in ATTRIBUTES:
        if params.get(attribute) is not None:
            out.append(Relaxation(attribute, f"{attribute.replace('_', ' ')} dropped "
                                             f"(was {params[attribute]})",
                                  params | {attribute: None}))
    if params.get("require_text"):
        out.append(Relaxation("keywords", f"similar products; not every word found "
                                          f"({', '.join(keywords)})",
                              params | {"text_floor": floor}))
    if params.get("category_ids"):
        parents = await reader.read("queries/nlq_category_parents",
                                    category_ids=params["category_ids"])
        if parents:
            was = ", ".join(s.value for s in slots if s.name == "category")
            names = ", ".join(r["name"] for r in parents)
            out.append(Relaxation("category", f"category widened to {names} (was {was})",
                                  params | {"category_ids": [r["id"] for r in parents]}))
    if params.get("brand_ids"):
        was = ", ".join(s.value for s in slots if s.name == "brand")
        out.append(Relaxation("brand", f"brand dropped (was {was})", params | {"brand_ids": None}))
    return [relaxation for relaxation in out if still_constrained(relaxation.params)]


def still_constrained(params: dict[str, Any]) -> bool:
    """True when the search still says what product is wanted (not only where it ships)."""
    return bool(params.get("category_ids") or params.get("brand_ids") or params.get("require_text")
                or any(params.get(name) is not None
                       for name in (*ATTRIBUTES, "price_min", "price_max")))
