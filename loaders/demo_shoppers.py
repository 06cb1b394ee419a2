"""The demo shop's shoppers, their hidden tastes, and what they do: interactions and reviews.

Each shopper has latent tastes a recommender can learn: two or three kinds of product (so their
taxonomy categories), two brands among those that make them, and a price band (where in a kind's
price range they like to buy). Sessions mostly start from those tastes, sometimes explore; a
product a shopper likes is more often carted, bought and rated well. A shopper only ever meets
products that ship to their country. Each shopper draws from its own seeded stream
(``Random(f"{seed}:sim:{i}")``), so any shopper's rows can be regenerated alone; the ground-truth
tastes are written beside the catalogue (``tastes.jsonl``) and never loaded.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, UTC
from itertools import accumulate
from random import Random
from typing import Any

from loaders.demo_orders import DemoOrders
from loaders.demo_shop import DemoCatalog
from loaders.demo_text import review_text
from loaders.demo_vocab import KINDS
from loaders.demo_world import BRANDS, COUNTRIES

# The last moment of history; fixed, so the files do not depend on the day they are made.
HISTORY_END = datetime(2026, 11, 27, tzinfo=UTC)
EXPLORE = 0.2  # share of sessions that ignore the shopper's tastes
BAND_WIDTH = 0.3  # half-width of a shopper's price band, in price-percentile units


@dataclass(frozen=True)
class Shopper:
    index: int
    country: int  # index into COUNTRIES
    language: str
    kinds: tuple[int, ...]  # preferred kinds (indices into KINDS)
    brands: tuple[int, ...]  # preferred brands (indices into BRANDS)
    band: float  # preferred price percentile, 0 cheap .. 1 dear


class DemoShoppers:
    """Shoppers, tastes, interactions and reviews of one demo shop."""

    def __init__(self, catalog: DemoCatalog) -> None:
        self.catalog = catalog
        self.config = catalog.config
        self.country_cum_weights = list(accumulate(c.weight for c in COUNTRIES))
        self.orders = DemoOrders(catalog, HISTORY_END)

    def shopper_id(self, index: int) -> str:
        return f"{self.config.prefix}shopper-{index}"

    def shopper(self, index: int) -> Shopper:
        """The shopper's country, language and hidden tastes (a pure function of seed and index)."""
        rng = Random(f"{self.config.seed}:shopper:{index}")
        c = rng.choices(range(len(COUNTRIES)), cum_weights=self.country_cum_weights)[0]
        language = COUNTRIES[c].shop_language if rng.random() < 0.85 else "en"
        first = rng.choices(range(len(KINDS)), cum_weights=self.catalog.kind_cum_weights)[0]
        kinds = [first]
        for _ in range(rng.randint(1, 2)):
            same_group = [k for k, kind in enumerate(KINDS)
                          if kind.group == KINDS[first].group and k not in kinds]
            pool = same_group if same_group and rng.random() < 0.65 else \
                [k for k in range(len(KINDS)) if k not in kinds]
            kinds.append(rng.choice(pool))
        makers = sorted({b for k in kinds for b in self.catalog.kind_brands[k]})
        brands = rng.sample(makers, k=min(2, len(makers)))
        return Shopper(index, c, language, tuple(kinds), tuple(brands), rng.random())

    def shoppers(self) -> Iterator[dict[str, Any]]:
        for i in range(self.config.n_shoppers):
            s = self.shopper(i)
            country = COUNTRIES[s.country]
            yield {"id": self.shopper_id(i), "country": country.code, "language": s.language,
                   "currency": country.currency}

    def tastes(self) -> Iterator[dict[str, Any]]:
        """The ground truth a recommender should recover; for tests and evaluation only."""
        for i in range(self.config.n_shoppers):
            s = self.shopper(i)
            yield {"shopper_id": self.shopper_id(i),
                   "kinds": [KINDS[k].key for k in s.kinds],
                   "categories": list(dict.fromkeys(KINDS[k].category for k in s.kinds)),
                   "brands": [self.catalog.brand_id(BRANDS[b]) for b in s.brands],
                   "price_band": [round(max(s.band - BAND_WIDTH, 0), 3),
                                  round(min(s.band + BAND_WIDTH, 1), 3)]}

    # -- activity --------------------------------------------------------------------------
    def budgets(self) -> Iterator[int]:
        """Events per shopper: heavy-tailed activity that sums exactly to ``n_interactions``."""
        m, total = self.config.n_shoppers, self.config.n_interactions
        if m == 0:  # a shop without shoppers has no activity, whatever was asked
            return

        def weights() -> Iterator[float]:
            rng = Random(f"{self.config.seed}:activity")
            return (rng.lognormvariate(0, 1) for _ in range(m))

        scale = total / sum(weights())
        running, given = 0.0, 0
        for i, w in enumerate(weights()):
            running += w * scale
            upto = total if i == m - 1 else min(int(running), total)
            yield upto - given
            given = upto

    # -- behaviour -------------------------------------------------------------------------
    def affinity(self, s: Shopper, product: int) -> float:
        """How much the shopper likes a product, 0.1 .. 1: kind, brand and price band."""
        sk = self.catalog.skeleton
        price_fit = max(0.0, 1 - abs(sk.price_pct[product] - s.band) / BAND_WIDTH)
        return (0.1 + 0.4 * (sk.kind[product] in s.kinds) + 0.3 * (sk.brand[product] in s.brands)
                + 0.2 * price_fit)

    def _pick(self, s: Shopper, rng: Random) -> int | None:
        """A product that ships to the shopper, drawn by their tastes (or exploring)."""
        sk = self.catalog.skeleton
        if rng.random() >= EXPLORE:
            found = self._draw(s, rng, sk.by_kind[rng.choice(s.kinds)], by_taste=True)
            if found is not None:
                return found
        return self._draw(s, rng, None, by_taste=False)

    def _draw(self, s: Shopper, rng: Random, pool: array | None, by_taste: bool) -> int | None:
        """Up to 60 tries in ``pool`` (default: every product) for one that ships and appeals."""
        sk, country_bit = self.catalog.skeleton, 1 << s.country
        size = len(pool) if pool is not None else self.config.products
        fallback = None
        for _ in range(60 if size else 0):
            p = int(rng.random() * size)
            p = pool[p] if pool is not None else p
            if not sk.ships[p] & country_bit:
                continue
            # Squared, so a product that fits on every count is far likelier than a half fit.
            if not by_taste or rng.random() < self.affinity(s, p) ** 2:
                return p
            fallback = p if fallback is None else fallback
        return fallback

    def activity(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every interaction, review and order row, tagged with its entity, shopper by shopper."""
        for i, budget in enumerate(self.budgets()):
            if budget:
                yield from self._simulate(self.shopper(i), budget)

    def _simulate(self, s: Shopper, budget: int) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = Random(f"{self.config.seed}:sim:{s.index}")
        sk, sid = self.catalog.skeleton, self.shopper_id(s.index)
        start, span = HISTORY_END - timedelta(days=self.config.days), self.config.days * 86400
        n = 0
        misses = 0
        while n < budget and misses < 20:
            p = self._pick(s, rng)
            if p is None:  # almost nothing ships here: try a few more, then give up
                misses += 1
                continue
            a = self.affinity(s, p)
            at = start + timedelta(seconds=rng.randrange(span))
            events = [("view", at, None)]
            if rng.random() < 0.1 + 0.5 * a:
                at += timedelta(seconds=rng.randint(30, 1800))
                events.append(("cart", at, None))
                if rng.random() < 0.2 + 0.6 * a:
                    at += timedelta(seconds=rng.randint(60, 7200))
                    events.append(("purchase", at, None))
                    if rng.random() < 0.5:
                        at = min(at + timedelta(days=rng.randint(2, 21)), HISTORY_END)
                        score = 0.55 * sk.quality[p] + 0.45 * a + rng.gauss(0, 0.15)
                        events.append(("rating", at, min(max(round(1 + 4 * score), 1), 5)))
            for kind, when, rating in events:
                if n >= budget:
                    break
                row = {"id": f"{self.config.prefix}ia-{s.index}-{n}", "shopper_id": sid,
                       "product_id": self.catalog.product_id(p), "kind": kind,
                       "at": min(when, HISTORY_END).strftime("%Y-%m-%dT%H:%M:%SZ")}
                if rating is not None:
                    row["rating"] = rating
                if kind == "purchase":
                    row["order_id"] = self.orders.order_id(row["id"])
                    yield from self.orders.order(row, p, s.country)
                yield "interactions", row
                if rating is not None and rng.random() < 0.5:
                    lang = s.language if rng.random() < 0.9 else "en"
                    yield "reviews", {
                        "id": f"{self.config.prefix}review-{s.index}-{n}", "shopper_id": sid,
                        "product_id": row["product_id"], "rating": rating,
                        "text": review_text(self.catalog.kind_of(p), rating, lang, rng),
                        "lang": lang, "at": row["at"]}
                n += 1

