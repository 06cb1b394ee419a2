"""The Gowalla LightGCN split as :class:`~gnn.data.Interactions`, straight from its zip.

Parsing lives with the loader (``loaders.gowalla``); indexes in the files are already dense
(0..n-1) and are used as they are, so results compare with the published table.
"""

from __future__ import annotations

from pathlib import Path

import torch

from borderless.errors import LoadError
from gnn.data import Interactions
from loaders.gowalla import read_split


def edges_of(pairs: list[tuple[int, list[int]]]) -> torch.Tensor:
    """``[2, E]`` (user, item) edges from ``(user, items)`` lines."""
    users = [u for u, items in pairs for _ in items]
    items = [i for _, its in pairs for i in its]
    return torch.tensor([users, items], dtype=torch.long).reshape(2, -1)


def read_gowalla_zip(path: Path) -> Interactions:
    """The split in ``path`` as interactions (indexes as in the files).

    Raises:
        LoadError: the file is missing, not a zip, lacks ``train.txt``/``test.txt`` or has a bad line.
    """
    split = read_split(path)
    train, test = edges_of(split.lines["train"]), edges_of(split.lines["test"])
    both = torch.cat([train, test], dim=1)
    if both.numel() == 0:
        raise LoadError(f"{path}: no interactions")
    return Interactions(num_users=int(both[0].max()) + 1, num_items=int(both[1].max()) + 1,
                        train=train, test=test)
