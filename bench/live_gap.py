"""Why the online lift of the A/B (``bench/live.py --scenario ab``) is not the offline Recall lift.

Reads ``bench/live.py --json`` output and the model's offline figures (``borderless train
--json``: ``recall@20`` and ``popularity_recall@20``) and lays the model's lift over popularity
side by side, from the offline measure to the online one, one difference at a time:

1. offline Recall@20 on the held-out slice (what training reports);
2. expected Recall@10 of the lists really served: the sum of the world's next-interaction
   probability over each list (``bench/live_clicks.py``), no sampling noise;
3. expected clicks under the ``world`` click model: the same sum, weighted by position bias;
4. expected clicks under the old ``cubed`` model (``affinity^3``);
5. the expected click *conversion* under ``world``: the chance a shopper clicks at all, the unit
   metric gbstats analyses (several clicks of one shopper count once);
6. the observed click conversion per shopper (sampled; gbstats' interval).

Prints the table and writes a bar chart. Usage::

    python bench/live_gap.py AB.json TRAIN.json --out bench/live_gap.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def lifts(ab: dict, train: dict) -> list[tuple[str, float, tuple[float, float] | None]]:
    """(label, lift, interval or None) per step, model over popularity."""
    metrics = train["metrics"]
    expected = ab["expected"]["model_lift"]
    click = next(m for m in ab["final"]["variants"][1]["metrics"] if m["metric"] == "click")
    return [
        ("offline Recall@20\n(held-out slice)", metrics["recall@20"] / metrics["popularity_recall@20"] - 1,
         None),
        ("expected Recall@10\n(served lists)", expected["recall"], None),
        ("expected clicks, world\n(+ position bias)", expected["clicks_world"], None),
        ("expected clicks, cubed\n(old simulator)", expected["clicks_cubed"], None),
        ("expected conversion, world\n(any click per shopper)", expected["conversion_world"], None),
        ("observed click conversion\n(sampled, 95% interval)", click["lift"],
         (click["lift_low"], click["lift_high"])),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ab", type=Path)
    parser.add_argument("train", type=Path)
    parser.add_argument("--out", type=Path, default=Path("live_gap.png"))
    args = parser.parse_args()
    ab = json.loads(args.ab.read_text())["ab"]
    rows = lifts(ab, json.loads(args.train.read_text()))
    for label, lift, interval in rows:
        shown = f" [{interval[0]:+.0%}, {interval[1]:+.0%}]" if interval else ""
        print(f"{label.replace(chr(10), ' '):60} {lift:+.0%}{shown}")
    fig, ax = plt.subplots(figsize=(10.5, 4.4))
    labels = [r[0] for r in rows]
    values = [100 * r[1] for r in rows]
    bars = ax.bar(labels, values, color=["#777", "#4a7", "#4a7", "#c74", "#4a7", "#47c"])
    for bar, (_, _, interval) in zip(bars, rows, strict=True):
        if interval:
            x = bar.get_x() + bar.get_width() / 2
            ax.errorbar(x, bar.get_height(), yerr=[[bar.get_height() - 100 * interval[0]],
                                                   [100 * interval[1] - bar.get_height()]],
                        color="black", capsize=4)
        ax.annotate(f"{bar.get_height():+.0f}%", (bar.get_x() + bar.get_width() / 2, 0),
                    xytext=(0, 4), textcoords="offset points", ha="center", color="white")
    ax.set_ylabel("model's lift over popularity (%)")
    ax.set_title("The graph model vs popularity: from offline Recall to online clicks")
    ax.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
