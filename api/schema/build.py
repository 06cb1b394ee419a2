"""Assembling the schema with its limits, metrics and error policy."""

from __future__ import annotations

from strawberry.extensions import (
    AddValidationRules, MaxAliasesLimiter, MaxTokensLimiter, ParserCache, QueryDepthLimiter,
    ValidationCache,
)

from api.limits import CostLimiter
from api.metrics import OperationMetrics
from api.ratelimit import ExpensiveFieldGate
import strawberry

from api.schema.extensions import ErrorPolicy, QuietSchema
from api.schema.experiments import ExperimentMutation, ExperimentQuery
from api.schema.mutations import Mutation as CatalogMutation
from api.schema.query import Query as CatalogQuery
from api.settings import ApiSettings


# Subclasses rather than strawberry.tools.merge_types, which drops the types' descriptions.
@strawberry.type(description="Reads: the catalog, a shopper's history and picks, search, `ask`, "
                             "and for staff the experiments and their served lists.")
class Query(CatalogQuery, ExperimentQuery):
    pass


@strawberry.type(description="Writes: catalog managers edit the catalog and review its machine "
                             "wording; shoppers record events, talk to the assistant and erase "
                             "their data; staff run experiments.")
class Mutation(CatalogMutation, ExperimentMutation):
    pass


def build_schema(api: ApiSettings) -> QuietSchema:
    """The GraphQL schema, with limits taken from ``api``."""
    # The limiters' rule classes are made once: the validation cache is keyed by them, and a
    # new class per request would never hit it.
    rules = [*QueryDepthLimiter(max_depth=api.max_depth).validation_rules,
             *MaxAliasesLimiter(max_alias_count=api.max_aliases).validation_rules]
    return QuietSchema(
        query=Query,
        mutation=Mutation,
        # Factories, not instances: an extension holds one request's execution context.
        extensions=[
            ErrorPolicy,
            OperationMetrics,
            lambda: MaxTokensLimiter(max_token_count=api.max_tokens),
            lambda: AddValidationRules(rules),
            lambda: CostLimiter(max_cost=api.max_cost, default_first=api.default_first),
            # After the cost limit: a refused query spends nothing of the expensive budget.
            ExpensiveFieldGate,
            # A shop's frontend sends the same few documents over and over.
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
    )
