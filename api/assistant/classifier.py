"""The trained intent classifier, for messages no cue word places ("I'd like my money back").

Built once per process on first need (embedding the training questions takes seconds), in a
worker thread so the event loop never waits on it. A prediction of the out-of-scope class
(:data:`language.intents.OUT_OF_SCOPE`: greetings, weather, random characters) or below
``MIN_PROBABILITY`` is no prediction, so the message goes to a person instead of being guessed at.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from borderless.errors import BorderlessError
from borderless.settings import Settings
from language.embedders import get_embedder
from language.intents import OUT_OF_SCOPE, IntentClassifier, train_intents

log = logging.getLogger(__name__)

MIN_PROBABILITY = 0.4
_LOCK = threading.Lock()
_TRAINED: dict[tuple[str, str | None], IntentClassifier] = {}


def _classify(settings: Settings, text: str) -> tuple[str, float]:
    embedder = get_embedder(settings)
    key = (settings.text_embedder, str(settings.text_embedder_path))
    with _LOCK:
        if key not in _TRAINED:
            _TRAINED[key] = train_intents(embedder)
    return _TRAINED[key].predict(embedder.query([text]))[0]


async def judge(settings: Settings, text: str) -> tuple[str, float] | None:
    """The classifier's likeliest class for ``text`` (an intent or ``OUT_OF_SCOPE``) and its
    probability; None when the classifier is off or cannot run.

    An embedder that cannot load (a missing model folder) means no verdict, logged once per
    message: the cue words and a person still answer.
    """
    if not settings.assistant_classifier:
        return None
    try:
        return await asyncio.to_thread(_classify, settings, text)
    except (BorderlessError, OSError) as e:
        log.warning("assistant: intent classifier unavailable: %s", e)
        return None


def confident(verdict: tuple[str, float]) -> str | None:
    """The verdict's intent if it is one (not out of scope) and likely enough, else None."""
    intent, probability = verdict
    return intent if intent != OUT_OF_SCOPE and probability >= MIN_PROBABILITY else None


async def classify(settings: Settings, text: str) -> str | None:
    """The classifier's intent for ``text`` if it names one confidently, else None."""
    verdict = await judge(settings, text)
    return confident(verdict) if verdict else None
