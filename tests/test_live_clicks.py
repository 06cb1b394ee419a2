"""The simulator's ``world`` click model (bench/live_clicks.py) follows the demo world's own rule
for the next interaction: the probabilities add up to one and match how often
``DemoShoppers._pick`` picks each product."""

from __future__ import annotations

from collections import Counter
from random import Random

import pytest

from bench.live_clicks import Tastes, click_probability
from loaders.demo_shop import DemoCatalog, DemoConfig
from loaders.demo_shoppers import DemoShoppers


@pytest.fixture(scope="module")
def world() -> DemoShoppers:
    return DemoShoppers(DemoCatalog(DemoConfig(products=300, seed=7, prefix="live-")))


@pytest.mark.parametrize("index", [0, 5, 42])
def test_next_interaction_probabilities_match_the_worlds_picks(world, index):
    tastes, shopper = Tastes(world), world.shopper(index)
    table = tastes._table(shopper)
    assert sum(table.values()) == pytest.approx(1.0)
    bit = 1 << shopper.country
    assert all(world.catalog.skeleton.ships[p] & bit for p in table)
    rng, draws = Random(1), 20_000
    picked = Counter(world._pick(shopper, rng) for _ in range(draws))
    for product, p in sorted(table.items(), key=lambda kv: -kv[1])[:5]:
        # Binomial noise at 20,000 draws is below 0.004; the world's 60-try cap adds a little.
        assert picked[product] / draws == pytest.approx(p, abs=0.015), product


def test_the_cubed_model_rewards_a_match_more_steeply_than_the_world():
    assert click_probability("cubed", 0.5, 0.0) == 0.125
    assert click_probability("world", 0.5, 0.1) == pytest.approx(0.15)
    assert click_probability("world", 1.0, 0.9) == 1.0  # capped
