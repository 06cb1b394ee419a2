"""Tastes for shoppers the model has no history for: the mean taste of their country.

A shopper with no training interaction gets from the model an untrained vector (random for the
knowledge-aware model), which ranks worse than popularity. Measured on the demo shop (5 % of
shoppers made cold, seed 0, 2026-12-06): Recall@20 on their interactions 0.0041 with the model's
vector, 0.0086 ranking by popularity, 0.0096 with the mean unit vector of the shoppers living in
the same country (``bench/kg_models.py``-style protocol, see bench/RESULTS.md). So the refresh job
replaces those vectors by their country's taste, and stores each country's taste (and ``'*'``,
every shopper's) on the model version, so that a shopper who signs up after the run is served by
the same rule (``manager/recommendations_for_shopper``).

The content-gated knowledge-graph model (:mod:`gnn.kg_content`) learns a taste per country
itself, trained to stand in for a shopper's own vector; :func:`served_users` serves that one for
it, and the mean of warm shoppers' vectors for every other model.
"""

from __future__ import annotations

import torch
from torch.nn.functional import normalize

from gnn.kg_content import ContentGatedKGRecommender
from gnn.model import GraphRecommender
from gnn.shop_graph import ShopGraph

EVERYWHERE = "*"  # the taste of every shopper with history, for a country with none


def country_tastes(users: torch.Tensor, train: torch.Tensor, graph: ShopGraph | None
                   ) -> tuple[torch.Tensor, dict[str, list[float]]]:
    """``(users with cold rows replaced, {country code or '*': unit taste})``.

    Args:
        users: ``[num_users, dim]`` shopper vectors of the fitted model.
        train: ``[2, E]`` edges the model learned (row 0 shoppers).
        graph: the shop's graph (``LIVES_IN`` gives each shopper's country); ``None``: only the
            ``'*'`` taste is used.
    """
    if not users.size(0):
        return users, {}
    warm = torch.zeros(users.size(0), dtype=torch.bool)
    warm[train[0].cpu()] = True
    unit = normalize(users.float(), dim=1)
    if not bool(warm.any()):
        return users, {}
    everywhere = normalize(unit[warm].mean(0), dim=0)
    tastes = {EVERYWHERE: everywhere}
    country = torch.full((users.size(0),), -1, dtype=torch.long)
    codes: list[str] = []
    if graph is not None and ("shopper", "lives_in", "country") in graph.data.edge_types:
        lives = graph.data["shopper", "lives_in", "country"].edge_index
        country[lives[0]] = lives[1]
        codes = list(graph.ids["country"].ids)
    for index, code in enumerate(codes):
        members = (country == index) & warm
        if bool(members.any()):
            tastes[code] = normalize(unit[members].mean(0), dim=0)
    served = users.clone()
    for index in torch.unique(country[~warm]).tolist():
        cold = (country == index) & ~warm
        code = codes[index] if index >= 0 else EVERYWHERE
        served[cold] = tastes.get(code, everywhere).to(served.dtype)
    return served, {code: vector.tolist() for code, vector in tastes.items()}


def served_users(model: GraphRecommender, users: torch.Tensor, train: torch.Tensor,
                 graph: ShopGraph | None) -> tuple[torch.Tensor, dict[str, list[float]]]:
    """``(shopper vectors as served, {country code or '*': taste})`` for ``model``'s vectors.

    Args:
        model: the fitted model ``users`` came from.
        users: its ``[num_users, dim]`` shopper vectors (:meth:`GraphRecommender.embeddings`).
        train: ``[2, E]`` edges it learned (row 0 shoppers).
        graph: the shop's graph (countries), or ``None``.
    """
    if isinstance(model, ContentGatedKGRecommender):
        # Its shoppers without an edge are already gated to their country's learned taste.
        codes = list(graph.ids["country"].ids) if graph is not None else []
        return users, model.country_tastes(codes, train)
    return country_tastes(users, train, graph)
