"""Assignment and statistics of experiments on synthetic data with known answers (no database)."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from experiments.analysis import analyse, ratio_interval, wilson
from experiments.assign import assign
from experiments.definition import ExperimentError, parse_definition, parse_variant_flag


def _normal_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2))


def _chi2_1dof_sf(x: float) -> float:
    # One degree of freedom: the square of one standard normal.
    return math.erfc(math.sqrt(x / 2))


def _variants(*shares: float, strategies=("model", "popularity", "cold_start")):
    return parse_definition("stats", [
        {"key": f"v{i}", "share": s, "strategy": strategies[i % 3]}
        for i, s in enumerate(shares)]).variants


def test_assignment_is_deterministic_and_follows_the_shares():
    variants = _variants(0.2, 0.8)
    units = [f"u{i}" for i in range(20000)]
    first = [assign("exp-a", variants, u).key for u in units]
    assert first == [assign("exp-a", variants, u).key for u in units]
    share = Counter(first)["v0"] / len(units)
    assert abs(share - 0.2) < 0.015
    # Another experiment key reshuffles who is where (independent experiments).
    other = [assign("exp-b", variants, u).key for u in units]
    assert sum(a != b for a, b in zip(first, other, strict=True)) > 0.2 * len(units)


def _rows(variant: str, units: int, clicked: int, revenue_each: float = 0.0):
    return [{"variant": variant, "unit": f"{variant}-{i}", "impressions": 10,
             "clicks": int(i < clicked), "carts": 0, "purchases": int(i < clicked),
             "revenue": revenue_each if i < clicked else 0.0} for i in range(units)]


def test_a_60_40_split_of_a_50_50_design_is_flagged():
    variants = _variants(0.5, 0.5)
    flagged = analyse("srm", variants, _rows("v0", 600, 60) + _rows("v1", 400, 40))
    expected_p = _chi2_1dof_sf((600 - 500) ** 2 / 500 * 2)
    assert flagged.srm_p_value == pytest.approx(expected_p)
    assert flagged.srm_flagged
    fine = analyse("srm", variants, _rows("v0", 505, 50) + _rows("v1", 495, 50))
    assert not fine.srm_flagged and fine.srm_p_value > 0.5


def test_gbstats_lift_p_values_and_chance_to_win_match_the_textbook_formulas():
    a, b = 1000, 1000
    result = analyse("ab", _variants(0.5, 0.5), _rows("v0", a, 100) + _rows("v1", b, 130))
    click = next(m for m in result.variants[1].metrics if m.metric == "click")
    pa, pb = 0.1, 0.13
    assert click.control_mean == pytest.approx(pa) and click.variant_mean == pytest.approx(pb)
    lift = (pb - pa) / pa
    # Delta-method variance of the relative difference, as GrowthBook's t-test uses.
    var_a, var_b = pa * (1 - pa), pb * (1 - pb)
    se = math.sqrt(var_b / (pa ** 2 * b) + var_a * pb ** 2 / (pa ** 4 * a))
    assert click.lift == pytest.approx(lift)
    assert click.p_value == pytest.approx(2 * _normal_sf(lift / se), rel=1e-2)
    assert click.lift_low == pytest.approx(lift - 1.96 * se, rel=1e-2)
    # Flat prior: chance to win is the posterior mass above 0.
    assert click.chance_to_win == pytest.approx(1 - _normal_sf(lift / se), rel=1e-3)
    # The sequential p-value is always-valid, so never smaller than the fixed-horizon one.
    assert click.p_value_sequential >= click.p_value


def test_identical_variants_show_no_difference():
    result = analyse("aa", _variants(0.5, 0.5), _rows("v0", 500, 50, 20.0) + _rows("v1", 500, 50, 20.0))
    for metric in result.variants[1].metrics:
        if metric.metric == "cart":  # nobody carted: a control mean of 0 cannot give a lift
            assert metric.lift is None and "too little data" in metric.error
            continue
        assert metric.lift == pytest.approx(0.0, abs=1e-12)
        assert metric.chance_to_win == pytest.approx(0.5)
        assert metric.p_value == pytest.approx(1.0)


def test_wilson_and_ratio_intervals():
    assert wilson(0, 0).value is None
    zero = wilson(0, 10)
    assert zero.value == 0 and zero.low == 0 and zero.high == pytest.approx(0.2775, abs=1e-4)
    half = wilson(5, 10)
    assert (half.low, half.high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    same = ratio_interval([2.0, 2.0, 2.0], [1.0, 1.0, 1.0])
    assert same.value == 2.0 and same.low == pytest.approx(2.0) and same.high == pytest.approx(2.0)


@pytest.mark.parametrize(("variants", "where"), [
    ([{"key": "a", "share": 1.0, "strategy": "model"}], "variants"),
    ([{"key": "a", "share": 0.5, "strategy": "model"}, {"key": "a", "share": 0.5, "strategy": "popularity"}],
     "variant keys must differ"),
    ([{"key": "a", "share": 0.5, "strategy": "model"}, {"key": "b", "share": -0.5, "strategy": "popularity"}],
     "variants.[1].share"),
    ([{"key": "a b", "share": 0.5, "strategy": "model"}, {"key": "b", "share": 0.5, "strategy": "popularity"}],
     "variants.[0].key"),
])
def test_bad_definitions_name_what_is_wrong(variants, where):
    with pytest.raises(ExperimentError, match=r"experiment 'k'.*" + where.replace("[", r"\[").replace("]", r"\]")):
        parse_definition("k", variants)


def test_the_variant_flag():
    assert parse_variant_flag("m:0.5:model:v7") == {"key": "m", "share": 0.5, "strategy": "model",
                                                    "modelVersion": "v7"}
    with pytest.raises(ExperimentError, match="KEY:SHARE:STRATEGY"):
        parse_variant_flag("m:0.5")
    with pytest.raises(ExperimentError, match="not a number"):
        parse_variant_flag("m:half:model")


def test_served_list_counters_keep_variant_labels_bounded():
    from api.metrics import MAX_VARIANT_LABELS, ApiMetrics

    metrics = ApiMetrics()
    for i in range(3 * MAX_VARIANT_LABELS):
        metrics.served("recommendations", "model", f"variant-{i}", items=10)
    metrics.served("search", "search", None, items=4)
    text = metrics.render().decode()
    variants = {line.split('variant="')[1].split('"')[0] for line in text.splitlines()
                if line.startswith("borderless_served_lists_total{")}
    assert len(variants) == MAX_VARIANT_LABELS + 2  # the admitted ones, "other" and "none"
    assert {"other", "none"} <= variants
    assert 'borderless_served_items_total{strategy="search",surface="search",variant="none"} 4.0' in text
