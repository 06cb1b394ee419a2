"""Error policy: expected failures keep their message and gain a code; the rest are masked.

Every error leaves with ``extensions.code``. An :class:`~borderless.errors.ApiError` keeps its
message and code; a GraphQL validation error keeps its message (it is about the client's query);
anything else is logged with the request id and its traceback, and the client sees only
``INTERNAL`` and that request id, to quote when reporting the problem.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema import Schema
from strawberry.types import ExecutionContext

from api import errors
from borderless.errors import ApiError

log = logging.getLogger("borderless.api")

# Messages of Strawberry's own limiters, which raise plain validation errors.
_LIMIT_MESSAGES = ("exceeds maximum operation depth", "more than", "aliases")


class ErrorPolicy(SchemaExtension):
    """Adds codes to expected errors and masks unexpected ones (see the module docstring)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not getattr(result, "errors", None):
            return
        request_id = getattr(self.execution_context.context, "request_id", None)
        result.errors = [self._policy(e, request_id) for e in result.errors]

    def _policy(self, error: GraphQLError, request_id: str | None) -> GraphQLError:
        original = error.original_error
        while isinstance(original, GraphQLError) and original.original_error is not None:
            original = original.original_error
        if isinstance(original, ApiError):
            return _with_code(error, original.code, original.message)
        if original is None:
            code = (error.extensions or {}).get("code")
            if code is None:
                limit = any(m in error.message for m in _LIMIT_MESSAGES)
                code = errors.QUERY_TOO_COMPLEX if limit else "GRAPHQL_VALIDATION_FAILED"
            return _with_code(error, code, error.message)
        log.error("request %s: unexpected error at %s", request_id, error.path,
                  exc_info=(type(original), original, original.__traceback__))
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
    """A schema that leaves error logging to :class:`ErrorPolicy` (expected errors are not news)."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None,
    ) -> None:
        return None
