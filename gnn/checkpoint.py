"""Checkpoints that let an interrupted training run resume where it stopped.

Written to a temporary file and renamed into place, so a crash mid-write leaves the previous
checkpoint intact rather than a truncated one. Read as weights only: tensors, numbers, strings,
lists and dicts, never arbitrary pickled objects, so a planted file cannot run code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from borderless.errors import ModelError


def save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    """Atomically write ``state`` (tensors, numbers, lists) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: Path) -> dict[str, Any] | None:
    """The state saved at ``path``, or ``None`` when there is none.

    Raises:
        ModelError: the file exists but cannot be read as a weights-only checkpoint (corrupt,
            or it pickles objects other than tensors and plain containers).
    """
    if not path.is_file():
        return None
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # torch raises many types for a corrupt or unsafe file
        raise ModelError(f"{path}: cannot read checkpoint as weights only "
                         f"({type(e).__name__}); delete it to start afresh") from e
    if not isinstance(state, dict):
        raise ModelError(f"{path}: a checkpoint holds a dict, this holds {type(state).__name__}")
    return state
