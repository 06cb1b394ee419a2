"""The exchange-rate table, shared by all requests of a process for a short while.

Rates change about once a day, yet nearly every query converts a price; re-reading the table on
each request would cost a Neo4j round trip per page for nothing. The table is re-read when it is
older than ``rates_ttl_s`` (0 turns the sharing off).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from neo4j.time import Date

from graph.session import GraphSession
from api.records import Rate


class RateTable:
    """Currency code -> :class:`Rate`, refreshed from the graph at most every ``ttl_s``."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._rates: dict[str, Rate] | None = None
        self._read_at = 0.0
        self._lock = asyncio.Lock()

    def _fresh(self) -> bool:
        return self._rates is not None and time.monotonic() - self._read_at < self.ttl_s

    async def get(self, graph: GraphSession) -> dict[str, Rate]:
        """The table, read through ``graph`` (counted as its round trip) when stale."""
        if self._fresh():
            assert self._rates is not None  # noqa: S101 - _fresh checked it
            return self._rates
        async with self._lock:  # one reader refreshes; the others wait for its table
            if not self._fresh():
                rows = await graph.read("queries/currency_rates")
                self._rates = {
                    r["code"]: Rate(r["code"], float(r["rate"]), _native(r["rate_date"]))
                    for r in rows if r["rate"]
                }
                self._read_at = time.monotonic()
            assert self._rates is not None  # noqa: S101
            return self._rates

    def forget(self) -> None:
        """Drop the table, e.g. after a manager changed a rate."""
        self._rates = None


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, Date) else value
