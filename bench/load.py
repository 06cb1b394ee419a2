"""Load benchmark: the online catalog loader beside ``neo4j-admin database import`` on the same shop.

Generates (or reuses) a demo shop, loads it through ``loaders.catalog.load_catalog`` into the
configured Neo4j, one entity at a time so each entity's rate shows, then builds the same graph
offline with the import tool in a scratch home, and prints nodes/s and relationships/s for both
and their ratio. Also times the client side alone (parse, validate, convert) on a sample of each
big file, to tell whether Python or the server limits the online rate.

    nice .venv/bin/python bench/load.py                                  # 100k products, 1M interactions
    nice .venv/bin/python bench/load.py --products 20000 --interactions 200000 --json

The online load writes ids under ``--prefix`` (default ``bench-``), removed before and after the
run (``--keep`` keeps them), so the prefix must name the benchmark's own id space: an empty,
blank or short prefix, or one that overlaps the demo shop's or the taxonomy's ids, is refused.
Needs ``borderless load taxonomy`` first (products sit on it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from admin_import import ImportFiles, run_admin_import, write_import_csvs
from bench_cypher import cypher_file

NODE_LABELS = ["Country", "Currency", "Brand", "Product", "Shopper", "Review"]  # not Category
CLIENT_SAMPLE_ROWS = 100_000
# The benchmark deletes every node whose id starts with its prefix, before and after the run.
MIN_PREFIX_LENGTH = 3
PREFIX_CHARACTERS = re.compile(r"[A-Za-z0-9_.:-]+")
# Id spaces Borderless itself fills: the demo shop's default prefix and the taxonomy's.
RESERVED_PREFIXES = ("demo-", "gpt:")


def checked_prefix(prefix: str) -> str:
    """The benchmark's id prefix, if deleting every node under it cannot touch anything else.

    Raises:
        ValueError: the prefix is empty or blank, shorter than ``MIN_PREFIX_LENGTH``, holds
            characters ids never have, or overlaps an id space Borderless fills itself.
    """
    if not prefix.strip():
        raise ValueError("--prefix is empty or blank: that would delete every node in the database")
    if len(prefix) < MIN_PREFIX_LENGTH:
        raise ValueError(f"--prefix {prefix!r} is shorter than {MIN_PREFIX_LENGTH} characters: "
                         f"too generic to delete everything under it")
    if not PREFIX_CHARACTERS.fullmatch(prefix):
        raise ValueError(f"--prefix {prefix!r} may hold only the id characters A-Z a-z 0-9 _ . : -")
    for reserved in RESERVED_PREFIXES:
        if prefix.startswith(reserved) or reserved.startswith(prefix):
            raise ValueError(f"--prefix {prefix!r} overlaps the ids starting with {reserved!r} "
                             f"(the demo shop or the taxonomy); choose the benchmark's own, e.g. 'bench-'")
    return prefix


def _prefix_arg(value: str) -> str:
    try:
        return checked_prefix(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--products", type=int, default=100_000)
    p.add_argument("--interactions", type=int, default=1_000_000)
    p.add_argument("--shoppers", type=int, default=None, help="default: two per product")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--prefix", type=_prefix_arg, default="bench-",
                   help="id prefix of the benchmark shop; every node under it is deleted")
    p.add_argument("--work", type=Path, help="folder for files (default <state>/bench-load)")
    p.add_argument("--only", choices=["online", "import"], help="run one side only")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="import threads")
    p.add_argument("--keep", action="store_true", help="keep the loaded shop in the graph")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    return p.parse_args(argv)


def ensure_demo(config: Any, directory: Path) -> tuple[dict[str, Any], float]:
    """Generate the demo files, or reuse them when the manifest says they are the same shop."""
    from loaders.demo import write_demo

    manifest = directory / "manifest.json"
    wanted = {"seed": config.seed, "products": config.products, "shoppers": config.n_shoppers,
              "interactions": config.n_interactions, "prefix": config.prefix}
    if manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: found.get(k) for k in wanted} == wanted:
            return found["rows"], 0.0
    started = time.perf_counter()
    rows = write_demo(config, directory, progress=True)
    return rows, time.perf_counter() - started


def client_rates(demo_dir: Path, settings: Any) -> dict[str, float]:
    """Rows/s of parse + validate + convert alone (no database), on a sample of each file."""
    from loaders.catalog import CONVERTERS, _Context
    from loaders.models import ENTITIES
    from loaders.reader import Accepted, read_rows

    ctx = _Context(rates={settings.base_currency: 1.0})
    for line in (demo_dir / "exchange_rates.jsonl").read_text(encoding="utf-8").splitlines():
        rate = json.loads(line)
        ctx.rates[rate["currency"]] = rate["rate"]
    rates: dict[str, float] = {}
    for entity in ("products", "shipping", "shoppers", "interactions"):
        started, n = time.perf_counter(), 0
        for result in read_rows(demo_dir / f"{entity}.jsonl", ENTITIES[entity]):
            if isinstance(result, Accepted):
                CONVERTERS[entity](result.row, ctx)
            n += 1
            if n >= CLIENT_SAMPLE_ROWS:
                break
        rates[entity] = n / (time.perf_counter() - started)
    return rates


def graph_totals(driver: Any, db: str) -> tuple[int, int]:
    from graph.driver import read

    nodes = sum(r["count"] for r in read(driver, "manager/count_nodes_by_label", db))
    rels = sum(r["count"] for r in read(driver, "manager/count_relationships_by_type", db))
    return nodes, rels


def online(driver: Any, settings: Any, demo_dir: Path, work: Path, prefix: str) -> dict[str, Any]:
    """Load entity by entity (each file alone in a folder) and time each."""
    from graph.driver import run_auto
    from loaders.catalog import load_catalog
    from loaders.models import ENTITIES

    db = settings.neo4j_database
    run_auto(driver, cypher_file("bench_delete_prefix"), db, prefix=checked_prefix(prefix))
    before = graph_totals(driver, db)
    per_entity: dict[str, dict[str, float]] = {}
    quarantined = 0
    for entity in ENTITIES:
        source = demo_dir / f"{entity}.jsonl"
        if not source.exists():
            continue
        folder = work / "online" / entity
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / source.name).symlink_to(source)
        started = time.perf_counter()
        report = load_catalog(driver, settings, folder, quarantine=work / "quarantine.jsonl")
        seconds = time.perf_counter() - started
        counts = report.entities[entity]
        quarantined += counts.quarantined
        per_entity[entity] = {"rows": counts.loaded, "seconds": round(seconds, 2),
                              "rows_per_s": round(counts.loaded / seconds)}
    after = graph_totals(driver, db)
    return {"seconds": round(sum(e["seconds"] for e in per_entity.values()), 2),
            "entities": per_entity, "quarantined": quarantined,
            "graph_delta": {"nodes": after[0] - before[0], "relationships": after[1] - before[1]}}


def bulk(settings: Any, demo_dir: Path, work: Path, threads: int) -> tuple[dict[str, Any], ImportFiles]:
    started = time.perf_counter()
    files = write_import_csvs(demo_dir, work / "import-csv", settings.base_currency)
    csv_s = time.perf_counter() - started
    run = run_admin_import(settings.neo4j_home / "lib", work / "import-home", files, threads)
    return {"csv_seconds": round(csv_s, 2), "seconds": round(run.seconds, 2),
            "tool_seconds": round(run.tool_seconds, 2), "imported_nodes": run.nodes,
            "imported_relationships": run.relationships, "properties": run.properties}, files


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from borderless.settings import get_settings
    from graph.driver import open_driver
    from loaders.demo_shop import DemoConfig

    settings = get_settings()
    work = args.work or settings.state_dir / "bench-load"
    config = DemoConfig(products=args.products, seed=args.seed, shoppers=args.shoppers,
                        interactions=args.interactions, prefix=args.prefix,
                        base_currency=settings.base_currency)
    demo_dir = work / f"demo-{args.products}-{config.n_interactions}-{args.seed}"
    rows, generate_s = ensure_demo(config, demo_dir)
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} CPU, {platform.machine()}",
        "products": args.products, "interactions": config.n_interactions, "rows": rows,
        "generate_seconds": round(generate_s, 2), "batch_size": settings.batch_size,
    }
    files: ImportFiles | None = None
    if args.only != "online":
        result["import"], files = bulk(settings, demo_dir, work, args.threads)
    if args.only != "import":
        result["client_rows_per_s"] = {k: round(v) for k, v in client_rates(demo_dir, settings).items()}
        with open_driver(settings) as driver:
            result["online"] = online(driver, settings, demo_dir, work, args.prefix)
    if files is None:
        files = write_import_csvs(demo_dir, work / "import-csv", settings.base_currency)
    nodes = files.count(NODE_LABELS)
    rels = sum(files.rows[t] for t in files.relationships)
    result["graph"] = {"nodes": nodes, "relationships": rels}
    for side in ("online", "import"):
        if side in result:
            seconds = result[side]["seconds"]
            result[side]["nodes_per_s"] = round(nodes / seconds)
            result[side]["relationships_per_s"] = round(rels / seconds)
    if "online" in result and "import" in result:
        result["online_over_import"] = round(result["import"]["seconds"] / result["online"]["seconds"], 4)
    if args.json:
        print(json.dumps(result, sort_keys=True), flush=True)
    else:
        print_table(result)
    if "online" in result and not args.keep:
        remove_shop(settings, args.prefix)
    return 0


def remove_shop(settings: Any, prefix: str) -> None:
    """Delete the benchmark's shop from the graph (after the figures are out)."""
    from borderless.errors import GraphError
    from graph.driver import open_driver, run_auto

    try:
        with open_driver(settings) as driver:
            run_auto(driver, cypher_file("bench_delete_prefix"), settings.neo4j_database,
                     prefix=checked_prefix(prefix))
    except GraphError as e:
        print(f"could not remove the benchmark shop ({e}); ids start with {prefix!r}", file=sys.stderr)


