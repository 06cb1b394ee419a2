"""The GraphQL schema: catalog reads, shopper data, recommendations, search and mutations."""

from api.schema.build import build_schema

__all__ = ["build_schema"]
