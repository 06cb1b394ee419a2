"""Where an uncached product page spends the API's CPU: cProfile over sequential requests.

Runs the app in this process (its lifespan, its driver), sends ``--requests`` anonymous product
pages (``bench/api.py``'s query, the demo shop's products) one after another through httpx's ASGI
transport, so no HTTP server and no concurrency blur the picture, and prints the CPU per request
with the catalog cache off and on, then the cache-off profile grouped by where the time goes
(GraphQL execution, the Neo4j driver, Strawberry's HTTP view, ...). Usage::

    PYTHONPATH=bench python -m bench.api_profile --requests 300
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import time
from collections import defaultdict

import httpx

from api.app import create_app
from api.settings import ApiSettings
from bench.api import API_PRODUCT
from bench_cypher import cypher_file
from borderless.settings import get_settings
from graph.driver import open_driver, read

# Where a function's file lives -> the part of the stack it stands for (first match wins).
GROUPS = (("_socket", "socket and epoll calls"), ("select.epoll", "socket and epoll calls"),
          ("builtins", "builtins (isinstance, len, ...: mostly graphql-core's)"),
          ("/neo4j/", "neo4j driver"), ("/graphql/", "graphql-core (validate, execute)"),
          ("/strawberry/", "strawberry (view, schema, extensions)"), ("/starlette/", "starlette"),
          ("/fastapi/", "fastapi"), ("/httpx/", "httpx (the client side)"),
          ("/api/", "borderless api"), ("/graph/", "borderless graph"),
          ("asyncio", "asyncio"), ("json", "json"))


async def _pages(cache_entries: int, products: list[str], n: int,
                 profile: cProfile.Profile | None) -> float:
    """CPU seconds per request for ``n`` sequential product pages (after a warm-up pass)."""
    settings = get_settings()
    app = create_app(settings, ApiSettings(catalog_cache_entries=cache_entries,
                                           warm_models=False, rate_limit=""))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            async def page(i: int) -> None:
                response = await client.post("/graphql", json={
                    "query": API_PRODUCT, "variables": {"id": products[i % len(products)]}})
                assert response.status_code == 200 and "errors" not in response.json()

            for i in range(len(products)):  # warm-up: plans, caches, connections
                await page(i)
            start = time.process_time()
            if profile is not None:
                profile.enable()
            for i in range(n):
                await page(i)
            if profile is not None:
                profile.disable()
            return (time.process_time() - start) / n


def main() -> None:
    """Print CPU per page, cache off and on, and the cache-off profile by group."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--prefix", default="demo-")
    args = parser.parse_args()
    settings = get_settings()
    with open_driver(settings) as driver:
        sample = read(driver, cypher_file("api_bench_sample"), settings.neo4j_database,
                      prefix=args.prefix, n=args.sample)[0]
    products = sample["products"]
    off = asyncio.run(_pages(0, products, args.requests, None))
    on = asyncio.run(_pages(5_000, products, args.requests, None))
    print(f"CPU per product page, this process (client included): cache off {off * 1e3:.2f} ms, "
          f"cache on (hits) {on * 1e3:.2f} ms")
    profile = cProfile.Profile()
    asyncio.run(_pages(0, products, args.requests, profile))
    stats = pstats.Stats(profile)
    own, total = own_time_by_group(stats, GROUPS)
    print(f"cache off, own time by group ({args.requests} requests, under cProfile):")
    for group, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"  {group:40} {seconds / args.requests * 1e3:6.2f} ms/request  "
              f"{seconds / total:5.1%}")
    stats.sort_stats("tottime").print_stats(15)



def own_time_by_group(stats: pstats.Stats, groups: tuple[tuple[str, str], ...]
                      ) -> tuple[dict[str, float], float]:
    """Own (not cumulative) seconds per group of ``groups`` (substring of "file function", name),
    the rest as "other", and their total."""
    own: dict[str, float] = defaultdict(float)
    for (file, _, function), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{file} {function}"
        group = next((g for key, g in groups if key in where), "other")
        own[group] += tottime
    return own, sum(own.values())

if __name__ == "__main__":
    main()
