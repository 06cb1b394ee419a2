"""Reading entity files row by row, validating each, and quarantining the bad ones.

A bad row never stops the good ones: it becomes a :class:`Rejected` naming the file, the line,
the field and what was expected, and the reader moves on. Files are read as bytes and decoded
line by line (:mod:`loaders.lines`), so a byte that is not UTF-8 costs its line only; CSV files
go through :mod:`loaders.csvfile`, which copes with what spreadsheet programs write.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ValidationError

from borderless.errors import LoadError
from loaders.csvfile import csv_rows, read_header
from loaders.lines import physical_lines
from loaders.models import known_fields
from loaders.results import Accepted, Rejected

__all__ = ["Accepted", "Quarantine", "Rejected", "count_rows", "read_rows"]

_DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def count_rows(path: Path) -> int:
    """Data rows in the file (lines, less the CSV header), for a progress bar's total."""
    with path.open("rb") as f:
        lines = sum(1 for _ in f)
    return max(lines - (1 if path.suffix == ".csv" else 0), 0)


def read_rows(path: Path, model: type[BaseModel]) -> Iterator[Accepted | Rejected]:
    """Every row of the file, validated against ``model``; one result per row, in file order.

    Blank lines (and CSV rows of empty cells) are no rows. Nothing is raised for bad content.

    Raises:
        LoadError: a CSV file whose header cannot be read (not UTF-8, repeated column names).
    """
    if path.suffix == ".csv":
        header = read_header(path, known_fields(model))
        if header.problem:
            raise LoadError(header.problem)
        yield from csv_rows(path, header, lambda file, line, raw: validate(file, line, raw, model))
        return
    yield from _jsonl_rows(path, model)


def _jsonl_rows(path: Path, model: type[BaseModel]) -> Iterator[Accepted | Rejected]:
    with path.open("rb") as f:
        for line in physical_lines(f):
            text, bad = line.decoded()
            if bad:
                yield Rejected(path.name, line.number, "(line)", bad, line.printable())
                continue
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as e:
                yield Rejected(path.name, line.number, "(line)",
                               f"invalid JSON: {e.msg} at column {e.colno}", line.printable())
                continue
            except RecursionError:
                yield Rejected(path.name, line.number, "(line)", "invalid JSON: nested too deeply",
                               line.printable())
                continue
            if not isinstance(value, dict):
                yield Rejected(path.name, line.number, "(line)",
                               f"expected a JSON object, got {type(value).__name__}",
                               line.printable())
                continue
            # Only a JSON escape can make a lone surrogate, which no database can store.
            unsafe = _lone_surrogate(value) if _SURROGATE_ESCAPE.search(text) else None
            if unsafe is not None:
                yield Rejected(path.name, line.number, unsafe, f"{unsafe}: text with a lone "
                               "surrogate escape (\\ud800-\\udfff) is not valid Unicode",
                               line.printable())
                continue
            yield validate(path.name, line.number, value, model)


def validate(file: str, line: int, raw: dict[str, Any], model: type[BaseModel]) -> Accepted | Rejected:
    """``raw`` checked against ``model``: accepted, or rejected naming every failing field."""
    try:
        return Accepted(file, line, model.model_validate(raw))
    except ValidationError as e:
        # One entry per row, naming every failing field, so a fix touches the file once.
        errors = e.errors()
        fields = ", ".join(_where(err) for err in errors)
        reasons = "; ".join(f"{_where(err)}: {_message(err, model)}" for err in errors)
        return Rejected(file, line, fields, reasons, raw)
    except RecursionError:
        return Rejected(file, line, "(row)", "nested too deeply", None)


def _where(err: Any) -> str:
    return ".".join(str(p) for p in err["loc"]) or "(row)"


def _message(err: Any, model: type[BaseModel]) -> str:
    """Pydantic's message, plus the hint a person needs to fix the cell."""
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        name = str(err["loc"][-1]) if err["loc"] else ""
        known = known_fields(model)
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(known)}"
        return f"not a field of this file{hint}"
    message = str(err["msg"])
    if not isinstance(value, dict):
        message += f" (got {value!r})"
    if isinstance(value, str) and err["type"] in ("float_parsing", "int_parsing") \
            and _DECIMAL_COMMA.match(value):
        message += "; write decimals with a dot (12.50), not a comma"
    return message


def _lone_surrogate(value: Any, where: str = "") -> str | None:
    """The field holding text that cannot be encoded as UTF-8 (JSON's ``"\\udc80"``), if any."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where or "(row)"
        return None
    items: Any = value.items() if isinstance(value, dict) else (
        enumerate(value) if isinstance(value, list) else ())
    for key, item in items:
        found = _lone_surrogate(str(key), where or "(row)") or _lone_surrogate(
            item, f"{where}.{key}" if where else str(key))
        if found:
            return found
    return None


class Quarantine:
    """Writes rejected rows to a JSON Lines file, created (or emptied) on the first rejection.

    The file holds exactly this run's rejections, so its line count always equals the summary's;
    a run that rejects nothing empties a file an earlier run left at the same path.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: TextIO | None = None

    def add(self, rejected: Rejected) -> None:
        """Write one entry at once (a crash later loses none)."""
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # backslashreplace: no text that came in can make writing the quarantine fail.
            self._file = self.path.open("w", encoding="utf-8", errors="backslashreplace")
        self._file.write(rejected.to_json() + "\n")
        self._file.flush()
        self.count += 1

    def close(self) -> None:
        """Close the file; a file an earlier run left at this path is emptied if nothing came."""
        if self._file is not None:
            self._file.close()
            self._file = None
        elif self.path.is_file() and self.path.stat().st_size:
            self.path.write_text("", encoding="utf-8")  # yesterday's rejects are not today's
