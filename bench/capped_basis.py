"""What an optimal simplex basis of a capped economy looks like, and why it is hard to solve with.

    python bench/capped_basis.py --n 3000

Solves ``synthetic(n, seed)`` (DESIGN's family, a third of the techniques capped) with HiGHS and
takes its optimal basis B, one column per product row and resource row. Prints one JSON line:

- how many products have no basic column of their own (no basic technique, fulfilment or
  surplus: their price is set through another product's techniques) and how many have two or
  more: the departure of B from a Leontief matrix, which has exactly one each;
- GMRES on B (columns scaled to unit largest entry), with no preconditioner and with the
  Leontief part of B as preconditioner (every product's own column, or its first technique
  where it has none), as the number of matrix products spent and the residual reached;
- the fill of a sparse LU of B (SuperLU): nonzeros of L + U against those of B;
- the scarcity prices: products without a column of their own whose price is positive, and
  how far their prices stand above what their cheapest technique costs at the optimum's prices;
- B's condition number and how many of its singular values lie below 1e-3 of the largest
  (a dense SVD, only up to --dense products): the directions an iterative solve would have to
  deflate;
- B matched by size: every row matched to a basic column so that the product of the matched
  entries' sizes is largest (a scarce product's row then goes to a technique of another
  product that uses it), how many rows go to another product's column, and GMRES on B and on
  Bᵀ with the matched entries as a diagonal preconditioner: matrix products to 1e-10;
- the bound U of the certificate at the optimum's resource prices when every price comes from
  one column of its own product (a Leontief pricing): a scarce product priced by the dearest of
  its techniques at capacity, as a ratio to the optimum.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from kurultai.economy import synthetic
from kurultai.planning.certificate import upper_bound
from kurultai.planning.highs import solve_highs
from kurultai.planning.krylov import gmres
from kurultai.planning.lp import weighted_fulfilment_lp

BASIC, UPPER = 1, 2  # HiGHS's basis statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=int, default=4000, help="matrix products allowed to GMRES")
    parser.add_argument("--dense", type=int, default=5000, help="largest n for the dense SVD")
    parser.add_argument("--solver", default="simplex", help="HiGHS's solver for the optimal basis "
                        "(ipm crosses over to one, and is faster from 10^4)")
    args = parser.parse_args()
    e = synthetic(int(args.n), seed=args.seed)
    plan = solve_highs(e, solver=args.solver)
    col = np.array(plan.stats["basis"]["col"])
    row = np.array(plan.stats["basis"]["row"])
    n, t, m = e.n, e.t, e.m
    basic_cols, basic_rows = np.flatnonzero(col == BASIC), np.flatnonzero(row == BASIC)
    techniques = basic_cols[basic_cols < t]
    fulfilments = basic_cols[basic_cols >= t] - t
    surpluses = basic_rows[basic_rows < n]
    own = (np.bincount(e.makes[techniques], minlength=n) + np.bincount(fulfilments, minlength=n)
           + np.bincount(surpluses, minlength=n))

    matrix = weighted_fulfilment_lp(e).matrix
    slack = sp.identity(n + m, format="csc")
    basis = sp.hstack([matrix[:, basic_cols], slack[:, basic_rows]], format="csc")
    basis = basis @ sp.diags(1.0 / abs(basis).max(axis=0).toarray().ravel())

    # the Leontief part: each product's own basic column (its first, if it has several), else
    # its first technique; each resource row its slack
    basic_owner = np.full(n, -1)
    for j in techniques[::-1]:
        basic_owner[e.makes[j]] = j
    first = np.searchsorted(e.makes, np.arange(n))
    owner = np.where(basic_owner >= 0, basic_owner, first)
    leontief = sp.hstack([matrix[:, owner], slack[:, n:]], format="csc")
    leontief = leontief @ sp.diags(1.0 / abs(leontief).max(axis=0).toarray().ravel())
    part = sla.splu(leontief.tocsc())

    rhs = np.random.default_rng(args.seed).random(n + m)
    runs = {}
    for name, apply in (("plain", lambda v: basis @ v),
                        ("leontief_preconditioned", lambda v: basis @ part.solve(v))):
        count = [0]

        def counted(v, apply=apply):
            count[0] += 1
            return apply(v)

        _, residual = gmres(counted, rhs, None, 1e-10, 200, max(1, args.budget // 200))
        runs[name] = {"products": count[0], "residual": float(residual)}
    lu = sla.splu(basis.tocsc())
    cost = e.inputs.T @ plan.product_prices + e.resource_use.T @ plan.resource_prices
    cheapest = np.full(n, np.inf)
    np.minimum.at(cheapest, e.makes, cost)
    scarce = (own == 0) & (plan.product_prices > 1e-9)
    markup = plan.product_prices[scarce] / cheapest[scarce]
    leontief_bound = upper_bound(e, _own_column_prices(e, basic_owner, fulfilments, scarce,
                                                       col[:t] == UPPER, cost, plan.resource_prices),
                                 plan.resource_prices) / plan.objective
    conditioning = {"matched_by_size": _matched_by_size(basis, np.concatenate([
        np.where(basic_cols < t, e.makes[np.minimum(basic_cols, t - 1)], basic_cols - t),
        basic_rows]), args.seed, args.budget)}
    if n <= args.dense:
        sigma = np.linalg.svd(basis.toarray(), compute_uv=False)
        conditioning |= {"condition": float(sigma[0] / sigma[-1]),
                         "singular_values_below_1e-3": int(np.sum(sigma < 1e-3 * sigma[0]))}
    print(json.dumps({
        "n": n, "techniques": t, "capped": int(np.isfinite(e.capacity).sum()),
        "at_capacity": int(np.sum(col[:t] == UPPER)), "basic_techniques": len(techniques),
        "basic_fulfilments": len(fulfilments), "basic_surpluses": len(surpluses),
        "products_without_own_column": int(np.sum(own == 0)),
        "products_with_two_or_more": int(np.sum(own >= 2)),
        "gmres": runs, "basis_nonzeros": int(basis.nnz), "lu_nonzeros": int(lu.L.nnz + lu.U.nnz),
        "scarce_products": int(scarce.sum()),
        "bound_with_own_column_prices_over_optimum": float(leontief_bound),
        "scarce_price_over_cheapest_cost": {"median": float(np.median(markup)),
                                            "largest": float(markup.max())},
    } | conditioning))


def matched(matrix, cost) -> np.ndarray:
    """For each row of a square sparse matrix, the column a perfect matching over its nonzeros
    gives it, the matching of least total ``cost(rows, cols, values)`` (positive, per nonzero)."""
    entries = matrix.tocoo()
    rows, cols = min_weight_full_bipartite_matching(sp.csr_matrix(
        (cost(entries.row, entries.col, entries.data), (entries.row, entries.col)), shape=matrix.shape))
    match = np.empty(matrix.shape[0], dtype=int)
    match[rows] = cols
    return match


def _matched_by_size(basis, own_row: np.ndarray, seed: int, budget: int) -> dict:
    """Match each row of B to a basic column so that the product of the matched entries'
    sizes is largest (a bipartite matching over B's nonzeros), and solve B and Bᵀ by GMRES with
    the matched entries as a diagonal (Jacobi) preconditioner."""
    size = basis.shape[0]

    def smaller_costs_more(rows, cols, values):
        logs = np.log(abs(values))
        return logs.max() + 1e-6 - logs

    match = matched(basis, smaller_costs_more)
    paired = basis[:, match].tocsr()  # row i's matched column is column i
    diagonal = paired.diagonal()
    rhs = np.random.default_rng(seed).random(size)
    runs = {}
    for name, apply in (("B", lambda v: paired @ (v / diagonal)),
                        ("B_transposed", lambda v: (paired.T @ v) / diagonal)):
        count = [0]

        def counted(v, apply=apply):
            count[0] += 1
            return apply(v)

        _, residual = gmres(counted, rhs, None, 1e-10, 200, max(1, budget // 200))
        runs[name] = {"products": count[0], "residual": float(residual)}
    return {"rows_matched_to_another_product": int(np.sum(own_row[match] != np.arange(size))),
            "gmres_jacobi": runs}


def _own_column_prices(e, basic_owner, fulfilments, scarce, at_capacity, cost, r) -> np.ndarray:
    """Prices from one column per product: its basic technique (``basic_owner``; p_i = A_jᵀ p
    + R_jᵀ r), its basic fulfilment (p_i = w_i / d_i), for a scarce product its dearest
    technique at capacity (at the optimum's prices), else 0 (a surplus)."""
    owner = basic_owner.copy()
    for j in np.flatnonzero(at_capacity & scarce[e.makes]):
        i = e.makes[j]
        if owner[i] < 0 or cost[j] > cost[owner[i]]:
            owner[i] = j
    priced = owner >= 0
    column = np.where(priced, owner, 0)
    at = (e.inputs[:, column] @ sp.diags(priced.astype(float))).T  # row i: inputs of i's column
    rhs = np.zeros(e.n)
    rhs[fulfilments] = e.weights[fulfilments] / e.targets[fulfilments]
    rhs = np.where(priced, e.resource_use.T[column] @ r, rhs)
    return np.maximum(sla.spsolve((sp.identity(e.n) - at).tocsc(), rhs), 0.0)


if __name__ == "__main__":
    main()
