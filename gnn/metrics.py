"""Recall@K and NDCG@K exactly as the LightGCN paper computes them.

Full ranking: every item is scored for every test user, the user's training items are masked out,
the top K are compared with the user's test items. Per user, recall is hits / |test items| and NDCG
divides DCG by the ideal DCG of min(|test items|, K) hits; both are averaged over users with at
least one test item. Users are scored in batches on the embeddings' device.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class RankingMetrics:
    """Averages over the evaluated users."""

    k: int
    recall: float
    ndcg: float
    users: int

    def as_dict(self) -> dict[str, float]:
        return {f"recall@{self.k}": self.recall, f"ndcg@{self.k}": self.ndcg, "eval_users": self.users}


# At most this many scores held at once (float32, plus a bool mask: about 320 MB): 4,096 shoppers
# x 200,000 products would otherwise be a 3.3 GB score matrix per batch.
MAX_SCORE_CELLS = 1 << 26


def users_per_batch(num_items: int, batch_users: int = 4096) -> int:
    """How many shoppers to score at once: ``batch_users``, fewer when the catalog is large."""
    return max(1, min(batch_users, MAX_SCORE_CELLS // max(num_items, 1)))


def csr_by_user(edges: torch.Tensor, num_users: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``(indptr, items)``: the items of user ``u`` are ``items[indptr[u]:indptr[u+1]]``."""
    order = torch.argsort(edges[0], stable=True)
    counts = torch.bincount(edges[0], minlength=num_users)
    indptr = torch.zeros(num_users + 1, dtype=torch.long, device=edges.device)
    indptr[1:] = torch.cumsum(counts, 0)
    return indptr, edges[1][order]


def _rows_of(indptr: torch.Tensor, items: torch.Tensor, users: torch.Tensor
             ) -> tuple[torch.Tensor, torch.Tensor]:
    """(row in batch, item) pairs for every stored item of each user in ``users``."""
    starts, ends = indptr[users], indptr[users + 1]
    lengths = ends - starts
    rows = torch.repeat_interleave(torch.arange(len(users), device=users.device), lengths)
    offsets = torch.arange(int(lengths.sum()), device=users.device) - torch.repeat_interleave(
        torch.cumsum(lengths, 0) - lengths, lengths)
    return rows, items[torch.repeat_interleave(starts, lengths) + offsets]


@torch.no_grad()
def rank_metrics(user_emb: torch.Tensor, item_emb: torch.Tensor, train: torch.Tensor,
                 test: torch.Tensor, k: int = 20, batch_users: int = 4096) -> RankingMetrics:
    """Recall@K and NDCG@K of scores ``user_emb @ item_emb.T``.

    Args:
        user_emb: ``[num_users, d]`` final user vectors.
        item_emb: ``[num_items, d]`` final item vectors (same device).
        train: ``[2, E]`` training edges, masked out of the ranking.
        test: ``[2, E]`` test edges, the relevant items.
        k: cut-off.
        batch_users: users scored at once (memory is ``batch_users * num_items`` floats),
            lowered for a large catalog (:func:`users_per_batch`).
    """
    device = user_emb.device
    num_users, num_items = user_emb.size(0), item_emb.size(0)
    train, test = train.to(device), test.to(device)
    train_ptr, train_items = csr_by_user(train, num_users)
    test_ptr, test_items = csr_by_user(test, num_users)
    test_counts = test_ptr[1:] - test_ptr[:-1]
    eval_users = torch.nonzero(test_counts > 0).flatten()
    # A catalog smaller than K ranks every item: the metrics are still Recall@K and NDCG@K (named
    # after the K asked for), computed over the whole ranking.
    cut = min(k, num_items)
    discounts = 1.0 / torch.log2(torch.arange(2, cut + 2, device=device, dtype=torch.float32))
    ideal = torch.cumsum(discounts, 0)
    recall_sum = ndcg_sum = 0.0
    batch_users = users_per_batch(num_items, batch_users)
    for start in range(0, len(eval_users), batch_users):
        users = eval_users[start:start + batch_users]
        scores = user_emb[users].float() @ item_emb.float().T
        rows, items = _rows_of(train_ptr, train_items, users)
        scores[rows, items] = float("-inf")
        top = torch.topk(scores, cut, dim=1).indices
        relevant = torch.zeros(len(users), num_items, dtype=torch.bool, device=device)
        rows, items = _rows_of(test_ptr, test_items, users)
        relevant[rows, items] = True
        hits = torch.gather(relevant, 1, top).float()
        n_test = test_counts[users].float()
        recall_sum += float((hits.sum(1) / n_test).sum())
        idcg = ideal[(n_test.clamp(max=cut) - 1).long()]
        ndcg_sum += float(((hits * discounts).sum(1) / idcg).sum())
    n = max(len(eval_users), 1)
    return RankingMetrics(k=k, recall=recall_sum / n, ndcg=ndcg_sum / n, users=len(eval_users))
