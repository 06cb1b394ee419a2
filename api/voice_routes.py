"""Where ``/voice`` sends a transcript: the GraphQL ``search`` field, or the assistant.

Search runs through the app's GraphQL schema with a fixed document, so a spoken search is the
same operation as a typed one: same argument checks, cost limit, expensive budget, model wait,
error codes and result shape. The assistant is reached through a seam: ``api.assistant`` is
imported when first asked for, and a server without it answers 501 ``NOT_IMPLEMENTED``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import Request

from api import errors
from api.auth import Role
from api.context import RequestContext
from api.ratelimit import RateLimited
from borderless.errors import ApiError

# The one operation a spoken search runs; its fields are what a results page shows.
SEARCH_DOCUMENT = """
query VoiceSearch($query: String!, $lang: Language, $shipTo: String, $currency: String,
                  $first: Int!) {
  search(query: $query, lang: $lang, shipTo: $shipTo, currency: $currency, first: $first) {
    products { ...VoiceProduct }
    exactMatches
    complete
    notice
    closeMatches { relaxed label products { ...VoiceProduct } }
    interpretation { name value groundedId source }
    backend
  }
}
fragment VoiceProduct on Product {
  id
  title
  colour
  price { amount currency }
  brand { id name }
  category { id name }
}
"""


async def run_search(request: Request, ctx: RequestContext, transcript: str,
                     language: str | None, first: int, ship_to: str | None, currency: str | None) -> dict[str, Any]:
    """The GraphQL response (``data``, and ``errors`` and ``extensions`` if any) of ``search``.

    ``first``, ``ship_to`` and ``currency`` come from the form as given; the schema checks them
    exactly as it checks a typed search.
    """
    variables = {"query": transcript, "lang": language.upper() if language else None, "first": first,
                 "shipTo": ship_to, "currency": currency}
    result = await request.app.state.schema.execute(
        SEARCH_DOCUMENT, variable_values=variables, context_value=ctx,
        operation_name="VoiceSearch")
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        for error in result.errors:
            if (error.extensions or {}).get("code") == errors.RATE_LIMITED:
                # The search's own expensive unit was refused: answer 429 as GraphQL would.
                raise RateLimited("expensive", int(error.extensions.get("retryAfter", 1)))
        body["errors"] = [e.formatted for e in result.errors]
    if result.extensions:
        body["extensions"] = result.extensions
    return body


async def ask_assistant(ctx: RequestContext, transcript: str, language: str,
                        conversation_id: str | None) -> dict[str, Any]:
    """The assistant's answer to the transcript, as JSON.

    Raises:
        ApiError: ``NOT_IMPLEMENTED`` when this server has no assistant (``api.assistant``).
    """
    try:
        from api.assistant import answer  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError as e:
        if e.name != "api.assistant":
            raise  # the assistant is there but something it needs is not: a real failure
        raise ApiError(errors.NOT_IMPLEMENTED, "target=assistant: this server has no assistant "
                                               "yet; use target=search") from e
    shopper = ctx.principal.subject if ctx.principal.role is Role.SHOPPER else None
    reply = await answer(ctx.graph, ctx.settings, conversation_id, transcript, language, shopper)
    return {"text": reply.text, "language": reply.language, "intent": _plain(reply.intent),
            "citations": _plain(reply.citations), "handoff": _plain(reply.handoff)}


def _plain(value: object) -> Any:
    """The assistant's values (dataclasses, pydantic models, enums) as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "value"):  # an Enum
        return _plain(value.value)
    return str(value)
