"""``borderless load demo``: generate a realistic cross-border shop and load it.

The generator (``loaders.demo_shop``, ``loaders.demo_shoppers``) writes the documented catalog
format (``loaders.models``), one JSON Lines file per entity, then ``loaders.catalog`` loads the
folder like any shop's. The same seed gives byte-identical files. Products sit on real leaves of
the Google Product Taxonomy, so ``borderless load taxonomy`` must have run first.

For other tools (the load benchmark, a ``neo4j-admin import`` comparison) :class:`DemoShop` yields
the rows of each entity without writing anything.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import LoadError
from borderless.settings import Settings
from loaders.demo_shop import DemoCatalog, DemoConfig
from loaders.demo_shoppers import DemoShoppers
from loaders.demo_vocab import KINDS
from loaders.report import LoadReport, add_report_options

CATALOG_ENTITIES = ("countries", "exchange_rates", "brands", "products", "shipping", "restrictions")
POLICY_ENTITIES = ("return_policies", "duty_notes", "delivery_promises", "help_articles")
# Entities that come out of the one simulation of shoppers' activity, written in one pass.
ACTIVITY_ENTITIES = ("orders", "order_lines", "order_events", "interactions", "reviews")
ENTITIES = (*CATALOG_ENTITIES, "shoppers", *ACTIVITY_ENTITIES, *POLICY_ENTITIES)
TASTES_FILE = "tastes.jsonl"  # ground truth beside the catalogue; the loader ignores it


class DemoShop:
    """One demo shop: the rows of every entity, generated on demand and never all in memory."""

    def __init__(self, config: DemoConfig) -> None:
        self.config = config
        self.catalog = DemoCatalog(config)
        self.people = DemoShoppers(self.catalog)

    def rows(self, entity: str) -> Iterator[dict[str, Any]]:
        """The rows of one entity (a name from ``ENTITIES``, or ``"tastes"``), in file order."""
        if entity in CATALOG_ENTITIES:
            return getattr(self.catalog, entity)()
        if entity in ("shoppers", "tastes"):
            return getattr(self.people, entity)()
        if entity in POLICY_ENTITIES:
            return getattr(self.people.orders, entity)()
        if entity in ACTIVITY_ENTITIES:
            return (row for tag, row in self.people.activity() if tag == entity)
        raise ValueError(f"unknown demo entity {entity!r}; expected one of {(*ENTITIES, 'tastes')}")



def demo_category_ids() -> list[str]:
    """The taxonomy categories the demo shop's products sit in."""
    return sorted({k.category for k in KINDS})


def write_demo(config: DemoConfig, directory: Path, progress: bool = True) -> dict[str, int]:
    """Write every entity file (and ``tastes.jsonl``) of the demo shop into ``directory``.

    Each file is written under a temporary name and renamed when complete, so an interrupted
    run never leaves a file that looks whole.

    Returns:
        Rows written per file stem.
    """
    shop = DemoShop(config)
    directory.mkdir(parents=True, exist_ok=True)
    # The manifest vouches for the files; it goes first and comes back only when all are written.
    (directory / "manifest.json").unlink(missing_ok=True)
    counts: dict[str, int] = {}
    expected = {"products": config.products, "shoppers": config.n_shoppers,
                "tastes": config.n_shoppers, "interactions": config.n_interactions}
    for entity in (*CATALOG_ENTITIES, *POLICY_ENTITIES, "shoppers", "tastes"):
        counts[entity] = _write_file(directory, entity, shop.rows(entity), expected.get(entity), progress)
    # Interactions, reviews and orders come out of one simulation; write them in one pass.
    with ExitStack() as files, tqdm(total=config.n_interactions, desc="demo interactions",
                                    unit="row", disable=not progress, file=sys.stderr) as bar:
        writers = {e: files.enter_context(_Writer(directory, e)) for e in ACTIVITY_ENTITIES}
        for tag, row in shop.people.activity():
            writers[tag].write(row)
            if tag == "interactions":
                bar.update(1)
    counts |= {entity: writer.count for entity, writer in writers.items()}
    if config.images:
        from loaders.demo_images import write_demo_images

        counts["images"] = _write_file(directory, "images", write_demo_images(
            shop.rows("products"), directory), config.products, progress)
    else:
        (directory / "images.jsonl").unlink(missing_ok=True)  # an earlier --images run's
    manifest = {"seed": config.seed, "products": config.products, "shoppers": config.n_shoppers,
                "interactions": config.n_interactions, "prefix": config.prefix,
                "base_currency": config.base_currency, "days": config.days, "rows": counts}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


