"""``POST /photo-search``: a shopper's photo in, the products that look most like it out.

The picture comes as the body itself (``Content-Type: image/jpeg``, ``image/png`` or
``image/webp``) or as the file part ``photo`` of a ``multipart/form-data`` body (a browser form),
read into memory, embedded and dropped: it is never written anywhere unless the shopper asks
(``keep=true``, signed-in shoppers only): then it is kept under the state folder, in a folder of
its own per shopper (:func:`api.erasure.kept_photos_folder`, mode 600) that ``deleteShopper``
erases, and the answer's ``kept`` names it by its sha256. Query parameters:
``shipTo`` (required: only products that ship there and are not restricted there), ``currency``
(default: that country's; each price has GraphQL ``Money``'s shape, the exact ``decimal`` string
included), ``lang`` (titles; default English) and ``first``. The same
credentials and rate budgets as ``/graphql`` apply. Refusals carry a code, in the GraphQL error
shape: 400 ``INVALID_ARGUMENT`` (parameters), 413 ``PAYLOAD_TOO_LARGE`` (over
``BORDERLESS_IMAGE_MAX_BYTES``, or over the API's body limit, whichever is smaller), 415
``UNSUPPORTED_MEDIA`` (another content type), 422 ``INVALID_ARGUMENT`` (not a readable picture).
The encoder loads on the first photo, in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from api import errors, limits
from api.auth import Principal, Role
from api.context import make_context_getter
from api.erasure import kept_photos_folder
from api.schema.common import Money, decimal_text, money_at
from loaders.images import ImageRefused, inspect_image
from borderless.errors import ApiError
from borderless.settings import Settings
from loaders.models import LANGUAGES

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
# Candidates asked of the vector index per wanted item: some will not ship to the country.
OVERSAMPLE = 8


def _refuse(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
                        status_code=status)


async def photo_search(request: Request) -> JSONResponse:
    """Search by photo; see the module docstring for the contract."""
    try:
        return await _search(request)
    except _Refused as e:
        return _refuse(e.status, e.code, e.message)


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


async def _search(request: Request) -> JSONResponse:
    ctx = await make_context_getter()(request)  # credentials and rate budget, as for /graphql
    params = request.query_params
    country = limits.check_country(params.get("shipTo"))
    if country is None:
        raise errors.invalid("shipTo", "the shopper's 2-letter country code such as 'DE'", None)
    lang = params.get("lang", "en")
    if lang not in LANGUAGES:
        raise errors.invalid("lang", f"one of {', '.join(LANGUAGES)}", lang)
    try:
        first = limits.check_first(int(params.get("first", "10")), ctx.api)
    except ValueError:
        raise errors.invalid("first", "an integer", params.get("first")) from None
    keep = _keep_asked(params.get("keep"), ctx.principal)
    limit = ctx.settings.image_max_bytes
    data = await _photo(request, limit)
    if len(data) > limit:
        raise _Refused(413, errors.PAYLOAD_TOO_LARGE, f"the photo is {len(data):,} bytes; the limit is {limit:,}")
    try:
        inspect_image(data, "the photo")
    except ImageRefused as e:
        raise _Refused(422, errors.INVALID_ARGUMENT, str(e)) from None
    encoder = await _encoder(request)
    vector = await asyncio.to_thread(_embed, encoder, data)
    (found,) = await ctx.graph.read("queries/api_photo_search", vector=vector,
                                    model=encoder.model_id, k=first * OVERSAMPLE, first=first,
                                    country=country, lang=lang)
    if not found["known"]:
        raise errors.invalid("shipTo", "a country the shop knows", country)
    rows = found["items"]
    # Prices in the shipping country's currency unless the shopper asked for another.
    currency = params.get("currency") or found["country_currency"]
    rate = await ctx.rate(currency.upper() if currency else None)
    base = ctx.settings.base_currency
    items: list[dict[str, Any]] = []
    for r in rows:
        price = money_at(rate, r["price"], base)
        items.append({"productId": r["product_id"], "score": round(float(r["score"]), 4),
                      "title": r["title"],
                      "price": money_json(price)})
    kept = await asyncio.to_thread(_keep, ctx.settings, keep, data) if keep else None
    return JSONResponse({"data": {"shipTo": country, "model": encoder.model_id, "items": items,
                                  "kept": kept}})


def _keep_asked(value: str | None, principal: Principal) -> str | None:
    """The shopper whose photo is to be kept, or None when not asked (the default).

    Raises:
        ApiError: INVALID_ARGUMENT (not true/false), UNAUTHENTICATED (asked anonymously: a kept
            photo must belong to a shopper whom ``deleteShopper`` can erase), FORBIDDEN (staff).
    """
    if value is None or value.lower() in ("false", "0"):
        return None
    if value.lower() not in ("true", "1"):
        raise errors.invalid("keep", "true or false", value)
    principal.require(Role.SHOPPER, "keep=true")
    if principal.role is not Role.SHOPPER or not principal.subject:
        raise ApiError(errors.FORBIDDEN, "keep=true keeps a shopper's own photo: sign in as the shopper")
    return principal.subject


def _keep(settings: Settings, shopper_id: str, data: bytes) -> str:
    """Write the photo into the shopper's folder (mode 600) and return its sha256."""
    digest = hashlib.sha256(data).hexdigest()
    folder = kept_photos_folder(settings, shopper_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / digest
    if not path.exists():
        tmp = folder / f".{digest}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    return digest


def money_json(price: Money | None) -> dict[str, Any] | None:
    """A price as GraphQL's ``Money`` answers it: ``amount``, ``decimal``, ``currency``, ``rateDate``.

    ``decimal`` is the exact amount in the currency's minor units ("79.90", "11990" for JPY):
    read it, not the float, as the API's ``Money`` says.
    """
    if price is None:
        return None
    return {"amount": price.amount, "decimal": decimal_text(price.amount, price.currency),
            "currency": price.currency,
            "rateDate": price.rate_date.isoformat() if price.rate_date else None}


async def _photo(request: Request, limit: int) -> bytes:
    """The photo's bytes, from a plain body or a multipart form's ``photo`` part (type checked)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        from starlette.datastructures import UploadFile
        from starlette.formparsers import MultiPartException

        from api.voice import in_memory_form

        try:
            form = await in_memory_form(request, limit, max_fields=8)
        except MultiPartException as e:
            raise _Refused(400, errors.BAD_REQUEST, f"malformed multipart body: {e.message}") from e
        part = form.get("photo")
        if not isinstance(part, UploadFile):
            raise _Refused(400, errors.INVALID_ARGUMENT,
                           "a multipart body needs the picture as the file part 'photo'")
        kind = (part.content_type or "").split(";")[0].strip().lower()
        data = await part.read()
    else:
        data = await request.body()
    if kind not in PHOTO_TYPES:
        raise _Refused(415, errors.UNSUPPORTED_MEDIA,
                       f"send the photo as the body, or as the multipart file part 'photo', with "
                       f"Content-Type {', '.join(PHOTO_TYPES)}; got {kind or 'none'!r}")
    return data


async def _encoder(request: Request) -> Any:
    """The app's image encoder, created (and its weights loaded) on the first photo."""
    from vision.encoder import ImageEncoder

    state: Any = request.app.state
    async with state.image_encoder_lock:
        if getattr(state, "image_encoder", None) is None:
            encoder = ImageEncoder()
            await asyncio.to_thread(lambda: encoder.network)
            state.image_encoder = encoder
    return state.image_encoder


def _embed(encoder: Any, data: bytes) -> list[float]:
    from vision.encoder import open_image

    return [float(x) for x in encoder.embed([open_image(data)])[0]]

