"""Named Cypher statements, loaded from the ``cypher/`` folder.

Every statement Borderless runs lives in a ``.cypher`` file so people can paste it into Neo4j
Browser. A statement's name is its path below ``cypher/`` without the extension, e.g.
``manager/best_rated_in_category``. Files are read once per process and always run with
``$params``; nothing here formats text into Cypher.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from borderless.errors import CypherNotFoundError
from borderless.settings import REPO_ROOT

CYPHER_DIR = REPO_ROOT / "cypher"
# Run last in every write transaction by graph.driver and graph.session: the catalog version
# that the API's cache of anonymous catalog reads keys on (api/cache.py).
CATALOG_VERSION_BUMP = "writes/catalog_version_bump"
# A write statement whose text holds this line changes nothing a cached catalog read returns
# (shop events, served lists, conversations): it does not bump the version, so a live shop's
# event stream neither empties the cache nor queues every writer on the version node.
CATALOG_UNAFFECTED = "// catalog cache: unaffected"


def changes_catalog(text: str) -> bool:
    """Whether a write statement's ``text`` must raise the catalog version (see above)."""
    return CATALOG_UNAFFECTED not in text

_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


@cache
def statement(name: str | Path) -> str:
    """The text of the single statement stored as ``cypher/<name>.cypher``.

    A :class:`~pathlib.Path` names a ``.cypher`` file anywhere instead: tests and benches keep
    their own statements beside them, out of the production folder.

    Raises:
        CypherNotFoundError: no such file.
    """
    if isinstance(name, Path):
        path = name.resolve()
        if path.suffix != ".cypher" or not path.is_file():
            raise CypherNotFoundError(f"no Cypher statement file {path}")
    else:
        path = (CYPHER_DIR / f"{name}.cypher").resolve()
        if CYPHER_DIR not in path.parents or not path.is_file():
            raise CypherNotFoundError(f"no Cypher statement named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8").strip().rstrip(";")


def statements_in(path: Path) -> list[str]:
    """Split a multi-statement file (like those in ``cypher/schema/``) on ``;`` at line ends.

    Whole-line ``//`` comments are dropped so a comment never becomes a statement.
    """
    text = _LINE_COMMENT.sub("", path.read_text(encoding="utf-8"))
    parts = re.split(r";\s*(?:\n|$)", text)
    return [p.strip() for p in parts if p.strip()]


def describe(name: str) -> str:
    """The one-line comment on top of a statement file: what the statement answers."""
    first = (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("/ ").strip()


def names(folder: str) -> list[str]:
    """All statement names under ``cypher/<folder>/``, sorted."""
    base = CYPHER_DIR / folder
    return sorted(str(p.relative_to(CYPHER_DIR).with_suffix("")) for p in base.rglob("*.cypher"))
