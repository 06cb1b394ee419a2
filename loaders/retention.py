"""``borderless events prune``: raw API events older than the shop's retention go, their counts stay.

Raw events recorded through the API (``source: 'api'``: ``INTERACTED`` relationships and
``Impression`` nodes) older than ``BORDERLESS_EVENTS_RETENTION_DAYS`` (or ``--retention-days``)
are first counted into daily aggregates, then deleted, in batches where each batch does both or
neither (so a prune stopped half-way and run again counts nothing twice):

    (:EventDay {key, day, kind, strategy, count, valueBase})

one per day, event kind and strategy of the served list the event cited (``'none'`` without one);
``valueBase`` sums purchases in the base currency. Served lists keep their impression counts.
Catalog interactions and bulk back-fills (``source`` not ``'api'``) are the model's training data
and are never pruned.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from borderless.settings import get_settings
from graph.driver import open_driver, run_auto

PRUNE_INTERACTIONS = "writes/events_prune_interactions"
PRUNE_IMPRESSIONS = "writes/events_prune_impressions"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``borderless events prune``."""
    events = subparsers.add_parser("events", help="shop events recorded through the API")
    sub = events.add_subparsers(dest="events_command", required=True, metavar="ACTION")
    prune = sub.add_parser("prune", help="delete raw API events older than the retention, "
                                         "keeping daily aggregates")
    prune.add_argument("--retention-days", type=int, default=None,
                       help="default: BORDERLESS_EVENTS_RETENTION_DAYS (90)")
    prune.add_argument("--json", action="store_true", help="print the result as JSON")
    prune.set_defaults(handler=_prune_command)


def prune_events(driver: Any, database: str, retention_days: int,
                 now: datetime | None = None) -> dict[str, Any]:
    """Aggregate, then delete, raw API events older than ``retention_days`` before ``now``.

    Returns:
        ``cutoff`` (ISO time), ``events_deleted`` and ``impressions_deleted``.

    Raises:
        ValueError: ``retention_days`` below 1.
    """
    if retention_days < 1:
        raise ValueError(f"retention days: expected 1 or more, got {retention_days}")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    interactions = run_auto(driver, PRUNE_INTERACTIONS, database, cutoff=cutoff)
    impressions = run_auto(driver, PRUNE_IMPRESSIONS, database, cutoff=cutoff)
    return {"cutoff": cutoff.isoformat(), "events_deleted": interactions.get("relationships_deleted", 0),
            "impressions_deleted": impressions.get("nodes_deleted", 0)}


def _prune_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    days = args.retention_days if args.retention_days is not None else settings.events_retention_days
    if days < 1:
        print(f"borderless events prune: error: --retention-days: expected 1 or more, got {days}",
              file=sys.stderr)
        return 2
    with open_driver(settings) as driver:
        result = prune_events(driver, settings.neo4j_database, days)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(f"pruned API events before {result['cutoff']} ({days} days): "
              f"{result['events_deleted']:,} events, {result['impressions_deleted']:,} impressions; "
              "daily aggregates kept in EventDay")
    return 0
