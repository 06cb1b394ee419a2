"""``POST /voice``: a spoken search or question, transcribed offline and routed.

The request is ``multipart/form-data`` with one file part ``audio`` (any container FFmpeg reads:
WAV, OGG/Opus, WebM, MP3...) and optional fields ``language`` (one of the shop's languages; it
skips detection, which mislabels short clips), ``target`` (``search``, the default, or
``assistant``), ``shipTo``, ``currency`` and ``first`` for search, ``conversationId`` for the
assistant. The answer is JSON: the transcript, its language (given or detected), and the routed
answer: for ``search`` the GraphQL response of the same ``search`` field a typed query runs
(``{"data": {"search": ...}, "errors": [...]}``); for ``assistant`` the assistant's answer.

Credentials and budgets are GraphQL's: the request spends one unit of the general budget and one
of the expensive budget (transcription) before the audio is decoded, and the routed ``search``
spends its own expensive unit like any search. The audio stays in memory and is dropped with the
request: it is never written to disk or logged. Refusals use the GraphQL error shape, with HTTP
statuses: 400 ``BAD_REQUEST``/``INVALID_ARGUMENT`` (a malformed form or field), 401/403, 413
``PAYLOAD_TOO_LARGE`` (``BORDERLESS_MAX_VOICE_BYTES``), 415 ``UNSUPPORTED_MEDIA_TYPE`` (not
multipart, or the file is not audio), 422 ``INVALID_ARGUMENT`` (not decodable, or longer than
``BORDERLESS_MAX_VOICE_SECONDS``) and ``NO_SPEECH``, 429, 501 ``NOT_IMPLEMENTED`` (assistant
not installed) and 503 ``FEATURE_UNAVAILABLE`` (speech model missing or broken).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.concurrency import run_in_threadpool

from api import errors, limits
from api.context import RequestContext, make_context_getter
from api.ratelimit import RateLimited
from api.voice_routes import ask_assistant, run_search
from borderless.errors import ApiError, ConfigError, ModelError
from loaders.models import LANGUAGES

log = logging.getLogger("borderless.api")

TARGETS = ("search", "assistant")
# Media types a browser's recorder or a phone sends for audio; FFmpeg decides if it really is.
AUDIO_TYPES = ("audio/", "video/webm", "video/ogg", "application/ogg", "application/octet-stream")
FIELDS = frozenset({"audio", "language", "target", "shipTo", "currency", "first",
                    "conversationId"})
_STATUS = {errors.UNAUTHENTICATED: 401, errors.FORBIDDEN: 403, errors.PAYLOAD_TOO_LARGE: 413,
           errors.UNSUPPORTED_MEDIA_TYPE: 415, errors.NO_SPEECH: 422, errors.RATE_LIMITED: 429,
           errors.NOT_IMPLEMENTED: 501, errors.FEATURE_UNAVAILABLE: 503}


class VoiceRefused(ApiError):
    """A refusal of ``/voice`` that carries its HTTP status along with its code."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(code, message)
        self.status = status or _STATUS.get(code, 400)


class _InMemoryParser(MultiPartParser):
    """Starlette's parser, but files stay in memory: the body limit bounds them, and an upload
    must never touch the disk (Starlette spools files over 1 MiB to a temporary file)."""

    def __init__(self, request: Request, max_bytes: int, max_fields: int = len(FIELDS)) -> None:
        super().__init__(request.headers, request.stream(), max_files=1, max_fields=max_fields)
        self.spool_max_size = max_bytes + 1


async def in_memory_form(request: Request, max_bytes: int, max_fields: int) -> FormData:
    """A multipart body with at most one file, kept in memory (``/photo-search`` uses it too).

    Raises:
        MultiPartException: the body is not well-formed multipart.
    """
    return await _InMemoryParser(request, max_bytes, max_fields).parse()


async def voice(request: Request) -> JSONResponse:
    """The ``POST /voice`` endpoint (see the module docstring)."""
    try:
        ctx = await make_context_getter()(request)
        if ctx.limits is not None:
            ctx.limits.spend(ctx.client, "expensive")
        return JSONResponse(await _answer(request, ctx))
    except ApiError as e:
        return refusal_response(e)


