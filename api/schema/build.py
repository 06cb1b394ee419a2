"""Assembling the schema with its limits, metrics and error policy."""

from __future__ import annotations

from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.limits import CostLimiter
from api.metrics import OperationMetrics
from api.schema.extensions import ErrorPolicy, QuietSchema
from api.schema.mutations import Mutation
from api.schema.query import Query
from api.settings import ApiSettings


def build_schema(api: ApiSettings) -> QuietSchema:
    """The GraphQL schema, with limits taken from ``api``."""
    return QuietSchema(
        query=Query,
        mutation=Mutation,
        # Factories, not instances: an extension holds one request's execution context.
        extensions=[
            ErrorPolicy,
            OperationMetrics,
            lambda: MaxTokensLimiter(max_token_count=api.max_tokens),
            lambda: MaxAliasesLimiter(max_alias_count=api.max_aliases),
            lambda: QueryDepthLimiter(max_depth=api.max_depth),
            lambda: CostLimiter(max_cost=api.max_cost, default_first=api.default_first),
        ],
    )
