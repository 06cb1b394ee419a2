"""Simulated shoppers with the demo world's hidden tastes play against the API's experiments.

With a demo shop loaded under ``--prefix`` (``borderless load demo --products N --seed S --prefix
live-``) and, for the A/B, a trained model (``borderless train``), this runs the API in process
(FastAPI's TestClient: the real app, its lifespan and its own driver) and plays shoppers:

* each asks for ``recommendations`` (signed in with a shopper JWT) and is shown the list;
* it looks down the list (position ``p`` is examined with probability ``1 / (1 + 0.3 (p - 1))``)
  and clicks an examined product by ``--click-model`` (``bench/live_clicks.py``): ``world``
  (default) with a probability proportional to the chance the demo world's own rule makes that
  product the shopper's next interaction (what offline Recall counts), ``cubed`` (the model
  before 2026-12-06) with ``affinity^3``, where ``affinity`` is the world's taste function
  (``DemoShoppers.affinity``: kind, brand and price band, 0.1 .. 1); a click is carted with
  probability ``0.6 affinity`` and a cart bought with ``0.6 affinity``. Every list also adds
  its *expected* clicks under both models and its expected Recall to its variant's totals, so
  the A/B reports the lift each click model implies for the very same lists, without sampling
  noise;
* it sends an impression event for the list it was shown and its click, cart and purchase events
  citing the served list and position, through the real ``recordEvents`` mutation
  (:class:`event_client.EventSender`), resending a batch with the same ids until it is
  acknowledged.

The API is a real ``borderless serve`` on loopback (:class:`event_client.ApiProcess`), so it can be
killed.

Scenarios (``--scenario``; all by default):

* ``aa``: ``--runs`` A/A experiments (popularity vs popularity; each run its own key, so its own
  random split) of ``--shoppers`` shoppers; counts runs whose click conversion p-value is below
  0.05 (the false-positive rate, nominally 5%).
* ``ab``: popularity (control) vs the graph model, ``--ab-shoppers`` shoppers; every
  ``--check-every`` shoppers it reads the analysis and reports the first count at which the
  model's chance to win on clicks is >= 95% and the sequential p-value < 0.05 (valid under
  peeking), with the lift at the end.
* ``srm``: an experiment served at 60/40 whose stored design says 50/50 (a botched edit,
  simulated in the graph); the sample-ratio check must flag it.
* ``faults``: ``--fault-shoppers`` shoppers, ``--fault-clients`` at a time (A/A popularity, no
  model needed) while the API is
  killed with SIGKILL and started again after a third of them, and Neo4j is stopped and started
  (``borderless db stop`` / ``db start`` on the state of the environment) after two thirds; then
  every event id the shoppers sent is counted in Neo4j: sent must equal stored, each exactly once.
  Run it alone (``--scenario faults``): it restarts the database.

Usage::

    python bench/live.py --prefix live- --products 300 --seed 7 [--scenario aa] [--json]
    python bench/live.py --scenario faults --fault-shoppers 300 --json
    python bench/live.py --cleanup     # remove the simulator's experiments, lists and events
"""

# ruff: noqa: E402 - the imports below need the path set just above them
from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import time
import uuid
from pathlib import Path
from typing import Any

# Run as `python bench/live.py`: this checkout's root goes first (bench/api.py would shadow the
# api package, and an installed copy of Borderless must not stand in for this one); bench/ last.
_BENCH = Path(__file__).resolve().parent
if Path(sys.path[0]).resolve() == _BENCH:
    sys.path[0] = str(_BENCH.parent)
sys.path.append(str(_BENCH))

import httpx
from neo4j import Driver

from api.auth import issue_token
from api.settings import ApiSettings
from bench_cypher import cypher_file
from event_client import ApiProcess, EventSender, SendCounts
from live_clicks import CLICK_MODELS, Tastes, click_probability, examined
from live_faults import scenario_faults
from borderless.settings import get_settings
from experiments import store
from experiments.definition import parse_definition
from graph.driver import open_driver, write
from loaders.demo_shop import DemoCatalog, DemoConfig
from loaders.demo_shoppers import DemoShoppers

