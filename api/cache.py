"""The server's cache of anonymous catalog reads, never stale.

A request's result is kept under its document, its operation name, its variables and the
catalog version: a number in the graph that every write transaction raises as it commits
(``graph.driver`` and ``graph.session`` end each one with ``writes/catalog_version_bump``,
whichever process writes: the API, a loader, training), except statements marked as changing
no catalog read (``graph.cypher.CATALOG_UNAFFECTED``: shop events, served lists). A cached request therefore still
reads the version, one small round trip, and a write is seen by the first read that follows
its commit. What the cache saves is the rest: GraphQL validation and execution, the page's
Neo4j reads and the exchange-rate read.

Only anonymous callers' queries whose every root field is a catalog field are cached
(:data:`CATALOG_FIELDS`): the answer to them depends on nothing but the graph and the request.
Results with errors are never kept. Entries are kept least-recently-used, at most
``BORDERLESS_CATALOG_CACHE_ENTRIES`` (0 turns the cache off); entries of older versions are
never served again and age out.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from strawberry.types import ExecutionResult

from api.auth import Role
from api.limits import chosen_operation, selected_fields
from graph.session import GraphSession

# Root fields whose answers depend only on the catalog (not on who asks, not on the clock).
# Not ``similarProducts``: each of its answers is a served list with its own id and a node in the
# graph (attribution of the events that cite it), so it is never replayed from a cache.
CATALOG_FIELDS = frozenset({"product", "products", "brand", "brands", "category", "categoryMenu",
                            "__typename"})
# Documents whose cacheability has been decided, kept apart from the results (bounded too).
_MAX_DECISIONS = 1_000


class CatalogCache:
    """Results of anonymous catalog reads, keyed on the request and the catalog version.

    Args:
        max_entries: how many results to keep (least recently used go first).
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self._results: OrderedDict[tuple[Any, ...], ExecutionResult] = OrderedDict()
        self._decisions: OrderedDict[tuple[str, str | None], str | None] = OrderedDict()

    def cacheable(self, role: Role, query: object, operation_name: str | None) -> str | None:
        """The operation's name ("" if it has none) when its result may be kept and shared (an
        anonymous caller's catalog query), else None."""
        if role is not Role.ANONYMOUS or not isinstance(query, str):
            return None
        key = (query, operation_name)
        if key not in self._decisions:
            self._decisions[key] = _catalog_query(query, operation_name)
            if len(self._decisions) > _MAX_DECISIONS:
                self._decisions.popitem(last=False)
        return self._decisions[key]

    @staticmethod
    def key(query: str, operation_name: str | None, variables: Mapping[str, Any] | None,
            version: int) -> tuple[Any, ...] | None:
        """The entry's key, or None for variables that are not plain JSON values."""
        try:
            canonical = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return None
        return (version, operation_name, query, canonical)

    def get(self, key: tuple[Any, ...]) -> ExecutionResult | None:
        """The kept result, if any (counted as a hit or a miss)."""
        result = self._results.get(key)
        if result is None:
            self.misses += 1
            return None
        self.hits += 1
        self._results.move_to_end(key)
        return result

    def put(self, key: tuple[Any, ...], result: ExecutionResult) -> None:
        """Keep ``result`` if it has no errors (an error may be the moment's, not the catalog's)."""
        if result.errors or self.max_entries <= 0:
            return
        self._results[key] = result
        self._results.move_to_end(key)
        while len(self._results) > self.max_entries:
            self._results.popitem(last=False)


async def catalog_version(graph: GraphSession) -> int:
    """The graph's catalog version (one round trip; 0 before the first write)."""
    rows = await graph.read("queries/api_catalog_version")
    return int(rows[0]["n"]) if rows else 0


def _catalog_query(query: str, operation_name: str | None) -> str | None:
    """The chosen operation's name ("" if none) if it is a query of catalog fields only."""
    try:
        document = parse(query)
    except GraphQLError:
        return None  # the normal path reports the syntax error
    operation, fragments = chosen_operation(document.definitions, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return None
    if operation.operation is not OperationType.QUERY:
        return None
    roots = {field.name.value for field in selected_fields(operation.selection_set, fragments)}
    # Directives (@include/@skip) depend on variables, which are part of the key: still exact.
    if not roots or not roots <= CATALOG_FIELDS:
        return None
    return operation.name.value if operation.name else ""
