"""The assistant's intent classifier: a softmax head on the multilingual embedder.

Trained the way review sentiment is (:mod:`language.sentiment`): the embedder turns each labelled
question of ``intent_questions.json`` (seven languages; slot placeholders filled with varied
values) into a unit vector, and a softmax regression learns the intents from them. The
benchmark's questions (``bench/assistant.py``) are a separate set, never trained on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random

import numpy as np

from language.embedders import TextEmbedder
from language.sentiment import _softmax

QUESTIONS_FILE = Path(__file__).with_name("intent_questions.json")
# Slot fillers: varied enough that the head learns the question, not the product or country.
_FILL = {
    "order": ["o-1042", "demo-order-7-3", "A-99812", "ord:2026:55"],
    "product": ["this jacket", "the running shoes", "it", "demo-product-12", "the kettle",
                "these headphones"],
    "country": ["Austria", "Brazil", "Japan", "Canada", "Spain", "Germany", "France", "China"],
}


def training_questions(seed: int = 0) -> list[tuple[str, str]]:
    """(question, intent) pairs from the training file, placeholders filled."""
    data = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    rng = Random(seed)
    pairs = []
    for intent, by_lang in data.items():
        if intent.startswith("_"):
            continue
        for questions in by_lang.values():
            for question in questions:
                pairs.append((question.format(**{k: rng.choice(v) for k, v in _FILL.items()}),
                              intent))
    return pairs


@dataclass
class IntentClassifier:
    """Softmax regression on unit embeddings; ``weights`` is (dim + 1, len(labels))."""

    labels: tuple[str, ...]
    weights: np.ndarray

    @classmethod
    def fit(cls, vectors: np.ndarray, labels: Sequence[str], *, epochs: int = 400,
            learning_rate: float = 2.0, l2: float = 1e-3, seed: int = 0) -> IntentClassifier:
        """Train on embedded questions and their intents (full-batch gradient descent)."""
        names = tuple(sorted(set(labels)))
        x = np.hstack([vectors, np.ones((len(vectors), 1), dtype=np.float32)])
        onehot = np.eye(len(names), dtype=np.float32)[[names.index(label) for label in labels]]
        w = np.random.default_rng(seed).normal(0, 0.01, (x.shape[1], len(names))).astype(np.float32)
        for _ in range(epochs):
            p = _softmax(x @ w)
            w -= learning_rate * (x.T @ (p - onehot) / len(x) + l2 * w)
        return cls(names, w)

    def predict(self, vectors: np.ndarray) -> list[tuple[str, float]]:
        """(likeliest intent, its probability) per row."""
        x = np.hstack([vectors, np.ones((len(vectors), 1), dtype=np.float32)])
        p = _softmax(x @ self.weights)
        return [(self.labels[int(row.argmax())], float(row.max())) for row in p]


def train_intents(embedder: TextEmbedder, seed: int = 0) -> IntentClassifier:
    """A classifier trained on every training question, embedded as queries."""
    pairs = training_questions(seed)
    return IntentClassifier.fit(embedder.query([q for q, _ in pairs]), [i for _, i in pairs])
