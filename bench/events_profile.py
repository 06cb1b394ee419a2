"""Where ``recordEvents`` spends the API's CPU per event: cProfile over sequential batches.

Runs the app in this process (its lifespan, its driver), sends ``--calls`` batches of ``--batch``
events (``bench/events.py``'s mix, each batch under an anonymous session of its own) one after
another through httpx's ASGI transport, so no HTTP server and no concurrency blur the picture,
and prints the process CPU and the wall time per event, then the profile grouped by where the
time goes (GraphQL parsing and execution, Strawberry's input conversion, our validator, the Neo4j
driver, JSON). The events are deleted afterwards. Usage::

    PYTHONPATH=bench python -m bench.events_profile --calls 40 --batch 100 [--prefix live-]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import time
import uuid
from typing import Any

import httpx

from api.app import create_app
from api.settings import ApiSettings
from bench.api_profile import own_time_by_group
from bench.events import RECORD, _api_event, _events
from bench_cypher import cypher_file
from borderless.settings import get_settings
from graph.driver import open_driver, read, run_auto

# Where a function's file lives -> the part of the stack it stands for (first match wins).
GROUPS = (("_socket", "socket and epoll calls"), ("select.epoll", "socket and epoll calls"),
          ("/neo4j/", "neo4j driver"), ("/graphql/", "graphql-core (parse, validate, execute)"),
          ("/strawberry/", "strawberry (view, input conversion, extensions)"),
          ("/loaders/", "borderless validator (loaders/)"), ("/api/", "borderless api"),
          ("/graph/", "borderless graph"), ("/starlette/", "starlette"), ("/fastapi/", "fastapi"),
          ("/httpx/", "httpx (the client side)"), ("/_strptime", "datetime parsing"),
          ("json", "json"), ("asyncio", "asyncio"), ("builtins", "builtins"))


async def _calls(batches: list[tuple[str, list[dict[str, Any]]]],
                 profile: cProfile.Profile | None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) for the batches sent one after another, after a warm-up."""
    app = create_app(get_settings(), ApiSettings(warm_models=False, rate_limit="",
                                                 rate_limit_events=""))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            async def send(session: str, events: list[dict[str, Any]]) -> None:
                answer = (await client.post("/graphql", json={
                    "query": RECORD, "variables": {"events": events, "sessionId": session}})).json()
                payload = answer["data"]["recordEvents"]
                assert payload["accepted"] == len(events), payload

            await send(*batches[0])  # warm-up: plans, caches, connections
            cpu, wall = time.process_time(), time.perf_counter()
            if profile is not None:
                profile.enable()
            for session, events in batches[1:]:
                await send(session, events)
            if profile is not None:
                profile.disable()
            return time.process_time() - cpu, time.perf_counter() - wall


def _batches(mix: list[dict[str, Any]], calls: int, batch: int, run: str,
             ) -> list[tuple[str, list[dict[str, Any]]]]:
    made = []
    for c in range(calls + 1):
        session = f"{run}-s{c}"
        made.append((session, [_api_event(e, f"{session}-{i}")
                               for i, e in enumerate(mix[c * batch % len(mix):][:batch])]))
    return made


def main() -> None:
    """Print CPU and wall per event, then the profile by group."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--prefix", default="live-")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    settings = get_settings()
    run = f"bench-ev-{uuid.uuid4().hex[:8]}"
    with open_driver(settings) as driver:
        products = read(driver, cypher_file("api_bench_sample"), settings.neo4j_database,
                        prefix=args.prefix, n=200)[0]["products"]
        if not products:
            raise SystemExit("bench/events_profile.py: no products; load a demo shop first")
        mix = _events(products, max(args.batch * 7, 700))
        events = args.calls * args.batch
        try:
            cpu, wall = asyncio.run(_calls(_batches(mix, args.calls, args.batch, run + "-a"), None))
            print(f"{events} events in {args.calls} calls of {args.batch}: CPU {cpu / events * 1e6:.0f} "
                  f"us/event (this process, client included), wall {wall / events * 1e6:.0f} us/event")
            profile = cProfile.Profile()
            asyncio.run(_calls(_batches(mix, args.calls, args.batch, run + "-b"), profile))
        finally:
            run_auto(driver, cypher_file("bench_delete_prefix"), settings.neo4j_database,
                     prefix=run)
    stats = pstats.Stats(profile)
    own, total = own_time_by_group(stats, GROUPS)
    print(f"own time by group under cProfile ({events} events; shares, not absolute costs):")
    for group, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"  {group:48} {seconds / events * 1e6:7.1f} us/event  {seconds / total:5.1%}")
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
