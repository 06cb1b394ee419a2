"""The reference recipe: PyTorch Geometric's ``LightGCN`` trained with BPR as the paper does.

Batch 2048, Adam lr 1e-3, one uniformly sampled negative per positive, L2 1e-4 on the touched
embeddings, 3 layers, dimension 64, PyG's own propagation (``LGConv`` normalises on every call).
It runs in the same process and loop as our recipe so the speed-up is measured side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch_geometric.nn.models import LightGCN

from gnn.data import Interactions
from gnn.device import pick_device, seed_everything
from gnn.loop import LoopSpec, RunLog, run_epochs
from gnn.metrics import rank_metrics


@dataclass
class BaselineConfig:
    """The LightGCN paper's Gowalla settings."""

    dim: int = 64
    layers: int = 3
    batch_size: int = 2048
    lr: float = 1e-3
    l2: float = 1e-4
    epochs: int = 1000
    budget_s: float | None = None
    eval_every: int = 20
    k: int = 20
    seed: int = 0
    device: str | None = None


def homogeneous_edges(edges: torch.Tensor, num_users: int) -> torch.Tensor:
    """User-item edges as PyG's undirected ``edge_index`` over users then items."""
    items = edges[1] + num_users
    return torch.cat([torch.stack([edges[0], items]), torch.stack([items, edges[0]])], dim=1)


def train_baseline(data: Interactions, config: BaselineConfig, progress: bool = True
                   ) -> tuple[LightGCN, RunLog]:
    """Train PyG's LightGCN with the reference recipe; evaluate like ours."""
    seed_everything(config.seed)
    device = pick_device(config.device)
    users_n = data.num_users
    model = LightGCN(users_n + data.num_items, config.dim, config.layers).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    edges = data.train.to(device)
    edge_index = homogeneous_edges(edges, users_n)

    def step(batch: torch.Tensor) -> torch.Tensor:
        users, pos = edges[0, batch], edges[1, batch] + users_n
        neg = torch.randint(data.num_items, (len(batch),), device=device) + users_n
        label_index = torch.stack([torch.cat([users, users]), torch.cat([pos, neg])])
        pos_rank, neg_rank = model(edge_index, label_index).chunk(2)
        loss = model.recommendation_loss(pos_rank, neg_rank, node_id=label_index.unique(),
                                         lambda_reg=config.l2)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.detach()

    @torch.no_grad()
    def evaluate() -> dict[str, float]:
        emb = model.get_embedding(edge_index)
        return rank_metrics(emb[:users_n], emb[users_n:], data.train, data.test,
                            k=config.k).as_dict()

    spec = LoopSpec(num_edges=edges.size(1), batch_size=config.batch_size, epochs=config.epochs,
                    budget_s=config.budget_s, eval_every=config.eval_every, device=device,
                    desc="pyg-lightgcn", progress=progress)
    log = run_epochs(spec, step, evaluate if data.test.numel() else None, RunLog())
    return model, log
