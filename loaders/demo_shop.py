"""The demo shop's catalogue: countries, rates, brands, products, shipping and restrictions.

Everything is drawn from named random streams seeded by ``seed`` (``Random(f"{seed}:text")``),
so the same seed gives the same rows on any machine, and each entity can be produced on its own.
Products are first laid out as a compact *skeleton* (kind, brand, price, quality, where they ship
and are restricted: a few bytes each, so a million products fit in memory); rows with their
multilingual text are then streamed one by one and never held together.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from random import Random
from typing import Any

from borderless.errors import LoadError
from loaders.demo_help import reason_row
from loaders.demo_text import descriptions, series_name, titles
from loaders.demo_vocab import KINDS, PALETTES, Kind
from loaders.demo_world import (
    BRANDS, CERTIFICATION_COUNTRIES, CERTIFICATION_REASON, COUNTRIES, COUNTRY_BY_CODE,
    HAZARD_RULES, RATE_DATE, RATES, Brand,
)

ZONES: tuple[str, ...] = tuple(dict.fromkeys(c.zone for c in COUNTRIES))
BULKY_KINDS = frozenset({"mountain_bike", "smart_tv", "tent"})
# Share of demo products sold out (stock 0).
SOLD_OUT_SHARE = 0.05


@dataclass(frozen=True)
class DemoConfig:
    """How big the demo shop is, and which seed draws it.

    Attributes:
        products: number of products.
        seed: the random seed; the same seed gives byte-identical files.
        shoppers: number of shoppers (default: two per product).
        interactions: number of view/cart/purchase/rating events (default: twenty per product).
        prefix: put before every product, brand, shopper, interaction and review id, so that
            several demo shops (a test's and the shared one) live side by side.
        base_currency: the graph's base currency; rates and shipping costs are given in it.
        days: how many days of history the interactions span.
        images: also render a picture per product (``loaders.demo_images``) and write
            ``images.jsonl``; off by default (rendering 5,000 takes about a minute and a half).
    """

    products: int = 5000
    seed: int = 42
    shoppers: int | None = None
    interactions: int | None = None
    prefix: str = "demo-"
    base_currency: str = "EUR"
    days: int = 180
    images: bool = False

    @property
    def n_shoppers(self) -> int:
        return self.shoppers if self.shoppers is not None else 2 * self.products

    @property
    def n_interactions(self) -> int:
        return self.interactions if self.interactions is not None else 20 * self.products


@dataclass
class Skeleton:
    """Per product, the facts other entities depend on, in compact arrays indexed by product."""

    kind: array  # index into KINDS
    brand: array  # index into BRANDS
    price_eur: array
    price_pct: array  # 0..1: where the price sits in its kind's range (the shopper's band)
    quality: array  # 0..1: drives ratings
    origin: array  # index into ZONES, where it ships from
    ships: array  # bit j set: ships to COUNTRIES[j]
    restricted: array  # bit j set: restricted in COUNTRIES[j]
    by_kind: list[array]  # product indices of each kind


class DemoCatalog:
    """Rows of the catalogue entities of one demo shop."""

    def __init__(self, config: DemoConfig) -> None:
        if config.products < 1:
            raise LoadError("a demo shop needs at least one product")
        if config.base_currency not in RATES:
            raise LoadError(f"the demo shop has no exchange rate for base currency "
                            f"{config.base_currency}; use one of {sorted(RATES)}")
        self.config = config
        self.eur_to_base = RATES[config.base_currency]
        # Which brands make each kind: named kinds first, then whole groups.
        self.kind_brands: list[list[int]] = [
            [b for b, brand in enumerate(BRANDS)
             if kind.key in brand.makes or (kind.group in brand.makes and not kind.specialist)]
            for kind in KINDS
        ]
        missing = [k.key for k, brands in zip(KINDS, self.kind_brands, strict=True) if not brands]
        if missing:
            raise LoadError(f"no brand makes {missing}; fix loaders/demo_world.py")
        self.kind_cum_weights = list(accumulate(k.weight for k in KINDS))

    # -- ids -------------------------------------------------------------------------------
    def product_id(self, index: int) -> str:
        return f"{self.config.prefix}product-{index}"

    def brand_id(self, brand: Brand) -> str:
        return f"{self.config.prefix}brand-{brand.slug}"

    def _rng(self, stream: str) -> Random:
        return Random(f"{self.config.seed}:{stream}")

    # -- skeleton --------------------------------------------------------------------------
    @cached_property
    def skeleton(self) -> Skeleton:
        """Lay out every product's kind, brand, price and reach (cheap; no text)."""
        rng, n = self._rng("skeleton"), self.config.products
        sk = Skeleton(array("B"), array("B"), array("d"), array("f"), array("f"), array("B"),
                      array("Q"), array("Q"), [array("I") for _ in KINDS])
        zone_of = [ZONES.index(c.zone) for c in COUNTRIES]
        bit = {c.code: 1 << j for j, c in enumerate(COUNTRIES)}
        hazard_masks = {h: sum(bit[c] for c in codes) for h, (codes, _) in HAZARD_RULES.items()}
        for i in range(n):
            k = rng.choices(range(len(KINDS)), cum_weights=self.kind_cum_weights)[0]
            kind = KINDS[k]
            b = rng.choice(self.kind_brands[k])
            lo, hi = math.log(kind.price[0]), math.log(kind.price[1])
            price = math.exp(lo + rng.random() * (hi - lo)) * BRANDS[b].tier
            origin = (ZONES.index(COUNTRY_BY_CODE[BRANDS[b].country].zone) if rng.random() < 0.7
                      else rng.randrange(len(ZONES)))
            restricted = hazard_masks.get(kind.hazard or "", 0)
            if kind.group == "electronics" and rng.random() < 0.15:
                restricted |= bit[rng.choice(CERTIFICATION_COUNTRIES)]
            ships = 0
            for j, zone in enumerate(zone_of):
                if rng.random() < (0.85 if zone == origin else 0.12) and not restricted >> j & 1:
                    ships |= 1 << j
            if not ships:  # everything ships somewhere: its first unrestricted country
                ships = next(1 << j for j in range(len(COUNTRIES)) if not restricted >> j & 1)
            sk.kind.append(k)
            sk.brand.append(b)
            sk.price_eur.append(price)
            sk.price_pct.append(min(max((math.log(price) - lo) / (hi - lo), 0.0), 1.0))
            sk.quality.append(rng.betavariate(4, 2))
            sk.origin.append(origin)
            sk.ships.append(ships)
            sk.restricted.append(restricted)
            sk.by_kind[k].append(i)
        return sk

    # -- rows ------------------------------------------------------------------------------
    def countries(self) -> Iterator[dict[str, Any]]:
        for c in COUNTRIES:
            yield {"code": c.code, "name": c.name, "currency": c.currency, "languages": list(c.languages)}

    def exchange_rates(self) -> Iterator[dict[str, Any]]:
        for currency in sorted({c.currency for c in COUNTRIES} | {"EUR", "USD"}):
            yield {"currency": currency, "rate": round(RATES[currency] / self.eur_to_base, 6),
                   "date": RATE_DATE}

    def brands(self) -> Iterator[dict[str, Any]]:
        for brand in BRANDS:
            aliases = list(brand.aliases) + [n for n in (brand.zh, brand.ja) if n]
            yield {"id": self.brand_id(brand), "name": brand.name,
                   "aliases": list(dict.fromkeys(aliases)), "country": brand.country}

    def products(self) -> Iterator[dict[str, Any]]:
        sk, rng = self.skeleton, self._rng("text")
        stock_rng = self._rng("stock")  # its own stream: stock leaves every text as it was
        for i in range(self.config.products):
            kind, brand = KINDS[sk.kind[i]], BRANDS[sk.brand[i]]
            colour = rng.choice(PALETTES[kind.group])
            material = rng.choice(kind.materials)
            size = rng.choice(kind.sizes) if kind.sizes else None
            gender = rng.choice(kind.genders) if kind.genders else None
            age_group = kind.age_group
            if gender in ("women", "men") and rng.random() < 0.08:
                gender, age_group = "kids", "kids"
            elif gender == "kids":
                age_group = kind.age_group if kind.age_group != "adult" else "kids"
            title = titles(kind, brand, series_name(rng), colour, gender, size)
            currency, price = self._list_price(sk.price_eur[i], brand, rng)
            row: dict[str, Any] = {
                "id": self.product_id(i), "brand_id": self.brand_id(brand),
                "category_id": kind.category, "price": price, "currency": currency,
                "titles": title,
                "descriptions": descriptions(kind, title, colour, material, size, gender, rng),
                "colour": colour, "material": material, "size": size, "gender": gender,
                "age_group": age_group,
                # About one in twenty sold out, so listings flag some and recommenders skip them.
                "stock": 0 if stock_rng.random() < SOLD_OUT_SHARE else stock_rng.randint(1, 250),
            }
            yield {k: v for k, v in row.items() if v is not None}

    def _list_price(self, price_eur: float, brand: Brand, rng: Random) -> tuple[str, float]:
        """The currency the seller lists in (often its home one) and a shop-like price in it."""
        roll = rng.random()
        currency = (COUNTRY_BY_CODE[brand.country].currency if roll < 0.4
                    else "EUR" if roll < 0.85 else "USD")
        amount = price_eur * RATES[currency]
        if RATES[currency] >= 50:  # yen, won, pesos...: whole tens
            return currency, float(max(round(amount, -1), 10))
        return currency, max(math.floor(amount), 1) - 0.01

    def shipping(self) -> Iterator[dict[str, Any]]:
        sk, rng = self.skeleton, self._rng("shipping")
        for i in range(self.config.products):
            bulky = KINDS[sk.kind[i]].key in BULKY_KINDS
            for j, country in enumerate(COUNTRIES):
                if not sk.ships[i] >> j & 1:
                    continue
                near = ZONES[sk.origin[i]] == country.zone
                days = rng.randint(1, 5) if near else rng.randint(6, 21)
                if near and sk.price_eur[i] >= 100 and not bulky:
                    cost = 0.0
                else:
                    cost = rng.uniform(3, 9) if near else rng.uniform(9, 35)
                    cost *= 3 if bulky else 1
                yield {"product_id": self.product_id(i), "country": country.code, "days": days,
                       "cost": round(cost * self.eur_to_base, 2)}

    def restrictions(self) -> Iterator[dict[str, Any]]:
        sk = self.skeleton
        for i in range(self.config.products):
            if not sk.restricted[i]:
                continue
            hazard = KINDS[sk.kind[i]].hazard
            codes, reason = HAZARD_RULES.get(hazard or "", ((), ""))
            for j, country in enumerate(COUNTRIES):
                if sk.restricted[i] >> j & 1:
                    why = reason if country.code in codes else CERTIFICATION_REASON
                    yield {"product_id": self.product_id(i), "country": country.code,
                           **reason_row(why)}

    def kind_of(self, index: int) -> Kind:
        return KINDS[self.skeleton.kind[index]]
