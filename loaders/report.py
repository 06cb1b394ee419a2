"""What a load did, per entity: rows read, loaded and quarantined; and the quarantine file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from neo4j import Driver

from borderless.settings import Settings, get_settings
from graph.driver import open_driver


@dataclass
class EntityCounts:
    """Rows of one entity file: every row read is either loaded or quarantined."""

    read: int = 0
    loaded: int = 0
    quarantined: int = 0


@dataclass
class LoadReport:
    """Counts per entity (file stem), where rejected rows went, and what the reader noticed."""

    source: str
    entities: dict[str, EntityCounts] = field(default_factory=dict)
    quarantine_file: Path | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "read as semicolon-separated"

    def counts(self, entity: str) -> EntityCounts:
        """The counts of ``entity``, created at zero on first use."""
        return self.entities.setdefault(entity, EntityCounts())

    @property
    def quarantined(self) -> int:
        return sum(c.quarantined for c in self.entities.values())

    @property
    def loaded(self) -> int:
        return sum(c.loaded for c in self.entities.values())

    def exit_code(self) -> int:
        """Non-zero when anything was quarantined, so scripts notice."""
        return 1 if self.quarantined else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "entities": {k: asdict(v) for k, v in self.entities.items()},
            "loaded": self.loaded,
            "quarantined": self.quarantined,
            "quarantine_file": str(self.quarantine_file) if self.quarantine_file else None,
            "notes": self.notes,
        }

    def print_summary(self, out: TextIO, as_json: bool = False) -> None:
        """The per-entity table (or one JSON object), the notes and the quarantine file."""
        if as_json:
            out.write(json.dumps(self.to_json(), sort_keys=True) + "\n")
            return
        out.write(f"loaded from {self.source}\n")
        out.write(f"  {'entity':16} {'read':>10} {'loaded':>10} {'quarantined':>12}\n")
        out.writelines(f"  {name:16} {c.read:>10,} {c.loaded:>10,} {c.quarantined:>12,}\n"
                       for name, c in self.entities.items())
        out.writelines(f"note: {note}\n" for note in self.notes)
        if self.quarantined:
            out.write(f"{self.quarantined:,} row(s) quarantined: see {self.quarantine_file}\n")
            # The first reasons on screen: a newcomer's `color` for `colour` is one mistake on
            # every row, and its "did you mean" should not hide in a file.
            out.writelines(f"  {line}\n" for line in first_rejections(self.quarantine_file))


def first_rejections(path: Path | None, limit: int = 3) -> list[str]:
    """``file:line field: reason`` of the first ``limit`` distinct reasons in a quarantine file."""
    if path is None or not path.is_file():
        return []
    shown: list[str] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            reason = str(row.get("reason", ""))
            if reason in seen:
                continue
            seen.add(reason)
            shown.append(f"{row.get('file', '?')}:{row.get('line', '?')} {reason}")
            if len(shown) == limit:
                break
    return shown


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """The options every ``borderless load`` command shares."""
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")


def run_and_report(args: argparse.Namespace,
                   load: Callable[[Driver, Settings, bool], LoadReport]) -> int:
    """Run ``load(driver, settings, progress)`` on the configured Neo4j and print its summary.

    Returns:
        The report's exit code: non-zero when anything was quarantined.
    """
    settings = get_settings()
    with open_driver(settings) as driver:
        report = load(driver, settings, not args.no_progress)
    report.print_summary(sys.stdout, as_json=args.json)
    return report.exit_code()
