"""``borderless load catalog DIR``: a shop's catalog files into the graph, losing nothing.

Entities load in dependency order (``loaders.models.ENTITIES``). Each valid row is written in
batches through a named ``UNWIND $rows ... MERGE`` statement that returns the key of every row it
wrote; a row whose references (brand, category, product, shopper, country, currency) are unknown
writes nothing, and is quarantined with the missing reference named. Because every write is a
MERGE on a constrained key, a load killed half-way and run again ends with the same graph.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import LoadError
from borderless.settings import Settings
from graph.driver import read, run_auto, write, write_batches, write_returning
from loaders.models import (
    ENTITIES, LANGUAGES, BrandRow, CategoryRow, CountryRow, ExchangeRateRow, InteractionRow,
    ProductRow, RestrictionRow, ReviewRow, ShippingRow, ShopperRow, slug,
)
from loaders.reader import Accepted, Quarantine, Rejected, count_rows, find_entity_file, read_rows
from loaders.report import LoadReport, add_report_options, run_and_report

def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    cmd = load_subparsers.add_parser("catalog", help="load a catalog folder (JSONL/CSV per entity)")
    cmd.add_argument("directory", type=Path, help="folder with <entity>.jsonl or <entity>.csv files")
    cmd.add_argument("--quarantine", type=Path, help="where rejected rows go (JSON Lines)")
    add_report_options(cmd)
    cmd.set_defaults(handler=lambda args: run_and_report(
        args, lambda driver, settings, progress: load_catalog(
            driver, settings, args.directory, args.quarantine, progress)))


# Which row fields refer to which existing nodes, named as catalog_missing_refs' parameters.
REFERENCES: dict[str, dict[str, str]] = {
    "products": {"brand_id": "brand_ids", "category_id": "category_ids"},
    "shipping": {"product_id": "product_ids", "country": "countries"},
    "restrictions": {"product_id": "product_ids", "country": "countries"},
    "shoppers": {"country": "countries", "currency": "currencies"},
    "interactions": {"shopper_id": "shopper_ids", "product_id": "product_ids"},
    "reviews": {"shopper_id": "shopper_ids", "product_id": "product_ids"},
}


@dataclass
class _Context:
    """What row conversion needs from the graph: exchange rates by currency code."""

    rates: dict[str, float]


def _country(row: CountryRow, _: _Context) -> dict[str, Any]:
    return {"key": row.code, "code": row.code, "name": row.name, "currency": row.currency,
            "languages": row.languages}


def _rate(row: ExchangeRateRow, ctx: _Context) -> dict[str, Any]:
    ctx.rates[row.currency] = row.rate
    return {"key": row.currency, "currency": row.currency, "rate": row.rate, "date": row.date}


def _brand(row: BrandRow, _: _Context) -> dict[str, Any]:
    return {"key": row.id, "id": row.id, "name": row.name, "aliases": row.aliases,
            "aliases_text": " ".join(row.aliases), "name_key": slug(row.name),
            "country": row.country}


def _category(row: CategoryRow, _: _Context) -> dict[str, Any]:
    props = {f"name_{lang}": text for lang, text in row.names.items()}
    return {"key": row.id, "id": row.id, "parent_id": row.parent_id, "props": props}


class UnknownCurrency(ValueError):
    """A price in a currency the graph has no exchange rate for."""


def _product(row: ProductRow, ctx: _Context) -> dict[str, Any]:
    rate = ctx.rates.get(row.currency)
    if rate is None:
        raise UnknownCurrency(f"no exchange rate for {row.currency}; load exchange_rates first")
    props: dict[str, Any] = {
        "price": round(row.price / rate, 2), "list_price": row.price,
        "list_currency": row.currency, "colour": row.colour, "material": row.material,
        "size": row.size, "gender": row.gender, "age_group": row.age_group,
    }
    props |= {f"title_{lang}": text for lang, text in row.titles.items()}
    props |= {f"description_{lang}": text for lang, text in row.descriptions.items()}
    props = {k: v for k, v in props.items() if v is not None}
    return {"key": row.id, "id": row.id, "brand_id": row.brand_id,
            "category_id": row.category_id, "props": props}


def _shipping(row: ShippingRow, _: _Context) -> dict[str, Any]:
    return {"key": f"{row.product_id}>{row.country}", **row.model_dump()}


def _restriction(row: RestrictionRow, _: _Context) -> dict[str, Any]:
    return {"key": f"{row.product_id}>{row.country}", **row.model_dump()}


def _shopper(row: ShopperRow, _: _Context) -> dict[str, Any]:
    return {"key": row.id, **row.model_dump()}


def _interaction(row: InteractionRow, _: _Context) -> dict[str, Any]:
    return {"key": row.key(), "shopper_id": row.shopper_id, "product_id": row.product_id,
            "kind": row.kind, "at": row.at, "rating": row.rating}


def _review(row: ReviewRow, _: _Context) -> dict[str, Any]:
    return {"key": row.id, **row.model_dump()}


CONVERTERS: dict[str, Callable[[Any, _Context], dict[str, Any]]] = {
    "countries": _country, "exchange_rates": _rate, "brands": _brand, "categories": _category,
    "products": _product, "shipping": _shipping, "restrictions": _restriction,
    "shoppers": _shopper, "interactions": _interaction, "reviews": _review,
}
assert set(CONVERTERS) == set(ENTITIES) and len(LANGUAGES) == 7  # noqa: S101 - keep in step


def load_catalog(
    driver: Driver, settings: Settings, directory: Path, quarantine: Path | None = None,
    progress: bool = True,
) -> LoadReport:
    """Load every entity file found in ``directory`` into the graph.

    Args:
        driver: the process's Neo4j driver.
        settings: batch size and database come from here.
        directory: a folder with ``<entity>.jsonl`` or ``<entity>.csv`` files.
        quarantine: where rejected rows go (JSON Lines); default under the state folder.
        progress: show a progress bar per entity.

    Returns:
        The counts per entity; ``report.exit_code()`` is non-zero if anything was quarantined.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise LoadError(f"{directory}: not a folder")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    quarantine_path = quarantine or settings.state_dir / "quarantine" / f"catalog-{stamp}.jsonl"
    report = LoadReport(source=str(directory), quarantine_file=quarantine_path)
    box = Quarantine(quarantine_path)
    db = settings.neo4j_database
    write(driver, "writes/catalog_base_currency", db, code=settings.base_currency)
    rates = {r["code"]: r["rate"] for r in read(driver, "queries/currency_rates", db) if r["rate"]}
    ctx = _Context(rates=rates)
    try:
        for entity, model in ENTITIES.items():
            path = find_entity_file(directory, entity)
            if path is None:
                continue
            bar = tqdm(total=count_rows(path), desc=f"load {entity}", unit="row",
                       disable=not progress, file=sys.stderr)
            with bar:
                _load_entity(driver, settings, entity, read_rows(path, model), ctx, report, box, bar)
        if report.entities.get("reviews", None) and report.entities["reviews"].loaded:
            run_auto(driver, "writes/catalog_product_ratings", db)
    finally:
        box.close()
    if not box.count:
        report.quarantine_file = None
    return report


