"""``bench/live.py --scenario faults``: shoppers keep playing while the API is killed and Neo4j
restarted; then every event id they sent is counted in Neo4j (sent == stored, each exactly once).

The player resends every batch it got no acknowledgement for (:class:`event_client.EventSender`)
and asks again for a list it got no answer for; nothing else in the loop knows about faults.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from typing import Any

from bench_cypher import cypher_file
from borderless.settings import REPO_ROOT
from experiments import store
from experiments.definition import parse_definition
from graph.driver import read

AA = [{"key": "a", "share": 0.5, "strategy": "popularity"},
      {"key": "b", "share": 0.5, "strategy": "popularity"}]


def _db(command: str) -> float:
    """``borderless db stop|start`` on this environment's own state; seconds it took."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "borderless.cli", "db", command], cwd=REPO_ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - started, 1)


def scenario_faults(ctx: dict[str, Any], shoppers: int, clients: int = 4) -> dict[str, Any]:
    """Play ``shoppers``: SIGKILL and restart the API after a third, restart Neo4j after two
    thirds; count every event id sent in Neo4j.

    Args:
        ctx: ``bench/live.py``'s run context (driver, db, world, player, new_player,
            api_process, counts, stamp, key_prefix).
        shoppers: how many shoppers play.
        clients: how many play at once (each its own player, one shared set of counts).
    """
    driver, db, player, world = ctx["driver"], ctx["db"], ctx["player"], ctx["world"]
    api_process, counts = ctx["api_process"], ctx["counts"]
    key = f"{ctx['key_prefix']}faults-{ctx['stamp']}"
    for running in store.all_experiments(driver, db):
        if running.status == "running" and running.surface == "recommendations":
            store.stop(driver, db, running.key)
    # A/A on popularity: lists are served without a trained model.
    store.create(driver, db, parse_definition(key, AA))
    # Several shoppers at once, as a storefront has: while one waits for its list, another's
    # events are in flight, so the kill and the restart land on both kinds of request.
    players = [player] + [ctx["new_player"](i) for i in range(1, clients)]
    first_sent = [len(p.sent_ids) for p in players]
    queue = player.rng.sample(range(world.n_shoppers), shoppers)
    lock = threading.Lock()
    played = [0]
    failure: list[BaseException] = []

    def shop(me: Any) -> None:
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    shopper = queue.pop()
                me.play(shopper)
                with lock:
                    played[0] += 1
        except BaseException as e:  # noqa: BLE001 - handed to the main thread, raised there
            failure.append(e)

    def wait_for(count: int) -> None:
        while played[0] < count and any(t.is_alive() for t in threads):
            time.sleep(0.05)

    threads = [threading.Thread(target=shop, args=(p,), daemon=True) for p in players]
    retries_before, duplicates_before = counts.retries, counts.duplicates
    for thread in threads:
        thread.start()
    wait_for(shoppers // 3)
    api_process.kill()  # mid-stream: the shoppers are sending all the time
    killed_after = played[0]
    api_process.start()
    wait_for(2 * shoppers // 3)
    neo4j_stopped_after = played[0]
    stop_s = _db("stop")
    start_s = _db("start")
    for thread in threads:
        thread.join()
    if failure:
        raise failure[0]
    store.stop(driver, db, key)
    sent = [i for p, first in zip(players, first_sent, strict=True) for i in p.sent_ids[first:]]
    stored = {r["id"]: r["stored"] for r in
              read(driver, cypher_file("live_events_stored"), db, ids=sent)}
    copies = [stored.get(i, 0) for i in sent]
    return {"experiment": key, "shoppers": shoppers, "api_killed_after": killed_after,
            "neo4j_restarted_after": neo4j_stopped_after, "neo4j_stop_s": stop_s,
            "neo4j_start_s": start_s, "events_sent": len(sent),
            "distinct_ids_sent": len(set(sent)),
            "events_stored": sum(copies), "ids_missing": copies.count(0),
            "ids_stored_twice_or_more": sum(c > 1 for c in copies),
            "batch_resends": counts.retries - retries_before,
            # Events a resend found already stored: their first answer was lost after the commit.
            "duplicates_answered": counts.duplicates - duplicates_before,
            "recommendation_retries": sum(p.recommendation_retries for p in players),
            "clients": clients,
            "exactly_once": len(set(sent)) == len(sent) and all(c == 1 for c in copies)}