RECS = """query R($user: ID!) { recommendations(userId: $user, first: 10, currency: "EUR") {
  servedListId variant items { position product { id price { amount } } } } }"""
KEY_PREFIX = "live-"


class World:
    """The demo shop's hidden tastes, re-derived from its seed (never read from the graph)."""

    def __init__(self, products: int, seed: int, prefix: str) -> None:
        config = DemoConfig(products=products, seed=seed, prefix=prefix)
        self.prefix = prefix
        self.shoppers = DemoShoppers(DemoCatalog(config))
        self.n_shoppers = config.shoppers or 2 * products
        self.tastes = Tastes(self.shoppers)

    def affinity(self, shopper: int, product_id: str) -> float:
        index = int(product_id.removeprefix(f"{self.prefix}product-"))
        return self.shoppers.affinity(self.shoppers.shopper(shopper), index)

    def next_probability(self, shopper: int, product_id: str) -> float:
        index = int(product_id.removeprefix(f"{self.prefix}product-"))
        return self.tastes.next_probability(self.shoppers.shopper(shopper), index)


class Player:
    """Plays shoppers against the API and sends what they do through ``recordEvents``."""

    def __init__(self, url: str, api: ApiSettings, world: World, sender: EventSender,
                 rng: random.Random, run: str) -> None:
        self.url, self.api, self.world, self.sender, self.rng = url, api, world, sender, rng
        self.run = run  # every event id starts with it, so the run's events can be counted
        self.http = httpx.Client(timeout=30)
        self.requests = 0
        self.recommendation_retries = 0
        self.sent_ids: list[str] = []
        self.click_model = "world"
        # Per variant: lists, and each list's expected clicks under both models and Recall.
        self.expected: dict[str, dict[str, float]] = {}

    def play(self, shopper: int) -> None:
        shopper_id = self.world.shoppers.shopper_id(shopper)
        token = issue_token(self.api, shopper_id, "shopper")
        answer = self._recommendations(shopper_id, token)
        list_id, items = answer["servedListId"], answer["items"]
        events: list[dict[str, Any]] = []
        totals = self.expected.setdefault(str(answer.get("variant")), dict.fromkeys(
            ("lists", "recall", *(f"{m}_{model}" for m in ("clicks", "conversion")
                                  for model in CLICK_MODELS)), 0.0))
        totals["lists"] += 1
        no_click = dict.fromkeys(CLICK_MODELS, 1.0)
        for item in items:
            position, product = item["position"], item["product"]
            taste = self.world.affinity(shopper, product["id"])
            chance = self.world.next_probability(shopper, product["id"])
            totals["recall"] += chance
            for model in CLICK_MODELS:
                clicked = examined(position) * click_probability(model, taste, chance)
                totals[f"clicks_{model}"] += clicked
                no_click[model] *= 1 - clicked
        for model in CLICK_MODELS:  # the chance this shopper clicks at all (what gbstats counts)
            totals[f"conversion_{model}"] += 1 - no_click[model]
        for item in items:
            position, product = item["position"], item["product"]
            taste = self.world.affinity(shopper, product["id"])
            chance = self.world.next_probability(shopper, product["id"])
            if self.rng.random() > examined(position):
                continue
            if self.rng.random() >= click_probability(self.click_model, taste, chance):
                continue
            cited = {"productId": product["id"], "listId": list_id, "position": position}
            events.append(self._event("click", **cited))
            if self.rng.random() < 0.6 * taste:
                events.append(self._event("cart", **cited))
                if self.rng.random() < 0.6 * taste:
                    events.append(self._event("purchase", **cited, quantity=1, currency="EUR",
                                              price=float(product["price"]["amount"])))
        if items:
            # One impression per list shown (the contract: it adds one to the list's count).
            events.insert(0, self._event("impression", listId=list_id))
        if events:
            self.sent_ids.extend(e["id"] for e in events)
            self.sender.send(events, token=token)

    def _event(self, kind: str, **fields: Any) -> dict[str, Any]:
        return {"id": f"{self.run}-{uuid.uuid4().hex}", "kind": kind, **fields}

    def _recommendations(self, shopper_id: str, token: str) -> dict[str, Any]:
        """The shopper's list; asked again while the API or the database is away (faults)."""
        pause = 0.1
        for _ in range(600):
            try:
                body = self.http.post(f"{self.url}/graphql", headers={
                    "Authorization": f"Bearer {token}"}, json={
                    "query": RECS, "variables": {"user": shopper_id}}).json()
            except (httpx.HTTPError, ValueError):
                body = {"errors": [{"extensions": {"code": "DATABASE_UNAVAILABLE"}}]}
            self.requests += 1
            if not body.get("errors"):
                return dict(body["data"]["recommendations"])
            codes = {(e.get("extensions") or {}).get("code") for e in body["errors"]}
            if not codes <= {"DATABASE_UNAVAILABLE", "QUERY_TIMEOUT", "INTERNAL", None}:
                raise RuntimeError(f"recommendations for {shopper_id}: {body['errors']}")
            self.recommendation_retries += 1
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
        raise RuntimeError(f"recommendations for {shopper_id}: no answer after 600 tries")


