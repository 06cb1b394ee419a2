"""The assistant's intent classifier: a softmax head on the multilingual embedder.

Trained the way review sentiment is (:mod:`language.sentiment`): the embedder turns each labelled
question of ``intent_questions.json`` (seven languages; slot placeholders filled with varied
values) into a unit vector, and a softmax regression learns the intents from them. The
benchmark's questions (``bench/assistant.py``) are a separate set, never trained on.

A ninth class, :data:`OUT_OF_SCOPE`, is learnt from messages the shop holds no facts for (the
file's ``_out_of_scope`` list: greetings, weather, general knowledge) and from generated strings of
random characters. Without it a softmax must put every message somewhere: "blorp" and "who won
the match?" landed in ``product_question`` with probability 0.47 and 0.72, and the shopper was
asked which product they meant.
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
OUT_OF_SCOPE = "out_of_scope"
# Generated nonsense per script: Latin letters and digits, Han, kana (how typos and
# keyboard-mashing look in the seven languages).
_ALPHABETS = ("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789!?#",
              "的一是不了人我在有他这中大来上个们到说", "あいうえおかきくけこさしすせそアイウエオカキクケコ")
# Slot fillers: varied enough that the head learns the question, not the product or country.
_FILL = {
    "order": ["o-1042", "demo-order-7-3", "A-99812", "ord:2026:55"],
    "product": ["this jacket", "the running shoes", "it", "demo-product-12", "the kettle",
                "these headphones"],
    "country": ["Austria", "Brazil", "Japan", "Canada", "Spain", "Germany", "France", "China"],
}


def gibberish(count: int, seed: int = 0) -> list[str]:
    """``count`` strings of random characters, one to three "words", seeded."""
    rng = Random(seed)
    out = []
    for _ in range(count):
        alphabet = rng.choice(_ALPHABETS)
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 9)))
                 for _ in range(rng.randint(1, 3))]
        out.append((" " if alphabet.isascii() else "").join(words) + rng.choice(("", "?", "!")))
    return out


def out_of_scope_questions(seed: int = 0) -> list[str]:
    """Messages of the out-of-scope class: the file's ``_out_of_scope`` ones and gibberish."""
    data = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    written = [q for questions in data["_out_of_scope"].values() for q in questions]
    return written + gibberish(len(written) // 2, seed)


def training_questions(seed: int = 0) -> list[tuple[str, str]]:
    """(question, intent) pairs from the training file, placeholders filled (the eight intents;
    the out-of-scope class is :func:`out_of_scope_questions`)."""
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
    """A classifier trained on every training question, embedded as queries, and on the
    out-of-scope class (predicting :data:`OUT_OF_SCOPE` means no intent)."""
    pairs = training_questions(seed) + [(q, OUT_OF_SCOPE) for q in out_of_scope_questions(seed)]
    return IntentClassifier.fit(embedder.query([q for q, _ in pairs]), [i for _, i in pairs])
