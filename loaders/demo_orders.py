"""The demo shop's orders and customer-service policies.

Every demo purchase is an order of one line, shipped to the shopper's country, whose status
history follows a parcel's life: placed, paid minutes later, shipped one to three days later,
then (when it crosses a shipping zone) held in customs, where one parcel in five is delayed by a
week or more, and delivered; a few are cancelled before shipping or returned after delivery.
Steps later than the end of the demo history are left out, so recent orders are still on their
way. Each order draws from its own stream (``Random(f"{seed}:order:{id}")``), so the
interactions are the same with or without orders.

Policies are per country and zone: returns (30 days paid by the shop inside the origin's zone,
14 to 30 days paid by the shopper elsewhere; bladed goods 14 days, unopened only), duty and VAT
(plausible round figures per zone, not authoritative), delivery promises per zone, and four
short help articles in the seven languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from random import Random
from typing import Any

from loaders.demo_shop import ZONES, DemoCatalog
from loaders.demo_vocab import KINDS
from loaders.demo_world import COUNTRIES, RATES
from loaders.demo_help import HELP_ARTICLES, exceptions_row

# Per zone: carrier, promised days (min, max), duty %, VAT %, duty-free threshold (EUR).
ZONE_SERVICE: dict[str, tuple[str, int, int, float, float, float]] = {
    "europe": ("DHL", 3, 10, 0.0, 20.0, 150.0),
    "americas": ("UPS", 5, 15, 5.0, 0.0, 700.0),
    "asia": ("SF Express", 5, 15, 6.0, 10.0, 100.0),
    "mea": ("Aramex", 7, 21, 10.0, 15.0, 50.0),
}
# A parcel's life in order; a cancelled order stops before shipping, a returned one after delivery.
ORDER_STATUSES_IN_ORDER = ("placed", "paid", "cancelled", "shipped", "in_customs", "delivered",
                           "returned")
CUSTOMS_DELAY = 0.2  # share of customs stops that hold the parcel a week or more
CANCELLED = 0.03
RETURNED = 0.05


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


class DemoOrders:
    """Orders for demo purchases, and the shop's policies."""

    def __init__(self, catalog: DemoCatalog, history_end: datetime) -> None:
        self.catalog = catalog
        self.config = catalog.config
        self.history_end = history_end

    def order_id(self, purchase_id: str) -> str:
        return purchase_id.replace("ia-", "order-", 1)

    def order(self, purchase: dict[str, Any], product: int, country: int
              ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The order, its line and its status history for one purchase interaction."""
        oid = self.order_id(purchase["id"])
        rng = Random(f"{self.config.seed}:order:{oid}")
        dest = COUNTRIES[country]
        carrier, _, hi, *_ = ZONE_SERVICE[dest.zone]
        placed = datetime.fromisoformat(purchase["at"].replace("Z", "+00:00"))
        crosses = ZONES[self.catalog.skeleton.origin[product]] != dest.zone
        transit = rng.randint(6, 14) if crosses else rng.randint(1, 5)
        paid = placed + timedelta(minutes=rng.randint(1, 30))
        shipped = paid + timedelta(hours=rng.randint(20, 72))
        steps: list[tuple[str, datetime, str | None]] = [("placed", placed, None),
                                                         ("paid", paid, None)]
        delay = 0
        if rng.random() < CANCELLED:
            steps.append(("cancelled", paid + timedelta(hours=rng.randint(1, 20)), None))
        else:
            steps.append(("shipped", shipped, None))
            if crosses:
                held = rng.random() < CUSTOMS_DELAY
                delay = rng.randint(7, 14) if held else rng.randint(0, 1)
                note = "held for inspection" if held else None
                steps.append(("in_customs", shipped + timedelta(days=transit - 2, hours=5), note))
            delivered = shipped + timedelta(days=transit + delay, hours=rng.randint(1, 9))
            steps.append(("delivered", delivered, None))
            if rng.random() < RETURNED:
                steps.append(("returned", delivered + timedelta(days=rng.randint(3, 20)), None))
        price = self.catalog.skeleton.price_eur[product] * RATES[dest.currency]
        yield "orders", {
            "id": oid, "shopper_id": purchase["shopper_id"], "country": dest.code,
            "currency": dest.currency, "placed_at": purchase["at"], "carrier": carrier,
            "tracking_id": f"{carrier[:2].upper()}{rng.randrange(10**9, 10**10)}",
            "promised_by": (placed + timedelta(days=hi)).date().isoformat(),
            "estimated_by": (shipped + timedelta(days=transit + delay)).date().isoformat()}
        yield "order_lines", {"order_id": oid, "product_id": purchase["product_id"],
                              "quantity": 1 if rng.random() < 0.85 else rng.randint(2, 3),
                              "price": round(price, 2), "currency": dest.currency}
        for status, at, note in steps:
            if at > self.history_end:
                break  # the parcel has not got that far yet
            row: dict[str, Any] = {"order_id": oid, "status": status, "at": _iso(at)}
            if note:
                row["note"] = note
            yield "order_events", row

    # -- policies --------------------------------------------------------------------------
    def return_policies(self) -> Iterator[dict[str, Any]]:
        blades = sorted({k.category for k in KINDS if k.hazard == "blade"})
        for c in COUNTRIES:
            home = c.zone == "europe"  # the demo shop sits in Europe
            yield {"country": c.code, "window_days": 30 if home else 14 + 8 * (len(c.code) % 3),
                   "paid_by": "shop" if home else "shopper",
                   **exceptions_row("gift cards", "personalised items")}
            for category in blades:
                yield {"country": c.code, "category_id": category, "window_days": 14,
                       "paid_by": "shopper", **exceptions_row("opened or used blades")}

    def duty_notes(self) -> Iterator[dict[str, Any]]:
        base_rate = RATES[self.config.base_currency]
        for c in COUNTRIES:
            _, _, _, duty, vat, free = ZONE_SERVICE[c.zone]
            yield {"country": c.code, "duty_percent": duty, "vat_percent": vat,
                   "de_minimis": round(free * base_rate, 2),
                   "texts": {"en": f"Duty and taxes into {c.name} are collected by the carrier "
                                   "on delivery unless paid at checkout."}}

    def delivery_promises(self) -> Iterator[dict[str, Any]]:
        for c in COUNTRIES:
            carrier, lo, hi, *_ = ZONE_SERVICE[c.zone]
            yield {"country": c.code, "min_days": lo, "max_days": hi, "carrier": carrier}

    def help_articles(self) -> Iterator[dict[str, Any]]:
        for topic, titles, texts in HELP_ARTICLES:
            yield {"id": f"{self.config.prefix}help-{topic}", "topic": topic,
                   "titles": titles, "texts": texts}
