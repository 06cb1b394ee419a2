"""Plan guards: what ``EXPLAIN`` says about a model-written statement before it runs.

The text guards read the statement as written; the planner reads it as Neo4j will run it, so
these checks catch what a pattern the text guards do not know slips through (defence in depth):

- the query type is ``r`` (read-only) and no unknown label, type or property was warned about;
- no variable-length expansion, shortest path or quantified path without an upper bound of at
  most :data:`~api.nlq.guards.MAX_HOPS` (``VarLengthExpand(All) (a)-[:T*]->(b)``);
- no ``CartesianProduct`` (every row of one pattern times every row of another);
- for callers who may not see personal data: no scan of all nodes, no expansion over any
  relationship type, and no operator that names a hidden label or type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from neo4j import ResultSummary

from api.nlq.guard_schema import Schema
from api.nlq.guards import MAX_HOPS, Refused

# GQL statuses of EXPLAIN warnings: unknown label, relationship type, property key.
UNKNOWN_NAME_STATUSES = frozenset({"01N50", "01N51", "01N52"})
_EXPANDING = ("VarLengthExpand", "ShortestPath", "StatefulShortestPath", "Repeat",
              "BFSPruningVarExpand", "PruningVarLengthExpand")
_STAR = re.compile(r"\*(\d*)(\.\.(\d*))?")
_BRACES = re.compile(r"\{\s*(\d*)\s*,\s*(\d+|\*)?\s*\}")
_TYPED = re.compile(r"\[[^\]]*:[^\]]*\]")
_RELATIONSHIP = re.compile(r"\[[^\]]*\]")


def check_summary(summary: ResultSummary, schema: Schema) -> None:
    """Refuse a statement whose ``EXPLAIN`` summary shows a write, an unknown name or no bound.

    Raises:
        Refused: guard ``plan-read-only``, ``plan-names``, ``plan-var-length``,
            ``plan-cartesian`` or ``plan-personal-data``.
    """
    if summary.query_type != "r":
        raise Refused(f"EXPLAIN says the statement is not read-only (type {summary.query_type!r})",
                      "plan-read-only")
    unknown = sorted({status.status_description for status in summary.gql_status_objects
                      if status.gql_status in UNKNOWN_NAME_STATUSES})
    if unknown:
        raise Refused(f"the statement names things the schema lacks: {'; '.join(unknown)}",
                      "plan-names")
    if summary.plan:
        check_plan(summary.plan, schema)


def check_plan(plan: dict[str, Any], schema: Schema) -> None:
    """Refuse unbounded expansions, cartesian products and (for non-admins) personal data."""
    for operator, details in _operators(plan):
        name = operator.split("@")[0]
        if name.startswith(_EXPANDING):
            _check_bound(name, details)
        if name.startswith("CartesianProduct"):
            raise Refused("the plan multiplies two unconnected patterns (CartesianProduct)",
                          "plan-cartesian")
        if not schema.hidden:
            continue
        if name.startswith("AllNodesScan"):
            raise Refused("a scan of all nodes (a pattern without a label) could read shoppers' "
                          "personal data, which is for admins only", "plan-personal-data")
        if "Expand" in name or "ShortestPath" in name:
            relationships = _RELATIONSHIP.findall(details)
            if any(not _TYPED.fullmatch(r) for r in relationships):
                raise Refused(f"{name} over any relationship type ({details}) could reach "
                              "shoppers' personal data", "plan-personal-data")
        named = sorted(set(re.findall(r"\w+", details)) & schema.hidden)
        if named:
            raise Refused(f"{name} reads {', '.join(named)}: personal data is for admins only",
                          "plan-personal-data")


def _check_bound(name: str, details: str) -> None:
    uppers: list[str | None] = []
    for star in _STAR.finditer(details):
        uppers.append(star.group(3) if star.group(2) else star.group(1))
    for braces in _BRACES.finditer(details):
        uppers.append(None if braces.group(2) in (None, "*") else braces.group(2))
    if not uppers:
        uppers = [None]  # an expanding operator that states no bound has none
    if any(not upper or int(upper) > MAX_HOPS for upper in uppers):
        raise Refused(f"{name} {details} has no upper bound of at most {MAX_HOPS} hops",
                      "plan-var-length")


def _operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator type, details) of every operator in the plan tree."""
    stack = [plan]
    while stack:
        node = stack.pop()
        arguments = node.get("args") or node.get("arguments") or {}
        yield str(node.get("operatorType", "")), str(arguments.get("Details") or "")
        stack.extend(node.get("children") or [])
