"""``ask(question)`` for catalog managers: the language model writes Cypher, guards decide if it runs.

The model sees only the live schema (labels with their property keys, which labels each
relationship type links) and the question, never data, so instructions planted in product
descriptions cannot reach it. Its Cypher runs only after every guard in ``guards.py`` passed and
``EXPLAIN`` called it read-only with no unknown names; then in a read transaction with the
settings' timeout, with a ``LIMIT``, and at most that many rows are fetched. Nothing it writes
is ever run as a write: a read-access session makes the server refuse one even if a guard missed it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import Neo4jError

from api.nlq.guards import Refused, Schema, check_schema, check_text, with_limit
from borderless.errors import ModelError
from borderless.settings import Settings
from graph.session import GraphSession
from language.llm import LanguageModel, language_model

log = logging.getLogger(__name__)

ALLOWED_ROLES = frozenset({"catalog_manager", "admin"})
MAX_QUESTION_CHARS = 500
MAX_CYPHER_TOKENS = 160
SYSTEM = ("Write one read-only Cypher query for Neo4j 5 that answers the question. Use only this "
          "schema. Reply with the query only.\n")
# One worked example: small models otherwise echo the schema back instead of writing a query.
EXAMPLES = (("How many products are in each category?",
             "MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) "
             "RETURN c.name_en AS category, count(p) AS products ORDER BY products DESC"),)
# GQL statuses of EXPLAIN warnings: unknown label, relationship type, property key.
_UNKNOWN_NAME_STATUSES = frozenset({"01N50", "01N51", "01N52"})
_FENCE = re.compile(r"```(?:cypher)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


@dataclass
class AskOutcome:
    """The Cypher the model wrote (if any), its rows, or why it was refused."""

    cypher: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    refused: str | None = None


async def ask(graph: GraphSession, settings: Settings, question: str, role: str, *,
              model: LanguageModel | None = None) -> AskOutcome:
    """Answer a catalog manager's question with model-written, guarded, read-only Cypher.

    Args:
        graph: the request's graph session.
        settings: backend, database, timeout and row limit.
        question: the question, in any language.
        role: the caller's role; only ``catalog_manager`` and ``admin`` may ask.
        model: the language model to use (default: the configured backend).
    """
    if role.lower() not in ALLOWED_ROLES:
        return AskOutcome(None, refused="ask is for catalog managers and admins")
    question = (question or "").strip()
    if not question or len(question) > MAX_QUESTION_CHARS:
        return AskOutcome(None, refused=f"the question must be 1..{MAX_QUESTION_CHARS} characters")
    model = model or language_model(settings)
    if model is None:
        return AskOutcome(None, refused="ask needs a language model: set BORDERLESS_NLQ_BACKEND "
                                        "to local or openai")
    shape = (await graph.read("queries/nlq_schema_shape"))[0]
    try:
        reply = await asyncio.to_thread(
            model.complete, SYSTEM + describe_schema(shape), question,
            max_tokens=MAX_CYPHER_TOKENS, timeout_s=settings.nlq_timeout_s, examples=EXAMPLES)
    except ModelError as e:
        return AskOutcome(None, refused=f"the language model failed: {e}")
    return await run_guarded(graph, settings, extract_cypher(reply))


def describe_schema(shape: dict[str, Any]) -> str:
    """A compact schema text for the prompt: ``(:Label {a, b})`` lines and ``(:A)-[:T]->(:B)``."""
    lines = [f"(:{n['label']} {{{', '.join(sorted(n['properties']))}}})"
             for n in sorted(shape["nodes"], key=lambda n: n["label"])]
    lines += [f"(:{link['start']})-[:{link['type']}]->(:{link['end']})"
              for link in sorted(shape["links"], key=lambda link: link["type"])]
    return "\n".join(lines)


def extract_cypher(reply: str) -> str:
    """The statement in a model's reply (inside a code fence if it used one)."""
    fenced = _FENCE.search(reply)
    return (fenced.group(1) if fenced else reply).strip()


async def run_guarded(graph: GraphSession, settings: Settings, cypher: str) -> AskOutcome:
    """Run ``cypher`` only if every guard passes; otherwise say which refused it."""
    try:
        code = check_text(cypher)
        names = (await graph.read("queries/nlq_schema_names"))[0]
        check_schema(code, Schema(frozenset(names["labels"]), frozenset(names["types"]),
                                  frozenset(names["properties"])))
        limited = with_limit(cypher, settings.ask_row_limit)
        await _explain_read_only(graph, limited)
        rows = await _run_read(graph, settings, limited)
    except Refused as e:
        log.warning("ask refused a statement: %s", e)
        return AskOutcome(cypher, refused=str(e))
    return AskOutcome(limited, rows=rows)


async def _explain_read_only(graph: GraphSession, cypher: str) -> None:
    """Refuse unless ``EXPLAIN`` plans it as a read (type ``r``) naming only known things."""
    try:
        summary = await graph.explain(cypher)
    except Neo4jError as e:
        raise Refused(f"the database rejected the statement: {e.code}") from e
    if summary.query_type != "r":
        raise Refused(f"EXPLAIN says the statement is not read-only (type {summary.query_type!r})")
    unknown = sorted({status.status_description for status in summary.gql_status_objects
                      if status.gql_status in _UNKNOWN_NAME_STATUSES})
    if unknown:
        raise Refused(f"the statement names things the schema lacks: {'; '.join(unknown)}")


async def _run_read(graph: GraphSession, settings: Settings, cypher: str) -> list[dict]:
    """At most ``ask_row_limit`` rows, from one read-only run with the query timeout, never retried."""
    try:
        return await graph.read_unnamed(cypher, settings.ask_row_limit)
    except Neo4jError as e:
        raise Refused(f"the database refused or stopped the statement: {e.code}") from e
