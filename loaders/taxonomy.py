"""``borderless load taxonomy``: the multilingual Google Product Taxonomy as the category tree.

The shared folder holds one file per language. ``en-US.taxo.csv``, ``es-ES.taxo.csv`` and
``pt-BR.taxo.csv`` are ``id;level1;level2;...``; ``taxonomy-with-ids.de-DE.txt`` is
``id - Level1 > Level2 > ...`` (the 2015 edition: newer ids simply have no German name). The same
numeric id is the same category in every language, so the tree's shape comes from the English file
and the others only add names. Nodes are ``Category {id: "gpt:<num>", name_en, name_es, name_pt,
name_de, level, path_en}`` linked ``(child)-[:SUBCATEGORY_OF]->(parent)``.

A line that cannot be parsed, a duplicate id, or a name for an id the English tree lacks goes to
the quarantine (file, line, reason) and makes the exit code non-zero; the rest still loads.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import LoadError
from borderless.settings import Settings
from graph.driver import write_batches
from loaders.reader import Quarantine, Rejected
from loaders.report import LoadReport, add_report_options, run_and_report

ID_PREFIX = "gpt:"
# The file holding each language's names; English first, because it gives the tree its shape.
TAXONOMY_FILES: dict[str, str] = {
    "en": "en-US.taxo.csv",
    "es": "es-ES.taxo.csv",
    "pt": "pt-BR.taxo.csv",
    "de": "taxonomy-with-ids.de-DE.txt",
}
PATH_SEPARATOR = " > "
_TEXT_LINE = re.compile(r"^(\d+) - (\S.*)$")


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load taxonomy`` to the ``load`` command."""
    cmd = load_subparsers.add_parser("taxonomy",
                                     help="load the shared multilingual Google Product Taxonomy")
    cmd.add_argument("--directory", type=Path, default=None,
                     help="folder with the taxonomy files (default: <shared data>/taxonomy)")
    cmd.add_argument("--quarantine", type=Path, help="where unparsable lines go (JSON Lines)")
    add_report_options(cmd)
    cmd.set_defaults(handler=lambda args: run_and_report(
        args, lambda driver, settings, progress: load_taxonomy(
            driver, settings, args.directory, args.quarantine, progress=progress)))


@dataclass(frozen=True)
class TaxonomyLine:
    """One parsed line: the numeric id and the category's path from the root, in one language."""

    file: str
    line: int
    num: str
    path: tuple[str, ...]


