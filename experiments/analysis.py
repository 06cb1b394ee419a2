"""Attribution and analysis of served lists: per-group rates with intervals, and gbstats tests.

Input rows are one per served list (``queries/served_list_outcomes``): its strategy, model
version, experiment, variant, unit, day and impressions, and the clicks, carts, purchases and
revenue (base currency) of the events that cite it.

Two readings:
- :func:`attribution`: per (strategy, model version, experiment, variant), impressions, CTR,
  add-to-cart and purchase conversion per impression (Wilson 95% intervals) and revenue per
  impression (normal interval over served lists, the unit revenue and impressions come in).
- :func:`analyse`: an experiment, per variant against the first (the control), on the
  experiment's unit: the share of units who clicked / carted / bought and revenue per unit,
  with GrowthBook's engine (gbstats 0.8.0): Bayesian chance to win and relative lift with its
  interval, the frequentist two-sided t-test p-value and interval, the sequential (always-valid)
  p-value, and the sample-ratio-mismatch p-value of the units per variant against the shares.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig
from gbstats.frequentist.tests import (
    FrequentistConfig, SequentialConfig, SequentialTwoSidedTTest, TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic
from gbstats.utils import check_srm

from experiments.definition import Variant

Z95 = 1.959963984540054
# GrowthBook's default: an SRM p-value below this means the assignment is broken.
SRM_THRESHOLD = 0.001
# The unit-level metrics analysed; each is a proportion of units except revenue.
METRICS = ("click", "cart", "purchase", "revenue")


@dataclass
class Interval:
    value: float | None
    low: float | None
    high: float | None


@dataclass
class GroupRates:
    """What one (strategy, model version, experiment, variant) group earned in the window."""

    strategy: str | None
    model_version: str | None
    experiment: str | None
    variant: str | None
    lists: int
    impressions: int
    clicks: int
    carts: int
    purchases: int
    revenue: float
    ctr: Interval
    cart_rate: Interval
    purchase_rate: Interval
    revenue_per_impression: Interval


@dataclass
class MetricResult:
    """One metric of one variant against the control."""

    metric: str
    control_mean: float
    variant_mean: float
    lift: float | None
    lift_low: float | None
    lift_high: float | None
    chance_to_win: float | None
    p_value: float | None
    p_value_sequential: float | None
    error: str | None = None


@dataclass
class VariantResult:
    key: str
    share: float
    units: int
    lists: int
    impressions: int
    metrics: list[MetricResult] = field(default_factory=list)


@dataclass
class Analysis:
    experiment: str
    units: int
    srm_p_value: float
    srm_flagged: bool
    variants: list[VariantResult]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def wilson(successes: int, trials: int) -> Interval:
    """Share ``successes / trials`` with its Wilson 95% interval (all None for no trials)."""
    if trials <= 0:
        return Interval(None, None, None)
    p = min(successes, trials) / trials
    denominator = 1 + Z95 ** 2 / trials
    centre = (p + Z95 ** 2 / (2 * trials)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / trials + Z95 ** 2 / (4 * trials ** 2)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def ratio_interval(numerators: list[float], denominators: list[float]) -> Interval:
    """sum(num) / sum(den) with a delta-method 95% interval over the (num, den) pairs."""
    n, total = len(numerators), sum(denominators)
    if n == 0 or total <= 0:
        return Interval(None, None, None)
    ratio = sum(numerators) / total
    if n < 2:
        return Interval(ratio, None, None)
    mean_den = total / n
    residuals = [x - ratio * d for x, d in zip(numerators, denominators, strict=True)]
    variance = sum(r * r for r in residuals) / (n - 1) / (n * mean_den ** 2)
    half = Z95 * math.sqrt(variance)
    return Interval(ratio, ratio - half, ratio + half)


def attribution(rows: list[dict[str, Any]]) -> list[GroupRates]:
    """Per-group rates of the served lists in ``rows``, largest group first."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["strategy"], row["model_version"], row["experiment"], row["variant"])].append(row)
    out = []
    for (strategy, version, experiment, variant), members in groups.items():
        impressions = sum(int(r["impressions"]) for r in members)
        clicks = sum(int(r["clicks"]) for r in members)
        carts = sum(int(r["carts"]) for r in members)
        purchases = sum(int(r["purchases"]) for r in members)
        revenue = float(sum(float(r["revenue"]) for r in members))
        out.append(GroupRates(
            strategy, version, experiment, variant, len(members), impressions, clicks, carts,
            purchases, revenue, wilson(clicks, impressions), wilson(carts, impressions),
            wilson(purchases, impressions),
            ratio_interval([float(r["revenue"]) for r in members],
                           [float(r["impressions"]) for r in members]),
        ))
    return sorted(out, key=lambda g: (-g.lists, str(g.strategy), str(g.variant)))


