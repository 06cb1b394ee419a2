"""``borderless load gowalla``: the Gowalla LightGCN benchmark split into the graph.

The archive (``shared/data/gowalla/light_gcn_gowalla.zip``) holds ``train.txt`` and ``test.txt``,
one ``user item item ...`` line per user with dense indexes, and optionally ``user_list.txt`` /
``item_list.txt`` (``org_id remap_id``) naming the original ids. Nodes are
``GowallaUser {id, index}`` and ``GowallaItem {id, index}``; each pair is
``(:GowallaUser)-[:VISITED {split: 'train'|'test'}]->(:GowallaItem)``. Every write is a MERGE on a
constrained id, so a load killed half-way and run again ends with the same graph.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import LoadError
from borderless.settings import Settings
from graph.driver import write_batches
from loaders.report import LoadReport

SPLITS = ("train", "test")


@dataclass
class GowallaSplit:
    """The parsed archive: per split, ``(user, items)`` lines; original ids by index."""

    lines: dict[str, list[tuple[int, list[int]]]]
    user_ids: dict[int, str]
    item_ids: dict[int, str]


def parse_lines(lines: Iterable[str], source: str) -> Iterator[tuple[int, list[int]]]:
    """Yield ``(user, items)`` for each non-empty ``user item item ...`` line.

    Raises:
        LoadError: a token is not a non-negative integer; names the file and line.
    """
    for number, line in enumerate(lines, start=1):
        tokens = line.split()
        if not tokens:
            continue
        try:
            values = [int(t) for t in tokens]
        except ValueError as e:
            raise LoadError(f"{source}:{number}: expected 'user item item ...' integers: {e}") from e
        if min(values) < 0:
            raise LoadError(f"{source}:{number}: negative index in {line.strip()[:80]!r}")
        yield values[0], values[1:]


def _member(archive: zipfile.ZipFile, name: str) -> str | None:
    return next((n for n in archive.namelist() if n == name or n.endswith("/" + name)), None)


def _id_list(archive: zipfile.ZipFile, name: str, source: str) -> dict[int, str]:
    """``remap_id -> org_id`` from an ``org_id remap_id`` list with a header, if present."""
    member = _member(archive, name)
    if member is None:
        return {}
    out: dict[int, str] = {}
    for number, line in enumerate(archive.read(member).decode("utf-8").splitlines(), start=1):
        parts = line.split()
        if number == 1 or not parts:
            continue  # header "org_id remap_id"
        if len(parts) != 2 or not parts[1].isdigit():
            raise LoadError(f"{source}:{member}:{number}: expected 'org_id remap_id', got {line!r}")
        out[int(parts[1])] = parts[0]
    return out


def read_split(path: Path) -> GowallaSplit:
    """Parse a LightGCN-format zip.

    Raises:
        LoadError: missing file, not a zip, no ``train.txt``/``test.txt``, or a bad line.
    """
    if not path.is_file():
        raise LoadError(f"{path}: no such file (the Gowalla split lives in shared/data/gowalla)")
    try:
        with zipfile.ZipFile(path) as archive:
            lines = {}
            for split in SPLITS:
                member = _member(archive, f"{split}.txt")
                if member is None:
                    raise LoadError(f"{path}: no {split}.txt inside (has {archive.namelist()[:6]})")
                text = archive.read(member).decode("utf-8")
                lines[split] = list(parse_lines(text.splitlines(), f"{path}:{member}"))
            return GowallaSplit(lines, _id_list(archive, "user_list.txt", str(path)),
                                _id_list(archive, "item_list.txt", str(path)))
    except zipfile.BadZipFile as e:
        raise LoadError(f"{path}: not a zip archive: {e}") from e


def load_gowalla(driver: Driver, settings: Settings, path: Path, progress: bool = True
                 ) -> LoadReport:
    """Write the split in ``path`` into the graph; return what was written."""
    split = read_split(path)
    users = sorted({u for rows in split.lines.values() for u, _ in rows})
    items = sorted({i for rows in split.lines.values() for _, its in rows for i in its})
    # Node ids are the original ids when the archive names them; else "u<index>" / "i<index>".
    user_id = {u: split.user_ids.get(u, f"u{u}") for u in users}
    item_id = {i: split.item_ids.get(i, f"i{i}") for i in items}
    report = LoadReport(source=str(path))
    db, batch = settings.neo4j_database, settings.batch_size
    _write(driver, db, batch, "writes/gowalla_users", report, "users",
           [{"id": user_id[u], "index": u} for u in users], progress)
    _write(driver, db, batch, "writes/gowalla_items", report, "items",
           [{"id": item_id[i], "index": i} for i in items], progress)
    for name, rows in split.lines.items():
        visits = [{"user": user_id[u], "item": item_id[i], "split": name}
                  for u, its in rows for i in its]
        _write(driver, db, batch, "writes/gowalla_visits", report, f"visits_{name}", visits,
               progress)
    return report


def _write(driver: Driver, database: str, batch_size: int, name: str, report: LoadReport,
           entity: str, rows: list[dict], progress: bool) -> None:
    counts = report.counts(entity)
    counts.read = len(rows)
    with tqdm(total=len(rows), desc=entity, unit="row", disable=not progress) as bar:
        for written in write_batches(driver, name, database, rows, batch_size):
            counts.loaded += written
            bar.update(written)


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load gowalla`` to the ``load`` command."""
    cmd = load_subparsers.add_parser("gowalla", help="load the Gowalla LightGCN benchmark split")
    cmd.add_argument("--file", type=Path, default=None,
                     help="the zip (default: <shared data>/gowalla/light_gcn_gowalla.zip)")
    cmd.add_argument("--json", action="store_true", help="print the summary as JSON")
    cmd.add_argument("--no-progress", action="store_true", help="hide progress bars")
    cmd.set_defaults(handler=_cli_load_gowalla)


def _cli_load_gowalla(args: argparse.Namespace) -> int:
    from borderless.settings import get_settings
    from graph.driver import open_driver

    settings = get_settings()
    path = args.file or settings.shared_data_dir / "gowalla" / "light_gcn_gowalla.zip"
    with open_driver(settings) as driver:
        report = load_gowalla(driver, settings, path, progress=not args.no_progress)
    report.print_summary(sys.stdout, as_json=args.json)
    return report.exit_code()
