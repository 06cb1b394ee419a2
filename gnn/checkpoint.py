"""Checkpoints that let an interrupted training run resume where it stopped.

Written to a temporary file and renamed into place, so a crash mid-write leaves the previous
checkpoint intact rather than a truncated one.
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
        ModelError: the file exists but cannot be read as a checkpoint.
    """
    if not path.is_file():
        return None
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except Exception as e:  # torch raises many types for a corrupt file
        raise ModelError(f"{path}: cannot read checkpoint ({e}); delete it to start afresh") from e
