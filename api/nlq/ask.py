"""``ask(question)`` for catalog managers: the language model writes Cypher, guards decide if it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j

from borderless.settings import Settings


@dataclass
class AskOutcome:
    """The Cypher the model wrote (if any), its rows, or why it was refused."""

    cypher: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    refused: str | None = None


async def ask(driver: neo4j.AsyncDriver, settings: Settings, question: str, role: str) -> AskOutcome:
    """Answer a catalog manager's question (work in progress: refuses everything yet)."""
    return AskOutcome(cypher=None, rows=[], refused="not implemented yet")
