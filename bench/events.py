"""Events per second into the graph: the API's ``recordEvents`` vs ``load events``, same events.

With a shop loaded (``borderless load demo``), each repeat makes the same mix of events (views,
clicks, carts, purchases in EUR) on sampled products, and stores them twice, under ids of their own:

* ``api``  -- a real ``borderless serve`` on loopback, ``--concurrency`` clients each sending
  batches of ``--batch`` events of one anonymous session (rate limits off);
* ``bulk`` -- the same events in a JSON Lines file through ``load events`` (batches of
  ``BORDERLESS_BATCH_SIZE``).

It prints the median events/s of each path over ``--repeats`` and the ratio api/bulk, with the
load average (on a shared machine the figures move with the neighbours). The events, and the
sessions that hold them, are deleted afterwards. Usage::

    python bench/events.py --events 2000 --batch 100 --concurrency 4 --repeats 3 [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench_cypher import cypher_file
from borderless.settings import REPO_ROOT, get_settings
from graph.driver import open_driver, read, run_auto
from loaders.events import load_events

RECORD = """mutation($events: [EventInput!]!, $sessionId: String) {
  recordEvents(events: $events, sessionId: $sessionId) { accepted duplicates userErrors { code } } }"""
KINDS = ("view", "view", "view", "click", "click", "cart", "purchase")


def _events(products: list[str], count: int) -> list[dict[str, Any]]:
    """``count`` events (no id, no owner yet) in a fixed mix over ``products``."""
    made = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        event: dict[str, Any] = {"kind": kind, "product_id": products[(i * 7) % len(products)]}
        if kind == "purchase":
            event.update(quantity=1 + i % 3, price=9.99 + i % 50, currency="EUR")
        made.append(event)
    return made


def _api_event(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    names = {"product_id": "productId"}
    return {"id": event_id, **{names.get(k, k): v for k, v in event.items()}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BORDERLESS_JWT_SECRET": uuid.uuid4().hex * 2,
           "BORDERLESS_RATE_LIMIT": "", "BORDERLESS_RATE_LIMIT_EVENTS": "",
           "BORDERLESS_WARM_MODELS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "borderless.cli", "serve", "--port", str(port)],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(400):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("bench/events.py: the API did not come up")


async def _through_api(url: str, batches: list[tuple[str, list[dict[str, Any]]]],
                       concurrency: int) -> float:
    """Seconds to store every batch through recordEvents with ``concurrency`` clients."""
    queue: asyncio.Queue[tuple[str, list[dict[str, Any]]]] = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            session, events = queue.get_nowait()
            answer = (await http.post(url, json={"query": RECORD, "variables": {
                "events": events, "sessionId": session}})).json()
            if not answer.get("data"):
                raise SystemExit(f"bench/events.py: the API failed: {answer.get('errors')}")
            payload = answer["data"]["recordEvents"]
            if payload["userErrors"] or payload["accepted"] != len(events):
                raise SystemExit(f"bench/events.py: the API refused events: {payload}")

    async with httpx.AsyncClient(timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100, help="events per recordEvents call")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--prefix", default="", help="sample products whose id starts with it")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = get_settings()
    run = f"bench-ev-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    results: dict[str, list[float]] = {"api": [], "bulk": []}
    with open_driver(settings) as driver, tempfile.TemporaryDirectory() as tmp:
        db = settings.neo4j_database
        products = read(driver, cypher_file("api_bench_sample"), db, prefix=args.prefix,
                        n=200)[0]["products"]
        if not products:
            raise SystemExit("bench/events.py: no products; run `borderless load demo` first")
        mix = _events(products, args.events)
        proc = _serve(port)
        try:
            for r in range(args.repeats):
                batches = []
                for start in range(0, len(mix), args.batch):
                    session = f"{run}-{r}-api-s{start}"
                    batches.append((session, [_api_event(e, f"{session}-{i}") for i, e in
                                              enumerate(mix[start:start + args.batch])]))
                seconds = asyncio.run(_through_api(f"http://127.0.0.1:{port}/graphql", batches,
                                                   args.concurrency))
                results["api"].append(len(mix) / seconds)
                path = Path(tmp) / f"events-{r}.jsonl"
                with path.open("w", encoding="utf-8") as f:
                    for start in range(0, len(mix), args.batch):
                        session = f"{run}-{r}-bulk-s{start}"
                        for i, e in enumerate(mix[start:start + args.batch]):
                            f.write(json.dumps({"id": f"{session}-{i}", "session_id": session,
                                                **e}) + "\n")
                started = time.perf_counter()
                report = load_events(driver, settings, path, Path(tmp) / "q.jsonl", progress=False)
                seconds = time.perf_counter() - started
                if report.quarantined or report.loaded != len(mix):
                    raise SystemExit(f"bench/events.py: the bulk load refused rows: {report}")
                results["bulk"].append(len(mix) / seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            run_auto(driver, cypher_file("bench_delete_prefix"), db, prefix=run)
    api, bulk = statistics.median(results["api"]), statistics.median(results["bulk"])
    summary = {"events": args.events, "batch": args.batch, "concurrency": args.concurrency,
               "repeats": args.repeats, "api_events_per_s": round(api, 1),
               "bulk_events_per_s": round(bulk, 1), "api_over_bulk": round(api / bulk, 2),
               "runs": {k: [round(v, 1) for v in vs] for k, vs in results.items()},
               "load_average": os.getloadavg()}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"events/s (median of {args.repeats}, {args.events} events): "
              f"api {api:,.0f} (batches of {args.batch}, {args.concurrency} clients), "
              f"bulk {bulk:,.0f}; api/bulk {api / bulk:.2f}; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
