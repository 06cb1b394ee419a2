"""The assistant's phrasing step with a real language model: how often its text survives the
fact checker, and whether anything it let through is wrong (``--phrase-with-model`` of
:mod:`bench.assistant`).

Each sampled question is asked through :func:`api.assistant.answer` with phrasing on, exactly as
the API does; the checker's refusals are read from the assistant's log. What was sent is then
checked by this bench's own rules, not the checker's: every expected fact still there, no number
or date the question's facts do not hold, and a restricted product never answered with a yes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import statistics
import time
from random import Random
from typing import Any

from api.assistant import answer
from api.db import api_session
from bench.assistant_questions import Question
from borderless.settings import Settings
from graph.session import open_async_driver
from language.llm import language_model

_NUMBER = re.compile(r"\d+(?:[.:\-]\d+)*")
YES_WORDS = ("yes", "ja", "sí", "oui", "sim", "可以", "はい")


class _Refusals(logging.Handler):
    """Collects the assistant's "phrasing refused (why)" log lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "phrasing refused" in message:
            self.reasons.append(message.split("refused (", 1)[-1].rsplit(")", 1)[0])


def sample(questions: list[Question], n: int, seed: int) -> list[Question]:
    """``n`` questions, round-robin over the languages, seeded; handoffs to a person left out
    (their answer is a ticket sentence, nothing to phrase)."""
    rng = Random(seed)
    by_lang: dict[str, list[Question]] = {}
    for q in questions:
        if q.handoff != "human":
            by_lang.setdefault(q.language, []).append(q)
    for pool in by_lang.values():
        rng.shuffle(pool)
    picked: list[Question] = []
    while len(picked) < n and any(by_lang.values()):
        for pool in by_lang.values():
            if pool and len(picked) < n:
                picked.append(pool.pop())
    return picked


def wrong_facts(q: Question, text: str, allowed: set[str]) -> list[str]:
    """What the sent text gets wrong by this bench's rules (empty: nothing)."""
    wrong = [f"missing {f!r}" for f in q.facts if f not in text]
    wrong += [f"invented {n}" for n in _NUMBER.findall(text) if n not in allowed]
    restricted = q.intent == "ships_to" and len(q.facts) == 2 and not _NUMBER.search(q.facts[1])
    lowered = text.casefold()
    if restricted and any(re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", lowered) for w in YES_WORDS):
        wrong.append("a yes where the product is restricted")
    return wrong


async def phrase_with_model(settings: Settings, questions: list[Question], n: int, seed: int,
                            timeout_s: float, numbers: Any) -> dict[str, Any]:
    """Ask ``n`` sampled questions with the local model phrasing; the figures described above.

    Args:
        numbers: the bench's function from texts to the numbers they allow.
    """
    phrased = settings.model_copy(update={"assistant_phrasing": True, "nlq_backend": "local",
                                          "nlq_timeout_s": timeout_s})
    start = time.perf_counter()
    model = await asyncio.to_thread(language_model, phrased)  # loaded once, not timed per answer
    load_s = time.perf_counter() - start
    refusals = _Refusals()
    logger = logging.getLogger("api.assistant")
    logger.addHandler(refusals)
    logger.setLevel(logging.INFO)
    driver = open_async_driver(phrased, connect_timeout_s=10, retry_time_s=5)
    session = api_session(driver, phrased, on_round_trip=lambda _name: None)
    rows: list[dict[str, Any]] = []
    try:
        for q in sample(questions, n, seed):
            before = len(refusals.reasons)
            start = time.perf_counter()
            said = await answer(session, phrased, None, q.text, q.language, q.shopper_id)
            elapsed_ms = (time.perf_counter() - start) * 1000
            allowed = numbers([*q.allowed, q.text, *said.citations, said.ticket_id or ""])
            rows.append({"language": q.language, "intent": q.intent, "ms": elapsed_ms,
                         "accepted": said.phrased_by is not None, "question": q.text,
                         "sent": said.text, "refused": refusals.reasons[before:],
                         "conversation": said.conversation_id,
                         "wrong": wrong_facts(q, said.text, allowed) if said.phrased_by else []})
    finally:
        await driver.close()
        logger.removeHandler(refusals)
    ms = sorted(r["ms"] for r in rows) or [0.0]
    accepted = [r for r in rows if r["accepted"]]
    return {"model": getattr(model, "model_id", None), "load_s": round(load_s, 1),
            "questions": len(rows), "accepted": len(accepted),
            "accepted_share": round(len(accepted) / max(1, len(rows)), 3),
            "replaced_by_template": len(rows) - len(accepted),
            "accepted_with_wrong_fact": sum(any(not w.startswith("missing") for w in r["wrong"])
                                            for r in accepted),
            "accepted_missing_a_fact": sum(any(w.startswith("missing") for w in r["wrong"])
                                           for r in accepted),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
            "languages": sorted({r["language"] for r in rows}), "answers": rows}
