"""The trained intent classifier, for messages no cue word places ("I'd like my money back").

Built once per process on first need (embedding the training questions takes seconds), in a
worker thread so the event loop never waits on it. A prediction below ``MIN_PROBABILITY`` is no
prediction: "thanks!" or "blorp" scored at most 0.39 on the training head, real paraphrases 0.41
and up, so the message goes to a person instead of being guessed at.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from borderless.errors import BorderlessError
from borderless.settings import Settings
from language.embedders import get_embedder
from language.intents import IntentClassifier, train_intents

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


async def classify(settings: Settings, text: str) -> str | None:
    """The classifier's intent for ``text`` if it is confident enough, else None.

    An embedder that cannot load (a missing model folder) means no prediction, logged once per
    message: the cue words and a person still answer.
    """
    if not settings.assistant_classifier:
        return None
    try:
        intent, probability = await asyncio.to_thread(_classify, settings, text)
    except (BorderlessError, OSError) as e:
        log.warning("assistant: intent classifier unavailable: %s", e)
        return None
    return intent if probability >= MIN_PROBABILITY else None