@dataclass
class UnitTotals:
    lists: int = 0
    impressions: int = 0
    clicked: int = 0
    carted: int = 0
    bought: int = 0
    revenue: float = 0.0


def unit_totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, UnitTotals]]:
    """Per variant, per unit: what the unit was shown and whether it clicked, carted, bought."""
    out: dict[str, dict[str, UnitTotals]] = defaultdict(lambda: defaultdict(UnitTotals))
    for row in rows:
        totals = out[str(row["variant"])][str(row["unit"])]
        totals.lists += 1
        totals.impressions += int(row["impressions"])
        totals.clicked |= int(row["clicks"] > 0)
        totals.carted |= int(row["carts"] > 0)
        totals.bought |= int(row["purchases"] > 0)
        totals.revenue += float(row["revenue"])
    return out


def analyse(experiment: str, variants: list[Variant], rows: list[dict[str, Any]]) -> Analysis:
    """The experiment's analysis: every variant against the first (see the module docstring)."""
    per_variant = unit_totals(rows)
    counts = [len(per_variant.get(v.key, {})) for v in variants]
    srm = float(check_srm(counts, [v.share for v in variants]))
    control = _statistics(per_variant.get(variants[0].key, {}))
    results = []
    for variant, units in zip(variants, counts, strict=True):
        members = per_variant.get(variant.key, {})
        result = VariantResult(variant.key, variant.share, units,
                               sum(t.lists for t in members.values()),
                               sum(t.impressions for t in members.values()))
        if variant is not variants[0]:
            mine = _statistics(members)
            result.metrics = [_compare(m, control[m], mine[m]) for m in METRICS]
        results.append(result)
    return Analysis(experiment, sum(counts), srm, srm < SRM_THRESHOLD, results)


def _statistics(units: dict[str, UnitTotals]) -> dict[str, Any]:
    n = len(units)
    revenue = [t.revenue for t in units.values()]
    return {
        "click": ProportionStatistic(n=n, sum=sum(t.clicked for t in units.values())),
        "cart": ProportionStatistic(n=n, sum=sum(t.carted for t in units.values())),
        "purchase": ProportionStatistic(n=n, sum=sum(t.bought for t in units.values())),
        "revenue": SampleMeanStatistic(n=n, sum=sum(revenue), sum_squares=sum(r * r for r in revenue)),
    }


def _compare(metric: str, a: Any, b: Any) -> MetricResult:
    base = MetricResult(metric, float(a.mean), float(b.mean), None, None, None, None, None, None)
    if a.n < 2 or b.n < 2 or a.mean == 0:
        base.error = "too little data (fewer than 2 units in a variant, or a control mean of 0)"
        return base
    bayes = EffectBayesianABTest(a, b, EffectBayesianConfig()).compute_result()
    freq = TwoSidedTTest(a, b, FrequentistConfig()).compute_result()
    seq = SequentialTwoSidedTTest(a, b, SequentialConfig()).compute_result()
    base.lift = float(bayes.expected)
    base.lift_low, base.lift_high = float(bayes.ci[0]), float(bayes.ci[1])
    base.chance_to_win = float(bayes.chance_to_win)
    base.p_value = float(freq.p_value)
    base.p_value_sequential = float(seq.p_value)
    base.error = bayes.error_message or freq.error_message or seq.error_message
    return base
