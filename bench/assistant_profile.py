"""Where the assistant's template path spends its time: wall-clock per message and cProfile.

Asks :func:`api.assistant.answer` every question of a JSON Lines file (``text``, ``language``,
``shopper``: the shape of ``bench/worlds/assistant-outside1/questions.jsonl``) on a world already
loaded, one after another, with phrasing off, after a warm-up on the first ``--warm`` questions
(plans, connections, the classifier's training). Prints p50/p95 of the whole set and of the
messages cue words place; with ``--profile``, then the profile's functions by cumulative time
(cProfile slows every call, so timings are taken without it unless asked). Usage::

    python -m bench.assistant_profile --questions bench/worlds/assistant-outside1/questions.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import time
from pathlib import Path
from typing import Any

from api.assistant import answer
from api.assistant.understand import understand
from api.db import api_session
from borderless.settings import get_settings
from graph.driver import open_driver, run_auto
from graph.session import open_async_driver
from bench.bench_cypher import cypher_file


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0


async def _ask(questions: list[dict[str, Any]], profile: cProfile.Profile | None
               ) -> tuple[list[float], list[str]]:
    settings = get_settings().model_copy(update={"assistant_phrasing": False})
    driver = open_async_driver(settings, connect_timeout_s=10, retry_time_s=5)
    session = api_session(driver, settings, on_round_trip=lambda _name: None)
    times, conversations = [], []
    try:
        for q in questions:
            if profile is not None:
                profile.enable()
            start = time.perf_counter()
            said = await answer(session, settings, None, q["text"], None, q.get("shopper"))
            times.append((time.perf_counter() - start) * 1000)
            if profile is not None:
                profile.disable()
            conversations.append(said.conversation_id)
    finally:
        await driver.close()
    return times, conversations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    questions = [json.loads(line) for line in args.questions.read_text("utf-8").splitlines()
                 if line.strip()]
    cue = [understand(q["text"]).intent is not None for q in questions]
    _, warm = asyncio.run(_ask(questions[:args.warm], None))
    profile = cProfile.Profile() if args.profile else None
    times, measured = asyncio.run(_ask(questions, profile))
    with open_driver(get_settings()) as driver:
        run_auto(driver, cypher_file("assistant_bench_cleanup"),
                 get_settings().neo4j_database, ids=warm + measured)
    cue_times = [t for t, c in zip(times, cue, strict=True) if c]
    print(f"{len(times)} messages: p50 {statistics.median(times):.1f} ms, p95 {_p95(times):.1f} ms;"
          f" cue-word path ({len(cue_times)}): p50 {statistics.median(cue_times):.1f} ms,"
          f" p95 {_p95(cue_times):.1f} ms")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