def _experiment(driver: Driver, db: str, key: str, variants: list[dict[str, Any]]) -> None:
    for running in store.all_experiments(driver, db):
        if running.status == "running" and running.surface == "recommendations":
            store.stop(driver, db, running.key)
    store.create(driver, db, parse_definition(key, variants))


def _click(analysis: Any) -> Any:
    return next(m for m in analysis.variants[1].metrics if m.metric == "click")


def scenario_aa(ctx: dict[str, Any], runs: int, shoppers: int) -> dict[str, Any]:
    driver, db, player, world = ctx["driver"], ctx["db"], ctx["player"], ctx["world"]
    positives, p_values = 0, []
    for run in range(runs):
        key = f"{KEY_PREFIX}aa-{ctx['stamp']}-{run}"
        _experiment(driver, db, key, [{"key": "a", "share": 0.5, "strategy": "popularity"},
                                      {"key": "b", "share": 0.5, "strategy": "popularity"}])
        for shopper in player.rng.sample(range(world.n_shoppers), shoppers):
            player.play(shopper)
        _, analysis, _ = store.analysis(driver, db, key)
        store.stop(driver, db, key)
        p = _click(analysis).p_value
        p_values.append(p)
        positives += int(p is not None and p < 0.05)
        print(f"  A/A run {run + 1}/{runs}: click p = {p}", file=sys.stderr)
    # A run with too little data (no click in the control) gives no p-value and cannot be a
    # false positive; the rate is over the runs that gave one.
    judged = sum(p is not None for p in p_values)
    return {"runs": runs, "judged": judged, "shoppers_per_run": shoppers,
            "false_positives": positives,
            "false_positive_rate": positives / judged if judged else None, "p_values": p_values}