async def _answer(request: Request, ctx: RequestContext) -> dict[str, Any]:
    form = await _form(request, ctx.api.max_voice_bytes)
    try:
        upload = form.get("audio")
        if not isinstance(upload, UploadFile):
            raise errors.invalid("audio", "a file part named 'audio'",
                                 "nothing" if upload is None else "a text field")
        media_type = (upload.content_type or "").split(";")[0].strip().lower()
        if not media_type.startswith(AUDIO_TYPES):
            raise VoiceRefused(errors.UNSUPPORTED_MEDIA_TYPE,
                               f"audio: expected an audio file (audio/wav, audio/webm, audio/ogg, "
                               f"audio/mpeg...), got {media_type or 'no content type'!r}")
        audio = await upload.read()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()
    unknown = sorted(set(form.keys()) - FIELDS)
    if unknown:
        raise errors.invalid("form", f"only the fields {sorted(FIELDS)}", unknown)
    language = _choice(fields, "language", LANGUAGES, None)
    target = _choice(fields, "target", TARGETS, "search")
    # Every field is checked before the audio is: a mistake costs no transcription.
    first = fields.get("first", "").strip() or str(ctx.api.default_first)
    if not first.isdigit():
        raise errors.invalid("first", "a whole number", first)
    conversation_id = fields.get("conversationId")
    if conversation_id is not None:
        conversation_id = limits.check_id(conversation_id.strip(), "conversationId")
    transcript = await _transcribe(ctx, audio, language)
    del audio  # nothing of the upload outlives the transcription
    answer: dict[str, Any] = {
        "transcript": transcript.text, "language": transcript.language,
        "languageGiven": language is not None,
        "languageProbability": round(transcript.language_probability, 3),
        "durationS": round(transcript.duration_s, 2), "target": target,
    }
    if target == "search":
        # Whisper may detect a language the shop does not serve: search then reads the words
        # without a language (as a typed search without `lang`).
        served = transcript.language if transcript.language in LANGUAGES else None
        answer["result"] = await run_search(
            request, ctx, transcript.text, served, int(first),
            fields.get("shipTo") or None, fields.get("currency") or None)
    else:
        answer["result"] = await ask_assistant(ctx, transcript.text, transcript.language,
                                               conversation_id)
    return answer


async def _form(request: Request, max_bytes: int) -> FormData:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "multipart/form-data":
        raise VoiceRefused(errors.UNSUPPORTED_MEDIA_TYPE,
                           f"/voice takes multipart/form-data with a file part 'audio', got "
                           f"{media_type or 'no content type'!r}")
    try:
        return await _InMemoryParser(request, max_bytes).parse()
    except MultiPartException as e:
        raise VoiceRefused(errors.BAD_REQUEST, f"malformed multipart body: {e.message}") from e


def _choice(fields: dict[str, str], name: str, allowed: tuple[str, ...],
            default: str | None) -> str | None:
    value = fields.get(name, "").strip().lower()
    if not value:
        return default
    if value not in allowed:
        raise errors.invalid(name, f"one of {', '.join(allowed)}", value)
    return value


async def _transcribe(ctx: RequestContext, audio: bytes, language: str | None) -> Any:
    from language.speech import SAMPLE_RATE, decode, transcribe

    try:
        # Both block for up to seconds: worker threads keep the event loop serving others.
        samples = await run_in_threadpool(decode, audio)
    except ValueError as e:
        raise VoiceRefused(errors.INVALID_ARGUMENT, f"audio: {e}", 422) from e
    seconds = samples.size / SAMPLE_RATE
    if seconds > ctx.api.max_voice_seconds:
        raise VoiceRefused(errors.INVALID_ARGUMENT,
                           f"audio: expected at most {ctx.api.max_voice_seconds:g} s of speech "
                           f"(BORDERLESS_MAX_VOICE_SECONDS), got {seconds:.1f} s", 422)
    try:
        transcript = await run_in_threadpool(transcribe, ctx.settings, samples, language)
    except (ConfigError, ModelError) as e:
        log.error("speech-to-text is unavailable: %s", e)
        raise VoiceRefused(errors.FEATURE_UNAVAILABLE,
                           "speech-to-text is unavailable: its model is missing or failed to "
                           "load (the server log says why)") from e
    if not transcript.text:
        raise VoiceRefused(errors.NO_SPEECH, f"no words were heard in {seconds:.1f} s of audio")
    return transcript


def refusal_response(error: ApiError) -> JSONResponse:
    """A refusal in the GraphQL error shape, with the HTTP status its code means."""
    status = error.status if isinstance(error, VoiceRefused) else _STATUS.get(error.code, 400)
    extensions: dict[str, Any] = {"code": error.code}
    headers: dict[str, str] = {}
    if isinstance(error, RateLimited):
        extensions["retryAfter"] = error.retry_after_s
        headers["Retry-After"] = str(error.retry_after_s)
    return JSONResponse({"data": None, "errors": [{"message": error.message,
                                                   "extensions": extensions}]},
                        status_code=status, headers=headers)
