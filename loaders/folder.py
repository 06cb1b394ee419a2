"""What is in a catalog folder, checked before anything is loaded.

A misnamed file (``shopper.jsonl``, ``Products.CSV``, ``products.json``) would otherwise be skipped
in silence and every row in it lost; an empty folder would "load" nothing and succeed. Both are
errors here, with the expected names and a did-you-mean, raised before the first write so that
fixing the folder and loading again is all it takes. Files that resemble no entity are reported
as ignored (the demo shop keeps ``tastes.jsonl`` and ``manifest.json`` beside its files).
"""

from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from borderless.errors import LoadError
from loaders.csvfile import read_header
from loaders.models import ENTITIES, known_fields

FORMATS = (".jsonl", ".csv")
# Extensions of files that look like data, and what the file should become.
_LOOKS_LIKE_DATA = {".jsonl": ".jsonl", ".ndjson": ".jsonl", ".json": ".jsonl", ".csv": ".csv",
                    ".tsv": ".csv", ".txt": ".csv", ".xlsx": ".csv", ".xls": ".csv",
                    ".ods": ".csv"}


@dataclass
class CatalogFolder:
    """The entity files to load, in load order, and notes for the summary."""

    files: dict[str, Path]
    notes: list[str] = field(default_factory=list)


def expected_names() -> str:
    """The file names a catalog folder may hold, for messages."""
    return ", ".join(ENTITIES) + " (each as NAME.jsonl or NAME.csv)"


def inspect_folder(directory: Path) -> CatalogFolder:
    """The catalog files in ``directory``, after checking names and CSV headers.

    Raises:
        LoadError: not a folder; no catalog file in it; a file whose name is close to an entity's
            but not it; an entity given both as JSONL and as CSV; a CSV header that cannot be
            read. Every problem is listed in the one message.
    """
    if not directory.is_dir():
        raise LoadError(f"{directory}: not a folder")
    problems: list[str] = []
    folder = CatalogFolder(files={})
    ignored: list[str] = []
    found: dict[str, list[Path]] = {}
    for path in sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix in FORMATS and path.stem in ENTITIES:
            found.setdefault(path.stem, []).append(path)
            continue
        guess = _did_you_mean(path)
        if guess:
            problems.append(f"{path.name} is not a catalog file name; did you mean {guess}?")
        elif path.suffix.lower() in _LOOKS_LIKE_DATA:
            ignored.append(path.name)
    for entity in ENTITIES:
        paths = found.get(entity, [])
        if len(paths) > 1:
            problems.append(f"both {entity}.jsonl and {entity}.csv exist; keep one")
        elif paths:
            folder.files[entity] = paths[0]
    if not folder.files and not problems:
        problems.append("no catalog file in it"
                        + (f" (found only {', '.join(ignored)})" if ignored else ""))
    for entity, path in folder.files.items():
        with path.open("rb") as f:
            start = f.read(4)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode Text" and PowerShell's redirection write UTF-16: no line is UTF-8.
            problems.append(f"{path.name} is UTF-16 (it starts with a UTF-16 byte-order mark); "
                            "save it as UTF-8")
        elif path.suffix == ".csv":
            header = read_header(path, known_fields(ENTITIES[entity]))
            if header.problem:
                problems.append(header.problem)
            folder.notes += header.notes
            folder.notes += _unknown_columns(path, header.columns, known_fields(ENTITIES[entity]))
    if problems:
        raise LoadError(f"{directory}: nothing loaded:\n" + "".join(f"  - {p}\n" for p in problems)
                        + f"  expected any of: {expected_names()}")
    if ignored:
        folder.notes.append(f"ignored {', '.join(ignored)}: not a catalog file name "
                            f"(expected {expected_names()})")
    return folder


def _did_you_mean(path: Path) -> str | None:
    """The entity file a misnamed file was probably meant to be, or ``None``."""
    stem = path.name.split(".")[0] if path.suffix.lower() in _LOOKS_LIKE_DATA else path.stem
    key = re.sub(r"[\s\-]+", "_", stem.strip().lower())
    close = difflib.get_close_matches(key, list(ENTITIES), n=1, cutoff=0.75)
    if not close:
        return None
    suffix = _LOOKS_LIKE_DATA.get(path.suffix.lower())
    if suffix is None:
        return None  # products.bak, categories.md: not data files, whatever their names
    advice = " (saved as CSV, UTF-8)" if path.suffix.lower() in (".xlsx", ".xls", ".ods") else ""
    return f"{close[0]}{suffix}{advice}"


def _unknown_columns(path: Path, columns: list[str], known: list[str]) -> list[str]:
    notes = []
    for column in columns:
        if column and column not in known:
            close = difflib.get_close_matches(column.lower(), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
            notes.append(f"{path.name}: column {column!r} is not a field of {path.stem} ({hint}); "
                         "rows with a value in it are quarantined")
    return notes
