"""Closed vocabularies of the catalog as GraphQL enums (the values the catalog format accepts).

Each member's value is the graph's own lower-case word, so a filter passes ``member.value`` to
Cypher and a product's stored word turns back into a member with :func:`enum_of`. Colour, size and
material stay strings: the catalog format leaves them open (any shop's "navy", "EU 42", "merino"),
and the listing's facets tell a frontend which values exist.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry

from api.looks import SimilarBy

E = TypeVar("E", bound=Enum)


@strawberry.enum(description="Who a product is made for.")
class Gender(Enum):
    WOMEN = strawberry.enum_value("women", description="Made for women.")
    MEN = strawberry.enum_value("men", description="Made for men.")
    UNISEX = strawberry.enum_value("unisex", description="Made for anyone.")
    KIDS = strawberry.enum_value("kids", description="Made for children.")


@strawberry.enum(description="The age group a product is made for.")
class AgeGroup(Enum):
    ADULT = strawberry.enum_value("adult", description="Adults.")
    TEEN = strawberry.enum_value("teen", description="Teenagers.")
    KIDS = strawberry.enum_value("kids", description="Children.")
    BABY = strawberry.enum_value("baby", description="Babies and toddlers.")


@strawberry.enum(description="What a shopper did with a product.")
class InteractionKind(Enum):
    VIEW = strawberry.enum_value("view", description="Looked at the product's page.")
    CLICK = strawberry.enum_value("click", description="Clicked it in a list (cite the list's id).")
    CART = strawberry.enum_value("cart", description="Put it in the cart.")
    PURCHASE = strawberry.enum_value("purchase", description="Bought it.")
    RATING = strawberry.enum_value("rating", description="Rated it (1 to 5).")


SimilarityBasis = strawberry.enum(
    SimilarBy, name="SimilarBy",
    description="What ranks similar products: LOOK (their pictures), GRAPH (the trained model "
                "of who bought what), or BOTH fused by rank.")


def enum_of(kind: type[E], word: object) -> E | None:
    """The member whose value is ``word``; None for a missing word or one outside the vocabulary
    (a graph written before the vocabulary closed must not fail the whole response)."""
    try:
        return kind(word) if word is not None else None
    except ValueError:
        return None
