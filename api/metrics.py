"""Prometheus metrics: GraphQL requests and latency by operation, and Neo4j round trips.

Each app gets its own registry (tests build several apps in one process; the global registry
would refuse the second). Operation names come from clients, so only well-formed short names
are used as labels and anything else is counted as ``other``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from strawberry.extensions import SchemaExtension

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ApiMetrics:
    """The metrics of one app, in their own registry."""

    def __init__(self) -> None:
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

    def round_trip(self, statement: str) -> None:
        self.round_trips.labels(statement=statement).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


def operation_label(name: str | None) -> str:
    """A safe label for a client-chosen operation name."""
    if not name:
        return "anonymous"
    return name if _NAME.match(name) else "other"


class OperationMetrics(SchemaExtension):
    """Counts and times each GraphQL operation; reads the app's metrics from the context."""

    def on_operation(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        ctx = self.execution_context
        metrics: ApiMetrics | None = getattr(ctx.context, "metrics", None)
        if metrics is None:
            return
        label = operation_label(ctx.operation_name)
        result = ctx.result
        outcome = "error" if result is not None and getattr(result, "errors", None) else "ok"
        metrics.requests.labels(operation=label, outcome=outcome).inc()
        metrics.latency.labels(operation=label).observe(time.perf_counter() - start)

    def get_results(self) -> dict[str, object]:
        """Tell the client how many Neo4j round trips its operation cost (like Apollo tracing)."""
        graph = getattr(self.execution_context.context, "graph", None)
        return {"neo4jRoundTrips": graph.round_trips} if graph is not None else {}
