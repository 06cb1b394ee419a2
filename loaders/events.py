"""``borderless load events FILE``: back-fill shop events through the API's own checks.

A file is JSON Lines or CSV (``.jsonl`` / ``.csv``, read like catalog files), one event per row
with the fields of :mod:`loaders.event_rows` plus its owner: ``shopper_id`` (a shopper already in
the graph) or ``session_id`` (an anonymous session, created if new), exactly one of them. Every
row is checked by :func:`loaders.event_rows.check_event`, the validator ``recordEvents`` uses, and
written by the same statements (``source: 'bulk'``), one transaction per batch. Bad rows go to the
quarantine file naming line, field, code and reason; an id seen earlier in the file is quarantined
naming that line; an id already in the graph is left as it is, so a rerun stores nothing twice.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.errors import ConstraintConflict, LoadError
from borderless.settings import Settings
from graph.driver import NamedTransaction, in_write_transaction, read, write
from loaders.event_batches import prepare, settle
from loaders.event_rows import EventProblem, Owner
from loaders.models import Row
from loaders.reader import Accepted, Quarantine, Rejected, count_rows, read_rows
from loaders.report import EntityCounts, LoadReport, add_report_options, run_and_report

ENTITY = "events"
_ATTEMPTS = 3  # a conflict can only come from a concurrent writer of the same id; see again


class EventFileRow(Row):
    """One row of an events file: types only (CSV cells become numbers and lists here); what the
    values mean is checked by the shared validator."""

    id: str
    kind: str
    shopper_id: str | None = None
    session_id: str | None = None
    product_id: str | None = None
    at: str | None = None
    list_id: str | None = None
    position: int | None = None
    quantity: int | None = None
    price: float | None = None
    currency: str | None = None
    rating: int | None = None
    items: list[str] | None = None
    placement: str | None = None


def register_load(load_subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless load events`` to the ``load`` command."""
    cmd = load_subparsers.add_parser("events", help="back-fill shop events (JSONL/CSV)")
    cmd.add_argument("file", type=Path, help="events.jsonl or events.csv")
    cmd.add_argument("--quarantine", type=Path, help="where rejected rows go (JSON Lines)")
    add_report_options(cmd)
    cmd.set_defaults(handler=lambda args: run_and_report(
        args, lambda driver, settings, progress: load_events(
            driver, settings, args.file, args.quarantine, progress)))


def load_events(driver: Driver, settings: Settings, path: Path, quarantine: Path | None = None,
                progress: bool = True) -> LoadReport:
    """Load one events file; see the module docstring.

    Args:
        driver: the process's Neo4j driver.
        settings: batch size, database and base currency come from here.
        path: a ``.jsonl`` or ``.csv`` file.
        quarantine: where rejected rows go (JSON Lines, replaced); default under the state folder.
        progress: show a progress bar.

    Raises:
        LoadError: the file is missing, not ``.jsonl``/``.csv``, or its CSV header unreadable.
    """
    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in (".jsonl", ".csv"):
        raise LoadError(f"{path}: expected an existing events.jsonl or events.csv file")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    box = Quarantine(quarantine or settings.state_dir / "quarantine" / f"events-{stamp}.jsonl")
    report = LoadReport(source=str(path), quarantine_file=box.path)
    counts = report.counts(ENTITY)
    db = settings.neo4j_database
    write(driver, "writes/catalog_base_currency", db, code=settings.base_currency)
    rates = {r["code"]: r["rate"] for r in read(driver, "queries/currency_rates", db) if r["rate"]}
    already = 0
    bar = tqdm(total=count_rows(path), desc="load events", unit="row", disable=not progress,
               file=sys.stderr)
    try:
        with bar:
            for batch in _batches(read_rows(path, EventFileRow), settings.batch_size, box, counts):
                stored, duplicates, problems = _write(driver, settings, batch, rates)
                counts.loaded += stored + duplicates
                already += duplicates
                for problem in problems:
                    _reject(box, counts, path.name, problem, batch)
                bar.update(len(batch))
    finally:
        box.close()
    if already:
        report.notes.append(f"{already:,} event(s) were already stored and were left as they were")
    if not box.count:
        report.quarantine_file = None
    return report


def _batches(results: Iterator[Accepted | Rejected], size: int, box: Quarantine,
             counts: EntityCounts) -> Iterator[list[Accepted]]:
    """Accepted rows in batches; rows the reader refused, or an id seen before, go to quarantine."""
    first_line: dict[str, int] = {}
    batch: list[Accepted] = []
    for result in results:
        counts.read += 1
        if isinstance(result, Rejected):
            box.add(result)
            counts.quarantined += 1
            continue
        event_id = result.row.id  # type: ignore[attr-defined]
        if event_id in first_line:
            box.add(Rejected(result.file, result.line, "id", f"duplicate id {event_id!r}: "
                             f"line {first_line[event_id]} has it", result.row.model_dump()))
            counts.quarantined += 1
            continue
        first_line[event_id] = result.line
        batch.append(result)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _owner(fields: dict[str, Any]) -> Owner | EventProblem:
    shopper, session = fields.pop("shopper_id", None), fields.pop("session_id", None)
    if (shopper is None) == (session is None):
        return EventProblem(0, "shopper_id", "MISSING_FIELD",
                            "give exactly one of shopper_id and session_id")
    return Owner(shopper=shopper, session=session)


def _write(driver: Driver, settings: Settings, batch: list[Accepted],
           rates: dict[str, float]) -> tuple[int, int, list[EventProblem]]:
    """Store one batch in one transaction: (stored, already stored, problems by line)."""
    events, problems = [], []
    for acc in batch:
        fields = acc.row.model_dump()
        owner = _owner(fields)
        if isinstance(owner, EventProblem):
            problems.append(EventProblem(acc.line, owner.field, owner.code, owner.message))
            continue
        events.append((acc.line, fields, owner))
    prepared = prepare(events, now=datetime.now(UTC), rates=rates,
                       base_currency=settings.base_currency, source="bulk")
    steps = prepared.steps(create_shoppers=False)

    def work(tx: NamedTransaction) -> list[list[dict[str, Any]]]:
        return [tx.run(name, **params) for name, params in steps]

    answers: list[list[dict[str, Any]]] = []
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            answers = in_write_transaction(driver, settings.neo4j_database, work,
                                           "writes/events_record_*") if steps else []
            break
        except ConstraintConflict:
            if attempt == _ATTEMPTS:
                raise
    outcome = settle(prepared, {name: rows for (name, _), rows in zip(steps, answers, strict=True)})
    return outcome.accepted, outcome.duplicates, sorted(problems + outcome.problems,
                                                        key=lambda p: p.index)


def _reject(box: Quarantine, counts: EntityCounts, file: str, problem: EventProblem,
            batch: list[Accepted]) -> None:
    row = next((a.row.model_dump() for a in batch if a.line == problem.index), None)
    box.add(Rejected(file, problem.index, problem.field, f"{problem.code}: {problem.message}", row))
    counts.quarantined += 1
