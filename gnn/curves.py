"""The learning-curve PNG written after each training run: loss and Recall@K against time."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_learning_curve(histories: dict[str, list[dict[str, Any]]], path: Path,
                        metric: str = "recall@20") -> Path:
    """Draw loss and ``metric`` per training second for each named run into ``path``.

    Args:
        histories: run name -> list of ``{"train_s", "loss", metric?}`` points.
        path: where the PNG goes (folders are created).
        metric: the evaluation metric to plot on the right.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot
    from matplotlib import pyplot as plt

    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(11, 4))
    for name, history in histories.items():
        losses = [p for p in history if "loss" in p]
        ax_loss.plot([p["train_s"] for p in losses], [p["loss"] for p in losses], marker=".",
                     label=name)
        points = [p for p in history if metric in p]
        ax_metric.plot([p["train_s"] for p in points], [p[metric] for p in points], marker="o",
                       label=name)
    if not any(metric in p for history in histories.values() for p in history):
        ax_metric.text(0.5, 0.5, f"no {metric} measured in this run", ha="center",
                       transform=ax_metric.transAxes)
    ax_loss.set(xlabel="training seconds", ylabel="loss", title="training loss")
    ax_metric.set(xlabel="training seconds", ylabel=metric, title=metric)
    for ax in (ax_loss, ax_metric):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
