"""Catalog managers review what ``borderless enrich`` wrote: a correction is stored as
``reviewed`` and wins forever (no later enrichment run asks the model for it or overwrites it).

The same checks as the model's answers apply (:mod:`language.enrichment`): one line each, no
markup, written in the language's script; a bad word is an ``INVALID_ARGUMENT`` naming it.
"""

from __future__ import annotations

from typing import Annotated

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import strawberry

from api import errors, limits
from api.auth import Role
from api.nlq.lexicon_store import forget_lexicons
from api.schema.common import Info, Language
from borderless.errors import ApiError
from api.records import ProductRecord, pick_text
from borderless.errors import ModelError
from language.enrichment import (
    MAX_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    MAX_WORD_CHARS,
    MAX_WORDS,
    TITLE_MAX_TOKENS,
    EnrichmentRejected,
    clean_text,
    content_hash,
    parse_title,
    title_prompt,
)
from language.llm import LanguageModel, language_model

MAX_PRODUCTS = 20
T = TypeVar("T")


@strawberry.type(description="A category's name and shoppers' words in one language, with provenance.")
class CategoryWords:
    category_id: strawberry.ID = strawberry.field(description="The category.")
    lang: Language = strawberry.field(description="The language of `name` and `words`.")
    name: str = strawberry.field(description="The category's name in `lang`.")
    words: list[str] = strawberry.field(description="Everyday words shoppers use for it.")
    source: str = strawberry.field(description="`machine` (written by `model`) or `reviewed`.")
    model: str | None = strawberry.field(description="The model that wrote it (machine only).")
    at: str | None = strawberry.field(description="When it was written or reviewed (ISO 8601).")


@strawberry.type(description="One text of a product translated on demand, or why not.")
class ProductTranslation:
    product_id: strawberry.ID = strawberry.field(description="The product.")
    field: str = strawberry.field(description="`title` or `description`.")
    lang: Language = strawberry.field(description="The language translated into.")
    text: str | None = strawberry.field(description="The text now shown in `lang` (null: none).")
    machine_translated: bool = strawberry.field(
        description="True when `text` is an unreviewed machine translation.")
    kept: str | None = strawberry.field(description=(
        "Why nothing was asked: `own text` (the shop wrote it), `reviewed`, `no source`."))
    rejected: str | None = strawberry.field(description="Why the model's answer was refused.")


def _translate_one(model: LanguageModel, record: ProductRecord, field: str, lang: str,
                   timeout_s: float) -> tuple[ProductTranslation, dict[str, Any] | None]:
    """Ask the model for one text of one product, unless the shop's own or a reviewed one exists."""
    def result(text: str | None, machine: bool, kept: str | None = None,
               rejected: str | None = None) -> ProductTranslation:
        return ProductTranslation(product_id=strawberry.ID(record.id), field=field, lang=Language(lang),
                                  text=text, machine_translated=machine, kept=kept, rejected=rejected)

    own = record.props.get(f"{field}_{lang}")
    if own:
        return result(own, False, kept="own text"), None
    existing = record.translations.get(f"{field}_{lang}")
    if existing and existing[1] == "reviewed":
        return result(existing[0], False, kept="reviewed"), None
    source, source_lang = pick_text(record.props, field, "en")
    if not source or not source_lang:
        return result(None, False, kept="no source"), None
    item = f"{record.id}|{field}|{lang}"
    try:
        reply = model.complete(*title_prompt(source, source_lang, lang, field), timeout_s=timeout_s,
                               max_tokens=TITLE_MAX_TOKENS if field == "title" else 4 * TITLE_MAX_TOKENS)
        text = parse_title(reply, source, lang, item,
                           limit=MAX_TITLE_CHARS if field == "title" else MAX_DESCRIPTION_CHARS)
    except ModelError as e:  # EnrichmentRejected included: the answer, not the request, was bad
        return result(None, False, rejected=str(e)), None
    row = {"product": record.id, "id": item, "field": field, "lang": lang, "text": text,
           "from_lang": source_lang, "model": model.model_id,
           "hash": content_hash(field, model.model_id, lang, source_lang, source)}
    return result(text, True), row


