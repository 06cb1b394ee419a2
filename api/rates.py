"""The exchange-rate table, shared by all requests of a process for a short while.

Rates change about once a day, yet nearly every query converts a price; re-reading the table on
each request would cost a Neo4j round trip per page for nothing. The table is re-read when it is
older than ``rates_ttl_s`` (0 turns the sharing off), and when a request that read a newer
catalog version than the table's asks for it: a cached page (``api.cache``) must not be
computed with rates from before a write its key already counts.
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
        # The newest catalog version a caller had seen when the table was read (-1: unknown).
        self._version = -1
        self._lock = asyncio.Lock()

    def _fresh(self, version: int | None) -> bool:
        if version is not None and version > self._version:
            return False
        return self._rates is not None and time.monotonic() - self._read_at < self.ttl_s

    async def get(self, graph: GraphSession, version: int | None = None) -> dict[str, Rate]:
        """The table, read through ``graph`` (counted as its round trip) when stale.

        Args:
            version: the catalog version the caller has read, if any; a table read before the
                caller saw that version is stale whatever its age.
        """
        if self._fresh(version):
            assert self._rates is not None  # noqa: S101 - _fresh checked it
            return self._rates
        async with self._lock:  # one reader refreshes; the others wait for its table
            if not self._fresh(version):
                rows = await graph.read("queries/currency_rates")
                self._rates = {
                    r["code"]: Rate(r["code"], float(r["rate"]), _native(r["rate_date"]))
                    for r in rows if r["rate"]
                }
                self._read_at = time.monotonic()
                if version is not None:
                    self._version = max(self._version, version)
            assert self._rates is not None  # noqa: S101
            return self._rates

    def forget(self) -> None:
        """Drop the table, e.g. after a manager changed a rate."""
        self._rates = None


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, Date) else value
