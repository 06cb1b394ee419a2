"""Limits a query must stay within, and checks for the arguments every resolver validates.

The cost of a query is the number of objects it may return: each field costs 1, and a field with
a ``first`` argument multiplies what is below it by ``first`` (its variable value when given as
``$var``). Depth, aliases and tokens use Strawberry's own limiters; see ``api.schema``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult, FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError,
    InlineFragmentNode, IntValueNode, OperationDefinitionNode, SelectionSetNode, VariableNode,
)
from strawberry.extensions import SchemaExtension

from api import errors
from api.settings import ApiSettings

_CURRENCY = re.compile(r"^[A-Z]{3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")


def check_first(first: int, api: ApiSettings, argument: str = "first") -> int:
    """``first`` within 1..max_first."""
    if not 1 <= first <= api.max_first:
        raise errors.invalid(argument, f"an integer from 1 to {api.max_first}", first)
    return first


def check_id(value: str, argument: str) -> str:
    if not _ID.match(value):
        raise errors.invalid(argument, "an id of letters, digits and _.:- (at most 128)", value)
    return value


def check_currency(value: str | None, argument: str = "currency") -> str | None:
    if value is not None and not _CURRENCY.match(value):
        raise errors.invalid(argument, "a 3-letter ISO 4217 code such as 'USD'", value)
    return value


def check_country(value: str | None, argument: str = "shipTo") -> str | None:
    if value is not None and not _COUNTRY.match(value):
        raise errors.invalid(argument, "a 2-letter ISO 3166 country code such as 'DE'", value)
    return value


def check_text(value: str, argument: str, max_chars: int) -> str:
    text = value.strip()
    if not text or len(text) > max_chars:
        raise errors.invalid(argument, f"non-blank text of at most {max_chars} characters",
                             value[:40] + ("..." if len(value) > 40 else ""))
    return text


def chosen_operation(
    definitions: Any, operation_name: str | None,
) -> tuple[OperationDefinitionNode | None, dict[str, FragmentDefinitionNode]]:
    """The operation a request runs (the named one, else the first) and the document's fragments."""
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)
                  and (operation_name is None or (d.name and d.name.value == operation_name))]
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    return (operations[0] if operations else None), fragments


def selected_fields(selection_set: SelectionSetNode | None, fragments: Mapping[str, Any],
                    seen: frozenset[str] = frozenset()) -> Iterator[FieldNode]:
    """The fields a selection set selects directly, through inline fragments and spreads."""
    for sel in selection_set.selections if selection_set else ():
        if isinstance(sel, FieldNode):
            yield sel
        elif isinstance(sel, InlineFragmentNode):
            yield from selected_fields(sel.selection_set, fragments, seen)
        elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
            fragment = fragments.get(sel.name.value)
            if fragment is not None:
                yield from selected_fields(fragment.selection_set, fragments,
                                           seen | {sel.name.value})


def query_cost(
    operation: OperationDefinitionNode, fragments: Mapping[str, Any],
    variables: Mapping[str, Any], default_first: int,
) -> int:
    """How many objects ``operation`` may return at most (see the module docstring)."""

    def first_of(node: FieldNode) -> int | None:
        for arg in node.arguments or ():
            if arg.name.value != "first":
                continue
            if isinstance(arg.value, IntValueNode):
                return int(arg.value.value)
            if isinstance(arg.value, VariableNode):
                value = variables.get(arg.value.name.value)
                return int(value) if isinstance(value, int) else default_first
        return None

    def cost(selection_set: SelectionSetNode | None) -> int:
        total = 0
        for field in selected_fields(selection_set, fragments):
            below = cost(field.selection_set)
            factor = first_of(field)
            total += 1 + below * (factor if factor is not None else 1)
        return total

    return cost(operation.selection_set)


class CostLimiter(SchemaExtension):
    """Refuses, before execution, any operation whose cost exceeds ``max_cost``.

    It runs after validation rather than as a validation rule because the cost depends on the
    variables, and validation results are cached per query text.
    """

    def __init__(self, max_cost: int, default_first: int) -> None:
        self.max_cost = max_cost
        self.default_first = default_first

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and not ctx.result:
            operation, fragments = chosen_operation(document.definitions, ctx.operation_name)
            if operation is not None:
                cost = query_cost(operation, fragments, ctx.variables or {}, self.default_first)
                if cost > self.max_cost:
                    ctx.result = ExecutionResult(data=None, errors=[GraphQLError(
                        f"query cost {cost} exceeds the limit {self.max_cost}; ask for fewer "
                        f"items (lower `first`) or fewer nested lists",
                        operation, extensions={"code": errors.QUERY_TOO_COMPLEX},
                    )])
        yield
