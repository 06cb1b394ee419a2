"""Guards for language-model Cypher: what must hold before ``ask`` runs a statement.

Text checks come first and refuse on sight: look-alike or non-ASCII characters outside string
literals, backslash escapes, comments, backticks, several statements, any clause or procedure
that can write or reach outside the graph (``CREATE``, ``MERGE``, ``SET``, ``DELETE``,
``FOREACH``, ``LOAD CSV``, ``CALL``, ``apoc``, ...), dynamic property access, variable-length
relationships without an upper bound of at most :data:`MAX_HOPS`, and comma-separated patterns
that share no variable (a cartesian product). Schema checks follow (``guard_schema.py``: every
name known, every property on the label it is read from, personal data for admins only), then
plan checks (``guard_plan.py``: ``EXPLAIN`` says read-only, no unknown names, no unbounded
expansion, no cartesian product). A ``LIMIT`` is then enforced. Each refusal names its guard
(:attr:`Refused.guard`), for the catalog manager and the audit log.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN_WORDS = frozenset((
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "FOREACH", "LOAD", "CSV", "CALL",
    "DROP", "ALTER", "GRANT", "REVOKE", "DENY", "TERMINATE", "USE", "PERIODIC", "COMMIT",
    "TRANSACTIONS", "IMPORT", "START", "STOP", "ENABLE", "INSERT", "RENAME", "FINISH", "APOC",
    "DBMS", "GDS", "SHOW", "UNION"))
ALLOWED_STARTS = ("MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TRAILING_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)


# The longest variable-length expansion a statement may ask for: enough for a category path
# (the taxonomy is at most 7 levels, but questions rarely span more than a few), small enough
# that a fan-out over products and shoppers stays bounded.
MAX_HOPS = 4
# A relationship pattern (after "-" or "<-") and the quantifier inside it: *, *3, *1..4, *..2, *2..
_RELATIONSHIP = re.compile(r"<?-\s*\[([^\[\]]*)\]")
_STAR = re.compile(r"\*\s*(\d*)\s*(\.\.\s*(\d*))?")
# Quantified path patterns: -[:T]->+ , -[:T]->{1,} , ((a)-[:T]->(b)){2,}
_QPP_PLUS = re.compile(r"\]\s*-\s*>?\s*[+*]")
_QPP_BRACES = re.compile(r"[\])]\s*-?\s*>?\s*\{\s*(\d*)\s*(,\s*(\d*))?\s*\}")
_DYNAMIC_PROPERTY = re.compile(r"(?<![\w$])([A-Za-z_]\w*|\)|\])\s*\[\s*(?:''|\$)")
# Words a list literal may follow ("IN ['a', 'b']"): not a subscript of a value.
_BEFORE_LIST = frozenset(("IN", "WITH", "RETURN", "AND", "OR", "XOR", "NOT", "WHEN", "THEN", "ELSE",
                          "UNWIND", "WHERE", "BY", "AS"))
_LABEL_EXPRESSION = re.compile(r"[(\[]\s*[A-Za-z_]?\w*\s*:\s*[!%(]")
_CLAUSE = re.compile(r"\b(MATCH|WHERE|WITH|RETURN|UNWIND|ORDER|LIMIT|SKIP|OPTIONAL|UNION)\b",
                     re.IGNORECASE)
_PATTERN_VARIABLE = re.compile(r"[(\[]\s*([A-Za-z_]\w*)")


class Refused(Exception):
    """The statement must not run; :attr:`guard` names the guard that refused it."""

    def __init__(self, message: str, guard: str) -> None:
        super().__init__(f"{message} [guard: {guard}]")
        self.guard = guard


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
                raise Refused("backslash escapes are not allowed", "escapes")
            if end < 0:
                raise Refused("unterminated string literal", "literals")
            literals.append(cypher[i + 1:end])
            code.append("''")
            i = end + 1
            continue
        if ch == "\\":
            raise Refused("backslash escapes are not allowed", "escapes")
        if cypher.startswith("//", i) or cypher.startswith("/*", i):
            raise Refused("comments are not allowed (they can hide statements)", "comments")
        if ch == "`":
            raise Refused("backtick-quoted names are not allowed", "backticks")
        code.append(ch)
        i += 1
    return "".join(code), literals


def check_text(cypher: str) -> str:
    """The statement's code (literals blanked) if its text passes every text guard.

    Raises:
        Refused: the first guard it fails, named.
    """
    if not cypher or not cypher.strip():
        raise Refused("empty statement", "empty")
    if unicodedata.normalize("NFKC", cypher) != cypher:
        raise Refused("look-alike or compatibility Unicode characters", "unicode")
    code, _ = split_literals(cypher.strip())
    if any(not ch.isascii() for ch in code):
        raise Refused("non-ASCII characters outside string literals (look-alike letters?)",
                      "unicode")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in code):
        raise Refused("control characters", "unicode")
    if ";" in code.rstrip().rstrip(";"):
        raise Refused("more than one statement", "statements")
    words = [w.upper() for w in _WORD.findall(code)]
    bad = sorted(set(words) & FORBIDDEN_WORDS)
    if bad:
        raise Refused(f"forbidden keyword(s): {', '.join(bad)}", "keywords")
    if not words or words[0] not in ALLOWED_STARTS:
        raise Refused(f"a read query starts with one of {', '.join(ALLOWED_STARTS)}", "start")
    code = code.rstrip().rstrip(";")
    check_shape(code)
    return code


def check_shape(code: str) -> None:
    """Refuse statements whose cost has no bound: unbounded expansions, cartesian products.

    Also refuses what would hide a name from the schema checks (``n['key']``, ``n[$key]``,
    label expressions with ``!``, ``%`` or parentheses).

    Raises:
        Refused: the first guard it fails, named.
    """
    if any(m.group(1).upper() not in _BEFORE_LIST for m in _DYNAMIC_PROPERTY.finditer(code)):
        raise Refused("dynamic property access (n['key'], n[$key]) hides the property's name",
                      "dynamic-property")
    if _LABEL_EXPRESSION.search(code):
        raise Refused("label expressions with !, % or parentheses are not allowed",
                      "label-expression")
    for pattern in _RELATIONSHIP.finditer(code):
        star = _STAR.search(pattern.group(1))
        if star is None:
            continue
        upper = star.group(3) if star.group(2) else star.group(1)
        if not upper or int(upper) > MAX_HOPS:
            raise Refused(f"variable-length relationship [{pattern.group(1).strip()}] needs an "
                          f"upper bound of at most {MAX_HOPS} hops (e.g. *1..{MAX_HOPS})",
                          "var-length")
    if _QPP_PLUS.search(code):
        raise Refused(f"quantified path with + or * has no upper bound; use {{1,{MAX_HOPS}}}",
                      "var-length")
    for quantifier in _QPP_BRACES.finditer(code):
        upper = quantifier.group(3) if quantifier.group(2) else quantifier.group(1)
        if not upper or int(upper) > MAX_HOPS:
            raise Refused(f"quantified path {quantifier.group(0).strip()} needs an upper bound "
                          f"of at most {MAX_HOPS}", "var-length")
    _check_connected(code)


def _check_connected(code: str) -> None:
    """Refuse ``MATCH (a), (b)``: comma-separated patterns that share no variable."""
    pieces = _CLAUSE.split(code)
    for i, word in enumerate(pieces):
        if word.upper() != "MATCH" or i + 1 >= len(pieces):
            continue
        parts = _top_level_split(pieces[i + 1])
        if len(parts) < 2:
            continue
        seen = set(_PATTERN_VARIABLE.findall(parts[0]))
        for part in parts[1:]:
            names = set(_PATTERN_VARIABLE.findall(part))
            if not names & seen:
                raise Refused(f"patterns {parts[0].strip()} and {part.strip()} share no variable: "
                              f"a cartesian product of every pair", "cartesian")
            seen |= names


def _top_level_split(text: str) -> list[str]:
    """``text`` split at commas outside brackets, braces and parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def with_limit(cypher: str, row_limit: int) -> str:
    """The statement ending in ``LIMIT n`` with ``n <= row_limit`` (capped or added)."""
    cypher = cypher.strip().rstrip(";").rstrip()
    found = _TRAILING_LIMIT.search(cypher)
    if found:
        n = min(int(found.group(1)), row_limit)
        return cypher[: found.start()] + f"LIMIT {n}"
    return f"{cypher}\nLIMIT {row_limit}"
