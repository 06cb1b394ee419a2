"""Version checkpoints as the graph refers to them: where they may be read from, and erasure.

A ``ModelVersion`` node names its checkpoint, and whoever can write that property chooses what
the refresh job loads. So a checkpoint is loaded only from the models folder (the name is
resolved there, symlinks included, and anything that lands outside is refused) and only as
weights (``torch.load(weights_only=True)`` in :mod:`gnn.checkpoint`): a planted pickle, inside the
folder or out, runs nothing.

A version checkpoint holds the shoppers' ids and their embedding rows; when a shopper is erased
(``deleteShopper``), :func:`forget_shopper` rewrites it without both. A refresh that read its
snapshot before the deletion saves its checkpoint afterwards; it then calls
:func:`drop_deleted_shoppers`, so whichever finishes last, the checkpoint ends without them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from borderless.errors import ModelError
from borderless.settings import Settings
from gnn.settings import GnnSettings
from graph.driver import read

SUFFIX = ".pt"


def models_dir(settings: Settings, gnn: GnnSettings) -> Path:
    """The folder version checkpoints live in (``BORDERLESS_GNN_MODEL_DIR`` or <state>/models)."""
    return gnn.model_dir or settings.state_dir / "models"


def resolve_checkpoint(stored: str, model_dir: Path) -> Path:
    """The checkpoint file a ``ModelVersion.checkpoint`` value names, inside ``model_dir`` only.

    Args:
        stored: the property's value: a file name (what refresh records) or, from older
            versions, an absolute path.
        model_dir: the models folder.

    Raises:
        ModelError: the name resolves outside the models folder, is not a ``.pt`` file, or
            does not exist.
    """
    folder = model_dir.resolve()
    candidate = Path(stored)
    resolved = (candidate if candidate.is_absolute() else folder / candidate).resolve()
    if resolved.parent != folder or resolved.suffix != SUFFIX:
        raise ModelError(f"checkpoint {stored!r} is not a {SUFFIX} file directly in the models "
                         f"folder {folder}; refusing to load it")
    if not resolved.is_file():
        raise ModelError(f"checkpoint {stored!r} does not exist in {folder}")
    return resolved


def forget_shopper(path: Path, shopper_id: str) -> bool:
    """Rewrite the version checkpoint at ``path`` without the shopper's id and embedding row.

    Returns:
        True if the checkpoint held the shopper (and was rewritten), False if it did not.

    Raises:
        ModelError: the file is not a checkpoint we can read as weights, or not a version
            checkpoint (no id list); the caller removes such a file rather than keep the id.
    """
    return bool(_forget(path, lambda ids: {shopper_id} & set(ids)))


def drop_deleted_shoppers(driver: Driver, settings: Settings, path: Path) -> int:
    """Rewrite the checkpoint at ``path`` without the shoppers the graph no longer has.

    Returns:
        How many shoppers were dropped.
    """
    def deleted(ids: list[str]) -> set[str]:
        present: set[str] = set()
        step = max(settings.batch_size, 1)
        for start in range(0, len(ids), step):
            rows = read(driver, "queries/gnn_existing_shoppers", settings.neo4j_database,
                        ids=ids[start:start + step])
            present.update(row["id"] for row in rows)
        return set(ids) - present

    return _forget(path, deleted)


def _forget(path: Path, which: Callable[[list[str]], set[str]]) -> int:
    """Rewrite ``path`` without the shoppers ``which(ids)`` names; how many were removed."""
    # torch only when a checkpoint is touched: the API imports this module for models_dir.
    from gnn.checkpoint import load_checkpoint, save_checkpoint

    state = load_checkpoint(path)
    if state is None:
        return 0  # removed meanwhile
    ids = _user_ids(state, path)
    gone = which(ids)
    if not gone:
        return 0
    keep = [row for row, node_id in enumerate(ids) if node_id not in gone]
    weights = state["model"]["user.weight"]
    # Indexing copies into fresh storage, so the removed rows' bytes are not saved again.
    state["model"]["user.weight"] = weights[keep].clone()
    state["ids"]["user"] = [ids[row] for row in keep]
    save_checkpoint(path, state)
    return len(ids) - len(keep)


def _user_ids(state: Any, path: Path) -> list[str]:
    try:
        ids = state["ids"]["user"]
        rows = state["model"]["user.weight"].size(0)
    except (KeyError, TypeError, AttributeError) as e:
        raise ModelError(f"{path}: not a version checkpoint (no shopper ids)") from e
    if not isinstance(ids, list) or len(ids) != rows:
        raise ModelError(f"{path}: its shopper ids do not match its embedding rows")
    return ids
