"""Error policy: expected failures keep their message and gain a code; the rest are masked.

Every error leaves with ``extensions.code``:

- an :class:`~borderless.errors.ApiError` keeps its message and code;
- a syntax error is ``GRAPHQL_PARSE_FAILED`` (``QUERY_TOO_COMPLEX`` when it is the token limit);
- a variable that does not fit its declared type is ``INVALID_ARGUMENT``;
- any other error raised before execution (validation, the depth and alias limits) keeps its
  message, as it is about the client's query, with ``GRAPHQL_VALIDATION_FAILED`` or
  ``QUERY_TOO_COMPLEX``;
- anything else is logged with the request id and its traceback, and the client sees only
  ``INTERNAL`` and that request id, to quote when reporting the problem.

Strawberry runs parsing (and so the token limit) outside the operation hook when the parser
cache is on, so :class:`QuietSchema` applies the same policy to whatever leaves ``execute``
without a code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, VariableDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.schema import Schema
from strawberry.types import ExecutionContext, ExecutionResult

from api import errors
from borderless.errors import ApiError

log = logging.getLogger("borderless.api")

# Messages of Strawberry's and graphql-core's own limiters, which raise plain GraphQL errors
# without a code of their own (the token limit is a syntax error "Document contains more than").
_LIMIT_MESSAGES = ("exceeds maximum operation depth", "more than", "aliases")


class ErrorPolicy(SchemaExtension):
    """Adds codes to expected errors and masks unexpected ones (see the module docstring)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        found = getattr(result, "errors", None) if result is not None else None
        if result is None or not found:
            return
        request_id = getattr(self.execution_context.context, "request_id", None)
        result.errors = apply_policy(found, request_id)


def apply_policy(found: Iterable[GraphQLError], request_id: str | None) -> list[GraphQLError]:
    """``found`` with a code on each error (errors that already carry one are kept as they are)."""
    return [e if (e.extensions or {}).get("code") else _policy(e, request_id) for e in found]


def _policy(error: GraphQLError, request_id: str | None) -> GraphQLError:
    original = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    if isinstance(original, ApiError):
        return _with_code(error, original.code, original.message)
    if isinstance(error, GraphQLSyntaxError) or isinstance(original, GraphQLSyntaxError):
        limit = any(m in error.message for m in _LIMIT_MESSAGES)
        return _with_code(error, errors.QUERY_TOO_COMPLEX if limit
                          else errors.GRAPHQL_PARSE_FAILED, error.message)
    if any(isinstance(node, VariableDefinitionNode) for node in error.nodes or ()):
        # graphql-core coerces variables before execution and points at the variable's
        # definition: the value the client sent does not fit the type it declared.
        return _with_code(error, errors.INVALID_ARGUMENT, error.message)
    if error.path is None and (original is None or isinstance(original, GraphQLError)):
        limit = any(m in error.message for m in _LIMIT_MESSAGES)
        return _with_code(error, errors.QUERY_TOO_COMPLEX if limit
                          else errors.GRAPHQL_VALIDATION_FAILED, error.message)
    log.error("request %s: unexpected error at %s", request_id, error.path,
              exc_info=(type(original), original, original.__traceback__)
              if isinstance(original, BaseException) else None)
    return GraphQLError(
        "Unexpected error; quote the requestId when reporting it.",
        nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
        extensions={"code": errors.INTERNAL, "requestId": request_id},
    )


def _with_code(error: GraphQLError, code: str, message: str) -> GraphQLError:
    return GraphQLError(
        message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions={**(error.extensions or {}), "code": code},
    )


class QuietSchema(Schema):
    """A schema that leaves error logging to the policy and gives every error it returns a code."""

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        if result.errors:
            context = kwargs.get("context_value", args[2] if len(args) > 2 else None)
            result.errors = apply_policy(result.errors, getattr(context, "request_id", None))
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None,
    ) -> None:
        return None
