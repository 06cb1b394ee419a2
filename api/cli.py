"""The API's commands: ``serve`` runs it with uvicorn; ``token`` and ``key`` print credentials.

``token`` and ``key`` print the line a developer pastes into GraphiQL's Headers pane (on
stdout, so ``--raw`` output can go straight into a shell variable); what they print is what a
server with the same environment accepts: the configured secret, or in its absence the
development one that ``serve --dev`` (``make run``) uses.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import secrets
import socket
import subprocess
import sys
from typing import TYPE_CHECKING

from borderless.errors import ConfigError, PortInUseError

if TYPE_CHECKING:
    from borderless.settings import Settings

# How long a development shopper token lasts: a working day of trying queries.
DEFAULT_TOKEN_TTL_S = 12 * 3600


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="serve the GraphQL API (GraphiQL at /graphql)")
    serve.add_argument("--host", help="interface to bind (default: BORDERLESS_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: BORDERLESS_PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument("--dev", action="store_true",
                       help="development mode: generated JWT secret and API keys for whatever "
                            "the environment leaves unset, localhost origins allowed "
                            "(BORDERLESS_DEV)")
    serve.add_argument("--access-log", action="store_true",
                       help="log every request: method, path, status, duration, request id "
                            "(BORDERLESS_ACCESS_LOG; BORDERLESS_LOG_FORMAT=json for JSON lines)")
    serve.add_argument("--text-index", action="store_true",
                       help="build the text index in the background while serving (make run): "
                            "resumable, logged to <state dir>/logs/text-index.log, progress in "
                            "/readyz")
    serve.set_defaults(handler=_serve)

    token = subparsers.add_parser(
        "token", help="print a shopper's JWT as a header line for GraphiQL")
    token.add_argument("--shopper", required=True, metavar="ID", help="the shopper's id")
    token.add_argument("--ttl", type=int, default=DEFAULT_TOKEN_TTL_S, metavar="SECONDS",
                       help=f"lifetime (default {DEFAULT_TOKEN_TTL_S})")
    token.add_argument("--raw", action="store_true", help="print the token only")
    token.set_defaults(handler=_token)

    key = subparsers.add_parser("key", help="print a staff API key as a header line for GraphiQL")
    key.add_argument("--role", choices=("catalog_manager", "admin"), default="catalog_manager")
    key.add_argument("--new", action="store_true",
                     help="generate a fresh key to add to BORDERLESS_API_KEYS instead")
    key.add_argument("--raw", action="store_true", help="print the key only")
    key.set_defaults(handler=_key)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.logs import logging_config
    from api.settings import get_api_settings
    from borderless.settings import get_settings
    from graph.driver import check_uri

    # Through the environment, so every uvicorn worker process builds the same app.
    if args.dev:
        os.environ["BORDERLESS_DEV"] = "true"
    if args.access_log:
        os.environ["BORDERLESS_ACCESS_LOG"] = "true"
    get_api_settings.cache_clear()
    api = get_api_settings()
    settings = get_settings()
    settings.neo4j_auth()  # refuse to start without real Neo4j credentials
    check_uri(settings.bolt_uri())  # a URI without a scheme: one line now, not a traceback later
    host, port = args.host or api.host, args.port or api.port
    check_port_free(host, port)
    if api.dev:
        _announce_dev_secrets(settings)
    job = _start_text_index(settings) if args.text_index else None
    print(f"Borderless API on http://{host}:{port}/graphql")
    try:
        uvicorn.run("api.app:create_app", factory=True, host=host, port=port,
                    workers=args.workers, log_config=logging_config(api.log_format, args.verbose),
                    access_log=False)
    finally:
        if job is not None:
            from api.text_index_job import stop_job

            stop_job(job)  # embedded products stay; the next start goes on from there
    return 0


def _start_text_index(settings: Settings) -> subprocess.Popen | None:
    from api.text_index_job import log_file, start_job

    job = start_job(settings)
    if job is None:
        print("Text index: a build is already running; /readyz says how far it is.")
    else:
        print(f"Text index: building in the background (log {log_file(settings)}); /readyz "
              "says how far it is, and search answers meanwhile, saying what is missing.")
    return job


def check_port_free(host: str, port: int) -> None:
    """Raise unless ``host:port`` can be bound, before anything claims the server is up there.

    Raises:
        PortInUseError: another process listens there.
        ConfigError: the address cannot be bound at all (not an interface of this machine).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # Like uvicorn, so a port left in TIME_WAIT by a stopped server is not taken for busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise PortInUseError(
                    f"port {port} on {host} is already in use by another process; stop it or "
                    f"choose another with --port or BORDERLESS_PORT") from e
            raise ConfigError(f"cannot listen on {host}:{port} ({e.strerror}); check --host "
                              f"or BORDERLESS_HOST") from e


def _announce_dev_secrets(settings: Settings) -> None:
    from api.devsecrets import load_dev_secrets

    dev = load_dev_secrets(settings)
    print(f"Development mode: secrets the environment leaves unset come from {dev.path} "
          f"(mode 600). Headers for GraphiQL: `borderless token --shopper ID`, `borderless key`.")


def _token(args: argparse.Namespace) -> int:
    from api.auth import issue_token
    from api.devsecrets import load_dev_secrets, with_dev_secrets
    from api.settings import get_api_settings
    from borderless.settings import get_settings

    shopper_id = args.shopper.strip()
    if not shopper_id:
        raise ConfigError("--shopper needs a shopper id, e.g. --shopper demo-shopper-0")
    api = get_api_settings()
    source = "BORDERLESS_JWT_SECRET"
    if api.jwt_secret is None:  # as a `serve --dev` server would: the development secret
        dev = load_dev_secrets(get_settings())
        api, source = with_dev_secrets(api, dev), f"the development secret in {dev.path}"
    token = issue_token(api, shopper_id, "shopper", ttl_s=args.ttl)
    if args.raw:
        print(token)
        return 0
    print(f"# shopper {shopper_id}, valid {args.ttl} s, signed with {source}; paste into "
          f"GraphiQL's Headers pane:", file=sys.stderr)
    print(json.dumps({"Authorization": f"Bearer {token}"}))
    return 0


def _key(args: argparse.Namespace) -> int:
    from api.devsecrets import load_dev_secrets
    from api.settings import get_api_settings
    from borderless.settings import get_settings

    if args.new:
        key = f"{args.role}-{secrets.token_urlsafe(32)}"
        print(f"# a new {args.role} key: add it to BORDERLESS_API_KEYS, e.g. "
              f"BORDERLESS_API_KEYS='{json.dumps({key: args.role})}'", file=sys.stderr)
    else:
        keys, source = get_api_settings().api_keys, "BORDERLESS_API_KEYS"
        if not keys:  # as a `serve --dev` server would: the development keys
            dev = load_dev_secrets(get_settings())
            keys, source = dev.api_keys, f"the development keys in {dev.path}"
        matching = [k for k, role in keys.items() if role == args.role]
        if not matching:
            raise ConfigError(f"BORDERLESS_API_KEYS holds no {args.role} key; `borderless key "
                              f"--role {args.role} --new` makes one to add")
        key = matching[0]
        print(f"# {args.role} key from {source}; paste into GraphiQL's Headers pane:",
              file=sys.stderr)
    print(key if args.raw else json.dumps({"X-API-Key": key}))
    return 0