def print_table(r: dict[str, Any]) -> None:
    g = r["graph"]
    print(f"demo shop: {r['products']:,} products, {r['interactions']:,} interactions -> "
          f"{g['nodes']:,} nodes, {g['relationships']:,} relationships "
          f"(generated in {r['generate_seconds']:.0f} s; 0 = reused)")
    print(f"  {'path':28} {'seconds':>9} {'nodes/s':>10} {'rels/s':>10}")
    if "online" in r:
        o = r["online"]
        print(f"  {'online (load_catalog)':28} {o['seconds']:>9.1f} {o['nodes_per_s']:>10,} "
              f"{o['relationships_per_s']:>10,}")
    if "import" in r:
        i = r["import"]
        print(f"  {'neo4j-admin import (wall)':28} {i['seconds']:>9.1f} {i['nodes_per_s']:>10,} "
              f"{i['relationships_per_s']:>10,}   (+{i['csv_seconds']:.0f} s writing CSVs; "
              f"tool's own time {i['tool_seconds']:.1f} s)")
    if "online_over_import" in r:
        print(f"  online / import throughput ratio: {r['online_over_import']:.3f}")
    if "online" in r:
        print("  online, per entity (rows/s):  " + ", ".join(
            f"{k} {v['rows_per_s']:,}" for k, v in r["online"]["entities"].items()))
        print("  client alone, parse+validate+convert (rows/s):  " + ", ".join(
            f"{k} {v:,}" for k, v in r["client_rows_per_s"].items()))
        delta = r["online"]["graph_delta"]
        print(f"  graph grew by {delta['nodes']:,} nodes, {delta['relationships']:,} relationships "
              f"online; quarantined {r['online']['quarantined']}")


if __name__ == "__main__":
    sys.exit(main())
