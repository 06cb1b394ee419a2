"""Benchmark the GraphQL API on loopback against its floor and against @neo4j/graphql.

With the demo shop loaded (``borderless load demo``) and, for recommendations, a trained model,
this drives for a fixed time with concurrent clients:

* ``api``   -- ``borderless serve`` (``--api-workers`` uvicorn workers, default 1) with its
  catalog cache off: a product page query, a shopper's recommendations query signed in with a
  shopper JWT, and ``GET /healthz`` (the HTTP ceiling);
* ``api-cached`` -- the same server with its catalog cache on (``api/cache.py``), the product
  page only (the warm-up reads each sampled product once, so measured requests are hits);
* ``floor`` -- the same data straight from the Python async driver with hand-written Cypher
  (``bench/cypher/api_bench_product_page.cypher``; recommendations + product details), read the way
  the API reads: auto-commit read transactions;
* ``floor-managed`` -- the same floor through ``driver.execute_query`` (a managed transaction:
  BEGIN, RUN, COMMIT), as the first recorded runs measured it;
* ``neo4j-graphql`` -- the same product page served by ``@neo4j/graphql`` on Node
  (``bench/graphql-js``; run ``npm install`` there first).

It prints requests/s, p50/p95/p99 latency and CPU per request (of the serving processes and of
Neo4j, read from /proc) per scenario, and the ratios api/floor and api/neo4j-graphql. On a shared
machine req/s swing with the neighbours' load; CPU per request hardly does. Usage::

    python bench/api.py --seconds 10 --concurrency 8 [--api-workers 2] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

# Run as `python bench/api.py`, this file's folder comes first on sys.path and its own name
# would shadow the `api` package it measures; `python -m bench.api` needs no such help.
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import httpx
from neo4j import READ_ACCESS, AsyncGraphDatabase

from api.auth import issue_token
from api.settings import ApiSettings
from borderless.settings import REPO_ROOT, Settings, get_settings
from graph.cypher import statement
from graph.driver import open_driver, read
from graph.server import Neo4jServer
from bench_cypher import cypher_file

NODE_DIR = REPO_ROOT / "bench" / "graphql-js"

API_PRODUCT = """query ProductPage($id: ID!) { product(id: $id, lang: DE, currency: "USD") {
  id title description price { amount currency rateDate } avgRating reviewCount
  brand { name } categoryPath { id name } shipsTo { country { code } days cost { amount } } } }"""
API_RECS = """query Recommendations($user: ID!) { recommendations(userId: $user, first: 10) {
  modelVersion { id } items { score explanation product { id title price { amount currency } } } } }"""
NODE_PRODUCT = """query ProductPage($id: ID!) { products(where: {id: {eq: $id}}) {
  id title(lang: "de") description(lang: "de") priceIn(currency: "USD") avg_rating review_count
  brand { name } category { breadcrumbs { id name_de name_en } }
  shipsToConnection { edges { properties { days cost } node { code } } } } }"""


@dataclass
class Result:
    scenario: str
    query: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    # CPU per request of the process(es) serving it (the API server and its workers, the floor's
    # own process, Node) and of Neo4j: unlike req/s, hardly moved by what else the machine runs.
    server_cpu_ms: float | None = None
    neo4j_cpu_ms: float | None = None


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))
    return sorted_values[index] * 1000


async def drive(
    scenario: str, query: str, call: Callable[[int], Awaitable[bool]], seconds: float,
    concurrency: int, warmup: float, cpu: CpuMeters | None = None,
) -> Result:
    """Run ``call`` from ``concurrency`` workers for ``seconds`` (after a warm-up) and time it."""
    latencies: list[float] = []
    errors = 0

    async def worker(first_index: int, until: float, record: bool) -> None:
        nonlocal errors
        i = first_index
        while time.monotonic() < until:
            start = time.perf_counter()
            ok = await call(i)
            if record:
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1
            i += concurrency

    for record, span in ((False, warmup), (True, seconds)):
        until = time.monotonic() + span
        began = time.perf_counter()
        cpu_before = cpu.read() if cpu else None
        await asyncio.gather(*(worker(w, until, record) for w in range(concurrency)))
    elapsed = time.perf_counter() - began
    server_ms = neo4j_ms = None
    if cpu and cpu_before and latencies:
        server_ms, neo4j_ms = (round(1000 * (after - before) / len(latencies), 2)
                               for after, before in zip(cpu.read(), cpu_before, strict=True))
    latencies.sort()
    return Result(scenario, query, len(latencies), errors, round(elapsed, 2),
                  round(len(latencies) / elapsed, 1), round(_percentile(latencies, 0.5), 2),
                  round(_percentile(latencies, 0.95), 2), round(_percentile(latencies, 0.99), 2),
                  server_ms, neo4j_ms)


@dataclass
class CpuMeters:
    """CPU seconds used so far by a serving process tree (None: this process) and by Neo4j."""

    server_pid: int | None
    neo4j_pid: int | None

    def read(self) -> tuple[float, float]:
        server = (time.process_time() if self.server_pid is None
                  else _tree_cpu_s(self.server_pid))
        return server, _tree_cpu_s(self.neo4j_pid) if self.neo4j_pid else float("nan")


def _tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its live descendants (Linux /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # it ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        todo += [int(c) for c in children]
    return total


def _graphql_call(
    client: httpx.AsyncClient, url: str, query: str, variables: Callable[[int], dict],
    headers: Callable[[int], dict] | None = None,
) -> Callable[[int], Awaitable[bool]]:
    async def call(i: int) -> bool:
        response = await client.post(url, json={"query": query, "variables": variables(i)},
                                     headers=headers(i) if headers else None)
        body = response.json()
        return response.status_code == 200 and not body.get("errors")

    return call


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            httpx.post(url, json={"query": "{ __typename }"}, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError(f"server at {url} did not answer within {timeout_s:.0f}s")


@contextmanager
def _server(cmd: list[str], env: dict[str, str], url: str, cwd: Path) -> Iterator[int]:
    log = (get_settings().state_dir / "bench-server.log").open("ab")
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, cwd=cwd, stdout=log,  # noqa: S603
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(url, proc)
        yield proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


async def run_api(url: str, api: ApiSettings, products: list[str], shoppers: list[str],
                  args: argparse.Namespace, cpu: CpuMeters,
                  scenario: str = "api") -> list[Result]:
    tokens = {s: issue_token(api, s, "shopper") for s in shoppers}
    limits = httpx.Limits(max_connections=args.concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        page = _graphql_call(client, url, API_PRODUCT, lambda i: {"id": products[i % len(products)]})
        if scenario != "api":
            for i in range(len(products)):  # fill the cache: every measured page is a hit
                await page(i)
        out = [await drive(scenario, "product page", page, args.seconds, args.concurrency,
                           args.warmup, cpu)]
        if scenario != "api":
            return out  # the cached server: only the anonymous product page is cacheable

        async def health(i: int) -> bool:
            return (await client.get(url.replace("/graphql", "/healthz"))).status_code == 200

        # What HTTP alone costs on this machine, load generator included: the API's ceiling.
        out.append(await drive("api", "GET /healthz", health, args.seconds, args.concurrency,
                               args.warmup, cpu))
        if shoppers:
            out.append(await drive("api", "recommendations", _graphql_call(
                client, url, API_RECS, lambda i: {"user": shoppers[i % len(shoppers)]},
                lambda i: {"Authorization": f"Bearer {tokens[shoppers[i % len(shoppers)]]}"}),
                args.seconds, args.concurrency, args.warmup, cpu))
    return out


async def run_floor(settings: Settings, products: list[str], shoppers: list[str],
                    args: argparse.Namespace, managed: bool, cpu: CpuMeters) -> list[Result]:
    """The floor: one product page query; ranking then product details for recommendations."""
    page = statement(cypher_file("api_bench_product_page"))
    recs = statement("manager/recommendations_for_shopper")
    details = statement("queries/api_products_by_id")
    db = settings.neo4j_database
    scenario = "floor-managed" if managed else "floor"
    async with AsyncGraphDatabase.driver(settings.bolt_uri(), auth=settings.neo4j_auth(),
                                         notifications_min_severity="OFF") as driver:
        async def rows(text: str, **params: object) -> list[dict]:
            if managed:
                records, _, _ = await driver.execute_query(text, params, database_=db,
                                                           routing_="r")
                return [r.data() for r in records]
            async with driver.session(database=db, default_access_mode=READ_ACCESS) as session:
                result = await session.run(text, params)
                return [r.data() async for r in result]

        async def product(i: int) -> bool:
            return bool(await rows(page, id=products[i % len(products)], lang="de",
                                   currency="USD"))

        async def recommend(i: int) -> bool:
            ranked = await rows(recs, shopper_id=shoppers[i % len(shoppers)], k=10)
            await rows(details, ids=[r["product_id"] for r in ranked], shipping=False)
            return True

        out = [await drive(scenario, "product page", product, args.seconds, args.concurrency,
                           args.warmup, cpu)]
        if shoppers:
            out.append(await drive(scenario, "recommendations", recommend, args.seconds,
                                   args.concurrency, args.warmup, cpu))
    return out


async def run_node(url: str, products: list[str], args: argparse.Namespace,
                   cpu: CpuMeters) -> list[Result]:
    limits = httpx.Limits(max_connections=args.concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        return [await drive("neo4j-graphql", "product page", _graphql_call(
            client, url, NODE_PRODUCT, lambda i: {"id": products[i % len(products)]}),
            args.seconds, args.concurrency, args.warmup, cpu)]


def _ratio(results: list[Result], a: str, b: str, query: str) -> float | None:
    x = next((r for r in results if r.scenario == a and r.query == query), None)
    y = next((r for r in results if r.scenario == b and r.query == query), None)
    return round(y.rps / x.rps, 2) if x and y and x.rps else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per scenario")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time first")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    parser.add_argument("--sample", type=int, default=200, help="distinct products/shoppers")
    parser.add_argument("--prefix", default="demo-", help="id prefix of the demo shop")
    parser.add_argument("--api-workers", type=int, default=1,
                        help="uvicorn worker processes for the API (`borderless serve --workers`)")
    parser.add_argument("--skip-managed", action="store_true",
                        help="leave out the floor through execute_query (managed transactions)")
    parser.add_argument("--skip-node", action="store_true", help="leave out @neo4j/graphql")
    parser.add_argument("--skip-cached", action="store_true",
                        help="leave out the API with its catalog cache on")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args(argv)

    settings = get_settings()
    with open_driver(settings) as driver:
        sample = read(driver, cypher_file("api_bench_sample"), settings.neo4j_database,
                      prefix=args.prefix, n=args.sample)[0]
        active = read(driver, "manager/active_model_version", settings.neo4j_database)
    products, shoppers = sample["products"], sample["shoppers"] if active else []
    if not products:
        print(f"no products with prefix {args.prefix!r}: run `borderless load demo` first",
              file=sys.stderr)
        return 2
    if not shoppers:
        print("no active model or no shopper embeddings: recommendations are left out",
              file=sys.stderr)

    api = ApiSettings(jwt_secret=secrets.token_urlsafe(48))
    port = _free_port()
    serve = [sys.executable, "-m", "borderless.cli", "serve", "--port", str(port),
             "--workers", str(args.api_workers)]
    env = {"BORDERLESS_JWT_SECRET": api.jwt_secret.get_secret_value(),
           "BORDERLESS_CATALOG_CACHE_ENTRIES": "0",
           # One client address sends every request: its budget would refuse most of them.
           "BORDERLESS_RATE_LIMIT": ""}
    results: list[Result] = []
    neo4j_pid = Neo4jServer(settings).pid()
    url = f"http://127.0.0.1:{port}/graphql"
    # `api`: every request executed (the cache off); `api-cached`: the catalog cache on, warmed
    # by the warm-up (each sampled product read once), so the measured pages are cache hits.
    with _server(serve, env, url, REPO_ROOT) as pid:
        results += asyncio.run(run_api(url, api, products, shoppers, args,
                                       CpuMeters(pid, neo4j_pid)))
    if not args.skip_cached:
        env["BORDERLESS_CATALOG_CACHE_ENTRIES"] = "5000"
        with _server(serve, env, url, REPO_ROOT) as pid:
            results += asyncio.run(run_api(url, api, products, shoppers, args,
                                           CpuMeters(pid, neo4j_pid), "api-cached"))
    # The floor has no server: its CPU is this process's own.
    floor_cpu = CpuMeters(None, neo4j_pid)
    results += asyncio.run(run_floor(settings, products, shoppers, args, False, floor_cpu))
    if not args.skip_managed:
        results += asyncio.run(run_floor(settings, products, shoppers, args, True, floor_cpu))
    if not args.skip_node:
        if shutil.which("node") and (NODE_DIR / "node_modules").is_dir():
            user, password = settings.neo4j_auth()
            node_port = _free_port()
            node_env = {"BENCH_NEO4J_URI": settings.bolt_uri(), "BENCH_NEO4J_USER": user,
                        "BENCH_NEO4J_PASSWORD": password, "BENCH_PORT": str(node_port)}
            node_url = f"http://127.0.0.1:{node_port}/"
            with _server(["node", "server.js"], node_env, node_url, NODE_DIR) as node_pid:
                results += asyncio.run(run_node(node_url, products, args,
                                                CpuMeters(node_pid, neo4j_pid)))
        else:
            print(f"@neo4j/graphql left out: run `npm install` in {NODE_DIR}", file=sys.stderr)

    ratios = {
        "floor_rps_over_api_product": _ratio(results, "api", "floor", "product page"),
        "floor_rps_over_api_cached_product": _ratio(results, "api-cached", "floor",
                                                    "product page"),
        "floor_rps_over_api_recommendations": _ratio(results, "api", "floor", "recommendations"),
        "floor_managed_rps_over_api_product": _ratio(results, "api", "floor-managed",
                                                     "product page"),
        "floor_managed_rps_over_api_recommendations": _ratio(results, "api", "floor-managed",
                                                             "recommendations"),
        "api_rps_over_neo4j_graphql_product": _ratio(results, "neo4j-graphql", "api",
                                                     "product page"),
    }
    if args.json:
        print(json.dumps({"concurrency": args.concurrency, "seconds": args.seconds,
                          "api_workers": args.api_workers,
                          "products": len(products), "shoppers": len(shoppers),
                          "results": [asdict(r) for r in results], "ratios": ratios}))
        return 0
    print(f"{args.concurrency} concurrent clients, {args.seconds:.0f} s per scenario, "
          f"{len(products)} products, {len(shoppers)} shoppers, "
          f"{args.api_workers} API worker(s)")
    print(f"{'scenario':14} {'query':16} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6} {'CPU ms':>7} {'neo4j ms':>8}")
    for r in results:
        print(f"{r.scenario:14} {r.query:16} {r.rps:8.1f} {r.p50_ms:8.2f} {r.p95_ms:8.2f} "
              f"{r.p99_ms:8.2f} {r.errors:6d} {r.server_cpu_ms or float('nan'):7.2f} "
              f"{r.neo4j_cpu_ms or float('nan'):8.2f}")
    print("CPU ms: per request, of the serving process(es) (the floor's: its own, load generator "
          "included); neo4j ms: of Neo4j")
    print("overhead (floor req/s / api req/s), product page:",
          ratios["floor_rps_over_api_product"],
          "| recommendations:", ratios["floor_rps_over_api_recommendations"])
    print("overhead of the API with its catalog cache (all hits), product page:",
          ratios["floor_rps_over_api_cached_product"])
    print("overhead vs floor-managed (execute_query), product page:",
          ratios["floor_managed_rps_over_api_product"],
          "| recommendations:", ratios["floor_managed_rps_over_api_recommendations"])
    print("api req/s / @neo4j/graphql req/s, product page:",
          ratios["api_rps_over_neo4j_graphql_product"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
