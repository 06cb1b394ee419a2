"""The typed intent a shopper's query becomes, and the interpretation shown back per slot.

Every backend (rules, local LM, OpenAI-compatible endpoint) must produce an :class:`Intent`; model
output is validated against its schema (``Intent.model_validate``: unknown keys, wrong types and
out-of-range numbers are rejected). An intent
holds the shopper's words, not graph ids: grounding (``grounding.py``) turns them into ids and
drops what the graph does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Sort = Literal["relevance", "price_asc", "price_desc", "rating", "sentiment"]
ATTRIBUTES = ("colour", "size", "material", "gender", "age_group")

_Word = Field(default=None, max_length=80)


class Intent(BaseModel):
    """What a shopper asked for, in their own words (strings the backend read from the query)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    categories: list[str] = Field(default_factory=list, max_length=5)
    brands: list[str] = Field(default_factory=list, max_length=5)
    colour: str | None = _Word
    size: str | None = _Word
    material: str | None = _Word
    gender: str | None = _Word
    age_group: str | None = _Word
    price_min: float | None = Field(default=None, ge=0, le=1e9)
    price_max: float | None = Field(default=None, ge=0, le=1e9)
    currency: str | None = Field(default=None, max_length=16)
    ship_to: str | None = _Word
    sort: Sort = "relevance"
    keywords: list[str] = Field(default_factory=list, max_length=20)
    recipient: str | None = _Word
    occasion: str | None = _Word

    @field_validator("categories", "brands", "keywords")
    @classmethod
    def _no_blank_words(cls, words: list[str]) -> list[str]:
        return [w.strip()[:80] for w in words if w and w.strip()]


@dataclass(frozen=True)
class Slot:
    """One understood piece of the query, as the frontend shows it (a removable chip).

    Attributes:
        name: the slot: ``category``, ``brand``, ``colour``, ``price_max``, ``ship_to``, ...
        value: what was understood, readable (``"Running Shoes"``, ``"80 EUR"``).
        grounded_id: the graph node it maps to (category/brand id, country/currency code), if any.
        source: who produced it: ``rules``, ``local``, ``openai``, ``argument`` (a search argument)
            or ``embedding`` (nearest category by text embedding).
    """

    name: str
    value: str
    grounded_id: str | None
    source: str
