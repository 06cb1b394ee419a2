"""Model versions in the graph, and swapping the served embeddings atomically.

A run records a ``ModelVersion`` node, then *stages* its vectors on each node
(``embedding_staged`` + ``embedding_staged_version``) in ordinary batches; readers never look at
staged properties. Activation is one write transaction that flips the version's ``active`` flag and
copies every staged vector of that version into ``embedding`` (the property the vector indexes and
the serving queries use), clearing vectors of any other version. A reader's transaction therefore
sees either the old version everywhere or the new one everywhere. A crash while staging leaves only
staged properties and a ``staged`` version behind, which the next run marks ``abandoned``.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterator
from datetime import datetime, UTC
from typing import Any

import torch
from neo4j import Driver
from tqdm import tqdm

from borderless.errors import ModelError
from borderless.settings import Settings
from gnn.data import IdMap
from gnn.graph_reader import pages
from graph.driver import (
    NamedTransaction, in_write_transaction, read, write, write_batches, write_returning,
)

log = logging.getLogger(__name__)

# Served label -> (staging statement, activation statement, keyset page of served vectors).
LABELS = {
    "Product": ("writes/gnn_stage_product_embeddings", "writes/gnn_activate_product_embeddings",
                "queries/gnn_product_embeddings_page"),
    "Shopper": ("writes/gnn_stage_shopper_embeddings", "writes/gnn_activate_shopper_embeddings",
                "queries/gnn_shopper_embeddings_page"),
}


def new_version_id(now: datetime | None = None) -> str:
    """A sortable, unique version id such as ``mv-20261128T201500-3fa2c1``."""
    now = now or datetime.now(UTC)
    return f"mv-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def record_version(driver: Driver, settings: Settings, version: str, *, status: str,
                   metrics: dict[str, Any], snapshot: dict[str, int], dim: int,
                   checkpoint: str | None = None, note: str = "",
                   trained_until_ms: float | None = None) -> None:
    """Create or update the ``ModelVersion`` node of ``version`` (never activates it)."""
    write(driver, "writes/gnn_create_model_version", settings.neo4j_database, version=version,
          created_at=datetime.now(UTC).isoformat(), metrics=json.dumps(metrics),
          status=status, dim=dim, checkpoint=checkpoint,
          snapshot={"shoppers": 0, "products": 0, "interactions": 0, "train_edges": 0,
                    "test_edges": 0, **snapshot}, note=note, trained_until_ms=trained_until_ms)


def abandon_staged(driver: Driver, settings: Settings, keep: str = "") -> list[str]:
    """Mark versions a crashed run left ``staged`` as ``abandoned``; return their ids."""
    rows = write_returning(driver, "writes/gnn_abandon_staged_versions", settings.neo4j_database,
                           version=keep)
    return [r["id"] for r in rows]


def stage_embeddings(driver: Driver, settings: Settings, version: str, label: str, ids: IdMap,
                     vectors: torch.Tensor, progress: bool = True) -> int:
    """Write ``vectors[i]`` as the staged vector of node ``ids.ids[i]``; return rows written."""
    if vectors.size(0) != len(ids):
        raise ModelError(f"{label}: {vectors.size(0)} vectors for {len(ids)} ids")
    rows = ({"id": node_id, "vector": vector}
            for node_id, vector in zip(ids.ids, vectors.float().tolist(), strict=True))
    written = 0
    with tqdm(total=len(ids), desc=f"stage {label}", unit="node", disable=not progress) as bar:
        for n in write_batches(driver, LABELS[label][0], settings.neo4j_database, rows,
                               settings.batch_size, version=version):
            written += n
            bar.update(n)
    return written


def activate(driver: Driver, settings: Settings, version: str, id_prefix: str = "") -> None:
    """Serve ``version``: flag flip and vector copy in one write transaction.

    Only nodes whose id starts with ``id_prefix`` have their vectors swapped (all by default).

    Raises:
        ModelError: ``version`` is not a staged version (nothing is changed then).
    """
    def work(tx: NamedTransaction) -> bool:
        if not tx.run("writes/gnn_activate_version", version=version):
            return False
        for label in LABELS:
            tx.run(LABELS[label][1], version=version, prefix=id_prefix)
        return True

    done = in_write_transaction(driver, settings.neo4j_database, work, f"activating {version}")
    if not done:
        raise ModelError(f"{version} is not a staged model version; nothing activated")
    log.info("activated model version %s", version)


def served_vectors(driver: Driver, settings: Settings, label: str, ids: IdMap, dim: int
                   ) -> tuple[torch.Tensor, str | None]:
    """The vectors readers see now for ``ids`` (zero rows where a node has none).

    Returns the ``[len(ids), dim]`` tensor and the version they belong to (``None`` if none).
    """
    out = torch.zeros(len(ids), dim)
    version = None
    for row in _served_rows(driver, settings, label):
        index = ids.index.get(row["id"])
        if index is not None and len(row["vector"]) == dim:
            out[index] = torch.tensor(row["vector"])
            version = row["version"]
    return out, version


def _served_rows(driver: Driver, settings: Settings, label: str) -> Iterator[dict[str, Any]]:
    return pages(driver, settings, LABELS[label][2], "id", "")


def model_versions(driver: Driver, settings: Settings) -> list[dict[str, Any]]:
    """Every version, newest first (id, status, active, created_at, metrics, checkpoint)."""
    return read(driver, "queries/gnn_model_versions", settings.neo4j_database)
