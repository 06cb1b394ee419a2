"""The catalog input format, one pydantic model per entity file.

A catalog is a folder with one file per entity, each either JSON Lines (``NAME.jsonl``) or CSV
(``NAME.csv``, header row). In CSV, list fields are ``|``-separated and per-language fields are
flat columns (``title_en``, ``title_de``, ...). The README documents each field; the models are the
source of truth and reject anything else with a message naming the field.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# Languages the shop serves text in; each has a title property and a full-text index.
LANGUAGES = ("en", "de", "es", "fr", "pt", "zh", "ja")
INTERACTION_KINDS = ("view", "cart", "purchase", "rating")
_T = TypeVar("_T")

Id = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Money = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


def _known_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"expected one of {list(LANGUAGES)}, got {lang!r}")
    return lang


Language = Annotated[str, AfterValidator(_known_language)]


class Row(BaseModel):
    """Base of every input row: unknown fields are an error, so typos do not vanish."""

    # Numbers where text is expected ({"id": 1042} from a spreadsheet-to-JSON export) are the text.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _gather_flat_columns(cls, data: Any) -> Any:
        """Fold CSV-style ``title_de`` columns into the ``titles`` map (and the like)."""
        if not isinstance(data, dict):
            return data
        # Spreadsheet habits: whitespace around names and values, empty cells for "no value".
        data = {k.strip() if isinstance(k, str) else k: v.strip() if isinstance(v, str) else v
                for k, v in data.items() if v is not None}
        data = {k: v for k, v in data.items() if v != ""}
        groups, list_fields, by_language = _shape(cls)
        for group in groups:
            prefix = group[:-1] + "_"  # titles -> title_
            flat = {k[len(prefix):]: data.pop(k) for k in list(data) if k.startswith(prefix)}
            if flat:
                data[group] = {**flat, **data.get(group, {})}
        for name in by_language:  # exceptions_de, exceptions_ja -> exceptions_by_language
            prefix = name.removesuffix("by_language")
            flat = {k[len(prefix):]: data.pop(k) for k in list(data)
                    if k.startswith(prefix) and k != name}
            if flat:
                data[name] = {**flat, **data.get(name, {})}
            if isinstance(data.get(name), dict):
                data[name] = {lang: [p.strip() for p in v.split("|") if p.strip()]
                              if isinstance(v, str) else v for lang, v in data[name].items()}
        for name in list_fields:
            if isinstance(data.get(name), str):
                data[name] = [part.strip() for part in data[name].split("|") if part.strip()]
        for name in _CODES.intersection(data):  # "de" and "eur" mean DE and EUR
            if isinstance(data[name], str):
                data[name] = data[name].upper()
        for name in _LOWER_CASE.intersection(data):  # "Women" and "View" mean women and view
            if isinstance(data[name], str):
                data[name] = data[name].lower()
        return data


# Fields that hold ISO codes (upper case) or a fixed lower-case vocabulary; case is no error there.
_CODES = frozenset({"code", "country", "currency"})
_LOWER_CASE = frozenset({"gender", "age_group", "kind", "lang", "language"})


def known_fields(cls: type[BaseModel]) -> list[str]:
    """Every field name a row of ``cls`` may carry, flat per-language columns included."""
    names = list(cls.model_fields)
    if issubclass(cls, Row):
        groups, _, by_language = _shape(cls)
        for group in groups:
            names += [f"{group[:-1]}_{lang}" for lang in LANGUAGES]
        for name in by_language:
            names += [f"{name.removesuffix('by_language')}{lang}" for lang in LANGUAGES]
    return names


@cache
def _shape(cls: type[Row]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A row class's per-language groups, list fields and per-language lists (``X_by_language``,
    flat columns ``X_de``, ``|``-separated in CSV), worked out once per class.

    Computing this per row (``str(annotation)`` for every field) was most of the loader's
    validation time.
    """
    groups = tuple(g for g in ("titles", "descriptions", "names", "alts", "texts", "reasons")
                   if g in cls.model_fields)
    lists = tuple(n for n, f in cls.model_fields.items() if "list" in str(f.annotation))
    by_language = tuple(n for n in cls.model_fields if n.endswith("_by_language"))
    return groups, lists, by_language


