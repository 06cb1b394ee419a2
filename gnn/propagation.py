"""The symmetric-normalised user-item adjacency LightGCN propagates over, built once per graph.

Users are nodes ``0..U-1`` and items ``U..U+I-1``; ``A_hat = D^-1/2 A D^-1/2``. Propagating is
``K`` sparse matrix products and the mean of the ``K+1`` layers, as in LightGCN.
"""

from __future__ import annotations

import warnings

import torch


def normalized_adjacency(edges: torch.Tensor, num_users: int, num_items: int) -> torch.Tensor:
    """The sparse CSR ``A_hat`` of the bipartite graph given by ``[2, E]`` (user, item) edges."""
    n = num_users + num_items
    rows = torch.cat([edges[0], edges[1] + num_users])
    cols = torch.cat([edges[1] + num_users, edges[0]])
    degree = torch.bincount(rows, minlength=n).float()
    inv_sqrt = degree.pow(-0.5)
    inv_sqrt[torch.isinf(inv_sqrt)] = 0.0
    values = inv_sqrt[rows] * inv_sqrt[cols]
    adj = torch.sparse_coo_tensor(torch.stack([rows, cols]), values, (n, n),
                                  check_invariants=False).coalesce()
    with warnings.catch_warnings():  # "CSR support is in beta": the products we use are stable
        warnings.simplefilter("ignore", UserWarning)
        return adj.to_sparse_csr()


class _SymmetricProduct(torch.autograd.Function):
    """``A @ x`` for a symmetric sparse ``A``, whose gradient is ``A @ grad`` again.

    torch's generic backward for sparse CSR products is several times slower than the forward
    product on CPU; since ``A_hat`` is symmetric the gradient is one more forward product.
    """

    @staticmethod
    def forward(ctx: torch.autograd.function.FunctionCtx, adj: torch.Tensor, x: torch.Tensor
                ) -> torch.Tensor:
        ctx.adj = adj
        return adj @ x

    @staticmethod
    def backward(ctx: torch.autograd.function.FunctionCtx, grad: torch.Tensor
                 ) -> tuple[None, torch.Tensor]:
        return None, ctx.adj @ grad


def propagate(adj: torch.Tensor, x: torch.Tensor, layers: int) -> torch.Tensor:
    """Mean of ``x, A x, A^2 x, ...`` up to ``layers`` products (LightGCN's layer combination).

    ``adj`` must be symmetric, as :func:`normalized_adjacency` builds it.
    """
    out = x
    total = x
    for _ in range(layers):
        out = _SymmetricProduct.apply(adj, out)
        total = total + out
    return total / (layers + 1)