class _Writer:
    """A JSON Lines file written under ``.tmp`` and renamed into place on a clean exit."""

    def __init__(self, directory: Path, entity: str) -> None:
        self.path = directory / f"{entity}.jsonl"
        self.tmp = directory / f"{entity}.jsonl.tmp"
        self.count = 0

    def __enter__(self) -> _Writer:
        self.file = self.tmp.open("w", encoding="utf-8", newline="\n")
        return self

    def write(self, row: dict[str, Any]) -> None:
        self.file.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.count += 1

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.file.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _write_file(directory: Path, entity: str, rows: Iterator[dict[str, Any]], total: int | None,
                progress: bool) -> int:
    with _Writer(directory, entity) as out, tqdm(total=total, desc=f"demo {entity}", unit="row",
                                                 disable=not progress, file=sys.stderr) as bar:
        for row in rows:
            out.write(row)
            bar.update(1)
    return out.count


def check_taxonomy(driver: Driver, settings: Settings) -> None:
    """Refuse to build a demo shop on a graph without the taxonomy categories it uses.

    Raises:
        LoadError: some of the categories are missing, with the command that adds them.
    """
    from graph.driver import read

    wanted = demo_category_ids()
    missing = read(driver, "queries/catalog_missing_refs", settings.neo4j_database,
                   brand_ids=[], category_ids=wanted, product_ids=[], shopper_ids=[], order_ids=[],
                   countries=[], currencies=[])[0]["category_id"]
    if missing:
        raise LoadError(f"the graph lacks {len(missing)} of the {len(wanted)} taxonomy categories "
                        f"the demo shop uses (e.g. {missing[0]}); run `borderless load taxonomy` first")


@dataclass
class DemoRun:
    """What generating and loading a demo shop did, and how long each took."""

    counts: dict[str, int]  # rows generated per file
    generate_s: float
    load_s: float | None = None
    report: LoadReport | None = None

    def to_json(self, directory: Path) -> dict[str, Any]:
        rows = sum(self.counts.values())
        loaded = self.report.loaded if self.report else 0
        return {"directory": str(directory), "generated": self.counts,
                "generate_s": round(self.generate_s, 2),
                "generate_rows_per_s": round(rows / self.generate_s) if self.generate_s else None,
                "load_s": round(self.load_s, 2) if self.load_s is not None else None,
                "load_rows_per_s": round(loaded / self.load_s) if self.load_s else None,
                "load": self.report.to_json() if self.report else None}


def generate_demo(config: DemoConfig, directory: Path, progress: bool = True) -> DemoRun:
    """Write the demo shop's files and time it."""
    started = time.perf_counter()
    counts = write_demo(config, directory, progress)
    return DemoRun(counts, time.perf_counter() - started)


def load_demo(driver: Driver, settings: Settings, config: DemoConfig, directory: Path,
              progress: bool = True) -> DemoRun:
    """Generate the demo shop into ``directory`` and load it with the catalog loader.

    Raises:
        LoadError: the taxonomy is not loaded yet.
    """
    from loaders.catalog import load_catalog

    check_taxonomy(driver, settings)
    run = generate_demo(config, directory, progress)
    started = time.perf_counter()
    run.report = load_catalog(driver, settings, directory, quarantine=None, progress=progress)
    run.load_s = time.perf_counter() - started
    return run


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load demo`` to the ``load`` command."""
    cmd = load_subparsers.add_parser("demo", help="generate a realistic cross-border demo shop and load it")
    cmd.add_argument("--products", type=int, default=5000, help="number of products (default 5000)")
    cmd.add_argument("--seed", type=int, default=42, help="random seed; same seed, same files")
    cmd.add_argument("--shoppers", type=int, default=None, help="default: two per product")
    cmd.add_argument("--interactions", type=int, default=None, help="default: twenty per product")
    cmd.add_argument("--prefix", default="demo-", help="id prefix, to keep several shops apart")
    cmd.add_argument("--out", type=Path, default=None, help="folder for the files (default <state>/demo)")
    cmd.add_argument("--images", action="store_true",
                     help="also render a picture per product (drawings, not photos)")
    cmd.add_argument("--generate-only", action="store_true", help="write the files, do not load")
    add_report_options(cmd)
    cmd.set_defaults(handler=_cli_load_demo)


def _cli_load_demo(args: argparse.Namespace) -> int:
    from borderless.settings import get_settings
    from graph.driver import open_driver

    settings = get_settings()
    for name in ("products", "shoppers", "interactions"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "products" else 0):
            raise LoadError(f"--{name} must be at least {1 if name == 'products' else 0}, got {value}")
    config = DemoConfig(products=args.products, seed=args.seed, shoppers=args.shoppers,
                        interactions=args.interactions, prefix=args.prefix,
                        base_currency=settings.base_currency, images=args.images)
    directory = args.out or settings.state_dir / "demo"
    progress = not args.no_progress
    if args.generate_only:
        run = generate_demo(config, directory, progress)
    else:
        with open_driver(settings) as driver:
            run = load_demo(driver, settings, config, directory, progress)
    if args.json:
        print(json.dumps(run.to_json(directory), sort_keys=True))
    else:
        print(f"generated {sum(run.counts.values()):,} rows in {run.generate_s:.1f} s into {directory}")
        if run.report:
            print(f"loaded in {run.load_s:.1f} s")
            run.report.print_summary(sys.stdout)
    return run.report.exit_code() if run.report else 0