def _load_entity(
    driver: Driver, settings: Settings, entity: str, results: Iterator[Accepted | Rejected],
    ctx: _Context, report: LoadReport, box: Quarantine, bar: tqdm,
) -> None:
    counts = report.counts(entity)
    convert = CONVERTERS[entity]
    if entity == "categories":
        results = iter(_checked_categories(driver, settings, list(results)))
    batch: list[tuple[Accepted, dict[str, Any]]] = []
    parent_links: list[dict[str, Any]] = []

    def flush() -> None:
        written = _write_batch(driver, settings, entity, batch, box)
        counts.loaded += len(written)
        counts.quarantined += len(batch) - len(written)
        parent_links.extend({"key": p["key"], "id": p["id"], "parent_id": p["parent_id"]}
                            for _, p in batch if p["key"] in written and p.get("parent_id"))
        bar.update(len(batch))
        batch.clear()

    for result in results:
        counts.read += 1
        if isinstance(result, Rejected):
            box.add(result)
            counts.quarantined += 1
            bar.update(1)
            continue
        try:
            params = convert(result.row, ctx)
        except UnknownCurrency as e:
            box.add(Rejected(result.file, result.line, "currency", str(e), result.row.model_dump(mode="json")))
            counts.quarantined += 1
            bar.update(1)
            continue
        batch.append((result, params))
        if len(batch) >= settings.batch_size:
            flush()
    if batch:
        flush()
    if parent_links:
        _link_categories(driver, settings, parent_links)


