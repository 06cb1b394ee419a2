"""Choosing where to train, and making runs repeatable."""

from __future__ import annotations

import random

import numpy as np
import torch


def pick_device(name: str | None = None) -> torch.device:
    """``name`` if given (``cpu``, ``cuda``, ``cuda:1``), else CUDA when present, else CPU.

    TF32 is switched on for CUDA matrix products: the scores are cosines compared by rank, where
    TF32's 10-bit mantissa changes nothing measurable and the dense products run several times faster.
    """
    device = torch.device(name) if name else torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    return device


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (all devices) so a run can be repeated."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def synchronize(device: torch.device) -> None:
    """Wait for queued device work, so wall-clock timings are honest on CUDA."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
