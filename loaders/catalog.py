"""``borderless load catalog DIR``: a shop's catalog files into the graph, losing nothing.

The folder is checked first (:mod:`loaders.folder`): misnamed files and unreadable CSV headers stop
the load before anything is written. Entities then load in dependency order
(``loaders.models.ENTITIES``). Each valid row is written in batches through a named
``UNWIND $rows ... MERGE`` statement that returns the key of every row it wrote. Every row that
does not load is quarantined with its reason, and only through :meth:`_Entity.reject`, which
also counts it, so the summary and the quarantine file agree:

- a row that fails validation, or a line that is not UTF-8 or not JSON (:mod:`loaders.reader`);
- the second and later rows with a key already seen in this load (the first row wins);
- a category whose parent is unknown or which would close a cycle (:mod:`loaders.categories`);
- an image row whose file is missing, outside the folder, too big or not a readable image
  (:mod:`loaders.images`);
- a row whose references (brand, category, product, shopper, country, currency) are unknown;
- a row that breaks a uniqueness constraint (an interaction id that already links other
  endpoints): its batch is split in halves and written again until the row is alone, so the
  rest of the batch still loads.

Because every write is a MERGE on a constrained key, a load killed half-way and run again ends
with the same graph.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import ConstraintConflict
from borderless.settings import Settings
from graph.driver import read, run_auto, write, write_batches, write_returning
from loaders.categories import CategoryLink, refused_categories
from loaders.convert import CONVERTERS, Context, UnknownCurrency, row_key
from loaders.folder import inspect_folder
from loaders.images import ImageRefused
from loaders.models import ENTITIES
from loaders.reader import Accepted, Quarantine, Rejected, count_rows, read_rows
from loaders.report import EntityCounts, LoadReport, add_report_options, run_and_report

_Context = Context  # the name bench/load.py and the API's mutations import
__all__ = ["CONVERTERS", "REFERENCES", "_Context", "load_catalog", "register_load"]

Prepared = tuple[Accepted, dict[str, Any]]


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load catalog`` to the ``load`` command."""
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
    "interactions": {"shopper_id": "shopper_ids", "product_id": "product_ids",
                     "order_id": "order_ids"},
    "reviews": {"shopper_id": "shopper_ids", "product_id": "product_ids"},
    "images": {"product_id": "product_ids"},
    "orders": {"shopper_id": "shopper_ids", "country": "countries", "currency": "currencies"},
    "order_lines": {"order_id": "order_ids", "product_id": "product_ids",
                    "currency": "currencies"},
    "order_events": {"order_id": "order_ids"},
    "return_policies": {"country": "countries", "category_id": "category_ids"},
    "duty_notes": {"country": "countries"},
    "delivery_promises": {"country": "countries"},
}


MISSING_REF_PARAMS = ("brand_ids", "category_ids", "product_ids", "shopper_ids", "order_ids",
                      "countries", "currencies")


def load_catalog(
    driver: Driver, settings: Settings, directory: Path, quarantine: Path | None = None,
    progress: bool = True,
) -> LoadReport:
    """Load every entity file found in ``directory`` into the graph.

    Args:
        driver: the process's Neo4j driver.
        settings: batch size and database come from here.
        directory: a folder with ``<entity>.jsonl`` or ``<entity>.csv`` files.
        quarantine: where rejected rows go (JSON Lines, replaced); default under the state folder.
        progress: show a progress bar per entity.

    Returns:
        The counts per entity; ``report.exit_code()`` is non-zero if anything was quarantined.

    Raises:
        LoadError: the folder holds no catalog file, a misnamed one, or an unreadable CSV header
            (nothing is loaded then).
    """
    directory = Path(directory)
    folder = inspect_folder(directory)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    quarantine_path = quarantine or settings.state_dir / "quarantine" / f"catalog-{stamp}.jsonl"
    report = LoadReport(source=str(directory), quarantine_file=quarantine_path,
                        notes=list(folder.notes))
    box = Quarantine(quarantine_path)
    db = settings.neo4j_database
    write(driver, "writes/catalog_base_currency", db, code=settings.base_currency)
    rates = {r["code"]: r["rate"] for r in read(driver, "queries/currency_rates", db) if r["rate"]}
    ctx = Context(rates=rates, directory=directory, image_max_bytes=settings.image_max_bytes)
    try:
        for entity, path in folder.files.items():
            bar = tqdm(total=count_rows(path), desc=f"load {entity}", unit="row",
                       disable=not progress, file=sys.stderr)
            with bar:
                job = _Entity(driver, settings, entity, report.counts(entity), box, bar)
                job.load(read_rows(path, ENTITIES[entity]), ctx)
        if report.entities.get("reviews", None) and report.entities["reviews"].loaded:
            run_auto(driver, "writes/catalog_product_ratings", db)
    finally:
        box.close()
    if not box.count:
        report.quarantine_file = None
    return report


