"""Catalog managers review what ``borderless enrich`` wrote: a correction is stored as
``reviewed`` and wins forever (no later enrichment run asks the model for it or overwrites it).

The same checks as the model's answers apply (:mod:`language.enrichment`): one line each, no
markup, written in the language's script; a bad word is an ``INVALID_ARGUMENT`` naming it.
"""

from __future__ import annotations

import strawberry

from api import errors, limits
from api.auth import Role
from api.nlq.lexicon_store import forget_lexicons
from api.schema.common import Info, Language
from borderless.errors import ApiError
from language.enrichment import MAX_WORD_CHARS, MAX_WORDS, EnrichmentRejected, clean_text


@strawberry.type(description="A category's name and shoppers' words in one language, with provenance.")
class CategoryWords:
    category_id: strawberry.ID
    lang: Language
    name: str
    words: list[str]
    source: str = strawberry.field(description="`machine` (written by `model`) or `reviewed`.")
    model: str | None
    at: str | None


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
        self, info: Info, category_id: strawberry.ID, lang: Language, name: str, words: list[str],
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
