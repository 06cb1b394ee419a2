"""The inputs of the catalog mutations (:mod:`api.schema.mutations`), as the catalog format has them."""

from __future__ import annotations

import strawberry

from api.schema.common import Language
from api.schema.enums import AgeGroup, Gender


@strawberry.input(description="A text in one language.")
class LocalizedTextInput:
    lang: Language = strawberry.field(description="Its language.")
    text: str = strawberry.field(description="The text.")


@strawberry.input(description="A product as the catalog format has it (see the README).")
class ProductInput:
    id: strawberry.ID = strawberry.field(description="Its id (1-128 of A-Z a-z 0-9 _ . : -).")
    brand_id: strawberry.ID = strawberry.field(description="An existing brand's id.")
    category_id: strawberry.ID = strawberry.field(description="An existing category's id.")
    price: float = strawberry.field(description="The price in `currency` (0 or more).")
    currency: str = strawberry.field(description="ISO code of the price's currency (needs a rate).")
    titles: list[LocalizedTextInput] = strawberry.field(description="Titles, at least one.")
    descriptions: list[LocalizedTextInput] | None = strawberry.field(
        default=None, description="Descriptions per language.")
    colour: str | None = strawberry.field(default=None, description="Colour, in the shop's words.")
    material: str | None = strawberry.field(default=None, description="Main material.")
    size: str | None = strawberry.field(default=None, description="Size, in the shop's words.")
    gender: Gender | None = strawberry.field(default=None, description="Who it is made for.")
    age_group: AgeGroup | None = strawberry.field(default=None, description="Its age group.")
    stock: int | None = strawberry.field(default=None, description=(
        "Units on hand; 0 is sold out (never recommended); null: stock is not tracked."))


@strawberry.input(description="A new price for a product.")
class PriceInput:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    amount: float = strawberry.field(description="The price in `currency` (0 to 1e9).")
    currency: str = strawberry.field(description="ISO code the manager typed it in.")


@strawberry.input(description="A product ships to a country in so many days for a cost.")
class ShippingInput:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    country: str = strawberry.field(description="ISO code of the country.")
    days: int = strawberry.field(description="Delivery time, 0 to 365 days.")
    cost: float = strawberry.field(description="Shipping cost in `currency`.")
    currency: str | None = strawberry.field(default=None, description="Default: base currency.")


@strawberry.input(description="A product and a country it should stop shipping to.")
class ShippingKeyInput:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    country: str = strawberry.field(description="ISO code of the country.")