@dataclass
class _Entity:
    """Loading one entity file: its counts, its quarantine, its batches."""

    driver: Driver
    settings: Settings
    entity: str
    counts: EntityCounts
    box: Quarantine
    bar: tqdm
    first_line: dict[str, int] = field(default_factory=dict)  # key -> line of its first row

    def reject(self, rejected: Rejected) -> None:
        """Quarantine one row and count it: the only way a row is refused."""
        self.box.add(rejected)
        self.counts.quarantined += 1
        self.bar.update(1)

    def load(self, results: Iterator[Accepted | Rejected], ctx: Context) -> None:
        """Read, check and write every row of the file, in batches."""
        rows = self._prepared(results, ctx)
        if self.entity == "categories":
            rows = iter(self._checked_categories(list(rows)))
        batch: list[Prepared] = []
        links: list[dict[str, Any]] = []
        for item in rows:
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                links += self._flush(batch)
                batch = []
        if batch:
            links += self._flush(batch)
        if links:  # every category of the file exists now, so parents can be linked
            for _ in write_batches(self.driver, "writes/catalog_category_parents",
                                   self.settings.neo4j_database, links, self.settings.batch_size):
                pass

    def _prepared(self, results: Iterator[Accepted | Rejected], ctx: Context) -> Iterator[Prepared]:
        for result in results:
            self.counts.read += 1
            if isinstance(result, Rejected):
                self.reject(result)
                continue
            key, fields = row_key(self.entity, result.row)
            if key in self.first_line:
                self.reject(_refusal(result, fields, (
                    f"duplicate: {fields} {key!r} is already on line {self.first_line[key]} of "
                    f"{result.file}; the first row wins")))
                continue
            try:
                params = CONVERTERS[self.entity](result.row, ctx)
            except UnknownCurrency as e:
                self.reject(_refusal(result, "currency", str(e)))
                continue
            except ImageRefused as e:
                self.reject(_refusal(result, e.field, str(e)))
                continue
            self.first_line[key] = result.line
            yield result, params

    def _flush(self, batch: list[Prepared]) -> list[dict[str, Any]]:
        written = self._write(batch)
        self.counts.loaded += len(written)
        self.bar.update(len(written))
        return [{"key": p["key"], "id": p["id"], "parent_id": p["parent_id"]}
                for _, p in written if p.get("parent_id")]

    def _write(self, batch: list[Prepared]) -> list[Prepared]:
        """Write one batch; quarantine what the graph refused. Returns the rows written."""
        db = self.settings.neo4j_database
        try:
            keys = {r["key"] for r in write_returning(
                self.driver, f"writes/catalog_{self.entity}", db, rows=[p for _, p in batch])}
        except ConstraintConflict as e:
            # The transaction rolled back whole: find the offending row by halves, keep the rest.
            if len(batch) > 1:
                middle = len(batch) // 2
                return self._write(batch[:middle]) + self._write(batch[middle:])
            acc, params = batch[0]
            self.reject(_refusal(acc, *self._conflict(params, e)))
            return []
        refused = [(acc, p) for acc, p in batch if p["key"] not in keys]
        if refused:
            for acc, where, reason in self._missing_refs(refused):
                self.reject(_refusal(acc, where, reason))
        return [(acc, p) for acc, p in batch if p["key"] in keys]

    def _conflict(self, params: dict[str, Any], error: ConstraintConflict) -> tuple[str, str]:
        if self.entity == "interactions":
            owners = read(self.driver, "queries/catalog_interaction_owners",
                          self.settings.neo4j_database, ids=[params["key"]])
            if owners:
                o = owners[0]
                return "id", (f"interaction id {params['key']!r} already links shopper "
                              f"{o['shopper_id']!r} and product {o['product_id']!r}; one id names "
                              "one interaction, so a row with other endpoints is refused")
        return "(row)", f"conflicts with what the graph already holds: {error}"

    def _missing_refs(self, refused: list[Prepared]) -> Iterator[tuple[Accepted, str, str]]:
        refs = REFERENCES.get(self.entity, {})
        params: dict[str, list[str]] = {p: [] for p in MISSING_REF_PARAMS}
        for _, row in refused:
            for name, param in refs.items():
                if row[name] is not None:  # an optional reference left out refers to nothing
                    params[param].append(row[name])
        missing = read(self.driver, "queries/catalog_missing_refs", self.settings.neo4j_database,
                       None, **params)[0]
        for acc, row in refused:
            gone = [f for f in refs if row[f] is not None and row[f] in set(missing[f])]
            if gone:
                yield acc, ", ".join(gone), "; ".join(
                    f"{f} {row[f]!r} does not exist in the graph" for f in gone)
            elif row.get("order_id"):  # the order exists, so it is someone else's
                yield acc, "order_id", (f"order {row['order_id']!r} was not placed by shopper "
                                        f"{row['shopper_id']!r}")
            else:
                yield acc, "(row)", "the database refused the row"

    def _checked_categories(self, rows: list[Prepared]) -> Iterator[Prepared]:
        """Refuse categories whose parent is unknown or refused, or that would close a cycle."""
        ids = sorted({p["id"] for _, p in rows} | {p["parent_id"] for _, p in rows if p["parent_id"]})
        graph_ids: set[str] = set()
        graph_parents: dict[str, str] = {}
        if ids:
            for found in read(self.driver, "queries/catalog_category_ancestry",
                              self.settings.neo4j_database, ids=ids):
                graph_ids.add(found["id"])
                graph_parents |= {link["id"]: link["parent_id"] for link in found["links"]}
        refused = refused_categories(
            [CategoryLink(p["id"], p["parent_id"], acc.line) for acc, p in rows],
            graph_parents, graph_ids)
        for acc, params in rows:
            if params["id"] in refused:
                self.reject(_refusal(acc, "parent_id", refused[params["id"]]))
            else:
                yield acc, params


def _refusal(acc: Accepted, where: str, reason: str) -> Rejected:
    return Rejected(acc.file, acc.line, where, reason, acc.row.model_dump(mode="json"))
