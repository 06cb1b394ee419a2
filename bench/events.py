"""Events per second into the graph: the API's ``recordEvents`` vs ``load events``, same events.

With a shop loaded (``borderless load demo``), each repeat makes the same mix of events (views,
clicks, carts, purchases in EUR) on sampled products, and stores them twice, under ids of their own:

* ``api``  -- a real ``borderless serve`` on loopback, ``--concurrency`` clients each sending
  batches of ``--batch`` events of one anonymous session (rate limits off);
* ``bulk`` -- the same events in a JSON Lines file through ``load events``, in transactions of
  ``--bulk-batch`` rows (default: ``--batch``, so both paths commit the same batches).

It prints the median events/s of each path over ``--repeats`` and the ratio api/bulk, with the
load average (on a shared machine the figures move with the neighbours). The events, and the
sessions that hold them, are deleted afterwards.

``--ceiling`` instead looks for one Neo4j's event-write ceiling through the API: for each batch
size of ``--batches`` and each client count of ``--clients`` (rising), ``--repeats`` runs of
``--events`` events; per step the median events/s and the median p50/p95 latency of one
``recordEvents`` call. A batch size stops rising after ``--flat-steps`` steps in a row that did
not beat its best by 5% (the ceiling, or the machine's CPU, is reached). Usage::

    python bench/events.py --events 2000 --batch 100 --concurrency 4 --repeats 3 [--json]
    python bench/events.py --ceiling --events 3200 --batches 20 100 --clients 1 2 4 8 16 --json
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
                       concurrency: int, latencies: list[float] | None = None) -> float:
    """Seconds to store every batch through recordEvents with ``concurrency`` clients.

    Each call's seconds are appended to ``latencies`` when given.
    """
    queue: asyncio.Queue[tuple[str, list[dict[str, Any]]]] = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            session, events = queue.get_nowait()
            sent = time.perf_counter()
            answer = (await http.post(url, json={"query": RECORD, "variables": {
                "events": events, "sessionId": session}})).json()
            if latencies is not None:
                latencies.append(time.perf_counter() - sent)
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
    parser.add_argument("--bulk-batch", type=int, default=None,
                        help="rows per load-events transaction (default: --batch)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--prefix", default="", help="sample products whose id starts with it")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ceiling", action="store_true",
                        help="rising clients x batch sizes through the API only (no bulk path)")
    parser.add_argument("--batches", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--flat-steps", type=int, default=2)
    args = parser.parse_args()
    if args.ceiling:
        return ceiling(args)
    settings = get_settings()
    run = f"bench-ev-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    results: dict[str, list[float]] = {"api": [], "bulk": []}
    bulk_batch = args.bulk_batch or args.batch
    bulk_settings = settings.model_copy(update={"batch_size": bulk_batch})
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
                report = load_events(driver, bulk_settings, path, Path(tmp) / "q.jsonl",
                                     progress=False)
                seconds = time.perf_counter() - started
                if report.quarantined or report.loaded != len(mix):
                    raise SystemExit(f"bench/events.py: the bulk load refused rows: {report}")
                results["bulk"].append(len(mix) / seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            run_auto(driver, cypher_file("bench_delete_prefix"), db, prefix=run)
    api, bulk = statistics.median(results["api"]), statistics.median(results["bulk"])
    summary = {"events": args.events, "batch": args.batch, "bulk_batch": bulk_batch,
               "concurrency": args.concurrency,
               "repeats": args.repeats, "api_events_per_s": round(api, 1),
               "bulk_events_per_s": round(bulk, 1), "api_over_bulk": round(api / bulk, 2),
               "runs": {k: [round(v, 1) for v in vs] for k, vs in results.items()},
               "load_average": os.getloadavg()}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"events/s (median of {args.repeats}, {args.events} events): "
              f"api {api:,.0f} (batches of {args.batch}, {args.concurrency} clients), "
              f"bulk {bulk:,.0f} (transactions of {bulk_batch}); api/bulk {api / bulk:.2f}; "
              f"load {os.getloadavg()[0]:.1f}")
    return 0


def _batches(mix: list[dict[str, Any]], batch: int, run: str) -> list[tuple[str, list[Any]]]:
    """``mix`` cut into batches, each under a session and with event ids of its own."""
    made = []
    for start in range(0, len(mix), batch):
        session = f"{run}-s{start}"
        made.append((session, [_api_event(e, f"{session}-{i}")
                               for i, e in enumerate(mix[start:start + batch])]))
    return made


def _quantile_ms(values: list[float], q: float) -> float:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return round(cuts[round(q * 100) - 1] * 1000, 1)


def ceiling(args: argparse.Namespace) -> int:
    """Events/s and call latency through ``recordEvents`` at rising concurrency, per batch size."""
    settings = get_settings()
    run = f"bench-ev-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    steps: list[dict[str, Any]] = []
    with open_driver(settings) as driver:
        db = settings.neo4j_database
        products = read(driver, cypher_file("api_bench_sample"), db, prefix=args.prefix,
                        n=200)[0]["products"]
        if not products:
            raise SystemExit("bench/events.py: no products; run `borderless load demo` first")
        mix = _events(products, args.events)
        proc = _serve(port)
        try:
            for batch in args.batches:
                best, flat = 0.0, 0
                for clients in args.clients:
                    rates, p50s, p95s = [], [], []
                    for r in range(args.repeats):
                        latencies: list[float] = []
                        seconds = asyncio.run(_through_api(
                            f"http://127.0.0.1:{port}/graphql",
                            _batches(mix, batch, f"{run}-b{batch}-c{clients}-{r}"), clients,
                            latencies))
                        rates.append(len(mix) / seconds)
                        p50s.append(_quantile_ms(latencies, 0.5))
                        p95s.append(_quantile_ms(latencies, 0.95))
                    step = {"batch": batch, "clients": clients,
                            "events_per_s": round(statistics.median(rates), 1),
                            "p50_ms": statistics.median(p50s), "p95_ms": statistics.median(p95s),
                            "runs_events_per_s": [round(v, 1) for v in rates],
                            "load_average": [round(x, 1) for x in os.getloadavg()]}
                    steps.append(step)
                    print(json.dumps(step), file=sys.stderr)
                    if step["events_per_s"] > best * 1.05:
                        best, flat = step["events_per_s"], 0
                    else:
                        flat += 1
                        if flat >= args.flat_steps:
                            break
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            run_auto(driver, cypher_file("bench_delete_prefix"), db, prefix=run)
    peaks = {b: max((s for s in steps if s["batch"] == b), key=lambda s: s["events_per_s"])
             for b in args.batches}
    if args.json:
        print(json.dumps({"events": args.events, "repeats": args.repeats, "steps": steps,
                          "peaks": peaks}))
    else:
        print("batch clients events/s  p50 ms  p95 ms")
        for s in steps:
            print(f"{s['batch']:>5} {s['clients']:>7} {s['events_per_s']:>8,.0f} "
                  f"{s['p50_ms']:>7} {s['p95_ms']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
