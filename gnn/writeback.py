"""Model versions in the graph, one active per shop, and swapping the served embeddings.

A shop is an id prefix (``BORDERLESS_GNN_ID_PREFIX``; ``''`` is the whole graph): its shoppers and
products are the nodes whose id starts with it. Each ``ModelVersion`` carries its ``shop``, and
one version per shop is active; a node belongs to the active shop with the longest prefix of its
id, so shops kept apart by prefix (``borderless load demo --prefix``) never touch each other.

A run records a ``ModelVersion`` node, then *stages* its vectors on each node
(``embedding_staged`` + ``embedding_staged_version``) in ordinary batches; readers never look at
staged properties. Activation is one write transaction that flips the ``active`` flags of the
version's shop and copies every staged vector of that version into ``embedding`` (the property the
vector indexes and the serving queries use), tagged ``embedding_version``, clearing vectors of any
other version in that shop. A crash while staging leaves only staged properties and a ``staged``
version behind, which the shop's next run marks ``abandoned``.

The vectors an activation replaces stay one activation longer as ``embedding_previous`` (tagged
``embedding_previous_version``), as do the retired version's country tastes, so a reader that
picked the retired version just before the swap committed still finds all of that version's
vectors. The price is one more vector per node between activations.

What readers can rely on: Neo4j reads are read-committed, so a reader making several reads may
see one version in its first read and the next version in a later one. The serving statements
(``recommendations_for_shopper``, ``similar_products``) therefore read the shop's active version
*and* use only vectors tagged with that version, in one statement, and return the version's id
with every row: the version an answer names is, by construction, the version of every vector it
used. A swap committing in the middle of such a statement neither mixes versions nor drops
rows: a vector already replaced is read from ``embedding_previous`` (``similar_products`` still
skips neighbours the vector index found by their new vectors). Two swaps inside one statement
would drop rows, never mix them. The one window left is inside a single node: Neo4j has
no statement snapshot, so a commit landing between the reads of one node's tag and its vector
(written together, read microseconds apart) could pair them wrongly; no test has seen it.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
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
                   trained_until_ms: float | None = None, shop: str = "",
                   model: str | None = None) -> None:
    """Create or update the ``ModelVersion`` node of ``version`` (never activates it).

    ``shop`` is the id prefix of the shoppers and products it was trained on (``''``: all);
    ``model`` which model made it (``BORDERLESS_GNN_MODEL``'s value, e.g. ``kg_content``).
    """
    write(driver, "writes/gnn_create_model_version", settings.neo4j_database, version=version,
          shop=shop,
          created_at=datetime.now(UTC).isoformat(), metrics=json.dumps(metrics),
          status=status, dim=dim, checkpoint=checkpoint, model=model,
          snapshot={"shoppers": 0, "products": 0, "interactions": 0, "train_edges": 0,
                    "test_edges": 0, **snapshot}, note=note, trained_until_ms=trained_until_ms)


def abandon_staged(driver: Driver, settings: Settings, keep: str = "", shop: str = ""
                   ) -> list[str]:
    """Mark versions of ``shop`` a crashed run left ``staged`` as ``abandoned``; return their ids."""
    rows = write_returning(driver, "writes/gnn_abandon_staged_versions", settings.neo4j_database,
                           version=keep, shop=shop)
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


def stage_country_tastes(driver: Driver, settings: Settings, version: str,
                         tastes: dict[str, list[float]]) -> None:
    """Store ``version``'s taste per country (:mod:`gnn.cold_start`) on its ``ModelVersion``."""
    if tastes:
        write(driver, "writes/gnn_stage_country_tastes", settings.neo4j_database, version=version,
              rows=[{"country": code, "vector": vector} for code, vector in tastes.items()])


def activate(driver: Driver, settings: Settings, version: str) -> None:
    """Serve ``version`` in its shop: flag flip and vector copy in one write transaction.

    Only the version's shop changes: its previous active version is retired and the vectors of
    its nodes (ids starting with the shop's prefix, less any narrower shop with its own active
    version) are swapped. Other shops keep their active version and their vectors.

    Raises:
        ModelError: ``version`` is not a staged version (nothing is changed then).
    """
    def work(tx: NamedTransaction) -> bool:
        flipped = tx.run("writes/gnn_activate_version", version=version)
        if not flipped:
            return False
        for label in LABELS:
            tx.run(LABELS[label][1], version=version, shop=flipped[0]["shop"])
        tx.run("writes/gnn_drop_retired_country_tastes", version=version, shop=flipped[0]["shop"],
               retired=flipped[0]["retired"])
        return True

    done = in_write_transaction(driver, settings.neo4j_database, work, f"activating {version}")
    if not done:
        raise ModelError(f"{version} is not a staged model version; nothing activated")
    log.info("activated model version %s", version)


def served_vectors(driver: Driver, settings: Settings, label: str, ids: IdMap, dim: int,
                   version: str) -> tuple[torch.Tensor, str | None]:
    """The vectors of ``version`` readers see now for ``ids`` (zero rows where a node has none).

    Returns the ``[len(ids), dim]`` tensor and ``version`` (``None`` if no node has its vectors).
    """
    out = torch.zeros(len(ids), dim)
    found = None
    for row in _served_rows(driver, settings, label, version):
        index = ids.index.get(row["id"])
        if index is not None and len(row["vector"]) == dim:
            out[index] = torch.tensor(row["vector"])
            found = row["version"]
    return out, found


def _served_rows(driver: Driver, settings: Settings, label: str, version: str
                 ) -> Iterator[dict[str, Any]]:
    return pages(driver, settings, LABELS[label][2], "id", "", version=version)


def active_version(driver: Driver, settings: Settings, shop: str = "") -> dict[str, Any] | None:
    """The active version of ``shop`` (id, checkpoint, trained_until_ms), or ``None``."""
    rows = read(driver, "queries/gnn_active_checkpoint", settings.neo4j_database, shop=shop)
    return rows[0] if rows else None


def model_versions(driver: Driver, settings: Settings) -> list[dict[str, Any]]:
    """Every version, newest first (id, shop, status, active, created_at, metrics, checkpoint,
    model: ``BORDERLESS_GNN_MODEL``'s value it was trained with, ``None`` before it was recorded)."""
    return read(driver, "queries/gnn_model_versions", settings.neo4j_database)
