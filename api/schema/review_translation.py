"""``translateReviews``: a signed-in shopper (or a catalog manager) has reviews translated now.

The enrichment model translates each review that is neither written in the language asked for nor
already translated into it; answers are checked like every model answer (:mod:`language.enrichment`:
one JSON object, one line, the language's script, a sane length) and stored as ``Translation``
nodes beside the review, whose own text is never changed. ``Product.reviews`` then shows them,
flagged ``machineTranslated``. The model's text is stored as a value, never run.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import strawberry

from api import errors, limits
from api.auth import Role
from api.schema.common import Info, Language
from api.schema.enrichment import translate_now
from borderless.errors import ModelError
from language.enrichment import MAX_DESCRIPTION_CHARS, TITLE_MAX_TOKENS, content_hash, parse_title, title_prompt
from language.llm import LanguageModel

# Each review is one model call of seconds on a CPU: shoppers ask for a page's worth at most.
MAX_REVIEWS = {Role.SHOPPER: 5, Role.CATALOG_MANAGER: 20, Role.ADMIN: 20}


@strawberry.type(description="One review translated on demand, or why not.")
class ReviewTranslation:
    review_id: strawberry.ID = strawberry.field(description="The review.")
    lang: Language = strawberry.field(description="The language translated into.")
    text: str | None = strawberry.field(description="The review's text now shown in `lang` (null: none).")
    machine_translated: bool = strawberry.field(
        description="True when `text` is an unreviewed machine translation.")
    kept: str | None = strawberry.field(description=(
        "Why nothing was asked: `own text` (written in `lang`), `translated` (stored before), "
        "`reviewed`."))
    rejected: str | None = strawberry.field(description="Why the model's answer was refused.")


def _translate_one(model: LanguageModel, row: dict[str, Any], lang: str,
                   timeout_s: float) -> tuple[ReviewTranslation, dict[str, Any] | None]:
    """Ask the model for one review's translation, unless the review needs none."""
    def result(text: str | None, machine: bool, kept: str | None = None,
               rejected: str | None = None) -> ReviewTranslation:
        return ReviewTranslation(review_id=strawberry.ID(row["id"]), lang=Language(lang), text=text,
                                 machine_translated=machine, kept=kept, rejected=rejected)

    if row["lang"] == lang:
        return result(row["text"], False, kept="own text"), None
    if row.get("translated"):
        reviewed = row.get("translation_source") == "reviewed"
        return result(row["translated"], not reviewed, kept="reviewed" if reviewed else "translated"), None
    source = " ".join(str(row["text"]).split())  # one line: the answer is checked to be one
    item = f"{row['id']}|text|{lang}"
    if len(source) > MAX_DESCRIPTION_CHARS:
        return result(None, False, rejected=f"{item}: {len(source)} characters, more than "
                                            f"{MAX_DESCRIPTION_CHARS} are not translated on demand"), None
    try:
        reply = model.complete(*title_prompt(source, row["lang"], lang, "review"), timeout_s=timeout_s,
                               max_tokens=4 * TITLE_MAX_TOKENS)
        text = parse_title(reply, source, lang, item, limit=MAX_DESCRIPTION_CHARS)
    except ModelError as e:  # EnrichmentRejected included: the answer, not the request, was bad
        return result(None, False, rejected=str(e)), None
    stored = {"review": row["id"], "id": item, "lang": lang, "text": text, "from_lang": row["lang"],
              "model": model.model_id, "hash": content_hash("review", model.model_id, lang, row["lang"], source)}
    return result(text, True), stored


@strawberry.type
class ReviewTranslationMutation:
    @strawberry.mutation(description=(
        "Translate reviews into a language now, with the enrichment model (signed-in shoppers: up "
        "to 5 at a time; catalog managers: 20). The original text is kept; `Product.reviews` then "
        "shows the translation flagged `machineTranslated`."))
    async def translate_reviews(
        self, info: Info,
        review_ids: Annotated[list[strawberry.ID], strawberry.argument(
            description="The reviews to translate.")],
        lang: Annotated[Language, strawberry.argument(description="The language to translate into.")],
    ) -> list[ReviewTranslation]:
        ctx = info.context
        ctx.principal.require(Role.SHOPPER, "translateReviews")
        most = MAX_REVIEWS[ctx.principal.role]
        if not 1 <= len(review_ids) <= most:
            raise errors.invalid("reviewIds", f"1 to {most} ids", f"{len(review_ids)} ids")
        ids = list(dict.fromkeys(limits.check_id(r, f"reviewIds[{i}]") for i, r in enumerate(review_ids)))
        rows = {r["id"]: r for r in await ctx.graph.read("queries/api_reviews_by_id", ids=ids, lang=lang.value)}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise errors.not_found("review", missing[0])
        return await translate_now(ctx, [partial(_translate_one, row=rows[i], lang=lang.value) for i in ids],
                                   "writes/enrich_review_translations")
