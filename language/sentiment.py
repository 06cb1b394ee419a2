"""Review sentiment in any language: a multilingual embedder plus a small softmax classifier.

No sentiment model ships on PyPI, so the classifier is trained here, in numpy, on embeddings of
label prototypes (``sentiment_prototypes.json``, seven languages) and, when given, of star-rated
reviews (1-2 stars negative, 3 neutral, 4-5 positive). Its score is P(positive) - P(negative), in
-1..1; its label is the likeliest class.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from language.embedders import TextEmbedder

LABELS = ("negative", "neutral", "positive")
PROTOTYPES_FILE = Path(__file__).with_name("sentiment_prototypes.json")


def label_of_rating(rating: int) -> str:
    """The sentiment a star rating stands for."""
    return "negative" if rating <= 2 else "neutral" if rating == 3 else "positive"


def prototypes() -> list[tuple[str, str]]:
    """(text, label) pairs from the prototype file, every language."""
    data = json.loads(PROTOTYPES_FILE.read_text(encoding="utf-8"))
    return [(text, label) for label in LABELS for texts in data[label].values() for text in texts]


@dataclass
class SentimentClassifier:
    """Softmax regression on unit embeddings; ``weights`` is (dim + 1, 3)."""

    weights: np.ndarray

    @classmethod
    def fit(cls, vectors: np.ndarray, labels: Sequence[str], *, epochs: int = 300,
            learning_rate: float = 2.0, l2: float = 1e-3, seed: int = 0) -> SentimentClassifier:
        """Train on embedded texts and their labels (full-batch gradient descent, balanced)."""
        x = np.hstack([vectors, np.ones((len(vectors), 1), dtype=np.float32)])
        y = np.array([LABELS.index(label) for label in labels])
        onehot = np.eye(len(LABELS), dtype=np.float32)[y]
        counts = onehot.sum(0)
        # Balance the classes: star ratings are mostly 4-5 and would drown the rest.
        sample_weight = (1.0 / np.maximum(counts, 1))[y] * len(y) / len(LABELS)
        w = np.random.default_rng(seed).normal(0, 0.01, (x.shape[1], len(LABELS))).astype(np.float32)
        for _ in range(epochs):
            p = _softmax(x @ w)
            grad = x.T @ ((p - onehot) * sample_weight[:, None]) / len(y) + l2 * w
            w -= learning_rate * grad
        return cls(weights=w)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        x = np.hstack([vectors, np.ones((len(vectors), 1), dtype=np.float32)])
        return _softmax(x @ self.weights)

    def score(self, vectors: np.ndarray) -> list[tuple[float, str]]:
        """(sentiment in -1..1, label) per row."""
        p = self.probabilities(vectors)
        return [(float(row[2] - row[0]), LABELS[int(row.argmax())]) for row in p]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z * 10.0)  # unit vectors give small logits; a fixed temperature sharpens them
    return e / e.sum(axis=1, keepdims=True)


def train_classifier(embedder: TextEmbedder, rated: Sequence[tuple[str, int]] = (),
                     rated_vectors: np.ndarray | None = None) -> SentimentClassifier:
    """A classifier from the prototypes plus ``(text, stars)`` reviews, embedded as passages.

    ``rated_vectors`` are the reviews' embeddings when the caller has them already.
    """
    examples = prototypes()
    vectors = embedder.passage([text for text, _ in examples])
    labels = [label for _, label in examples] + [label_of_rating(stars) for _, stars in rated]
    if rated:
        if rated_vectors is None:
            rated_vectors = embedder.passage([text for text, _ in rated])
        vectors = np.vstack([vectors, rated_vectors])
    return SentimentClassifier.fit(vectors, labels)
