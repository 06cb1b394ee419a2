"""Training losses: a sampled softmax over cosine scores (ours) and BPR (the LightGCN reference)."""

from __future__ import annotations

import torch
from torch.nn import functional as F


def cosine_softmax_loss(users: torch.Tensor, positives: torch.Tensor, negatives: torch.Tensor,
                        temperature: float) -> torch.Tensor:
    """InfoNCE over cosine similarity: each user's positive against a shared pool of negatives.

    Many negatives per positive and a temperature well below one give the sharp contrast SimpleX
    and UltraGCN-style training rely on, at the cost of one ``[B, N]`` matrix product.

    Args:
        users: ``[B, d]`` user vectors.
        positives: ``[B, d]`` vectors of the items each user interacted with.
        negatives: ``[N, d]`` vectors of uniformly sampled items, shared by the batch.
        temperature: softmax temperature on cosine scores.
    """
    # Scaling the B user rows by 1/temperature is cheaper than dividing the B x (N+1) logits.
    u = F.normalize(users, dim=1) / temperature
    pos = (u * F.normalize(positives, dim=1)).sum(1, keepdim=True)
    neg = u @ F.normalize(negatives, dim=1).T
    return (torch.logsumexp(torch.cat([pos, neg], dim=1), dim=1) - pos.squeeze(1)).mean()


def bpr_loss(pos_scores: torch.Tensor, neg_scores: torch.Tensor) -> torch.Tensor:
    """Bayesian personalised ranking: ``-log sigmoid(pos - neg)``, averaged."""
    return F.softplus(neg_scores - pos_scores).mean()
