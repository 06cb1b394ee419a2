"""``borderless serve``: run the GraphQL API with uvicorn."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="serve the GraphQL API (GraphiQL at /graphql)")
    serve.add_argument("--host", help="interface to bind (default: BORDERLESS_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: BORDERLESS_PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.settings import get_api_settings
    from borderless.settings import get_settings

    api = get_api_settings()
    get_settings().neo4j_auth()  # refuse to start without real Neo4j credentials
    host, port = args.host or api.host, args.port or api.port
    print(f"Borderless API on http://{host}:{port}/graphql")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port,
                workers=args.workers, log_level="info", access_log=False)
    return 0
