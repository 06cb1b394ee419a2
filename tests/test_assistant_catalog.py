"""Orders and policies in the catalog format, loaded into the real Neo4j with the catalog loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from neo4j import Driver

from borderless.settings import Settings
from graph.driver import read, run_auto
from loaders.catalog import load_catalog
from service_world import SERVICE, clean_service, wipe_service  # noqa: F401  (fixture)
from statements import cypher_file
from test_catalog_loader import snapshot


def _order(driver: Driver, settings: Settings, order_id: str) -> dict[str, Any]:
    rows = read(driver, cypher_file("assistant_order_facts"), settings.neo4j_database,
                order_id=order_id)
    assert len(rows) == 1
    return rows[0]


def _policies(driver: Driver, settings: Settings, code: str) -> dict[str, Any]:
    return read(driver, cypher_file("assistant_policy_facts"), settings.neo4j_database,
                code=code)[0]


def test_orders_and_policies_load_every_row(driver, settings, clean_service, tmp_path):
    report = load_catalog(driver, settings, SERVICE, tmp_path / "q.jsonl", progress=False)
    assert report.quarantined == 0
    loaded = {k: v.loaded for k, v in report.entities.items()}
    assert {k: loaded[k] for k in ("orders", "order_lines", "order_events", "return_policies",
                                    "duty_notes", "delivery_promises", "help_articles",
                                    "interactions")} == {
        "orders": 2, "order_lines": 3, "order_events": 8, "return_policies": 3,
        "duty_notes": 2, "delivery_promises": 2, "help_articles": 1, "interactions": 2}
    order = _order(driver, settings, "ta-o-1")
    assert order["shopper"] == "ta-s-1" and order["country"] == "QM"
    assert order["carrier"] == "DHL" and order["tracking_id"] == "JD0001"
    assert order["promised_by"] == "2026-11-26"
    assert order["statuses"] == ["placed", "paid", "shipped", "in_customs"]
    assert order["lines"] == [
        {"product": "ta-p-1", "quantity": 1, "price": 80.0, "currency": "EUR"},
        {"product": "ta-p-2", "quantity": 2, "price": 50.0, "currency": "EUR"}]
    xa = _policies(driver, settings, "QM")
    assert (xa["vat_percent"], xa["duty_percent"], xa["de_minimis"]) == (19.0, 0.0, 150.0)
    assert xa["duty_text_de"].startswith("Die Mehrwertsteuer")
    assert (xa["min_days"], xa["max_days"]) == (3, 6)
    assert xa["returns"] == [
        {"id": "*@QM", "category": None, "window_days": 30, "paid_by": "shop", "exceptions": []},
        {"id": "ta-c-knives@QM", "category": "ta-c-knives", "window_days": 14,
         "paid_by": "shopper", "exceptions": ["opened blades cannot be returned"]}]
    assert _policies(driver, settings, "QN")["returns"][0]["exceptions"] == [
        "final-sale items", "gift cards"]


def test_reload_of_orders_and_policies_changes_nothing(driver, settings, clean_service, tmp_path):
    load_catalog(driver, settings, SERVICE, tmp_path / "q.jsonl", progress=False)
    first = (snapshot(driver, settings, "ta-"), _policies(driver, settings, "QM"))
    load_catalog(driver, settings, SERVICE, tmp_path / "q.jsonl", progress=False)
    assert (snapshot(driver, settings, "ta-"), _policies(driver, settings, "QM")) == first


def _append(folder: Path, name: str, *rows: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as f:
        f.writelines(row + "\n" for row in rows)


def test_bad_service_rows_are_quarantined_with_reasons_and_good_rows_land(
        driver, settings, clean_service, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(SERVICE, bad)
    _append(bad, "orders.jsonl",
            '{"id": "ta-o-9", "shopper_id": "ta-s-404", "country": "QM", "currency": "EUR", '
            '"placed_at": "2026-11-01T00:00:00Z"}',
            '{"id": "ta-o-8", "shopper_id": "ta-s-1", "country": "QM", "currency": "EUR", '
            '"placed_at": "2026-11-01T00:00:00Z", "promised_by": "soon"}')
    _append(bad, "order_lines.csv", "ta-o-404,ta-p-1,1,10,EUR", "ta-o-1,ta-p-1,1,10,EUR")
    _append(bad, "order_events.jsonl",
            '{"order_id": "ta-o-1", "status": "lost", "at": "2026-11-24T00:00:00Z"}')
    _append(bad, "interactions.jsonl",
            '{"id": "ta-i-8", "shopper_id": "ta-s-1", "product_id": "ta-p-1", "kind": "purchase",'
            ' "at": "2026-11-10T12:00:00Z", "order_id": "ta-o-2"}',
            '{"id": "ta-i-9", "shopper_id": "ta-s-1", "product_id": "ta-p-1", "kind": "view",'
            ' "at": "2026-11-10T12:00:00Z", "order_id": "ta-o-1"}')
    _append(bad, "return_policies.csv", "QO,ta-c-none,30,shop,", "QO,,30,nobody,")
    _append(bad, "delivery_promises.csv", "QO,9,3,")
    _append(bad, "help_articles.jsonl",
            '{"id": "ta-h-x", "topic": "duties", "titles": {"de": "Zoll"}, "texts": {"de": "Z"}}')
    report = load_catalog(driver, settings, bad, tmp_path / "q.jsonl", progress=False)
    refused = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text().splitlines()]
    reasons = {(r["file"].split("/")[-1], r["line"]): (r["field"], r["reason"]) for r in refused}
    assert reasons[("orders.jsonl", 3)][0] == "shopper_id"
    assert "'ta-s-404' does not exist" in reasons[("orders.jsonl", 3)][1]
    assert reasons[("orders.jsonl", 4)][0] == "promised_by"
    assert reasons[("order_lines.csv", 5)][0] == "order_id"
    assert "duplicate" in reasons[("order_lines.csv", 6)][1]
    assert reasons[("order_events.jsonl", 9)][0] == "status"
    assert reasons[("interactions.jsonl", 3)] == (
        "order_id", "order 'ta-o-2' was not placed by shopper 'ta-s-1'")
    assert "only on a purchase" in reasons[("interactions.jsonl", 4)][1]
    assert reasons[("return_policies.csv", 5)][0] == "category_id"
    assert reasons[("return_policies.csv", 6)][0] == "paid_by"
    assert "less than min_days" in reasons[("delivery_promises.csv", 4)][1]
    assert "English" in reasons[("help_articles.jsonl", 2)][1]
    assert report.quarantined == len(refused) == 11
    # Every good row still landed, the bad ones left no trace.
    assert _order(driver, settings, "ta-o-1")["statuses"] == ["placed", "paid", "shipped",
                                                             "in_customs"]
    assert not read(driver, cypher_file("assistant_order_facts"), settings.neo4j_database,
                    order_id="ta-o-9")
    assert _policies(driver, settings, "QO")["min_days"] is None
    loaded = {k: v.loaded for k, v in report.entities.items()}
    assert (loaded["orders"], loaded["order_lines"], loaded["return_policies"]) == (2, 3, 3)


def test_demo_orders_follow_a_parcels_life():
    from collections import Counter

    from loaders.demo import DemoShop
    from loaders.demo_orders import ORDER_STATUSES_IN_ORDER
    from loaders.demo_shop import DemoConfig
    from loaders.models_service import OrderEventRow, OrderRow

    shop = DemoShop(DemoConfig(products=300, seed=5, shoppers=200, interactions=4000, prefix="td-"))
    orders = {o["id"]: OrderRow.model_validate(o) for o in shop.rows("orders")}
    purchases = [r for r in shop.rows("interactions") if r["kind"] == "purchase"]
    assert purchases and {p["order_id"] for p in purchases} == set(orders)
    events: dict[str, list[OrderEventRow]] = {}
    for row in shop.rows("order_events"):
        events.setdefault(row["order_id"], []).append(OrderEventRow.model_validate(row))
    held = Counter()
    for oid, steps in events.items():
        statuses = [e.status for e in steps]
        # Steps come in a parcel's order, each later than the one before, starting when placed.
        assert statuses == sorted(statuses, key=ORDER_STATUSES_IN_ORDER.index), statuses
        assert [e.at for e in steps] == sorted(e.at for e in steps)
        assert steps[0].status == "placed" and steps[0].at == orders[oid].placed_at
        assert not ("cancelled" in statuses and "shipped" in statuses)
        held[any(e.note for e in steps)] += 1
        if "delivered" in statuses and orders[oid].estimated_by:
            assert orders[oid].promised_by and orders[oid].promised_by >= orders[oid].placed_at.date()
    assert held[True] > 0 and held[False] > held[True]  # some, not most, are held in customs
    assert set(orders) == set(events)  # every order has at least its "placed" step


def test_the_service_world_leaves_shared_currencies_as_it_found_them(
        driver, settings, clean_service, tmp_path):
    """The world once loaded USD at 1.08 and JPY at 160 over whatever rates the database held,
    and removing it left them so: a test after it priced in USD saw the world's rate."""
    db = settings.neo4j_database
    put = cypher_file("currency_test_put_rate")
    before = {r["code"]: r for r in read(driver, cypher_file("currency_rates_of"), db)}
    sentinels = {"USD": 1.2345, "JPY": 98.76}  # rates no world file gives
    try:
        for code, rate in sentinels.items():
            run_auto(driver, put, db, code=code, rate=rate)
        shared = read(driver, cypher_file("currency_rates_of"), db)
        report = load_catalog(driver, settings, SERVICE, tmp_path / "q.jsonl", progress=False)
        assert report.quarantined == 0
        loaded = {r["code"]: r for r in read(driver, cypher_file("currency_rates_of"), db)}
        assert [loaded[r["code"]] for r in shared] == shared  # untouched while it is loaded
        wipe_service(driver, settings)
        assert read(driver, cypher_file("currency_rates_of"), db) == shared
    finally:
        for code in sentinels:
            old = before.get(code)
            run_auto(driver, put, db, code=code, rate=old["rate"] if old else None)
