"""CSV entity files as spreadsheets write them, one validated row at a time.

What spreadsheet exports do and this reader takes in its stride: a UTF-8 byte-order mark,
``\\r\\n`` or ``\\r`` line ends, a ``;`` or tab delimiter (found from the header, or from Excel's
``sep=;`` first line), blank rows and rows of empty cells, trailing empty cells, whitespace around
names and values, column names in any case (``Brand ID`` is ``brand_id``), and quoted cells
that span lines.

A quote that opens a cell and never closes would swallow every later line into one cell. So a
record that spans several lines and is not a valid row costs only its first line: that line is
quarantined, and the lines after it are read again on their own.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.lines import Line, physical_lines
from loaders.results import Accepted, Rejected

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class Header:
    """A CSV file's column names, its delimiter, and what the reader noticed about them."""

    columns: list[str]
    delimiter: str
    lines: int  # physical lines the header took (2 with a ``sep=`` line)
    problem: str | None = None  # the file cannot be read at all
    notes: list[str] = field(default_factory=list)


def read_header(path: Path, known: Iterable[str]) -> Header:
    """The header of ``path``; the delimiter is the one that splits it into the most known names.

    Args:
        path: a CSV file.
        known: the column names the entity accepts (``title_de`` style columns included).
    """
    known = set(known)
    with path.open("rb") as f:
        lines = physical_lines(f)
        first = next(lines, None)
        if first is None:
            return Header([], ",", 0)
        text, bad = first.decoded()
        used = 1
        forced = None
        declared = text.rstrip("\r\n").lstrip()  # not strip(): the declared separator may be a tab
        if declared.lower().startswith("sep=") and len(declared) == 5:
            forced = declared[4]
            first = next(lines, None)
            if first is None:
                return Header([], forced, 1)
            text, bad = first.decoded()
            used = 2
    if bad:
        return Header([], ",", used, problem=f"{path.name}: the header is {bad}")
    delimiter = forced or max(DELIMITERS, key=lambda d: (
        len(set(_split(text, d)) & known), d == ","))
    columns = _split(text, delimiter)
    notes = []
    if delimiter != "," and not forced:
        notes.append(f"{path.name}: read as {_DELIMITER_NAMES[delimiter]}-separated "
                     f"(its header splits into known columns on {delimiter!r}, not on commas)")
    elif forced and forced != ",":
        name = _DELIMITER_NAMES.get(forced, repr(forced))
        notes.append(f"{path.name}: read as {name}-separated (its first line says sep={forced})")
    duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
    problem = None
    if duplicates:
        problem = f"{path.name}: column(s) {duplicates} appear more than once in the header"
    elif not known & set(columns):
        problem = (f"{path.name}: no known column in the header {columns[:8]}; expected some of "
                   f"{sorted(known)[:12]} separated by commas")
    return Header(columns, delimiter, used, problem, notes)


def _split(text: str, delimiter: str) -> list[str]:
    return _field_names(next(csv.reader([text], delimiter=delimiter), []))


def _field_names(cells: list[str]) -> list[str]:
    """Header cells as field names: ``" Brand ID "`` and ``"brand-id"`` both mean ``brand_id``."""
    return [_SEPARATORS.sub("_", c.strip()).lower() for c in cells]


_SEPARATORS = re.compile(r"[\s\-]+")


class _LineSource:
    """Decoded lines for ``csv.reader``, remembering which lines the current record took.

    Lines can be pushed back, so a record that turns out to be a stray quote's doing can be
    re-read from its second line.
    """

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self._again: deque[Line] = deque()
        self.taken: list[tuple[Line, str | None]] = []

    def __iter__(self) -> _LineSource:
        return self

    def __next__(self) -> str:
        line = self._again.popleft() if self._again else next(self._lines)
        text, bad = line.decoded()
        self.taken.append((line, bad))
        return text

    def read_again(self, lines: list[Line]) -> None:
        self._again.extendleft(reversed(lines))


RowCheck = Callable[[str, int, dict[str, Any]], Accepted | Rejected]


def csv_rows(path: Path, header: Header, check: RowCheck) -> Iterator[Accepted | Rejected]:
    """One result per data row of a CSV file, in file order.

    Args:
        path: the CSV file.
        header: its :func:`read_header`.
        check: ``check(file, line, cells_by_column)`` validates one row.
    """
    width = len(header.columns)
    with path.open("rb") as f:
        source = _LineSource(physical_lines(f))
        for _ in range(header.lines):
            next(source, None)
        records = csv.reader(source, delimiter=header.delimiter)
        while True:
            source.taken = []
            try:
                cells = next(records)
                error = None
            except StopIteration:
                return
            except csv.Error as e:  # e.g. a cell past csv.field_size_limit(): a runaway quote
                cells, error = [], f"unreadable CSV: {e}"
                records = csv.reader(source, delimiter=header.delimiter)  # a fresh parser state
            taken = source.taken
            first = taken[0][0]
            result = _one_row(path.name, header, width, cells, error, taken, check)
            if result is None:
                continue
            if len(taken) > 1 and isinstance(result, Rejected):
                yield Rejected(path.name, first.number, "(line)", (
                    f"a quoted cell opened on this line runs over {len(taken) - 1} more line(s) "
                    f"and does not make a valid row ({result.reason}); only this line is "
                    "quarantined, the lines after it are read again on their own"),
                    first.printable())
                source.read_again([line for line, _ in taken[1:]])
                continue
            yield result


def _one_row(
    name: str, header: Header, width: int, cells: list[str], error: str | None,
    taken: list[tuple[Line, str | None]], check: RowCheck,
) -> Accepted | Rejected | None:
    first = taken[0][0]
    if error:
        return Rejected(name, first.number, "(line)", error, first.printable())
    for line, bad in taken:
        if bad:
            return Rejected(name, first.number, "(line)", bad, line.printable())
    if not any(c.strip() for c in cells):  # a blank line or a spreadsheet's row of empty cells
        return None
    if _field_names(cells) == header.columns:
        return None  # the header again, where two exports were joined into one file
    extra = cells[width:]
    if any(c.strip() for c in extra):
        return Rejected(name, first.number, "(row)",
                        f"{len(extra)} cell(s) more than the {width} header columns",
                        dict(zip(header.columns, cells, strict=False)) | {"(extra)": extra})
    return check(name, first.number, dict(zip(header.columns, cells, strict=False)))