def _check_languages(texts: dict[str, _T]) -> dict[str, _T]:
    unknown = sorted(set(texts) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language code(s) {unknown}; expected some of {list(LANGUAGES)}")
    return texts


class CountryRow(Row):
    code: CountryCode
    name: str = Field(min_length=1)
    currency: CurrencyCode
    languages: list[str] = Field(default_factory=list)


class ExchangeRateRow(Row):
    """How many units of ``currency`` one unit of the base currency buys, on ``date``."""

    currency: CurrencyCode
    rate: float = Field(gt=0, allow_inf_nan=False)
    date: date


class BrandRow(Row):
    id: Id
    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = Field(default_factory=list)
    country: CountryCode | None = None


class CategoryRow(Row):
    """A category outside the shared taxonomy (the taxonomy has its own loader)."""

    id: Id
    parent_id: Id | None = None
    names: dict[str, str]

    _langs = field_validator("names")(_check_languages)

    @field_validator("names")
    @classmethod
    def _needs_english(cls, names: dict[str, str]) -> dict[str, str]:
        if "en" not in names:
            raise ValueError("needs at least an English name (names.en / name_en)")
        return names


class ProductRow(Row):
    id: Id
    brand_id: Id
    category_id: Id
    price: Money
    currency: CurrencyCode
    titles: dict[str, str]
    descriptions: dict[str, str] = Field(default_factory=dict)
    colour: str | None = None
    material: str | None = None
    size: str | None = None
    gender: Literal["women", "men", "unisex", "kids"] | None = None
    age_group: Literal["adult", "teen", "kids", "baby"] | None = None
    # Units on hand; 0 is sold out (never recommended), absent means stock is not tracked.
    stock: int | None = Field(default=None, ge=0, le=1_000_000_000)

    _title_langs = field_validator("titles")(_check_languages)
    _desc_langs = field_validator("descriptions")(_check_languages)

    @field_validator("titles")
    @classmethod
    def _needs_a_title(cls, titles: dict[str, str]) -> dict[str, str]:
        if not titles:
            raise ValueError("needs a title in at least one language")
        return titles


class ShippingRow(Row):
    """A product ships to a country, in ``days``, for ``cost`` in the base currency."""

    product_id: Id
    country: CountryCode
    days: int = Field(ge=0, le=365)
    cost: Money


class RestrictionRow(Row):
    """A product may not be sold into ``country``, and why: ``reason`` in English (the answers'
    fallback), the same reason in other languages as ``reasons`` (CSV columns ``reason_de`` ...)."""

    product_id: Id
    country: CountryCode
    reason: str = Field(min_length=1, max_length=500)
    reasons: dict[str, Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=dict)

    _reason_langs = field_validator("reasons")(_check_languages)

    @model_validator(mode="after")
    def _english_once(self) -> RestrictionRow:
        """``reason_en`` is another name for ``reason``; both given must agree."""
        english = self.reasons.pop("en", None)
        if english is not None and english != self.reason:
            raise ValueError(f"reason {self.reason!r} and reason_en {english!r} differ")
        return self


class ShopperRow(Row):
    id: Id
    country: CountryCode
    language: Language
    currency: CurrencyCode


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class InteractionRow(Row):
    shopper_id: Id
    product_id: Id
    kind: Literal["view", "cart", "purchase", "rating"]
    at: datetime
    rating: int | None = Field(default=None, ge=1, le=5)
    id: Id | None = None
    order_id: Id | None = None  # the order a purchase belongs to

    _at_utc = field_validator("at")(_utc)

    @model_validator(mode="after")
    def _rating_iff_kind_rating(self) -> InteractionRow:
        if (self.kind == "rating") != (self.rating is not None):
            raise ValueError("rating is required for kind 'rating' and only for it")
        if self.order_id is not None and self.kind != "purchase":
            raise ValueError(f"order_id belongs only on a purchase, not on a {self.kind!r}")
        return self

    def key(self) -> str:
        """A stable id: the given one, or one derived from what makes the event unique."""
        if self.id:
            return self.id
        stamp = self.at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
        return f"{self.shopper_id}|{self.product_id}|{self.kind}|{stamp}"


class ReviewRow(Row):
    id: Id
    shopper_id: Id
    product_id: Id
    rating: int = Field(ge=1, le=5)
    text: str = Field(min_length=1, max_length=20_000)
    lang: Language
    at: datetime

    _at_utc = field_validator("at")(_utc)


# Where an image may come from: a file in the catalog folder (or in a zip archive there), or a URL.
_IMAGE_PATH = re.compile(r"^(?![/\\])(?!.*(^|[/\\])\.\.([/\\]|$))[^\x00:*?\"<>|]+$")
_IMAGE_URL = re.compile(r"^https?://[^\s]+$")


class ImageRow(Row):
    """One picture of a product: a file under the catalog folder (or in an archive there) or a URL.

    ``position`` orders a product's images (0 is the main one); ``alts`` is the alt text per
    language (``alt_en``, ``alt_de`` ... in CSV). Files are checked when loaded
    (:mod:`loaders.images`); URLs are stored as given and not fetched (loads work offline).
    """

    product_id: Id
    position: int = Field(default=0, ge=0, le=99)
    path: str | None = Field(default=None, max_length=500)
    archive: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    alts: dict[str, str] = Field(default_factory=dict)

    _alt_langs = field_validator("alts")(_check_languages)

    @field_validator("path", "archive")
    @classmethod
    def _relative(cls, value: str | None) -> str | None:
        if value is not None and not _IMAGE_PATH.match(value):
            raise ValueError("expected a path relative to the catalog folder, without '..', "
                             "a drive or a leading slash")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not _IMAGE_URL.match(value):
            raise ValueError("expected an http:// or https:// address")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> ImageRow:
        if (self.path is None) == (self.url is None):
            raise ValueError("give exactly one of path (a file in the catalog folder) and url")
        if self.archive is not None and self.path is None:
            raise ValueError("archive needs path: the file's name inside the archive")
        return self

    @property
    def id(self) -> str:
        """The image's key: its product and position (``p-1:0``)."""
        return f"{self.product_id}:{self.position}"

# The service rows need Row and the field types above, so they are imported once those exist.
from loaders.models_service import (  # noqa: E402
    DeliveryPromiseRow,
    DutyNoteRow,
    HelpArticleRow,
    OrderEventRow,
    OrderLineRow,
    OrderRow,
    ReturnPolicyRow,
)

# Entity files in load order: later ones refer to earlier ones.
ENTITIES: dict[str, type[Row]] = {
    "countries": CountryRow,
    "exchange_rates": ExchangeRateRow,
    "brands": BrandRow,
    "categories": CategoryRow,
    "products": ProductRow,
    "shipping": ShippingRow,
    "restrictions": RestrictionRow,
    "shoppers": ShopperRow,
    "orders": OrderRow,
    "order_lines": OrderLineRow,
    "order_events": OrderEventRow,
    "interactions": InteractionRow,
    "reviews": ReviewRow,
    "images": ImageRow,
    "return_policies": ReturnPolicyRow,
    "duty_notes": DutyNoteRow,
    "delivery_promises": DeliveryPromiseRow,
    "help_articles": HelpArticleRow,
}

_SNAKE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII-ish key for matching names and aliases."""
    return _SNAKE.sub(" ", text.lower()).strip()
