"""Review sentiment per aspect of a product ("is it comfortable?", "does it run small?").

The question names an aspect by one of its words (``aspect_words.json``, seven languages). The
product's reviews that mention that aspect, in any language, are the evidence: the sentence of
each that names it is scored by the review-sentiment classifier on the multilingual embedder
(:mod:`language.sentiment`, trained on its labelled prototypes), and the answer counts positive,
neutral and negative mentions and cites the reviews. No review mentioning the aspect: the answer
says so and claims nothing about it.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from api.nlq.lexicon import fold, normalise
from borderless.settings import Settings
from language.embedders import get_embedder
from language.sentiment import SentimentClassifier, train_classifier

ASPECT_WORDS_FILE = Path(__file__).with_name("aspect_words.json")
MAX_REVIEWS = 500  # the newest reviews read per question; a product's count is stated beside
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]*")
_LOCK = threading.Lock()
_CLASSIFIERS: dict[tuple[str, str], SentimentClassifier] = {}


@dataclass
class AspectMentions:
    """How the product's reviews speak of one aspect: counts per label and the reviews' ids."""

    aspect: str
    positive: int
    neutral: int
    negative: int
    review_ids: list[str]

    @property
    def count(self) -> int:
        return self.positive + self.neutral + self.negative


@cache
def aspect_table() -> dict[str, dict[str, dict[str, Any]]]:
    """aspect -> {"name": {lang: name}, "words": {lang: [word, ...]}}."""
    data = json.loads(ASPECT_WORDS_FILE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


def _key(text: str) -> str:
    return fold(normalise(text))


def _mentions(aspect: str, text: str) -> bool:
    """Whether the folded ``text`` holds a word of ``aspect`` in any language."""
    for words in aspect_table()[aspect]["words"].values():
        for written in words:
            word = _key(written)
            if word in text if _CJK.search(word) else re.search(rf"(?<![^\W_]){re.escape(word)}", text):
                return True
    return False


def aspects_asked(message: str) -> list[str]:
    """The aspects a shopper's message names, in the table's order."""
    text = _key(message)
    return [aspect for aspect in aspect_table() if _mentions(aspect, text)]


def aspect_name(aspect: str, lang: str) -> str:
    return str(aspect_table()[aspect]["name"][lang])


def _sentences_about(aspect: str, review: str) -> str | None:
    """The review's sentences that mention ``aspect`` (what is scored), or None."""
    hits = [s for s in _SENTENCE.findall(review) if _mentions(aspect, _key(s))]
    return " ".join(s.strip() for s in hits) or None


def _classifier(settings: Settings) -> SentimentClassifier:
    key = (settings.text_embedder, str(settings.text_embedder_path))
    with _LOCK:
        if key not in _CLASSIFIERS:
            _CLASSIFIERS[key] = train_classifier(get_embedder(settings))
        return _CLASSIFIERS[key]


def _score(settings: Settings, aspect: str, reviews: list[dict[str, Any]]) -> AspectMentions:
    about = [(r["id"], text) for r in reviews
             if (text := _sentences_about(aspect, r["text"] or "")) is not None]
    counts = {"positive": 0, "neutral": 0, "negative": 0}
    if about:
        vectors = get_embedder(settings).passage([text for _, text in about])
        for _, label in _classifier(settings).score(vectors):
            counts[label] += 1
    return AspectMentions(aspect, counts["positive"], counts["neutral"], counts["negative"],
                          [rid for rid, _ in about])


async def aspect_sentiment(settings: Settings, aspects: list[str],
                           reviews: list[dict[str, Any]]) -> list[AspectMentions]:
    """Per aspect, the sentiment of the reviews (``{id, text}`` rows) that mention it.

    Runs the embedder in a worker thread (it blocks for a moment, longer on first use).
    """
    return [await asyncio.to_thread(_score, settings, aspect, reviews) for aspect in aspects]
