"""The PyG LGConv propagation: the same vectors and gradients as the dense LightGCN formula."""

from __future__ import annotations

import torch
from torch_geometric.nn import MessagePassing

from gnn.lgconv import LightGCNPropagation
from gnn.model import GraphRecommender
from gnn.propagation import normalized_adjacency


def test_lgconv_propagation_matches_the_dense_formula_forward_and_backward():
    gen = torch.Generator().manual_seed(0)
    users, items, layers = 7, 5, 3
    edges = torch.unique(torch.stack([torch.randint(users, (20,), generator=gen),
                                      torch.randint(items, (20,), generator=gen)]), dim=1)
    adj = normalized_adjacency(edges, users, items)
    dense = adj.to_dense()
    x = torch.randn(users + items, 4, generator=gen, dtype=torch.float32, requires_grad=True)
    weights = torch.randn(users + items, 4, generator=gen)

    prop = LightGCNPropagation(layers)
    assert all(isinstance(conv, MessagePassing) for conv in prop.convs)  # PyG layers
    (prop(x, adj) * weights).sum().backward()
    grad = x.grad.clone()

    x.grad = None
    power, expected = x, x
    for _ in range(layers):
        power = dense @ power
        expected = expected + power
    expected = expected / (layers + 1)
    (expected * weights).sum().backward()
    assert torch.allclose(prop(x, adj), expected, atol=1e-5)
    assert torch.allclose(grad, x.grad, atol=1e-5)


def test_the_model_propagates_with_lgconv_and_keeps_its_checkpoint_keys():
    model = GraphRecommender(3, 4, dim=8, layers=2)
    assert len(model.propagation.convs) == 2
    # LGConv has no parameters: checkpoints from before the port still load.
    assert set(model.state_dict()) == {"user.weight", "item.weight"}
