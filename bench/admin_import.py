"""The offline bulk path for ``bench/load.py``: the demo shop through ``neo4j-admin database import``.

The same JSON Lines files the online loader reads are turned into the CSV-with-typed-headers
format the import tool wants (one file per label and relationship type), and the tool builds a
fresh store in a scratch Neo4j home, so the project's running server and its data are never
touched. The tool is the one in the project's fetched jars, run the way Neo4j's own
``neo4j-admin`` script runs it (``org.neo4j.cli.AdminTool`` with ``NEO4J_HOME``/``NEO4J_CONF``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.models import LANGUAGES

ARRAY_DELIMITER = "|"
_PRODUCT_TEXT = [f"title_{lang}" for lang in LANGUAGES] + [f"description_{lang}" for lang in LANGUAGES]
_PRODUCT_ATTRS = ["colour", "material", "size", "gender", "age_group"]


@dataclass
class ImportFiles:
    """The CSVs written for the tool, and how many data rows each holds."""

    nodes: dict[str, Path] = field(default_factory=dict)
    relationships: dict[str, Path] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def count(self, names: list[str]) -> int:
        return sum(self.rows[n] for n in names)


def _jsonl(directory: Path, entity: str) -> Iterator[dict[str, Any]]:
    with (directory / f"{entity}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


class _CsvSet:
    """Opens one CSV per label / relationship type and counts what goes into each."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files = ImportFiles()
        self._open: dict[str, tuple[Any, Any]] = {}

    def writer(self, name: str, header: list[str], relationship: bool = False) -> Any:
        if name not in self._open:
            path = self.out / f"{'rel' if relationship else 'node'}_{name}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            w = csv.writer(handle)
            w.writerow(header)
            self._open[name] = (handle, w)
            (self.files.relationships if relationship else self.files.nodes)[name] = path
            self.files.rows[name] = 0
        self.files.rows[name] += 1
        return self._open[name][1]

    def close(self) -> ImportFiles:
        for handle, _ in self._open.values():
            handle.close()
        return self.files


def write_import_csvs(demo_dir: Path, out: Path, base_currency: str) -> ImportFiles:
    """Turn the demo shop's JSON Lines into admin-import CSVs in ``out``.

    The graph is the one ``loaders.catalog`` builds from the same files: the same labels,
    relationship types and properties, prices converted to the base currency the same way.
    Categories are only the ids the products use (online they come from the taxonomy, loaded
    before the benchmark and not counted there).
    """
    out.mkdir(parents=True, exist_ok=True)
    s = _CsvSet(out)
    arr = ARRAY_DELIMITER.join
    rates = {base_currency: 1.0}
    for r in _jsonl(demo_dir, "exchange_rates"):
        rates[r["currency"]] = r["rate"]
    currencies: dict[str, tuple[float | None, str | None]] = {base_currency: (1.0, None)}
    for r in _jsonl(demo_dir, "exchange_rates"):
        currencies[r["currency"]] = (r["rate"], r["date"])
    for r in _jsonl(demo_dir, "countries"):
        currencies.setdefault(r["currency"], (None, None))
        s.writer("Country", ["code:ID(Country)", "name", "languages:string[]"]).writerow(
            [r["code"], r["name"], arr(r.get("languages", []))])
        s.writer("USES_CURRENCY", [":START_ID(Country)", ":END_ID(Currency)"], True).writerow(
            [r["code"], r["currency"]])
    for code, (rate, day) in currencies.items():
        s.writer("Currency", ["code:ID(Currency)", "rate:double", "rate_date:date", "base:boolean"]
                 ).writerow([code, rate, day, "true" if code == base_currency else None])
    for r in _jsonl(demo_dir, "brands"):
        aliases = r.get("aliases", [])
        s.writer("Brand", ["id:ID(Brand)", "name", "aliases:string[]", "aliases_text", "name_key",
                           "country"]).writerow(
            [r["id"], r["name"], arr(aliases), " ".join(aliases),
             re.sub(r"[^a-z0-9]+", " ", r["name"].lower()).strip(), r.get("country")])
    categories: set[str] = set()
    product_header = ["id:ID(Product)", "price:double", "list_price:double", "list_currency",
                      *_PRODUCT_TEXT, *_PRODUCT_ATTRS]
    for r in _jsonl(demo_dir, "products"):
        texts = {f"title_{k}": v for k, v in r["titles"].items()}
        texts |= {f"description_{k}": v for k, v in r.get("descriptions", {}).items()}
        s.writer("Product", product_header).writerow(
            [r["id"], round(r["price"] / rates[r["currency"]], 2), r["price"], r["currency"]]
            + [texts.get(k) for k in _PRODUCT_TEXT] + [r.get(k) for k in _PRODUCT_ATTRS])
        s.writer("OF_BRAND", [":START_ID(Product)", ":END_ID(Brand)"], True).writerow(
            [r["id"], r["brand_id"]])
        s.writer("IN_CATEGORY", [":START_ID(Product)", ":END_ID(Category)"], True).writerow(
            [r["id"], r["category_id"]])
        categories.add(r["category_id"])
    for cat in sorted(categories):
        s.writer("Category", ["id:ID(Category)"]).writerow([cat])
    for r in _jsonl(demo_dir, "shipping"):
        s.writer("SHIPS_TO", [":START_ID(Product)", ":END_ID(Country)", "days:int", "cost:double"],
                 True).writerow([r["product_id"], r["country"], r["days"], r["cost"]])
    for r in _jsonl(demo_dir, "restrictions"):
        s.writer("RESTRICTED_IN", [":START_ID(Product)", ":END_ID(Country)", "reason"], True
                 ).writerow([r["product_id"], r["country"], r["reason"]])
    for r in _jsonl(demo_dir, "shoppers"):
        s.writer("Shopper", ["id:ID(Shopper)", "country", "language", "currency"]).writerow(
            [r["id"], r["country"], r["language"], r["currency"]])
        s.writer("LIVES_IN", [":START_ID(Shopper)", ":END_ID(Country)"], True).writerow(
            [r["id"], r["country"]])
    for r in _jsonl(demo_dir, "interactions"):
        s.writer("INTERACTED", [":START_ID(Shopper)", ":END_ID(Product)", "id", "kind",
                                "at:datetime", "rating:int"], True).writerow(
            [r["shopper_id"], r["product_id"], r["id"], r["kind"], r["at"], r.get("rating")])
    for r in _jsonl(demo_dir, "reviews"):
        s.writer("Review", ["id:ID(Review)", "text", "lang", "rating:int", "at:datetime"]).writerow(
            [r["id"], r["text"], r["lang"], r["rating"], r["at"]])
        s.writer("WROTE", [":START_ID(Shopper)", ":END_ID(Review)"], True).writerow(
            [r["shopper_id"], r["id"]])
        s.writer("REVIEWS", [":START_ID(Review)", ":END_ID(Product)"], True).writerow(
            [r["id"], r["product_id"]])
    return s.close()


