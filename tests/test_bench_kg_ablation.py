"""bench/kg_models.py --ablate: each ablated kg_content lacks exactly the part it names."""

from __future__ import annotations

import pytest
import torch
from test_gnn_kg_content import band_shop

from bench.kg_models import ABLATIONS, ablated_content_model
from gnn.kg_content import ContentGatedKGRecommender


def parts(model: ContentGatedKGRecommender) -> dict[str, torch.Tensor]:
    return {"brand": model.content_brand(model.item_brand),
            "category": model.item_category @ model.content_category.weight,
            "ships_to": model.item_ships @ model.content_country.weight,
            "price_band": model.content_band(model.item_band)}


@pytest.mark.parametrize("without", sorted(ABLATIONS - {"country_taste"}))
def test_an_ablated_content_vector_is_the_full_one_less_that_part(without):
    graph, knowledge, _, _ = band_shop()
    torch.manual_seed(0)
    full = ContentGatedKGRecommender(graph, knowledge, 8, 2)
    torch.manual_seed(0)
    ablated = ablated_content_model(without, graph, knowledge, 8, 2)
    with torch.no_grad():
        expected = full.item_content() - parts(full)[without]
        assert torch.allclose(ablated.item_content(), expected, atol=1e-6)
        assert torch.equal(ablated.shopper_content(), full.shopper_content())


def test_without_country_tastes_every_shopper_shares_one_taste():
    graph, knowledge, _, _ = band_shop()
    model = ablated_content_model("country_taste", graph, knowledge, 8, 2)
    tastes = model.shopper_content()
    assert torch.equal(tastes, tastes[:1].expand_as(tastes))
    assert int(model.shopper_country[0]) == model.country_taste.num_embeddings - 1
