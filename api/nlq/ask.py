"""``ask(question)`` for catalog managers: the language model writes Cypher, guards decide if it runs.

The model sees only the live schema as the caller's role may see it (labels with their property
keys, which labels each relationship type links; shoppers' personal data only for admins) and
the question, never data, so instructions planted in product descriptions cannot reach it. Its
Cypher runs only after every guard passed: the text guards (``guards.py``), the schema guards
for the caller's role (``guard_schema.py``) and the plan guards on ``EXPLAIN`` (``guard_plan.py``);
then once, in an auto-commit read transaction with the settings' timeout and a ``LIMIT``, never
retried (a statement that exhausted the server's memory must not run again). Nothing it writes
is ever run as a write: a read-access session makes the server refuse one even if a guard missed it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import Neo4jError

from api.nlq.guard_plan import check_summary
from api.nlq.guard_schema import Schema, check_schema
from api.nlq.guards import Refused, check_text, with_limit
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
             ("MATCH (p:Product)-[:IN_CATEGORY]->(c:Category) "
              "RETURN c.name_en AS category, count(p) AS products ORDER BY products DESC")),)
_FENCE = re.compile(r"```(?:cypher)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


@dataclass
class AskOutcome:
    """The Cypher the model wrote (if any), its rows, or why it was refused."""

    cypher: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    refused: str | None = None
    guard: str | None = None


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
        return AskOutcome(None, refused="ask is for catalog managers and admins", guard="role")
    question = (question or "").strip()
    if not question or len(question) > MAX_QUESTION_CHARS:
        return AskOutcome(None, refused=f"the question must be 1..{MAX_QUESTION_CHARS} characters",
                          guard="question")
    model = model or language_model(settings)
    if model is None:
        return AskOutcome(None, refused="ask needs a language model: set BORDERLESS_NLQ_BACKEND "
                                        "to local or openai", guard="model")
    names = (await graph.read("queries/nlq_schema_names"))[0]
    schema = Schema.from_rows(names).for_role(role, names["links"])
    try:
        reply = await asyncio.to_thread(
            model.complete, SYSTEM + describe_schema(schema, names["links"]), question,
            max_tokens=MAX_CYPHER_TOKENS, timeout_s=settings.nlq_timeout_s, examples=EXAMPLES)
    except ModelError as e:
        return AskOutcome(None, refused=f"the language model failed: {e}", guard="model")
    return await run_guarded(graph, settings, extract_cypher(reply), role,
                             known=(schema, names["links"]))


def describe_schema(schema: Schema, links: list[dict[str, str]]) -> str:
    """A compact schema text for the prompt: ``(:Label {a, b})`` lines and ``(:A)-[:T]->(:B)``.

    Only what ``schema`` shows (the caller's role) is described.
    """
    lines = [f"(:{label} {{{', '.join(sorted(keys))}}})"
             for label, keys in sorted(schema.label_properties.items())]
    lines += [f"(:{link['start']})-[:{link['type']}]->(:{link['end']})"
              for link in sorted(links, key=lambda link: link["type"])
              if link["type"] in schema.relationship_types
              and not {link["start"], link["end"]} & schema.hidden]
    return "\n".join(lines)


def extract_cypher(reply: str) -> str:
    """The statement in a model's reply (inside a code fence if it used one)."""
    fenced = _FENCE.search(reply)
    return (fenced.group(1) if fenced else reply).strip()


async def run_guarded(graph: GraphSession, settings: Settings, cypher: str,
                      role: str = "catalog_manager", *,
                      known: tuple[Schema, list[dict[str, str]]] | None = None) -> AskOutcome:
    """Run ``cypher`` for a caller of ``role`` only if every guard passes; else say which refused.

    Args:
        known: the schema already read for this caller (with its links), to save a round trip.
    """
    try:
        code = check_text(cypher)
        if known is None:
            names = (await graph.read("queries/nlq_schema_names"))[0]
            schema = Schema.from_rows(names).for_role(role, names["links"])
        else:
            schema = known[0]
        check_schema(code, schema)
        limited = with_limit(cypher, settings.ask_row_limit)
        await _explain(graph, limited, schema)
        rows = await _run_read(graph, settings, limited)
    except Refused as e:
        log.warning("ask refused a statement: %s", e)
        return AskOutcome(cypher, refused=str(e), guard=e.guard)
    return AskOutcome(limited, rows=rows)


async def _explain(graph: GraphSession, cypher: str, schema: Schema) -> None:
    """Refuse unless ``EXPLAIN``'s plan passes every plan guard (``guard_plan.py``)."""
    try:
        summary = await graph.explain(cypher)
    except Neo4jError as e:
        raise Refused(f"the database rejected the statement: {e.code}", "plan-syntax") from e
    check_summary(summary, schema)


async def _run_read(graph: GraphSession, settings: Settings, cypher: str) -> list[dict]:
    """At most ``ask_row_limit`` rows, from one read-only run with the query timeout, never retried."""
    try:
        return await graph.read_unnamed(cypher, settings.ask_row_limit)
    except Neo4jError as e:
        raise Refused(f"the database refused or stopped the statement: {e.code}", "database") from e
