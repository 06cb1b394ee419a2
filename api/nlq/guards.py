"""Guards for language-model Cypher: what must hold before ``ask`` runs a statement.

Text checks come first and refuse on sight: look-alike or non-ASCII characters outside string
literals, backslash escapes, comments, backticks, several statements, any clause or procedure
that can write or reach outside the graph (``CREATE``, ``MERGE``, ``SET``, ``DELETE``,
``FOREACH``, ``LOAD CSV``, ``CALL``, ``apoc``, ...). Graph checks follow: ``EXPLAIN`` must call
the statement read-only (query type ``r``) and raise no unknown label, relationship type or
property warning, and every name the statement uses must exist in the live schema. A ``LIMIT``
is then enforced. Each refusal says why, for the catalog manager and the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FORBIDDEN_WORDS = frozenset("""
CREATE MERGE DELETE DETACH SET REMOVE FOREACH LOAD CSV CALL DROP ALTER GRANT REVOKE DENY
TERMINATE USE PERIODIC COMMIT TRANSACTIONS IMPORT START STOP ENABLE INSERT RENAME FINISH
APOC DBMS GDS SHOW UNION
""".split())
ALLOWED_STARTS = ("MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TRAILING_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)
_LABELS = re.compile(r"[(\[]\s*[A-Za-z_]\w*\s*:\s*([A-Za-z_]\w*(?:\s*[|&]\s*[A-Za-z_]\w*)*)"
                     r"|[(\[]\s*:\s*([A-Za-z_]\w*(?:\s*[|&]\s*[A-Za-z_]\w*)*)")
_PROPERTY = re.compile(r"(?<![\w.$])[A-Za-z_]\w*\.([A-Za-z_]\w*)\b(?!\s*[.(])")
_PATTERN_MAP = re.compile(r"[(\[][^()\[\]{}]*\{([^{}]*)\}")
_MAP_KEY = re.compile(r"([A-Za-z_]\w*)\s*:")


class Refused(Exception):
    """The statement must not run; the message says which guard refused it."""


@dataclass(frozen=True)
class Schema:
    """Names that exist in the live graph."""

    labels: frozenset[str]
    relationship_types: frozenset[str]
    properties: frozenset[str]


def split_literals(cypher: str) -> tuple[str, list[str]]:
    """The statement with string literals blanked to ``''``, and the literals' contents.

    Raises:
        Refused: an unterminated literal, a backslash escape, a comment or a backtick.
    """
    code: list[str] = []
    literals: list[str] = []
    i = 0
    while i < len(cypher):
        ch = cypher[i]
        if ch in "'\"":
            end = cypher.find(ch, i + 1)
            if "\\" in cypher[i + 1:end if end >= 0 else len(cypher)]:
                raise Refused("backslash escapes are not allowed")
            if end < 0:
                raise Refused("unterminated string literal")
            literals.append(cypher[i + 1:end])
            code.append("''")
            i = end + 1
            continue
        if ch == "\\":
            raise Refused("backslash escapes are not allowed")
        if cypher.startswith("//", i) or cypher.startswith("/*", i):
            raise Refused("comments are not allowed (they can hide statements)")
        if ch == "`":
            raise Refused("backtick-quoted names are not allowed")
        code.append(ch)
        i += 1
    return "".join(code), literals


def check_text(cypher: str) -> str:
    """The statement's code (literals blanked) if its text passes every text guard.

    Raises:
        Refused: the first guard it fails, named.
    """
    if not cypher or not cypher.strip():
        raise Refused("empty statement")
    if unicodedata.normalize("NFKC", cypher) != cypher:
        raise Refused("look-alike or compatibility Unicode characters")
    code, _ = split_literals(cypher.strip())
    if any(not ch.isascii() for ch in code):
        raise Refused("non-ASCII characters outside string literals (look-alike letters?)")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in code):
        raise Refused("control characters")
    if ";" in code.rstrip().rstrip(";"):
        raise Refused("more than one statement")
    words = [w.upper() for w in _WORD.findall(code)]
    bad = sorted(set(words) & FORBIDDEN_WORDS)
    if bad:
        raise Refused(f"forbidden keyword(s): {', '.join(bad)}")
    if not words or words[0] not in ALLOWED_STARTS:
        raise Refused(f"a read query starts with one of {', '.join(ALLOWED_STARTS)}")
    return code.rstrip().rstrip(";")


def names_used(code: str) -> tuple[set[str], set[str]]:
    """(labels or relationship types, property keys) the statement's code mentions."""
    types: set[str] = set()
    for match in _LABELS.finditer(code):
        group = match.group(1) or match.group(2)
        types.update(part.strip() for part in re.split(r"[|&]", group))
    properties = {m.group(1) for m in _PROPERTY.finditer(code)}
    for pattern_map in _PATTERN_MAP.finditer(code):  # (n:Label {key: value}) keys are properties
        properties.update(_MAP_KEY.findall(pattern_map.group(1)))
    return types, properties


def check_schema(code: str, schema: Schema) -> None:
    """Refuse names the live schema does not have (the model invented them)."""
    types, properties = names_used(code)
    unknown = sorted(t for t in types if t not in schema.labels | schema.relationship_types)
    if unknown:
        raise Refused(f"unknown label or relationship type(s): {', '.join(unknown)}")
    unknown = sorted(p for p in properties if p not in schema.properties)
    if unknown:
        raise Refused(f"unknown property key(s): {', '.join(unknown)}")


def with_limit(cypher: str, row_limit: int) -> str:
    """The statement ending in ``LIMIT n`` with ``n <= row_limit`` (capped or added)."""
    cypher = cypher.strip().rstrip(";").rstrip()
    found = _TRAILING_LIMIT.search(cypher)
    if found:
        n = min(int(found.group(1)), row_limit)
        return cypher[: found.start()] + f"LIMIT {n}"
    return f"{cypher}\nLIMIT {row_limit}"
