"""The error codes clients see in ``errors[].extensions.code``, and helpers to raise them.

Expected failures raise :class:`~borderless.errors.ApiError` with one of these codes; everything
else is masked as ``INTERNAL`` and logged with the request id (see ``api.schema.extensions``).
"""

from __future__ import annotations

from borderless.errors import ApiError

UNAUTHENTICATED = "UNAUTHENTICATED"  # credentials missing where needed, or invalid
FORBIDDEN = "FORBIDDEN"  # signed in, but this role or this shopper may not see it
INVALID_ARGUMENT = "INVALID_ARGUMENT"  # an argument is out of range or malformed
INVALID_CURSOR = "INVALID_CURSOR"  # an `after` cursor we did not issue for this sort
NOT_FOUND = "NOT_FOUND"  # a referenced id does not exist
UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"  # no exchange rate for the currency asked
NO_ACTIVE_MODEL = "NO_ACTIVE_MODEL"  # recommendations asked before a model was trained
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"  # over the depth, cost, alias or token limits
DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"  # Neo4j cannot be reached right now
QUERY_TIMEOUT = "QUERY_TIMEOUT"  # Neo4j took longer than the transaction timeout
FEATURE_UNAVAILABLE = "FEATURE_UNAVAILABLE"  # a component (search, ask) is not installed
BAD_REQUEST = "BAD_REQUEST"  # the HTTP request is not a GraphQL request (body, type, method)
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"  # the query text is not valid GraphQL syntax
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"  # the query does not fit the schema
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"  # the request body is over BORDERLESS_MAX_BODY_BYTES
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"  # /voice: not multipart, or the upload not audio
NO_SPEECH = "NO_SPEECH"  # /voice: the audio decoded but no words were heard in it
NOT_IMPLEMENTED = "NOT_IMPLEMENTED"  # a route this server does not have yet (voice -> assistant)
RATE_LIMITED = "RATE_LIMITED"  # this client spent its request budget; retry after Retry-After
NO_IMAGE = "NO_IMAGE"  # ranking by look asked for a product without an embedded picture
UNSUPPORTED_MEDIA = "UNSUPPORTED_MEDIA"  # an uploaded photo is not a picture type we read
INTERNAL = "INTERNAL"  # unexpected; details are only in the server log


def invalid(argument: str, expected: str, got: object) -> ApiError:
    """An INVALID_ARGUMENT error naming the argument, what was expected and what came."""
    return ApiError(INVALID_ARGUMENT, f"{argument}: expected {expected}, got {got!r}")


def not_found(kind: str, key: str) -> ApiError:
    return ApiError(NOT_FOUND, f"no {kind} with id {key!r}")