def scenario_ab(ctx: dict[str, Any], shoppers: int, check_every: int) -> dict[str, Any]:
    driver, db, player, world = ctx["driver"], ctx["db"], ctx["player"], ctx["world"]
    key = f"{KEY_PREFIX}ab-{ctx['stamp']}"
    _experiment(driver, db, key, [{"key": "popularity", "share": 0.5, "strategy": "popularity"},
                                  {"key": "model", "share": 0.5, "strategy": "model"}])
    found_bayes = found_sequential = None
    checks = []
    for n, shopper in enumerate(player.rng.sample(range(world.n_shoppers), shoppers), start=1):
        player.play(shopper)
        if n % check_every and n != shoppers:
            continue
        _, analysis, _ = store.analysis(driver, db, key)
        click = _click(analysis)
        checks.append({"shoppers": n, "lift": click.lift, "chance_to_win": click.chance_to_win,
                       "p_sequential": click.p_value_sequential})
        if found_bayes is None and (click.chance_to_win or 0) >= 0.95:
            found_bayes = n
        if found_sequential is None and click.p_value_sequential is not None \
                and click.p_value_sequential < 0.05 and (click.lift or 0) > 0:
            found_sequential = n
        print(f"  A/B after {n}: {checks[-1]}", file=sys.stderr)
    _, analysis, _ = store.analysis(driver, db, key)
    store.stop(driver, db, key)
    return {"experiment": key, "shoppers": shoppers, "first_chance_to_win_95": found_bayes,
            "first_sequential_p_below_0.05": found_sequential, "checks": checks,
            "final": analysis.as_dict(), "expected": _expected_lifts(player.expected)}


