"""Automatic persisted queries (Apollo's protocol) and HTTP caching of anonymous catalog reads.

APQ: a client sends ``extensions.persistedQuery = {version: 1, sha256Hash}`` without the
document; an unknown hash answers ``PERSISTED_QUERY_NOT_FOUND`` (HTTP 200, as Apollo clients
expect), and the client retries once with the document, which is checked against the hash and
remembered (a bounded LRU). With GET, such a request is a short, cacheable URL.

Caching: a successful answer to an anonymous request (no ``Authorization``, no ``X-API-Key``)
whose operation is a query reading only the public catalog gets ``Cache-Control: public`` and a
strong ``ETag`` of its body; ``If-None-Match`` with that tag answers 304. Everything else (a
shopper's or staff's request, a mutation, ``user``/``recommendations``/``ask``, an answer with
errors) gets ``Cache-Control: private, no-store``: shopper-specific answers are never cached.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import GraphQLError, OperationType, parse
from starlette.responses import Response
from strawberry.http import GraphQLRequestData

from api.limits import chosen_operation

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
# Root fields anyone may read, whose answer is the same for every anonymous caller.
# Not ``similarProducts`` or ``search``: each of their answers is a served list with its own id
# (events cite it for attribution), so a shared cache must not replay one to another shopper.
PUBLIC_ROOTS = frozenset({"product", "products", "brand", "brands", "category", "categoryMenu",
                          "__typename", "__schema", "__type"})
# Request headers that make an answer someone's own.
PERSONAL_HEADERS = ("authorization", "x-api-key")


class PersistedQueryError(Exception):
    """An APQ request the server cannot run: ``code`` and ``message`` go to the client."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class PersistedQueries:
    """The documents clients registered by hash, the least recently used dropped past ``size``."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._documents: OrderedDict[str, str] = OrderedDict()

    def resolve(self, request: GraphQLRequestData) -> None:
        """Fill in ``request.query`` from its persisted-query hash, or remember the pair.

        Raises:
            PersistedQueryError: an unknown hash sent without a document, a document whose hash
                differs, or a malformed ``persistedQuery`` extension.
        """
        extension = (request.extensions or {}).get("persistedQuery")
        if extension is None:
            return
        if not isinstance(extension, dict) or extension.get("version", 1) != 1:
            raise PersistedQueryError("BAD_REQUEST", "persistedQuery: expected {version: 1, "
                                                     "sha256Hash}")
        digest = extension.get("sha256Hash")
        if not isinstance(digest, str) or len(digest) != 64:
            raise PersistedQueryError("BAD_REQUEST", "persistedQuery.sha256Hash: expected 64 "
                                                     "hex digits")
        digest = digest.lower()
        if request.query is None:
            known = self._documents.get(digest)
            if known is None:
                raise PersistedQueryError(PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound")
            self._documents.move_to_end(digest)
            request.query = known
            return
        if hashlib.sha256(request.query.encode()).hexdigest() != digest:
            raise PersistedQueryError("BAD_REQUEST", "persistedQuery.sha256Hash: not the "
                                                     "SHA-256 of the document sent")
        if self._size:
            self._documents[digest] = request.query
            self._documents.move_to_end(digest)
            while len(self._documents) > self._size:
                self._documents.popitem(last=False)


def public_read(request: GraphQLRequestData) -> bool:
    """Whether the request is a query reading only public catalog fields."""
    if not isinstance(request.query, str) or not isinstance(request.operation_name,
                                                             (str, type(None))):
        return False
    if len(request.query) > _REMEMBERED_QUERY_CHARS:
        return _public_operation.__wrapped__(request.query, request.operation_name)
    return _public_operation(request.query, request.operation_name)


# A shop's frontend sends the same few documents over and over: parsing one again for every
# answer cost a fifth of an uncached product page's CPU (bench/RESULTS.md, h46). The answer
# depends on the text alone, so it is remembered per (document, operation name); documents
# longer than this are not kept (they are rare, and the cache holds the text).
_REMEMBERED_QUERY_CHARS = 20_000


@lru_cache(maxsize=512)
def _public_operation(query: str, operation_name: str | None) -> bool:
    try:
        document = parse(query)
    except GraphQLError:
        return False
    operation, _ = chosen_operation(document.definitions, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return False
    roots = {getattr(s, "name", None) for s in operation.selection_set.selections}
    # A fragment at the root is not looked into: such an answer is simply not cached.
    return all(getattr(r, "value", None) in PUBLIC_ROOTS for r in roots)


@dataclass(frozen=True)
class Encoded:
    """What the cache headers need of an answer, taken from it as it was encoded.

    Attributes:
        failed: the answer carries errors (never cached).
        data: the bytes of its ``data`` as they stand in the body, what the ETag covers.
    """

    failed: bool
    data: bytes


_DATA_OPENING = b'{"data":'


def encoded_answer(answer: object, body: bytes) -> Encoded | None:
    """The data's bytes within ``body``, the JSON encoding of ``answer`` (Strawberry's, without
    spaces, keys in order), so the ETag needs no second encoding; None for other shapes."""
    if not isinstance(answer, dict):
        return None
    if answer.get("errors"):
        return Encoded(failed=True, data=b"")
    if not body.startswith(_DATA_OPENING) or body[-1:] != b"}":
        return None
    keys = list(answer)
    if keys == ["data"]:
        return Encoded(failed=False, data=body[len(_DATA_OPENING):-1])
    if keys == ["data", "extensions"]:
        # The extensions come last, and their own text holds no such key.
        return Encoded(failed=False, data=body[len(_DATA_OPENING):body.rindex(b',"extensions":')])
    return None


def add_cache_headers(headers: Any, requests: list[GraphQLRequestData], response: Response,
                      max_age_s: int, encoded: Encoded | None = None) -> Response:
    """Cache headers for ``response``; a 304 when the client already holds this answer.

    ``encoded``, when the caller has it (``encoded_answer``), spares decoding the body and
    encoding its data again for the ETag.
    """
    # Cheapest tests first: a signed-in request never parses the document or the answer again.
    data = None
    if (response.status_code == 200 and len(requests) == 1
            and not any(headers.get(h) for h in PERSONAL_HEADERS) and public_read(requests[0])):
        data = encoded.data if encoded is not None and not encoded.failed else (
            None if encoded is not None else _data_of(response))
    if data is None:
        response.headers["Cache-Control"] = "private, no-store"
        return response
    # The tag covers the data alone: the extensions (round trips) vary for the same answer.
    tag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    cache = {"Cache-Control": f"public, max-age={max_age_s}", "ETag": tag,
             "Vary": "Authorization, X-API-Key"}
    if tag in [t.strip() for t in headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=cache)
    response.headers.update(cache)
    return response


def _data_of(response: Response) -> bytes | None:
    """The encoded data of a response's GraphQL answer without errors, else None (a page, a
    stream, a failed answer): the slow path, decoding the body and encoding its data again."""
    try:
        answer = json.loads(bytes(response.body))
    except (AttributeError, ValueError, TypeError):
        return None
    if not isinstance(answer, dict) or answer.get("errors"):
        return None
    return json.dumps(answer.get("data"), separators=(",", ":")).encode()
