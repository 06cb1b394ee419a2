"""A small shop of its own for the listing tests (ids ``lstt-``, countries XC/XD, currency XBB at
3 per EUR), loaded in two batches so that "newest" has something to tell apart, plus the facts
the tests check the API against (a plain-Python oracle of every product's attributes)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pytest
from neo4j import Driver

from borderless.settings import Settings
from graph.driver import run_auto, write
from loaders.catalog import load_catalog
from statements import cypher_file

PREFIX = "lstt-"
ROOT = f"{PREFIX}c-root"
CATEGORIES = {ROOT: None, f"{PREFIX}c-a": ROOT, f"{PREFIX}c-b": ROOT, f"{PREFIX}c-a1": f"{PREFIX}c-a"}
BRANDS = [f"{PREFIX}b-{n}" for n in ("north", "south", "east")]
COLOURS = ["red", "blue", "green", None]
SIZES = ["S", "M", "L", None]
MATERIALS = ["cotton", "wool", None]
GENDERS = ["women", "men", "unisex", "kids", None]
AGE_GROUPS = ["adult", "teen", "kids", "baby", None]
RATE = 3.0  # XBB per EUR


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    brand: str
    price: float  # EUR
    title: str
    colour: str | None
    size: str | None
    material: str | None
    gender: str | None
    age_group: str | None
    ships_to: frozenset[str]  # where it ships and is not restricted
    batch: int  # 1 or 2: the second batch is newer


def _items() -> list[Item]:
    rng = Random(9)
    items = []
    for n in range(1, 31):
        shipping = {c for c in ("XC", "XD") if rng.random() < 0.6}
        items.append(Item(
            id=f"{PREFIX}p-{n:02d}", category=rng.choice(list(CATEGORIES)),
            brand=rng.choice(BRANDS), price=rng.choice([5.0, 9.0, 12.5, 30.0, 30.0, 80.0, 400.0]),
            title=rng.choice(["Anorak", "boots", "Cap", "Denim", "anorak", "Érable"]) + " " +
            rng.choice(["one", "two"]),
            colour=rng.choice(COLOURS), size=rng.choice(SIZES), material=rng.choice(MATERIALS),
            gender=rng.choice(GENDERS), age_group=rng.choice(AGE_GROUPS),
            ships_to=frozenset(shipping - ({"XD"} if n % 7 == 0 else set())),
            batch=1 if n <= 18 else 2))
    return items


ITEMS = _items()
RESTRICTED = [i.id for n, i in enumerate(ITEMS, 1) if n % 7 == 0]  # restricted in XD
# Reviews (ratings per product) give RATING and RELEVANCE something to sort by.
RATINGS = {ITEMS[0].id: [5, 4], ITEMS[3].id: [3], ITEMS[4].id: [5, 5, 5], ITEMS[20].id: [2, 4]}


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(row) + "\n" for row in rows)


def shop_files(folder: Path, batch: int) -> Path:
    """Write batch ``batch`` (1 or 2) of the shop as catalog files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    items = [i for i in ITEMS if i.batch == batch]
    _write(folder, "countries", [
        {"code": "XC", "name": "Testland C", "currency": "XBB", "languages": ["en"]},
        {"code": "XD", "name": "Testland D", "currency": "EUR", "languages": ["en"]}])
    _write(folder, "exchange_rates", [{"currency": "XBB", "rate": RATE, "date": "2026-11-01"}])
    _write(folder, "categories", [
        {"id": c, **({"parent_id": p} if p else {}), "names": {"en": c[len(PREFIX):].upper()}}
        for c, p in CATEGORIES.items()])
    _write(folder, "brands", [{"id": b, "name": b[len(PREFIX) + 2:].title()} for b in BRANDS])
    _write(folder, "products", [
        {"id": i.id, "brand_id": i.brand, "category_id": i.category, "price": i.price,
         "currency": "EUR", "titles": {"en": i.title},
         **{k: v for k, v in (("colour", i.colour), ("size", i.size), ("material", i.material),
                              ("gender", i.gender), ("age_group", i.age_group)) if v}}
        for i in items])
    _write(folder, "shipping", [
        {"product_id": i.id, "country": c, "days": 3, "cost": 1.0}
        for i in items for c in sorted(i.ships_to | ({"XD"} if i.id in RESTRICTED else set()))])
    _write(folder, "restrictions", [
        {"product_id": i.id, "country": "XD", "reason": "test"} for i in items
        if i.id in RESTRICTED])
    _write(folder, "shoppers", [{"id": f"{PREFIX}s-{k}", "country": "XC", "language": "en",
                                 "currency": "EUR"} for k in range(3)])
    _write(folder, "reviews", [
        {"id": f"{PREFIX}r-{pid}-{k}", "shopper_id": f"{PREFIX}s-{k}", "product_id": pid,
         "rating": r, "text": "ok", "lang": "en", "at": "2026-11-05T10:00:00Z"}
        for pid, rs in RATINGS.items() for k, r in enumerate(rs) if pid in {i.id for i in items}])
    return folder


def _clean(driver: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    run_auto(driver, cypher_file("delete_id_prefix"), db, prefix=PREFIX)
    write(driver, cypher_file("api_test_cleanup"), db, countries=["XC", "XD"], currencies=["XBB"])


@pytest.fixture(scope="module")
def listing_shop(driver: Driver, settings: Settings, tmp_path_factory: pytest.TempPathFactory,
                 ) -> Iterator[list[Item]]:
    """The listing shop, loaded in two batches (a little apart) and removed afterwards."""
    _clean(driver, settings)
    root = tmp_path_factory.mktemp("listing_shop")
    for batch in (1, 2):
        report = load_catalog(driver, settings, shop_files(root / str(batch), batch),
                              quarantine=None, progress=False)
        assert report.exit_code() == 0, report
        time.sleep(0.05)  # listed_at has millisecond resolution
    yield ITEMS
    _clean(driver, settings)