def _write_batch(
    driver: Driver, settings: Settings, entity: str, batch: list[tuple[Accepted, dict[str, Any]]],
    box: Quarantine,
) -> set[str]:
    """Write one batch; quarantine the rows the statement refused. Returns the written keys."""
    db = settings.neo4j_database
    rows = [params for _, params in batch]
    written = {r["key"] for r in write_returning(driver, f"writes/catalog_{entity}", db, rows=rows)}
    refused = [(acc, params) for acc, params in batch if params["key"] not in written]
    if refused:
        for acc, reason_field, reason in _explain_refusals(driver, settings, entity, refused):
            box.add(Rejected(acc.file, acc.line, reason_field, reason, acc.row.model_dump(mode="json")))
    return written


def _explain_refusals(
    driver: Driver, settings: Settings, entity: str, refused: list[tuple[Accepted, dict[str, Any]]],
) -> Iterator[tuple[Accepted, str, str]]:
    refs = REFERENCES.get(entity, {})
    params: dict[str, list[str]] = {p: [] for p in
                                    ("brand_ids", "category_ids", "product_ids", "shopper_ids",
                                     "countries", "currencies")}
    for _, row in refused:
        for field, param in refs.items():
            params[param].append(row[field])
    missing = read(driver, "queries/catalog_missing_refs", settings.neo4j_database, **params)[0]
    for acc, row in refused:
        gone = [f for f in refs if row[f] in set(missing[f])]
        if gone:
            yield acc, ", ".join(gone), "; ".join(
                f"{f} {row[f]!r} does not exist in the graph" for f in gone)
        else:
            yield acc, "(row)", "the database refused the row"


def _checked_categories(
    driver: Driver, settings: Settings, results: list[Accepted | Rejected],
) -> Iterator[Accepted | Rejected]:
    """Refuse categories whose parent is neither in the file nor already in the graph."""
    in_file = {r.row.id for r in results if isinstance(r, Accepted)}
    wanted = sorted({r.row.parent_id for r in results if isinstance(r, Accepted)
                     and r.row.parent_id and r.row.parent_id not in in_file})
    absent = set(read(driver, "queries/catalog_missing_refs", settings.neo4j_database,
                      brand_ids=[], category_ids=wanted, product_ids=[], shopper_ids=[],
                      countries=[], currencies=[])[0]["category_id"]) if wanted else set()
    for r in results:
        if isinstance(r, Accepted) and r.row.parent_id in absent:
            yield Rejected(r.file, r.line, "parent_id",
                           f"parent_id {r.row.parent_id!r} is neither in the file nor in the graph",
                           r.row.model_dump(mode="json"))
        else:
            yield r


def _link_categories(driver: Driver, settings: Settings, links: list[dict[str, Any]]) -> None:
    """Second pass: every category of the file exists now, so parents can be linked."""
    for _ in write_batches(driver, "writes/catalog_category_parents", settings.neo4j_database,
                           links, settings.batch_size):
        pass
