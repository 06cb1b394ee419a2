"""What a recommender team reads beyond Recall/NDCG: coverage, popularity bias, novelty, slices.

All figures are over the top-K lists of the evaluated shoppers (those with held-out items), with
their training items masked, exactly as :func:`gnn.metrics.rank_metrics` ranks:

- ``coverage@K``: share of the catalog that appears in at least one list.
- ``popularity_percentile@K``: mean popularity percentile of recommended products (1.0: the most
  interacted-with product; 0.5: a median one). Popularity ranking scores close to 1.
- ``novelty@K``: mean self-information ``-log2(share of shoppers who touched the product)`` of
  recommended products, in bits (higher: less obvious recommendations).
- ``new_products`` / ``new_shoppers``: Recall/NDCG on held-out interactions with products, or of
  shoppers, that had no training interactions (cold start), each with its count.
- ``by_country``: per shopper country, shoppers judged, Recall@K and the share of recommended
  products that ship there (does the ships-to filter leave enough to show?).
"""

from __future__ import annotations

import math
from typing import Any

import torch

from gnn.metrics import _rows_of, csr_by_user, rank_metrics, users_per_batch
from gnn.shop_graph import ShopGraph


@torch.no_grad()
def top_k(users: torch.Tensor, items: torch.Tensor, train: torch.Tensor, who: torch.Tensor,
          k: int, batch: int = 4096) -> torch.Tensor:
    """``[len(who), K]`` best-scored item indexes for shoppers ``who``, training items masked."""
    indptr, seen = csr_by_user(train, users.size(0))
    out = []
    batch = users_per_batch(items.size(0), batch)
    for start in range(0, len(who), batch):
        chunk = who[start:start + batch]
        scores = users[chunk].float() @ items.float().T
        rows, cols = _rows_of(indptr, seen, chunk)
        scores[rows, cols] = float("-inf")
        out.append(torch.topk(scores, min(k, items.size(0)), dim=1).indices)
    return torch.cat(out) if out else torch.zeros((0, k), dtype=torch.long)


def beyond_accuracy(users: torch.Tensor, items: torch.Tensor, train: torch.Tensor,
                    test: torch.Tensor, k: int = 20, shopper_country: torch.Tensor | None = None,
                    countries: list[str] | None = None, ships_to: torch.Tensor | None = None
                    ) -> dict[str, Any]:
    """The figures of the module docstring for vectors ``users`` x ``items``.

    Args:
        users: ``[U, d]`` shopper vectors; items: ``[I, d]`` product vectors.
        train: ``[2, E]`` training edges (masked, and the popularity they define).
        test: ``[2, E]`` held-out edges.
        k: list length.
        shopper_country: ``[U]`` country index per shopper (-1: unknown), for ``by_country``.
        countries: names of the country indexes.
        ships_to: ``[2, E]`` (product, country) edges, for the ships-there share.
    """
    num_users, num_items = users.size(0), items.size(0)
    who = torch.unique(test[0])
    lists = top_k(users, items, train, who, k)
    popularity = torch.bincount(train[1], minlength=num_items).float()
    percentile = _percentiles(popularity)
    share = popularity.clamp(min=1.0) / max(num_users, 1)
    out: dict[str, Any] = {
        f"coverage@{k}": float(torch.unique(lists).numel() / max(num_items, 1)),
        f"popularity_percentile@{k}": float(percentile[lists].mean()) if lists.numel() else 0.0,
        f"novelty@{k}": float((-torch.log2(share[lists])).mean()) if lists.numel() else 0.0,
    }
    new_item = popularity[test[1]] == 0
    out["new_products"] = _slice(users, items, train, test[:, new_item], k)
    known = torch.zeros(num_users, dtype=torch.bool)
    known[train[0]] = True
    out["new_shoppers"] = _slice(users, items, train, test[:, ~known[test[0]]], k)
    if shopper_country is not None and countries is not None:
        out["by_country"] = _by_country(users, items, train, test, k, who, lists, shopper_country,
                                        countries, ships_to)
    return out


def _percentiles(popularity: torch.Tensor) -> torch.Tensor:
    """Each item's popularity percentile in [0, 1] (ties share the higher rank)."""
    ordered = torch.sort(popularity).values
    below = torch.searchsorted(ordered, popularity, right=True).float()
    return below / max(len(popularity), 1)


def _slice(users: torch.Tensor, items: torch.Tensor, train: torch.Tensor, test: torch.Tensor,
           k: int) -> dict[str, float]:
    """Recall/NDCG on ``test`` edges only, with how many edges and shoppers that is."""
    if test.size(1) == 0:
        return {"test_edges": 0, "shoppers": 0}
    m = rank_metrics(users, items, train, test, k=k)
    return {f"recall@{k}": m.recall, f"ndcg@{k}": m.ndcg, "test_edges": int(test.size(1)),
            "shoppers": m.users}


def _by_country(users: torch.Tensor, items: torch.Tensor, train: torch.Tensor, test: torch.Tensor,
                k: int, who: torch.Tensor, lists: torch.Tensor, shopper_country: torch.Tensor,
                countries: list[str], ships_to: torch.Tensor | None) -> dict[str, dict[str, float]]:
    ships = None
    if ships_to is not None:
        ships = torch.zeros(items.size(0), len(countries), dtype=torch.bool)
        ships[ships_to[0], ships_to[1]] = True
    result: dict[str, dict[str, float]] = {}
    for index, name in enumerate(countries):
        mask = shopper_country[test[0]] == index
        if not bool(mask.any()):
            continue
        row = _slice(users, items, train, test[:, mask], k)
        if ships is not None:
            mine = shopper_country[who] == index
            shown = ships[lists[mine], index]
            row["ships_there_share"] = float(shown.float().mean()) if shown.numel() else math.nan
            row["products_shipping_there"] = int(ships[:, index].sum())
        result[name] = row
    return result


def shop_report(users: torch.Tensor, items: torch.Tensor, train: torch.Tensor, test: torch.Tensor,
                k: int, graph: ShopGraph | None) -> dict[str, Any]:
    """:func:`beyond_accuracy` with the countries shoppers live in and products ship to, if known."""
    if graph is None:
        return beyond_accuracy(users, items, train, test, k)
    lives = graph.data["shopper", "lives_in", "country"].edge_index
    shopper_country = torch.full((users.size(0),), -1, dtype=torch.long)
    shopper_country[lives[0]] = lives[1]
    return beyond_accuracy(users, items, train, test, k, shopper_country,
                           graph.ids["country"].ids,
                           graph.data["product", "ships_to", "country"].edge_index)
