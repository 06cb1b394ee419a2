"""Prometheus metrics: GraphQL requests and latency by operation, and Neo4j round trips.

Each app gets its own registry (tests build several apps in one process; the global registry
would refuse the second). Every label has a bounded set of values, since each value is a new
time series kept for the life of the process: operation names come from clients, so only the
configured names (or, with none configured, the first ``metrics_max_operations`` well-formed
names seen) become labels, and everything else is counted as ``other``; statement names are
bounded the same way, as a safety net (they come from our code).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from strawberry.extensions import SchemaExtension

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# What an experiment's variant key may be (experiments.definition checks it on the way in).
_VARIANT_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


OTHER = "other"
# Statement names come from our own files; the cap only guards against a bug minting new ones.
MAX_STATEMENT_LABELS = 500
# Experiment variant keys that get a label of their own; later ones count as ``other``.
MAX_VARIANT_LABELS = 20


class BoundedLabels:
    """Maps client-chosen names onto a bounded set of label values.

    Args:
        allowed: the names that may be labels; when empty, the first ``cap`` well-formed names
            seen are admitted instead.
        cap: how many distinct names are admitted when ``allowed`` is empty.
        pattern: what an admitted name must look like (None: anything).
    """

    def __init__(self, allowed: Iterable[str] = (), cap: int = 50,
                 pattern: re.Pattern[str] | None = _NAME) -> None:
        self._allowed = frozenset(allowed)
        self._cap = cap
        self._pattern = pattern
        self._seen: set[str] = set()

    def __call__(self, name: str) -> str:
        if self._allowed:
            return name if name in self._allowed else OTHER
        if name in self._seen:
            return name
        if len(self._seen) < self._cap and (self._pattern is None or self._pattern.match(name)):
            self._seen.add(name)
            return name
        return OTHER


class ApiMetrics:
    """The metrics of one app, in their own registry.

    Args:
        operations: operation names that may be labels (empty: the first ``max_operations``).
        max_operations: how many distinct operation names get a label of their own.
    """

    def __init__(self, operations: Iterable[str] = (), max_operations: int = 50) -> None:
        self.operation_label = BoundedLabels(operations, max_operations)
        self._statement_label = BoundedLabels((), MAX_STATEMENT_LABELS, pattern=None)
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "borderless_graphql_requests", "GraphQL operations served",
            ["operation", "outcome"], registry=self.registry,
        )
        self.latency = Histogram(
            "borderless_graphql_request_seconds", "GraphQL operation latency",
            ["operation"], buckets=_BUCKETS, registry=self.registry,
        )
        self.round_trips = Counter(
            "borderless_neo4j_round_trips", "Neo4j transactions run, by named statement",
            ["statement"], registry=self.registry,
        )

        # Served lists by surface, strategy and variant: surfaces and strategies are fixed
        # vocabularies, variant keys come from staff and are capped like operation names.
        self._variant_label = BoundedLabels((), MAX_VARIANT_LABELS, pattern=_VARIANT_KEY)
        self.served_lists = Counter(
            "borderless_served_lists", "Answers of recommendations, similarProducts and search",
            ["surface", "strategy", "variant"], registry=self.registry,
        )
        self.served_items = Counter(
            "borderless_served_items", "Items in those answers",
            ["surface", "strategy", "variant"], registry=self.registry,
        )

    def cached(self, operation_name: str | None) -> None:
        """Count an operation answered from the catalog cache (it skips the schema's extensions)."""
        name = operation_name
        label = self.operation_label(name) if isinstance(name, str) and name else "anonymous"
        self.requests.labels(operation=label, outcome="cached").inc()

    def served(self, surface: str, strategy: str, variant: str | None, items: int) -> None:
        """Count one served list of ``items`` items."""
        labels = {"surface": surface, "strategy": strategy,
                  "variant": self._variant_label(variant) if variant else "none"}
        self.served_lists.labels(**labels).inc()
        self.served_items.labels(**labels).inc(items)

    def round_trip(self, statement: str) -> None:
        self.round_trips.labels(statement=self._statement_label(str(statement))).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class OperationMetrics(SchemaExtension):
    """Counts and times each GraphQL operation; reads the app's metrics from the context."""

    def on_operation(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        ctx = self.execution_context
        metrics: ApiMetrics | None = getattr(ctx.context, "metrics", None)
        if metrics is None:
            return
        name = ctx.operation_name
        label = metrics.operation_label(name) if isinstance(name, str) and name else "anonymous"
        result = ctx.result
        outcome = "error" if result is not None and getattr(result, "errors", None) else "ok"
        metrics.requests.labels(operation=label, outcome=outcome).inc()
        metrics.latency.labels(operation=label).observe(time.perf_counter() - start)

    def get_results(self) -> dict[str, object]:
        """Tell the client how many Neo4j round trips its operation cost (like Apollo tracing)."""
        graph = getattr(self.execution_context.context, "graph", None)
        return {"neo4jRoundTrips": graph.round_trips} if graph is not None else {}