def _expected_lifts(expected: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Per variant the mean expected clicks (each click model) and Recall@10 of a list, and the
    model's lift over popularity in each: the same lists, judged three ways."""
    means = {variant: {k: v / t["lists"] for k, v in t.items() if k != "lists"} | {
        "lists": t["lists"]} for variant, t in expected.items() if t["lists"]}
    lifts = {}
    if "model" in means and "popularity" in means:
        lifts = {k: means["model"][k] / means["popularity"][k] - 1
                 for k in means["model"] if k != "lists" and means["popularity"][k]}
    return {"per_list": means, "model_lift": lifts}


def scenario_srm(ctx: dict[str, Any], shoppers: int) -> dict[str, Any]:
    driver, db, player, world = ctx["driver"], ctx["db"], ctx["player"], ctx["world"]
    key = f"{KEY_PREFIX}srm-{ctx['stamp']}"
    _experiment(driver, db, key, [{"key": "a", "share": 0.6, "strategy": "popularity"},
                                  {"key": "b", "share": 0.4, "strategy": "popularity"}])
    for shopper in player.rng.sample(range(world.n_shoppers), shoppers):
        player.play(shopper)
    designed = parse_definition(key, [{"key": "a", "share": 0.5, "strategy": "popularity"},
                                      {"key": "b", "share": 0.5, "strategy": "popularity"}])
    write(driver, cypher_file("live_break_shares"), db, key=key, variants=designed.variants_json())
    _, analysis, _ = store.analysis(driver, db, key)
    store.stop(driver, db, key)
    return {"experiment": key, "units": [v.units for v in analysis.variants],
            "srm_p_value": analysis.srm_p_value, "flagged": analysis.srm_flagged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="live-", help="the demo shop's id prefix")
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scenario", choices=("aa", "ab", "srm", "faults"), action="append")
    parser.add_argument("--runs", type=int, default=20, help="A/A runs")
    parser.add_argument("--shoppers", type=int, default=100, help="shoppers per A/A run and SRM")
    parser.add_argument("--ab-shoppers", type=int, default=400)
    parser.add_argument("--check-every", type=int, default=50)
    parser.add_argument("--fault-shoppers", type=int, default=300)
    parser.add_argument("--fault-clients", type=int, default=4, help="shoppers playing at once")
    parser.add_argument("--rng-seed", type=int, default=1)
    parser.add_argument("--click-model", choices=CLICK_MODELS, default="world",
                        help="how shoppers click (bench/live_clicks.py)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cleanup", action="store_true",
                        help="only remove the simulator's experiments, lists and their events")
    args = parser.parse_args()
    scenarios = args.scenario or ["aa", "ab", "srm"]

    settings = get_settings()
    if args.cleanup:
        with open_driver(settings) as driver:
            write(driver, cypher_file("live_cleanup"), settings.neo4j_database, prefix=KEY_PREFIX)
        return 0
    secret = secrets.token_urlsafe(48)
    api = ApiSettings(jwt_secret=secret, warm_models=False)
    world = World(args.products, args.seed, args.prefix)
    results: dict[str, Any] = {"products": args.products, "seed": args.seed,
                               "click_model": args.click_model}
    stamp = int(time.time())
    counts = SendCounts()
    with open_driver(settings) as driver, ApiProcess(secret) as api_process:
        db = settings.neo4j_database
        sender = EventSender(api_process.url, counts)
        player = Player(api_process.url, api, world, sender, random.Random(args.rng_seed),
                        run=f"{KEY_PREFIX}{stamp}")

        player.click_model = args.click_model
        players = [player]

        def new_player(i: int) -> Player:
            players.append(Player(api_process.url, api, world,
                                  EventSender(api_process.url, counts),
                                  random.Random(args.rng_seed + i), run=f"{KEY_PREFIX}{stamp}"))
            players[-1].click_model = args.click_model
            return players[-1]

        ctx: dict[str, Any] = {"driver": driver, "db": db, "world": world, "stamp": stamp,
                               "new_player": new_player,
                               "api_process": api_process, "counts": counts, "player": player,
                               "key_prefix": KEY_PREFIX}
        started = time.perf_counter()
        if "aa" in scenarios:
            results["aa"] = scenario_aa(ctx, args.runs, args.shoppers)
        if "ab" in scenarios:
            results["ab"] = scenario_ab(ctx, args.ab_shoppers, args.check_every)
        if "srm" in scenarios:
            results["srm"] = scenario_srm(ctx, args.shoppers)
        if "faults" in scenarios:
            results["faults"] = scenario_faults(ctx, args.fault_shoppers, args.fault_clients)
        results["requests"] = sum(p.requests for p in players)
        results["events_sent"] = sum(len(p.sent_ids) for p in players)
        results["event_batches_acknowledged"] = len(counts.latencies_s)
        results["record_events_ms"] = {"p50": counts.latency_ms(0.5),
                                       "p95": counts.latency_ms(0.95)}
        results["load_average"] = os.getloadavg()
        results["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2, default=str) if args.json else _summary(results))
    return 0


def _summary(results: dict[str, Any]) -> str:
    lines = [f"{results['requests']} recommendation requests in {results['seconds']} s"]
    if "aa" in results:
        aa = results["aa"]
        lines.append(f"A/A: {aa['false_positives']}/{aa['judged']} runs with click p < 0.05 "
                     f"(nominal 5%; {aa['runs'] - aa['judged']} of {aa['runs']} runs too small to "
                     f"judge), {aa['shoppers_per_run']} shoppers each")
    if "ab" in results:
        ab = results["ab"]
        final = ab["checks"][-1]
        lines.append(f"A/B model vs popularity, {ab['shoppers']} shoppers: click lift "
                     f"{final['lift']}, chance to win {final['chance_to_win']}; chance >= 95% "
                     f"first after {ab['first_chance_to_win_95']} shoppers, sequential p < 0.05 "
                     f"after {ab['first_sequential_p_below_0.05']}")
    if "srm" in results:
        srm = results["srm"]
        lines.append(f"SRM: units {srm['units']} on a 50/50 design, p = {srm['srm_p_value']:.3g}, "
                     f"flagged: {srm['flagged']}")
    if "faults" in results:
        f = results["faults"]
        lines.append(f"faults ({f['shoppers']} shoppers; API SIGKILLed after {f['api_killed_after']}, "
                     f"Neo4j restarted after {f['neo4j_restarted_after']}): {f['events_sent']} "
                     f"events sent, {f['events_stored']} stored, {f['ids_missing']} missing, "
                     f"{f['ids_stored_twice_or_more']} doubled; {f['batch_resends']} batch resends; "
                     f"exactly once: {f['exactly_once']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