def parse_csv_lines(path: Path) -> Iterator[TaxonomyLine | Rejected]:
    """Lines of an ``id;level1;level2;...`` file (trailing empty levels are padding)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        for line_no, raw in enumerate(f, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            num, _, rest = text.partition(";")
            levels = rest.split(";")
            while levels and not levels[-1].strip():
                levels.pop()
            reason = _line_problem(num, levels)
            if reason:
                yield Rejected(path.name, line_no, "(line)", reason, text[:500])
                continue
            yield TaxonomyLine(path.name, line_no, num.strip(), tuple(p.strip() for p in levels))


def parse_text_lines(path: Path) -> Iterator[TaxonomyLine | Rejected]:
    """Lines of an ``id - Level1 > Level2 > ...`` file; ``#`` lines are comments."""
    with path.open(encoding="utf-8-sig") as f:
        for line_no, raw in enumerate(f, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip() or text.startswith("#"):
                continue
            match = _TEXT_LINE.match(text)
            if not match:
                yield Rejected(path.name, line_no, "(line)",
                               "expected '<numeric id> - Level1 > Level2 > ...'", text[:500])
                continue
            levels = match.group(2).split(PATH_SEPARATOR)
            reason = _line_problem(match.group(1), levels)
            if reason:
                yield Rejected(path.name, line_no, "(line)", reason, text[:500])
                continue
            yield TaxonomyLine(path.name, line_no, match.group(1), tuple(p.strip() for p in levels))


def _line_problem(num: str, levels: list[str]) -> str | None:
    if not num.strip().isdigit():
        return f"the id must be a number, got {num.strip()!r}"
    if not levels:
        return "no category name after the id"
    if any(not level.strip() for level in levels):
        return "an empty level inside the category path"
    return None


@dataclass
class Taxonomy:
    """The parsed tree: one row per category, plus what had to be quarantined."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # keyed by "gpt:<num>"
    rejected: list[Rejected] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)  # lines read per file


def read_taxonomy(directory: Path) -> Taxonomy:
    """Parse every language file in ``directory`` into category rows with names and parents.

    Raises:
        LoadError: the folder or the English file (the tree's shape) is missing.
    """
    english = directory / TAXONOMY_FILES["en"]
    if not english.is_file():
        raise LoadError(f"{english}: the English taxonomy file is missing "
                        f"(it gives the tree its shape)")
    tax = Taxonomy()
    by_path: dict[tuple[str, ...], str] = {}
    for entry in _lines(tax, english, parse_csv_lines):
        key = ID_PREFIX + entry.num
        if key in tax.rows:
            tax.rejected.append(Rejected(entry.file, entry.line, "id",
                                         f"duplicate id {entry.num}"))
            continue
        by_path[entry.path] = key
        tax.rows[key] = {"key": key, "id": key, "line": entry.line, "path": entry.path,
                         "props": {"name_en": entry.path[-1], "level": len(entry.path),
                                   "path_en": PATH_SEPARATOR.join(entry.path)}}
    for key, row in list(tax.rows.items()):
        path = row.pop("path")
        line = row.pop("line")
        if len(path) > 1:
            parent = by_path.get(path[:-1])
            if parent is None:
                parent_path = PATH_SEPARATOR.join(path[:-1])
                tax.rejected.append(Rejected(english.name, line, "path", f"its parent category "
                                             f"{parent_path!r} has no line of its own"))
                del tax.rows[key]
                continue
            row["parent_id"] = parent
    for lang, name in TAXONOMY_FILES.items():
        if lang == "en":
            continue
        path = directory / name
        if not path.is_file():
            tax.rejected.append(Rejected(name, 0, "(file)", f"{path} is missing; no {lang} names"))
            continue
        parse = parse_text_lines if name.endswith(".txt") else parse_csv_lines
        seen: set[str] = set()
        for entry in _lines(tax, path, parse):
            key = ID_PREFIX + entry.num
            if key in seen:
                tax.rejected.append(Rejected(entry.file, entry.line, "id",
                                             f"duplicate id {entry.num}"))
            elif key not in tax.rows:
                tax.rejected.append(Rejected(entry.file, entry.line, "id",
                                             f"id {entry.num} is not in {english.name}"))
            else:
                tax.rows[key]["props"][f"name_{lang}"] = entry.path[-1]
            seen.add(key)
    return tax


def _lines(tax: Taxonomy, path: Path, parse: Any) -> Iterator[TaxonomyLine]:
    tax.read[path.name] = 0
    for result in parse(path):
        tax.read[path.name] += 1
        if isinstance(result, Rejected):
            tax.rejected.append(result)
        else:
            yield result


def load_taxonomy(
    driver: Driver, settings: Settings, directory: Path | None = None,
    quarantine: Path | None = None, progress: bool = True,
) -> LoadReport:
    """Load the multilingual taxonomy into ``Category`` nodes and ``SUBCATEGORY_OF`` links.

    Args:
        driver: the process's Neo4j driver.
        settings: batch size, database and the shared data folder come from here.
        directory: the taxonomy folder; default ``settings.shared_data_dir / "taxonomy"``.
        quarantine: where rejected lines go (JSON Lines); default under the state folder.
        progress: show progress bars.

    Returns:
        Counts for ``categories`` (one per English line) and ``names`` (lines of the other
        languages); ``report.exit_code()`` is non-zero if anything was quarantined.
    """
    directory = Path(directory or settings.shared_data_dir / "taxonomy")
    tax = read_taxonomy(directory)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    quarantine_path = quarantine or settings.state_dir / "quarantine" / f"taxonomy-{stamp}.jsonl"
    report = LoadReport(source=str(directory), quarantine_file=quarantine_path)
    box = Quarantine(quarantine_path)
    try:
        for rejected in tax.rejected:
            box.add(rejected)
            entity = "categories" if rejected.file == TAXONOMY_FILES["en"] else "names"
            report.counts(entity).quarantined += 1
    finally:
        box.close()
    english = TAXONOMY_FILES["en"]
    report.counts("categories").read = tax.read.get(english, 0)
    names = report.counts("names")
    names.read = sum(n for f, n in tax.read.items() if f != english)
    names.loaded = names.read - names.quarantined
    db = settings.neo4j_database
    rows = list(tax.rows.values())
    links = [{"key": r["key"], "id": r["id"], "parent_id": r["parent_id"]}
             for r in rows if "parent_id" in r]
    for name, batch_rows, desc in (("writes/catalog_categories", rows, "taxonomy categories"),
                                   ("writes/catalog_category_parents", links, "taxonomy links")):
        with tqdm(total=len(batch_rows), desc=desc, unit="row", disable=not progress,
                  file=sys.stderr) as bar:
            for written in write_batches(driver, name, db, batch_rows, settings.batch_size):
                bar.update(written)
    report.counts("categories").loaded = len(rows)
    if not box.count:
        report.quarantine_file = None
    return report