def _checked(text: str, lang: str, argument: str) -> str:
    try:
        return clean_text(text, lang, argument, limit=MAX_WORD_CHARS)
    except EnrichmentRejected as e:
        raise ApiError(errors.INVALID_ARGUMENT, str(e)) from e


@strawberry.type
class EnrichmentMutation:
    @strawberry.mutation(description=(
        "Correct a category's name and shoppers' words in one language (catalog managers); "
        "the correction is `reviewed` and no enrichment run overwrites it."))
    async def review_category_words(
        self, info: Info,
        category_id: Annotated[strawberry.ID, strawberry.argument(description="The category.")],
        lang: Annotated[Language, strawberry.argument(description="The language corrected.")],
        name: Annotated[str, strawberry.argument(description="The category's name in `lang`.")],
        words: Annotated[list[str], strawberry.argument(
            description="Everyday words shoppers use for it in `lang`.")],
    ) -> CategoryWords:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "reviewCategoryWords")
        limits.check_id(category_id, "categoryId")
        if len(words) > MAX_WORDS:
            raise errors.invalid("words", f"at most {MAX_WORDS} words", f"{len(words)} words")
        name = _checked(name, lang.value, "name")
        kept = list(dict.fromkeys(_checked(w, lang.value, f"words[{i}]") for i, w in enumerate(words)))
        rows = await ctx.graph.write(
            "writes/api_review_category_words", category=category_id, id=f"{category_id}|{lang.value}",
            lang=lang.value, usual_name=name, words=kept, text=" | ".join((name, *kept)),
            reviewer=ctx.principal.subject)
        if not rows:
            raise errors.not_found("category", category_id)
        forget_lexicons()  # the corrected words count in the very next search
        row = rows[0]
        return CategoryWords(category_id=row["category"], lang=Language(row["lang"]), name=row["name"],
                             words=row["words"], source=row["source"], model=row["model"], at=row["at"])

    @strawberry.mutation(description=(
        "Translate products' titles and descriptions into a language now, with the enrichment "
        "model (catalog managers); the shop's own texts and reviewed translations are kept."))
    async def translate_products(
        self, info: Info,
        product_ids: Annotated[list[strawberry.ID], strawberry.argument(
            description="The products to translate (1 to 20).")],
        lang: Annotated[Language, strawberry.argument(description="The language to translate into.")],
    ) -> list[ProductTranslation]:
        ctx = info.context
        ctx.principal.require(Role.CATALOG_MANAGER, "translateProducts")
        if not 1 <= len(product_ids) <= MAX_PRODUCTS:
            raise errors.invalid("productIds", f"1 to {MAX_PRODUCTS} ids", f"{len(product_ids)} ids")
        ids = [limits.check_id(p, f"productIds[{i}]") for i, p in enumerate(product_ids)]
        records = await ctx.loaders.product.load_many(ids)
        missing = [i for i, r in zip(ids, records, strict=True) if r is None]
        if missing:
            raise errors.not_found("product", missing[0])
        return await translate_now(ctx, [
            partial(_translate_one, record=record, field=field, lang=lang.value)
            for record in records if record is not None for field in ("title", "description")],
            "writes/enrich_title_translations")


async def translate_now(ctx: Any, items: list[Callable[..., tuple[T, dict[str, Any] | None]]],
                        statement: str) -> list[T]:
    """Ask the enrichment model for each item in turn (off the event loop) and store every
    accepted answer with ``statement`` in one write.

    Each item is called as ``item(model=..., timeout_s=...)`` and returns what to answer and the
    row to store (None: nothing to store).
    """
    model = await asyncio.to_thread(language_model, ctx.settings, ctx.settings.enrich_backend)
    assert model is not None  # noqa: S101 - enrich_backend is never "rules"
    results, rows = [], []
    for item in items:
        outcome, row = await asyncio.to_thread(item, model=model, timeout_s=ctx.settings.enrich_timeout_s)
        results.append(outcome)
        rows += [row] if row else []
    if rows:
        await ctx.graph.write(statement, rows=rows)
    return results
