"""``GET``/``POST /voice/speak``: text read aloud, as ``audio/wav``.

``GET /voice/speak?text=...&language=de`` or ``POST`` with JSON ``{"text": ..., "language": ...}``
(``engine``: ``auto``, the default, ``piper`` or ``espeak-ng``). English is spoken by Piper when it
is installed, every language by espeak-ng (``language.speak``); the ``X-Voice`` header names the
engine. Credentials and budgets are GraphQL's (one general and one expensive unit: a Piper
synthesis costs CPU seconds). Refusals are JSON in the GraphQL error shape: 400
``INVALID_ARGUMENT`` naming the field, 401/403, 415 for a POST body that is not JSON, 429, and
503 ``FEATURE_UNAVAILABLE`` when the engine is not installed.
"""

from __future__ import annotations

import json
import logging

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api import errors
from api.context import make_context_getter
from api.voice import VoiceRefused, refusal_response
from borderless.errors import ApiError, ConfigError, ModelError
from language.speak import ENGINES, ESPEAK_VOICES, MAX_SPEAK_CHARS, engine_for, speak

log = logging.getLogger("borderless.api")


async def voice_speak(request: Request) -> Response:
    """The ``/voice/speak`` endpoint (see the module docstring)."""
    try:
        ctx = await make_context_getter()(request)
        if ctx.limits is not None:
            ctx.limits.spend(ctx.client, "expensive")
        fields = await _fields(request)
        text, language, engine = _checked(fields)
        try:
            wav = await run_in_threadpool(speak, text, language, engine)
        except (ConfigError, ModelError) as e:
            log.error("speech out is unavailable: %s", e)
            raise VoiceRefused(errors.FEATURE_UNAVAILABLE,
                               f"speech out in {language!r} is unavailable here: {e}") from e
        return Response(wav, media_type="audio/wav",
                        headers={"X-Voice": engine_for(language, engine)})
    except ApiError as e:
        return refusal_response(e)


async def _fields(request: Request) -> dict[str, object]:
    if request.method == "GET":
        return dict(request.query_params)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise VoiceRefused(errors.UNSUPPORTED_MEDIA_TYPE,
                           f"POST /voice/speak takes application/json, got "
                           f"{media_type or 'no content type'!r}")
    try:
        body = json.loads(await request.body())
    except (ValueError, RecursionError) as e:
        raise VoiceRefused(errors.BAD_REQUEST, "the body is not valid JSON") from e
    if not isinstance(body, dict):
        raise VoiceRefused(errors.BAD_REQUEST, "the body must be a JSON object")
    return body


def _checked(fields: dict[str, object]) -> tuple[str, str, str]:
    unknown = sorted(set(fields) - {"text", "language", "engine"})
    if unknown:
        raise errors.invalid("request", "only text, language and engine", unknown)
    text, language = fields.get("text"), fields.get("language", "en")
    engine = fields.get("engine", "auto")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_SPEAK_CHARS:
        shown = text[:40] if isinstance(text, str) else text
        raise errors.invalid("text", f"non-blank text of at most {MAX_SPEAK_CHARS} characters",
                             shown)
    if not isinstance(language, str) or language not in ESPEAK_VOICES:
        raise errors.invalid("language", f"one of {', '.join(ESPEAK_VOICES)}", language)
    if not isinstance(engine, str) or engine not in ENGINES:
        raise errors.invalid("engine", f"one of {', '.join(ENGINES)}", engine)
    try:
        engine_for(language, engine)
    except ValueError as e:
        raise errors.invalid("engine", "an engine with a voice in this language", engine) from e
    return text, language, engine
