"""Our GraphiQL page: the same IDE Strawberry offers, its assets served by us under ``/graphiql/static/``.

Strawberry's page pulls React and GraphiQL from unpkg.com; offline it never gets past "Loading...".
This page loads the copies ``api.graphiql_assets`` fetched and verified at set-up, so it needs
nothing outside this server. Where they were never fetched the page says so and how to fix it,
instead of staying blank.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.staticfiles import StaticFiles

from api.graphiql_assets import assets_ready

STATIC_PATH = "/graphiql/static"

_FAVICON = ("data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 100 100%22>"
            "<text y=%22.9em%22 font-size=%2280%22>%F0%9F%8C%8D</text></svg>")

WELCOME_QUERY = """# Borderless GraphQL. Run with Ctrl-Enter or the play button.
# Signed-in calls: `borderless token --shopper ID` or `borderless key` print a line
# to paste into the Headers pane below.
{
  products(first: 5) {
    edges { node { id title price { amount currency } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Borderless GraphiQL</title>
    <link rel="icon" href="{favicon}" />
    <link rel="stylesheet" href="{static}/graphiql/graphiql.min.css" />
    <style>html, body, #graphiql {{ height: 100%; margin: 0; overflow: hidden; }}</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL...</div>
    <script src="{static}/react/umd/react.production.min.js"></script>
    <script src="{static}/react-dom/umd/react-dom.production.min.js"></script>
    <script src="{static}/graphiql/graphiql.min.js"></script>
    <script>
      const url = window.location.href.split("?")[0].split("#")[0];
      const fetcher = GraphiQL.createFetcher({{ url }});
      const root = ReactDOM.createRoot(document.getElementById("graphiql"));
      root.render(React.createElement(GraphiQL, {{
        fetcher,
        defaultQuery: {welcome},
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: true,
      }}));
    </script>
  </body>
</html>
"""

_MISSING = """<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Borderless GraphiQL: assets missing</title></head>
  <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
    <h1>GraphiQL's files are not installed</h1>
    <p>This server serves GraphiQL from its own copy of React and GraphiQL, fetched from the npm
    registry at set-up, and found none in <code>{directory}</code>.</p>
    <p>Run <code>make setup</code> (or <code>python -m api.graphiql_assets</code>; it needs
    <code>npm</code>) and reload. The API itself works: POST queries to this URL.</p>
  </body>
</html>
"""


def graphiql_html(assets_dir: Path) -> str:
    """The GraphiQL page, or a page saying how to install its assets when they are missing."""
    if not assets_ready(assets_dir):
        return _MISSING.format(directory=html.escape(str(assets_dir)))
    # json-like JS string literal of the welcome query; no user text ever goes into the page.
    welcome = "`" + WELCOME_QUERY.replace("\\", "\\\\").replace("`", "\\`") + "`"
    return _PAGE.format(favicon=_FAVICON, static=STATIC_PATH, welcome=welcome)


def graphiql_static(assets_dir: Path) -> StaticFiles:
    """The ASGI app serving the fetched assets (mounted at :data:`STATIC_PATH`)."""
    # check_dir=False: a server without the assets still starts; the page explains what is missing.
    return StaticFiles(directory=assets_dir, check_dir=False)
