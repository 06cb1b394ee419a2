"""The root Query: catalog reads, the shopper's own data and recommendations."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from api import errors, limits, looks, recommend, serving
from api.auth import Role
from api.schema import browse
from api.schema.browse import BrandConnection, CategoryMenuItem
from api.schema.catalog import Brand, Category, Product
from api.schema.common import (
    AfterArg, CurrencyArg, FirstArg, IdArg, Info, LangArg, checked_currency, lang_code,
)
from api.schema.enums import SimilarBy
from api.schema.listing import ProductConnection, ProductFilter, ProductSort, products_connection
from api.schema.search import SearchResult, AskResult, run_ask, run_search
from api.schema.shoppers import RecommendationList, User, recommendation_list

SessionArg = Annotated[strawberry.ID | None, strawberry.argument(description=(
    "The shop session the shopper browses in (default: the X-Session-Id header for search and "
    "similarProducts); an experiment assigning sessions uses it."))]


@strawberry.type(description="Reads: the catalog for everyone, a shopper's own data for them.")
class Query:
    @strawberry.field(description="One product, or null if there is none with this id.")
    async def product(
        self, info: Info, id: IdArg, lang: LangArg = None,
        currency: CurrencyArg = None,
    ) -> Product | None:
        currency = await checked_currency(info, currency)
        # Looking ahead: a page that shows shipping gets it in the same round trip.
        loaders = info.context.loaders
        loader = loaders.product_page if _selects(info, "shipsTo") else loaders.product
        record = await loader.load(limits.check_id(id, "id"))
        return Product.of(record, lang_code(lang), currency) if record else None

    @strawberry.field(description="Products matching `filter`, in `sort` order, paged by cursor.")
    async def products(
        self, info: Info,
        filter: Annotated[ProductFilter | None, strawberry.argument(
            description="Which products: every given filter must hold.")] = None,
        sort: Annotated[ProductSort | None, strawberry.argument(
            description="The order (default: by id).")] = None,
        first: FirstArg = None, after: AfterArg = None, lang: LangArg = None,
        currency: CurrencyArg = None,
    ) -> ProductConnection:
        return await products_connection(info, filter, sort, first, after, lang_code(lang),
                                         await checked_currency(info, currency))

    @strawberry.field(description="One brand, or null if there is none with this id.")
    async def brand(self, info: Info, id: IdArg) -> Brand | None:
        record = await info.context.loaders.brand.load(limits.check_id(id, "id"))
        return Brand.of(record) if record else None

    @strawberry.field(description="The catalog's brands in id order, each with its product count.")
    async def brands(
        self, info: Info, first: FirstArg = None, after: AfterArg = None,
    ) -> BrandConnection:
        return await browse.brands(info, first, after)

    @strawberry.field(description=(
        "The category menu: the categories holding products, as a tree (top categories, or "
        "`rootId` alone, with `depth` levels below), each with its product count, named in `lang`."))
    async def category_menu(
        self, info: Info, lang: LangArg = None, root_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="Show this category alone at the top (default: every top category).")] = None,
        depth: Annotated[int, strawberry.argument(
            description="How many levels below the top ones (0 to 10).")] = 3,
    ) -> list[CategoryMenuItem]:
        return await browse.menu(info, lang_code(lang), root_id, depth)

    @strawberry.field(description="One category, or null if there is none with this id.")
    async def category(
        self, info: Info, id: IdArg, lang: LangArg = None,
        currency: CurrencyArg = None,
    ) -> Category | None:
        currency = await checked_currency(info, currency)
        record = await info.context.loaders.category.load(limits.check_id(id, "id"))
        return Category.of(record, lang_code(lang), currency) if record else None

    @strawberry.field(description="A shopper: only themselves, or staff.")
    async def user(self, info: Info, id: IdArg) -> User | None:
        info.context.principal.require_shopper(limits.check_id(id, "id"), "user")
        record = await info.context.loaders.shopper.load(id)
        return User.of(record) if record else None

    @strawberry.field(description="Picks for a shopper (only themselves, or staff): by the "
                                  "active model, or by the strategy of the experiment in force.")
    async def recommendations(
        self, info: Info,
        user_id: Annotated[strawberry.ID, strawberry.argument(description="The shopper.")],
        first: Annotated[int, strawberry.argument(description="How many products.")] = 10,
        ship_to: Annotated[str | None, strawberry.argument(description=(
            "ISO code of a country the products must ship to (default: the shopper's)."))] = None,
        currency: CurrencyArg = None, lang: LangArg = None,
        session_id: SessionArg = None,
    ) -> RecommendationList:
        ctx = info.context
        ctx.principal.require_shopper(limits.check_id(user_id, "userId"), "recommendations")
        limits.check_first(first, ctx.api)
        ship_to = limits.check_country(ship_to)
        session = limits.check_id(session_id, "sessionId") if session_id is not None else None
        currency = await checked_currency(info, currency)
        shopper, model, serving = await recommend.shopper_and_model(ctx, user_id, session)
        if shopper is None:
            raise errors.not_found("shopper", user_id)
        currency = currency or shopper.currency
        # The model's query already keeps to what ships to the shopper's own country.
        other_country = ship_to if ship_to and ship_to != shopper.country else None
        ranked_by, scored = await recommend.by_strategy(ctx, serving.strategy, user_id, first,
                                                        other_country)
        # The ranking names the version its vectors came from (a swap may follow the first read).
        return await recommendation_list(
            info, ranked_by or (model if serving.strategy == "model" else None), scored,
            lang_code(lang) or shopper.language, currency, surface="recommendations",
            serving=serving, unit=session or user_id)

    @strawberry.field(description="Products close to this one: by look (pictures), by the "
                                  "active model (graph), or both; rankedBy says which ranked.")
    async def similar_products(
        self, info: Info,
        product_id: Annotated[strawberry.ID, strawberry.argument(
            description="The product to find others like.")],
        first: Annotated[int, strawberry.argument(description="How many products.")] = 10,
        currency: CurrencyArg = None, lang: LangArg = None,
        by: Annotated[SimilarBy | None, strawberry.argument(description=(
            "What ranks them: LOOK (pictures), GRAPH (the trained model) or BOTH. Left out: "
            "the shop decides (an experiment's variant, a promoted winner, else GRAPH; LOOK when "
            "`colour` is given)."))] = None,
        colour: Annotated[str | None, strawberry.argument(description=(
            "\"The same one in red\": only products of this colour (the catalog's colour word, or "
            "their picture's dominant colour: red, orange, yellow, lime, green, teal, cyan, azure, "
            "blue, violet, purple, pink, grey), nearest by look; needs `by: LOOK` (or `by` left out)."))] = None,
        session_id: SessionArg = None,
    ) -> RecommendationList:
        ctx = info.context
        limits.check_first(first, ctx.api)
        if await ctx.loaders.product.load(limits.check_id(product_id, "productId")) is None:
            raise errors.not_found("product", product_id)
        session = limits.check_id(session_id, "sessionId") if session_id is not None else None
        if by is None and colour is not None:
            by = SimilarBy.LOOK  # "the same one in red" is a question about looks
        if by is None:
            chosen, unit = await serving.serving_on(ctx, "similarProducts", session)
            by = SimilarBy(chosen.strategy)
        else:
            # A frontend that names the signal opts out of the experiment: its answer is no arm's.
            chosen, unit = serving.Serving(by.value), ctx.principal.subject
        used, model, scored = await looks.similar(ctx, product_id, first, by, colour)
        return await recommendation_list(
            info, model, scored, lang_code(lang), await checked_currency(info, currency),
            surface="similarProducts", serving=chosen, unit=unit, ranked_by=used)

    @strawberry.field(description=(
        "Free-text product search in the shopper's language, paged like every list: `first` "
        "matches after the cursor `after`."))
    async def search(
        self, info: Info,
        query: Annotated[str, strawberry.argument(
            description="The shopper's words, in any served language (1 to 500 characters).")],
        lang: LangArg = None,
        ship_to: Annotated[str | None, strawberry.argument(description=(
            "ISO code of a country the products must ship to (a country in the query wins)."))] = None,
        currency: CurrencyArg = None,
        first: Annotated[int, strawberry.argument(description="How many matches a page holds.")] = 20,
        after: AfterArg = None,
        session_id: SessionArg = None,
    ) -> SearchResult:
        return await run_search(info, query, lang_code(lang), ship_to, currency, first, after,
                                session_id)

    @strawberry.field(description="Catalog managers: a question in words, answered from the graph.")
    async def ask(
        self, info: Info,
        question: Annotated[str, strawberry.argument(description="A question in plain words.")],
    ) -> AskResult:
        info.context.principal.require(Role.CATALOG_MANAGER, "ask")
        return await run_ask(info, question)


def _selects(info: Info, name: str) -> bool:
    """Whether the query asks for field ``name`` right below this one (fragments included).

    Walks graphql-core's AST: Strawberry's ``selected_fields`` converts the whole subtree on
    each call, which cost more than the round trip this look-ahead saves.
    """
    raw = info._raw_info  # noqa: SLF001 - the resolve info Strawberry wraps

    def found(selection_set: SelectionSetNode | None) -> bool:
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                if sel.name.value == name:
                    return True
            elif isinstance(sel, InlineFragmentNode):
                if found(sel.selection_set):
                    return True
            elif isinstance(sel, FragmentSpreadNode):
                fragment = raw.fragments.get(sel.name.value)
                if fragment is not None and found(fragment.selection_set):
                    return True
        return False

    return any(found(node.selection_set) for node in raw.field_nodes)
