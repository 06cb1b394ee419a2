"""Reading entity files row by row, validating each, and quarantining the bad ones.

A bad row never stops the good ones: it becomes a :class:`Rejected` naming the file, the line,
the field and what was expected, and the reader moves on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ValidationError

from borderless.errors import LoadError


@dataclass(frozen=True)
class Rejected:
    """One quarantined row and why."""

    file: str
    line: int
    field: str
    reason: str
    row: Any = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Accepted:
    """One valid row, with where it came from (for messages about it later)."""

    file: str
    line: int
    row: BaseModel


def find_entity_file(directory: Path, entity: str) -> Path | None:
    """``entity.jsonl`` or ``entity.csv`` in the folder; both present is ambiguous.

    Raises:
        LoadError: both a JSONL and a CSV file exist for the entity.
    """
    found = [p for p in (directory / f"{entity}.jsonl", directory / f"{entity}.csv") if p.exists()]
    if len(found) > 1:
        raise LoadError(f"{directory}: both {entity}.jsonl and {entity}.csv exist; keep one")
    return found[0] if found else None


def count_rows(path: Path) -> int:
    """Data rows in the file (lines, less the CSV header), for a progress bar's total."""
    with path.open("rb") as f:
        lines = sum(1 for _ in f)
    return max(lines - (1 if path.suffix == ".csv" else 0), 0)


def _raw_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | Rejected]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for record in reader:
                if None in record:  # more cells than header columns
                    yield reader.line_num, Rejected(
                        path.name, reader.line_num, "(row)",
                        f"{len(record[None])} cell(s) more than the {len(reader.fieldnames or [])} "
                        f"header columns", record,
                    )
                    continue
                yield reader.line_num, dict(record)
        return
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as e:
                yield line_no, Rejected(path.name, line_no, "(line)", f"invalid JSON: {e.msg} at "
                                        f"column {e.colno}", line.rstrip("\n")[:500])
                continue
            if not isinstance(value, dict):
                yield line_no, Rejected(path.name, line_no, "(line)",
                                        f"expected a JSON object, got {type(value).__name__}", value)
                continue
            yield line_no, value


def read_rows(path: Path, model: type[BaseModel]) -> Iterator[Accepted | Rejected]:
    """Every row of the file, validated against ``model``; one result per row, in file order."""
    for line_no, raw in _raw_rows(path):
        if isinstance(raw, Rejected):
            yield raw
            continue
        try:
            yield Accepted(path.name, line_no, model.model_validate(raw))
        except ValidationError as e:
            # One entry per row, naming every failing field, so a fix touches the file once.
            errors = e.errors()
            fields = ", ".join(".".join(str(p) for p in err["loc"]) or "(row)" for err in errors)
            reasons = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or '(row)'}: {err['msg']}"
                + (f" (got {err['input']!r})" if not isinstance(err.get("input"), dict) else "")
                for err in errors
            )
            yield Rejected(path.name, line_no, fields, reasons, raw)


class Quarantine:
    """Appends rejected rows to a JSON Lines file, opened on the first rejection only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: TextIO | None = None

    def add(self, rejected: Rejected) -> None:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a", encoding="utf-8")
        self._file.write(rejected.to_json() + "\n")
        self._file.flush()
        self.count += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
