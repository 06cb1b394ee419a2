"""Keyset-paginated reads: a graph of millions of edges arrives in pages, never as one result.

Each query takes ``$after`` and ``$limit`` and returns rows ordered by a constrained or indexed
key (``WHERE key > $after ORDER BY key LIMIT $limit``); pages are ``settings.batch_size`` rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import Driver
from tqdm import tqdm

from borderless.settings import Settings
from graph.driver import read


def pages(driver: Driver, settings: Settings, name: str, key: str, first: Any,
          progress: bool = False, **params: Any) -> Iterator[dict[str, Any]]:
    """Every row of the keyset-paginated query ``name``, page by page.

    The query takes ``$after``, ``$limit`` and ``params``, and returns rows ordered by ``key``.
    """
    after = first
    with tqdm(desc=name.rsplit("/", 1)[-1], unit="row", disable=not progress) as bar:
        while True:
            rows = read(driver, name, settings.neo4j_database, settings.query_timeout_s * 6,
                        after=after, limit=settings.batch_size, **params)
            yield from rows
            bar.update(len(rows))
            if len(rows) < settings.batch_size:
                return
            after = rows[-1][key]
