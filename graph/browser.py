"""Neo4j Browser for catalog managers: the Borderless style and the catalog managers' guide.

A catalog manager works in Neo4j Browser. The managed server serves two files beside Browser
itself, under ``/browser/borderless/``: ``style.grass`` (``graph/browser/borderless.grass``:
captions by title or name, never a vector) and ``guide.html`` (``:play`` guide, built from
``graph/browser/guide.html`` and the queries in ``cypher/manager/``). Browser loads both on
connect through the ``browser.post_connect_cmd`` setting that ``graph.server`` writes.

Neo4j serves Browser from ``<home>/web/neo4j-browser.zip`` when that archive exists (else from the
Browser jar), so the archive written here is the fetched Browser jar's ``browser/`` tree plus the
two files. It is rebuilt only when the jar, the style, the guide or a manager query changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

from borderless.errors import ServerError
from borderless.settings import REPO_ROOT
from graph.cypher import CYPHER_DIR

BROWSER_DIR = REPO_ROOT / "graph" / "browser"
STYLE_FILE = BROWSER_DIR / "borderless.grass"
GUIDE_TEMPLATE = BROWSER_DIR / "guide.html"
MANAGER_DIR = CYPHER_DIR / "manager"
# Below /browser/ on the server; Browser fetches the style and the guide from there.
ASSET_FOLDER = "borderless"
WEB_ARCHIVE = "neo4j-browser.zip"
# Languages products carry titles in (the same list as loaders.models.LANGUAGES; graph/ imports
# nothing above it). Categories of the Google taxonomy have names in en, de, es and pt.
CAPTION_LANGUAGES = ("en", "de", "es", "fr", "pt", "zh", "ja")
# Part of the archive's digest: bump it when the way the archive is written changes.
_ARCHIVE_LAYOUT = b"folders-first"
# "// :param name => value;": Browser runs pasted lines as one statement each only when each ends in ";".
_PARAM_LINE = re.compile(r"^//\s*(:param\s+\w+\s*=>.+;)\s*$")
# A GraSS rule: a selector, then declarations in braces; captions are quoted and hold braces.
_GRASS_RULE = re.compile(r"""\s*([^{}]+?)\s*\{((?:'[^']*'|"[^"]*"|[^{}'"])*)\}""")
_DECLARATION = re.compile(r"""\s*([\w-]+)\s*:\s*('[^']*'|"[^"]*"|[^;]*?)\s*(?:;|$)""")


@dataclass(frozen=True)
class ManagerQuery:
    """One query of ``cypher/manager/``, as a catalog manager pastes it."""

    name: str
    summary: str
    params: tuple[str, ...]  # ":param name => value;" commands, one per line in the file
    cypher: str  # the statement, without its comment lines

    def browser_text(self) -> str:
        """The parameters, one ``:param`` line each, then the query: what runs as pasted."""
        return "\n".join((*self.params, self.cypher))


def manager_queries() -> list[ManagerQuery]:
    """Every query in ``cypher/manager/``, sorted by name."""
    queries = []
    for path in sorted(MANAGER_DIR.glob("*.cypher")):
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        params = tuple(m.group(1) for line in lines if (m := _PARAM_LINE.match(line)))
        cypher = "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()
        queries.append(ManagerQuery(name=f"manager/{path.stem}", summary=lines[0].lstrip("/ ").strip(),
                                    params=params, cypher=cypher.rstrip(";")))
    return queries


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    """A GraSS text as Browser's style object: ``{"node.Product": {"caption": "{title_en}"}}``."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in _GRASS_RULE.findall(text):
        rules[selector] = {key: value.strip("'\"") for key, value in _DECLARATION.findall(body) if value}
    return rules


def style_command(lang: str = "en") -> str:
    """A one-line ``:style`` command applying the Borderless style with captions in ``lang``.

    JSON rather than GraSS: Browser splits pasted text and ``post_connect_cmd`` on ``;``.
    """
    text = STYLE_FILE.read_text(encoding="utf-8")
    text = text.replace("{title_en}", f"{{title_{lang}}}").replace("{name_en}", f"{{name_{lang}}}")
    return ":style " + json.dumps(grass_rules(text), separators=(",", ":"))


def guide_html() -> str:
    """The ``:play`` guide: how captions work, and every manager query ready to click and run."""
    def block(text: str) -> str:
        return f'  <pre class="pre-scrollable code runnable">{html.escape(text)}</pre>\n'

    languages = "".join(block(style_command(lang)) for lang in CAPTION_LANGUAGES if lang != "en")
    queries = "".join(
        f"  <h5>{html.escape(q.summary)}</h5>\n" + block(q.browser_text()) for q in manager_queries()
    )
    return Template(GUIDE_TEMPLATE.read_text(encoding="utf-8")).substitute(
        languages=languages.rstrip("\n"), queries=queries.rstrip("\n"))


def post_connect_commands(http_base: str) -> str:
    """The ``browser.post_connect_cmd`` value: apply the style, open the guide (``;``-separated)."""
    base = f"{http_base}/browser/{ASSET_FOLDER}"
    return f"style {base}/style.grass; play {base}/guide.html"


def write_web_archive(lib_dir: Path, web_dir: Path) -> Path:
    """Write ``web_dir/neo4j-browser.zip``: the fetched Browser plus the style and the guide.

    The two files are also written as they are to ``web_dir/borderless/``.

    Raises:
        ServerError: no Neo4j Browser jar in ``lib_dir`` (the fetch is incomplete).
    """
    jars = sorted(lib_dir.glob("neo4j-browser-*.jar"))
    if not jars:
        raise ServerError(f"no Neo4j Browser jar in {lib_dir}: run `borderless db start` to fetch it")
    style, guide = STYLE_FILE.read_bytes(), guide_html().encode("utf-8")
    digest = hashlib.sha256(b"\0".join((_ARCHIVE_LAYOUT, jars[-1].name.encode(), style, guide))).hexdigest()
    archive, marker = web_dir / WEB_ARCHIVE, web_dir / f"{WEB_ARCHIVE}.sha256"
    if archive.exists() and marker.exists() and marker.read_text(encoding="utf-8") == digest:
        return archive
    web_dir.mkdir(parents=True, exist_ok=True)
    # Plain copies too, for people who serve them to another Neo4j (README).
    (web_dir / ASSET_FOLDER).mkdir(exist_ok=True)
    (web_dir / ASSET_FOLDER / "style.grass").write_bytes(style)
    (web_dir / ASSET_FOLDER / "guide.html").write_bytes(guide)
    partial = archive.with_suffix(".partial")
    with zipfile.ZipFile(jars[-1]) as source, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
        files = {i.filename: source.read(i) for i in source.infolist()
                 if i.filename.startswith("browser/") and not i.is_dir()}
        files[f"browser/{ASSET_FOLDER}/style.grass"] = style
        files[f"browser/{ASSET_FOLDER}/guide.html"] = guide
        # Neo4j unpacks the archive entry by entry and creates no missing parent folder: every
        # folder comes first, parents before children, and the first entry is the web root.
        folders = {name[: i + 1] for name in files for i, c in enumerate(name) if c == "/"}
        for folder in sorted(folders, key=lambda f: (f.count("/"), f)):
            out.writestr(folder, b"")
        for name, data in files.items():
            out.writestr(name, data)
    # Replace in one step: a server starting meanwhile never reads half an archive.
    partial.replace(archive)
    marker.write_text(digest, encoding="utf-8")
    return archive
