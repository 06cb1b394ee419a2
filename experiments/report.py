"""An experiment's report: a PNG with one panel per metric (a line per variant over time) and an
HTML page a catalog manager can open (the PNG embedded, so the page is one self-contained file;
the API serves the same page to staff at ``/experiments/<key>/report``).

Lines are cumulative over time: each point is the metric over every list the variant served
from the start up to that moment, which is what an analysis then would have seen.
"""

from __future__ import annotations

import base64
import html
import io
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from experiments.analysis import Analysis
from experiments.store import Experiment

# Panel title, numerator column, denominator column (impressions, or lists when none recorded).
PANELS = (("click-through rate", "clicks"), ("add-to-cart per impression", "carts"),
          ("purchases per impression", "purchases"), ("revenue per impression (base currency)", "revenue"))


def cumulative_series(rows: list[dict[str, Any]], points: int = 200,
                      ) -> dict[str, list[tuple[datetime, dict[str, float]]]]:
    """Per variant, in serving order: the running totals of impressions and outcomes after each
    served list (at most ``points`` of them, evenly spaced, the last always kept)."""
    by_variant: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_variant[str(row["variant"])].append(row)
    out: dict[str, list[tuple[datetime, dict[str, float]]]] = {}
    for variant, members in by_variant.items():
        members.sort(key=lambda r: str(r["at"]))
        step = max(1, len(members) // points)
        running: dict[str, float] = defaultdict(float)
        series = []
        for i, row in enumerate(members):
            for column in ("impressions", "clicks", "carts", "purchases", "revenue"):
                running[column] += float(row[column])
            if (i + 1) % step == 0 or i == len(members) - 1:
                series.append((datetime.fromisoformat(str(row["at"])), dict(running)))
        out[variant] = series
    return out


def render_png(experiment: Experiment, rows: list[dict[str, Any]]) -> bytes:
    """The report's figure as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    series = cumulative_series(rows)
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), squeeze=False)
    for ax, (title, column) in zip(axes.flat, PANELS, strict=True):
        for variant in [v.key for v in experiment.variants]:
            points = series.get(variant, [])
            times = [t for t, _ in points]
            values = [totals[column] / totals["impressions"] if totals["impressions"] else float("nan")
                      for _, totals in points]
            ax.plot(times, values, marker="." if len(points) > 1 else "o", label=variant)
        ax.set_title(title)
        ax.set_xlabel("served at (UTC); each point: everything served up to then")
        ax.tick_params(axis="x", labelrotation=30)
        ax.legend()
    fig.suptitle(f"experiment {experiment.key} ({experiment.status})")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return buffer.getvalue()


def render_html(experiment: Experiment, analysis: Analysis, png: bytes) -> str:
    """The report page: verdict, sample-ratio check, per-variant table, the figure."""
    e = html.escape
    srm = ("<p class=bad><b>Sample ratio mismatch</b>: units per variant do not follow the "
           f"shares (p = {analysis.srm_p_value:.2g}); the assignment is broken, do not trust "
           "the results.</p>" if analysis.srm_flagged else
           f"<p>Sample ratio check passed (p = {analysis.srm_p_value:.3g}).</p>")
    rows = []
    for v in analysis.variants:
        if not v.metrics:
            rows.append(f"<tr><td>{e(v.key)} (control)</td><td>{v.units}</td><td>{v.impressions}</td>"
                        "<td colspan=6></td></tr>")
        for m in v.metrics:
            if m.lift is None:
                rows.append(f"<tr><td>{e(v.key)}</td><td>{v.units}</td><td>{v.impressions}</td>"
                            f"<td>{e(m.metric)}</td><td colspan=5>{e(m.error or '')}</td></tr>")
            else:
                rows.append(
                    f"<tr><td>{e(v.key)}</td><td>{v.units}</td><td>{v.impressions}</td>"
                    f"<td>{e(m.metric)}</td><td>{m.variant_mean:.4g} vs {m.control_mean:.4g}</td>"
                    f"<td>{m.lift:+.1%} [{m.lift_low:+.1%}, {m.lift_high:+.1%}]</td>"
                    f"<td>{m.chance_to_win:.1%}</td><td>{m.p_value:.3g}</td>"
                    f"<td>{m.p_value_sequential:.3g}</td></tr>")
    variants = ", ".join(f"{e(v.key)}: {v.share:.0%} {e(v.strategy)}" for v in experiment.variants)
    image = base64.b64encode(png).decode("ascii")
    stopped = f", stopped {e(str(experiment.stop))}" if experiment.stop else ""
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><title>Experiment {e(experiment.key)}</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px}}.bad{{color:#b00}}</style>
</head><body>
<h1>Experiment {e(experiment.key)}</h1>
<p>{e(experiment.status)}; started {e(str(experiment.start))}{stopped}; variants {variants};
unit: {e(experiment.unit_type)}.
Lift is relative to the control (the first variant), per unit, with a 95% interval.</p>
{srm}
<table><tr><th>variant</th><th>units</th><th>impressions</th><th>metric</th>
<th>per unit: variant vs control</th><th>lift</th>
<th>chance to win</th><th>p-value</th><th>sequential p</th></tr>
{''.join(rows)}</table>
<img alt="metrics per variant over time" src="data:image/png;base64,{image}">
</body></html>
"""


def write_report(experiment: Experiment, analysis: Analysis, rows: list[dict[str, Any]],
                 folder: Path) -> tuple[Path, Path]:
    """Write ``experiment-<key>.png`` and ``experiment-<key>.html`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    png = render_png(experiment, rows)
    png_path = folder / f"experiment-{experiment.key}.png"
    html_path = folder / f"experiment-{experiment.key}.html"
    png_path.write_bytes(png)
    html_path.write_text(render_html(experiment, analysis, png), encoding="utf-8")
    return png_path, html_path