@dataclass
class ImportRun:
    """What the tool did: wall seconds (JVM start included), its own timing, what it imported."""

    seconds: float
    tool_seconds: float
    nodes: int
    relationships: int
    properties: int
    output: str


def run_admin_import(lib_dir: Path, scratch: Path, files: ImportFiles, threads: int,
                     heap: str = "1g") -> ImportRun:
    """Build a new store from ``files`` in the scratch Neo4j home ``scratch``.

    Raises:
        RuntimeError: the tool failed; the message carries the end of its output.
    """
    conf = scratch / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").write_text(
        f"server.directories.data={scratch / 'data'}\n"
        f"server.directories.logs={scratch / 'logs'}\n"
        "dbms.usage_report.enabled=false\n", encoding="utf-8")
    cmd = ["java", f"-Xmx{heap}", "-cp", f"{lib_dir}/*", "org.neo4j.cli.AdminTool",
           # The database name goes first: --nodes/--relationships take several files each.
           "database", "import", "full", "neo4j", "--overwrite-destination", f"--threads={threads}",
           f"--array-delimiter={ARRAY_DELIMITER}", "--high-parallel-io=off"]
    cmd += [f"--nodes={label}={path}" for label, path in files.nodes.items()]
    cmd += [f"--relationships={rtype}={path}" for rtype, path in files.relationships.items()]
    env = {**os.environ, "NEO4J_HOME": str(scratch), "NEO4J_CONF": str(conf)}
    started = time.perf_counter()
    # cwd: the tool writes its import.report into the working folder; keep it in the scratch home.
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, cwd=scratch)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    summary = re.search(r"Imported:\s+([\d,]+) nodes\s+([\d,]+) relationships\s+([\d,]+) properties",
                        output)
    if done.returncode != 0 or summary is None:
        raise RuntimeError("neo4j-admin database import failed:\n" + "\n".join(output.splitlines()[-25:]))
    nodes, rels, props = (int(g.replace(",", "")) for g in summary.groups())
    done_in = re.search(r"IMPORT DONE in ([^.]+)\.", output)
    return ImportRun(seconds, _duration_s(done_in.group(1)) if done_in else seconds,
                     nodes, rels, props, output)


def _duration_s(text: str) -> float:
    """Seconds in the tool's ``1m 2s 345ms`` style."""
    unit = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    return sum(float(n) * unit[u] for n, u in re.findall(r"(\d+)(ms|h|m|s)\b", text))
