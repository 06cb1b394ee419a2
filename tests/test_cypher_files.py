"""The layout of Cypher: ``cypher/`` holds what Borderless runs and what catalog managers paste.

No database needed: these read the source tree. Statements only tests or benchmarks run live in
``tests/cypher/`` and ``bench/cypher/``; ``cypher/manager/`` holds only the queries a catalog
manager pastes into Neo4j Browser, each with its parameters as ``:param`` lines.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from borderless.settings import REPO_ROOT
from graph.browser import CAPTION_LANGUAGES, manager_queries
from graph.cypher import CYPHER_DIR, statement
from loaders.models import LANGUAGES

PRODUCTION_PACKAGES = ("api", "borderless", "gnn", "graph", "language", "loaders")
FOLDERS = {"schema", "queries", "writes", "manager"}
NAME = re.compile(r"(?:queries|writes|manager)/\w+")
INTERNAL_PREFIXES = ("api_", "gnn_", "nlq_", "catalog_", "text_", "gowalla_", "search_", "record_")


def _literal_names(sources: list[Path]) -> tuple[set[str], list[re.Pattern[str]]]:
    """Statement names written in ``sources``: exact ones, and f-strings as patterns."""
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
        # The text pieces of an f-string are constants too; they belong to its pattern.
        pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if id(node) in pieces:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.fullmatch(node.value):
                exact.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                pattern = "".join(
                    re.escape(str(part.value)) if isinstance(part, ast.Constant) else r"\w+" for part in node.values
                )
                if re.match(r"(?:queries|writes|manager)/", pattern):
                    patterns.append(re.compile(pattern))
    return exact, patterns


def _production_sources() -> list[Path]:
    return [p for package in PRODUCTION_PACKAGES for p in (REPO_ROOT / package).rglob("*.py")]


def _statement_names(folder: str) -> list[str]:
    return sorted(f"{folder}/{p.stem}" for p in (CYPHER_DIR / folder).glob("*.cypher"))


def test_cypher_holds_only_the_production_folders() -> None:
    assert {p.name for p in CYPHER_DIR.iterdir()} == FOLDERS
    assert not list(CYPHER_DIR.glob("*.cypher"))


def test_every_name_production_code_uses_exists() -> None:
    exact, patterns = _literal_names(_production_sources())
    assert exact, "production code calls statements by name"
    missing = sorted(name for name in exact if not (CYPHER_DIR / f"{name}.cypher").is_file())
    assert not missing, f"named in code but no file in cypher/: {missing}"
    every = _statement_names("queries") + _statement_names("writes") + _statement_names("manager")
    for pattern in patterns:
        assert any(pattern.fullmatch(name) for name in every), f"no statement file matches {pattern.pattern}"


def test_every_internal_statement_is_run_by_production_code() -> None:
    exact, patterns = _literal_names(_production_sources())
    unused = [
        name for name in _statement_names("queries") + _statement_names("writes")
        if name not in exact and not any(p.fullmatch(name) for p in patterns)
    ]
    assert not unused, f"in cypher/ but run by no production code (tests/cypher or bench/cypher?): {unused}"


@pytest.mark.parametrize("root", ["tests", "bench"])
def test_test_and_bench_statements_are_their_own_and_all_used(root: str) -> None:
    folder = REPO_ROOT / root / "cypher"
    sources = list((REPO_ROOT / root).glob("*.py"))
    used = {m for s in sources for m in re.findall(r'cypher_file\("(\w+)"\)', s.read_text(encoding="utf-8"))}
    present = {p.stem for p in folder.glob("*.cypher")}
    assert used <= present, f"{root}/ names statements with no file: {sorted(used - present)}"
    assert present <= used, f"{root}/cypher/ holds statements nothing runs: {sorted(present - used)}"
    for name in present:
        assert statement(folder / f"{name}.cypher")


def test_every_statement_says_what_it_answers() -> None:
    files = [*CYPHER_DIR.rglob("*.cypher"), *(REPO_ROOT / "tests" / "cypher").glob("*.cypher"),
             *(REPO_ROOT / "bench" / "cypher").glob("*.cypher")]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("// ") and len(first) > 20, f"{path}: no one-line // comment on top"


def test_the_manager_folder_holds_only_managers_queries() -> None:
    names = [q.name.split("/", 1)[1] for q in manager_queries()]
    for name in ("best_rated_in_category", "ships_to_country", "restricted_products",
                 "shopper_neighbourhood", "recommendations_for_shopper", "similar_products",
                 "count_nodes_by_label"):
        assert name in names
    assert not [n for n in names if n.startswith(INTERNAL_PREFIXES)]


@pytest.mark.parametrize("query", manager_queries(), ids=lambda q: q.name)
def test_every_manager_parameter_has_one_param_line(query) -> None:
    used = set(re.findall(r"\$(\w+)", query.cypher))
    lines = (CYPHER_DIR / f"{query.name}.cypher").read_text(encoding="utf-8").splitlines()
    hints = [line for line in lines if ":param" in line]
    assert len(hints) == len(query.params), f"{query.name}: a :param line not of the form '// :param name => value;'"
    named = [re.match(r":param (\w+) => ", p) for p in query.params]
    assert all(named), query.params
    assert sorted(m.group(1) for m in named if m) == sorted(used), f"{query.name}: :param lines vs $parameters"
    assert all(p.count(":param") == 1 for p in query.params), "one :param per line"


def test_the_style_offers_every_language_products_have() -> None:
    assert CAPTION_LANGUAGES == LANGUAGES
