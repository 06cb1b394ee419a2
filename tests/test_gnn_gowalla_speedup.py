"""The Gowalla bench's speed-up: time to a target both curves reach, at the same evaluations."""

from __future__ import annotations

import importlib.util

from borderless.settings import REPO_ROOT

_spec = importlib.util.spec_from_file_location("bench_gowalla", REPO_ROOT / "bench" / "gowalla.py")
assert _spec is not None and _spec.loader is not None
gowalla = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gowalla)


def curve(*points: tuple[float, float]) -> list[dict]:
    """Evaluation points (training seconds, Recall@20), with loss-only epochs between them."""
    out: list[dict] = []
    for epoch, (train_s, recall) in enumerate(points, start=1):
        out.append({"epoch": epoch * 5 - 1, "loss": 1.0, "train_s": train_s - 1})
        out.append({"epoch": epoch * 5, "loss": 1.0, "train_s": train_s, "recall@20": recall})
    return out


def test_speedup_is_time_to_the_best_recall_both_reached():
    ours = curve((10.0, 0.10), (20.0, 0.15), (30.0, 0.17))
    reference = curve((30.0, 0.05), (60.0, 0.12), (90.0, 0.11))
    result = gowalla.speedup(ours, reference, eval_every=5)
    # Target 0.12 (the reference's best); ours first reached it at 20 s, the reference at 60 s,
    # not the reference's whole budget (90 s).
    assert result == {"target_recall@20": 0.12, "eval_every_epochs": 5, "ours_s": 20.0,
                      "baseline_s": 60.0, "ratio": 3.0}
    # When ours is the one that falls short, the target is ours' best, and the ratio < 1.
    slow = gowalla.speedup(curve((50.0, 0.04), (100.0, 0.08)), reference, eval_every=5)
    assert (slow["target_recall@20"], slow["ours_s"], slow["baseline_s"]) == (0.08, 100.0, 60.0)
    assert slow["ratio"] == 0.6


def test_no_evaluation_gives_no_speedup():
    assert gowalla.speedup([{"epoch": 1, "loss": 1.0, "train_s": 3.0}], curve((1.0, 0.1)), 5) == {}
