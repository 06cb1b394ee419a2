"""The GraphQL API: FastAPI + Strawberry over the commerce graph (``borderless serve``)."""
