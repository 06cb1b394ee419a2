"""The error tree of Borderless.

Every error the project raises on purpose derives from :class:`BorderlessError`, one subclass per
layer, so callers can catch exactly as wide as they mean::

    BorderlessError
    ├── ConfigError             settings missing, malformed or placeholder secrets
    ├── CommandModuleError      a module that adds ``borderless`` commands failed to import
    ├── ServerError             the project-managed Neo4j server cannot be fetched or started
    │   └── PortInUseError      a port Neo4j needs is taken by another process
    ├── GraphError              a Neo4j query failed or the database is unreachable
    │   ├── CypherNotFoundError a named statement has no file in ``cypher/``
    │   └── ConstraintConflict  a write broke a uniqueness constraint (nothing of it committed)
    ├── LoadError               input data could not be read at all (bad rows are quarantined)
    ├── ModelError              training, evaluation or write-back of embeddings failed
    │   └── NothingToTrainOn    the shop has no products, shoppers or interactions to learn from
    └── ApiError                raised by the API layer; carries a stable ``code`` for clients

Driver and model errors are re-raised as one of these with ``raise ... from e`` so the original
cause stays in the traceback.
"""

from __future__ import annotations


class BorderlessError(Exception):
    """Root of every error Borderless raises on purpose."""


class ConfigError(BorderlessError):
    """A setting is missing, malformed or a placeholder."""


class CommandModuleError(BorderlessError):
    """A module that adds ``borderless`` commands could not be imported (names the module)."""


class ServerError(BorderlessError):
    """The project-managed Neo4j server could not be fetched, configured or started."""


class PortInUseError(ServerError):
    """A port Neo4j must listen on is already taken by another process."""


class GraphError(BorderlessError):
    """A Neo4j query failed or the database could not be reached."""


class CypherNotFoundError(GraphError):
    """A statement was asked for by a name that has no file under ``cypher/``."""


class ConstraintConflict(GraphError):
    """A write broke a uniqueness constraint; its transaction was rolled back whole."""


class LoadError(BorderlessError):
    """An input could not be read at all (bad rows are quarantined, not raised)."""


class ModelError(BorderlessError):
    """Training, evaluation or write-back of embeddings failed."""


class NothingToTrainOn(ModelError):
    """The shop lacks what a model learns from (products, shoppers or their interactions)."""


class ApiError(BorderlessError):
    """An expected API failure with a stable machine-readable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
