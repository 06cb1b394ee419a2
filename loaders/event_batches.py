"""A batch of shop events made ready for the write statements, and what their answers mean.

Shared by the API's ``recordEvents`` (one transaction per call) and ``load events`` (one
transaction per batch of lines): both check each event with :func:`loaders.event_rows.check_event`,
send the good ones through the same two statements in one transaction, and count the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from loaders.event_rows import EventProblem, Owner, check_event, problem_of_status

# The statements, in the order one transaction runs them.
RECORD_INTERACTIONS = "writes/events_record_interactions"
RECORD_IMPRESSIONS = "writes/events_record_impressions"


@dataclass
class EventBatch:
    """Checked events split by statement; the refused ones; repeats of an id within the batch."""

    interactions: list[dict[str, Any]] = field(default_factory=list)
    impressions: list[dict[str, Any]] = field(default_factory=list)
    problems: list[EventProblem] = field(default_factory=list)
    repeated: int = 0
    # Marks the rows this transaction created, so a row MERGE found already there is a duplicate.
    receipt: str = field(default_factory=lambda: uuid.uuid4().hex)

    def steps(self, create_shoppers: bool) -> list[tuple[str, dict[str, Any]]]:
        """(statement, params) for each statement with rows, to run in one transaction."""
        steps = []
        if self.interactions:
            steps.append((RECORD_INTERACTIONS, {"rows": self.interactions, "receipt": self.receipt,
                                                "createShoppers": create_shoppers}))
        if self.impressions:
            steps.append((RECORD_IMPRESSIONS, {"rows": self.impressions, "receipt": self.receipt}))
        return steps

    def rows_of(self, statement: str) -> list[dict[str, Any]]:
        return self.interactions if statement == RECORD_INTERACTIONS else self.impressions


@dataclass
class Outcome:
    """What one batch did: events newly stored, events already stored, events refused."""

    accepted: int = 0
    duplicates: int = 0
    problems: list[EventProblem] = field(default_factory=list)


def prepare(events: Iterable[tuple[int, Mapping[str, Any], Owner]], *, now: datetime,
            rates: Mapping[str, float], base_currency: str, source: str,
            every_problem: bool = False) -> EventBatch:
    """Check every event; the first of an id in the batch goes on, later ones count as repeats.

    Args:
        events: (index or line, fields, owner) per event.
        now, rates, base_currency, source: as :func:`loaders.event_rows.check_event` takes them.
        every_problem: report each refused event's every problem (the API), not only its first
            (a bulk load quarantines a line once, with its first).
    """
    batch = EventBatch()
    seen: set[str] = set()
    for index, raw, owner in events:
        checked = check_event(index, raw, owner, now=now, rates=rates,
                              base_currency=base_currency, source=source)
        if isinstance(checked, list):
            batch.problems.extend(checked if every_problem else checked[:1])
            continue
        if checked["eventId"] in seen:
            batch.repeated += 1
            continue
        seen.add(checked["eventId"])
        target = batch.impressions if checked["props"]["kind"] == "impression" else batch.interactions
        target.append(checked)
    # Concurrent batches lock the same products; taking them in one order avoids most deadlocks.
    batch.interactions.sort(key=lambda row: row["productId"])
    return batch


def settle(batch: EventBatch, answers: Mapping[str, list[dict[str, Any]]]) -> Outcome:
    """Count the statements' per-row statuses (``answers`` by statement name) into an outcome."""
    outcome = Outcome(duplicates=batch.repeated, problems=list(batch.problems))
    for statement, rows in answers.items():
        by_index = {row["index"]: row for row in batch.rows_of(statement)}
        for answer in rows:
            status = answer["status"]
            if status == "stored":
                outcome.accepted += 1
            elif status == "duplicate":
                outcome.duplicates += 1
            else:
                problem = problem_of_status(by_index[answer["index"]], status)
                if problem is not None:
                    outcome.problems.append(problem)
    outcome.problems.sort(key=lambda p: p.index)
    return outcome
