"""The learning-curve PNG written after each training run: loss and Recall@K per epoch.

Epochs, not seconds, are on the x axis: on a busy shared machine wall-clock time stretches and
shrinks with the neighbours' load, which would bend the picture. The right panel draws the
held-out metric and the validation metric the epoch was chosen by, a vertical line at the kept
epoch, and the popularity ranking's score as the floor a useful model must clear.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def plot_learning_curve(histories: dict[str, list[dict[str, Any]]], path: Path,
                        metric: str = "recall@20", chosen_epoch: float | None = None,
                        baseline: float | None = None) -> Path:
    """Draw loss and ``metric`` (and ``val_<metric>``) per epoch for each named run into ``path``.

    Args:
        histories: run name -> list of ``{"epoch", "loss"?, metric?, "val_"+metric?}`` points.
        path: where the PNG goes (folders are created).
        metric: the evaluation metric to plot on the right.
        chosen_epoch: the epoch whose parameters were kept, marked with a vertical line.
        baseline: the popularity ranking's ``metric``, drawn as a horizontal reference line.
    """
    from matplotlib import pyplot as plt

    fig = draw_learning_curve(histories, metric, chosen_epoch, baseline)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def draw_learning_curve(histories: dict[str, list[dict[str, Any]]], metric: str = "recall@20",
                        chosen_epoch: float | None = None, baseline: float | None = None
                        ) -> Figure:
    """The figure :func:`plot_learning_curve` saves (same arguments, no file)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot
    from matplotlib import pyplot as plt

    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(11, 4))
    val_metric = f"val_{metric}"
    for name, history in histories.items():
        losses = [p for p in history if "loss" in p]
        ax_loss.plot([p["epoch"] for p in losses], [p["loss"] for p in losses], marker=".",
                     label=name)
        for key, style, label in ((metric, "o-", f"{name} held out"),
                                  (val_metric, "s--", f"{name} validation")):
            points = [p for p in history if key in p]
            if points:
                ax_metric.plot([p["epoch"] for p in points], [p[key] for p in points], style,
                               label=label)
    measured = any(key in p for history in histories.values() for p in history
                   for key in (metric, val_metric))
    if not measured:
        ax_metric.text(0.5, 0.5, f"no {metric} measured in this run", ha="center",
                       transform=ax_metric.transAxes)
    if baseline is not None:
        ax_metric.axhline(baseline, color="grey", linestyle=":",
                          label=f"popularity {baseline:.4f}")
    if chosen_epoch is not None:
        for ax in (ax_loss, ax_metric):
            ax.axvline(chosen_epoch, color="green", linestyle="-.", alpha=0.7,
                       label=f"kept epoch {chosen_epoch:g}")
    ax_loss.set(xlabel="epoch", ylabel="loss", title="training loss")
    ax_metric.set(xlabel="epoch", ylabel=metric, title=metric)
    for ax in (ax_loss, ax_metric):
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
