"""``borderless db ...`` and ``borderless stats``: the server, the schema and what is in the graph."""

from __future__ import annotations

import argparse
import json

from borderless.settings import get_settings
from graph.driver import open_driver, read
from graph.schema import apply_schema
from graph.server import Neo4jServer


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="run and prepare Neo4j")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    start = db_sub.add_parser("start", help="fetch (first time) and start Neo4j on loopback; wait for Bolt")
    start.set_defaults(handler=_start)
    db_sub.add_parser("stop", help="stop the project's Neo4j").set_defaults(handler=_stop)
    status = db_sub.add_parser("status", help="is Neo4j running, and where")
    status.add_argument("--json", action="store_true", help="print machine-readable JSON")
    status.set_defaults(handler=_status)
    logs = db_sub.add_parser("logs", help="print the end of Neo4j's log")
    logs.add_argument("-n", "--lines", type=int, default=60)
    logs.set_defaults(handler=_logs)
    db_sub.add_parser("schema", help="apply cypher/schema/ (idempotent)").set_defaults(handler=_schema)

    stats = subparsers.add_parser("stats", help="node and relationship counts")
    stats.add_argument("--json", action="store_true", help="print machine-readable JSON")
    stats.set_defaults(handler=_stats)

    dups = subparsers.add_parser(
        "duplicates", help="duplicate listings: the same product picture under several product ids")
    dups.add_argument("--prefix", default="", help="only products whose id starts with this")
    dups.add_argument("--json", action="store_true", help="print machine-readable JSON lines")
    dups.set_defaults(handler=_duplicates)


def _external_note() -> bool:
    settings = get_settings()
    if settings.external_neo4j:
        print(f"NEO4J_URI is set: using {settings.neo4j_uri}; the project's own server is not used")
        return True
    return False


def _start(args: argparse.Namespace) -> int:
    if _external_note():
        return 0
    server = Neo4jServer(get_settings())
    started = server.start()
    state = "started" if started else "already running"
    print(f"Neo4j {state}: {server.settings.bolt_uri()}  Browser: {server.browser_url}")
    print(f"user: {server.settings.neo4j_user}  password file: {server.settings.password_file}")
    return 0


def _stop(args: argparse.Namespace) -> int:
    if _external_note():
        return 0
    stopped = Neo4jServer(get_settings()).stop()
    print("Neo4j stopped" if stopped else "Neo4j was not running")
    return 0


def _status(args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.external_neo4j:
        info: dict[str, object] = {"managed": False, "bolt_uri": settings.neo4j_uri}
        running = True
    else:
        st = Neo4jServer(settings).status()
        info = {"managed": True, "running": st.running, "pid": st.pid, "bolt_uri": st.bolt_uri,
                "browser_url": st.browser_url, "home": str(st.home)}
        running = st.running
    if args.json:
        print(json.dumps(info))
    else:
        for key, value in info.items():
            print(f"{key:12} {value}")
    return 0 if running else 3


def _logs(args: argparse.Namespace) -> int:
    if _external_note():
        return 0
    print(Neo4jServer(get_settings()).log_tail(args.lines))
    return 0


def _schema(args: argparse.Namespace) -> int:
    settings = get_settings()
    with open_driver(settings) as driver:
        report = apply_schema(driver, settings)
    change = "changed the schema" if report.changed else "nothing to change"
    print(f"schema: {report.statements} statements in {len(report.files)} files; {change} "
          f"({report.constraints_added} constraints, {report.indexes_added} indexes added)")
    return 0


def _stats(args: argparse.Namespace) -> int:
    settings = get_settings()
    with open_driver(settings) as driver:
        nodes = read(driver, "manager/count_nodes_by_label", settings.neo4j_database)
        rels = read(driver, "manager/count_relationships_by_type", settings.neo4j_database)
    result = {
        "nodes": {r["label"]: r["count"] for r in nodes},
        "relationships": {r["type"]: r["count"] for r in rels},
    }
    if args.json:
        print(json.dumps(result, sort_keys=True))
        return 0
    for section, counts in result.items():
        print(f"{section}: {sum(counts.values()):,}")
        for name, count in sorted(counts.items()):
            print(f"  {name:24} {count:>12,}")
    return 0


def _duplicates(args: argparse.Namespace) -> int:
    """List duplicate listings; exit status 1 when there are any, so a nightly check notices."""
    settings = get_settings()
    with open_driver(settings) as driver:
        rows = read(driver, "manager/duplicate_listings", settings.neo4j_database, prefix=args.prefix)
    for row in rows:
        if args.json:
            print(json.dumps(row, sort_keys=True))
        else:
            print(f"{', '.join(row['product_ids'])}: one picture (sha256 {row['content_hash'][:12]}...)")
    if not args.json:
        print(f"{len(rows)} picture(s) listed under more than one product")
    return 1 if rows else 0
