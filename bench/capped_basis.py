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
- the fill of a sparse LU of B (SuperLU): nonzeros of L + U against those of B.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

from kurultai.economy import synthetic
from kurultai.planning.highs import solve_highs
from kurultai.planning.krylov import gmres
from kurultai.planning.lp import weighted_fulfilment_lp

BASIC, UPPER = 1, 2  # HiGHS's basis statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=int, default=4000, help="matrix products allowed to GMRES")
    args = parser.parse_args()
    e = synthetic(int(args.n), seed=args.seed)
    plan = solve_highs(e, solver="simplex")
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
    owner = np.full(n, -1)
    for j in techniques[::-1]:
        owner[e.makes[j]] = j
    first = np.searchsorted(e.makes, np.arange(n))
    owner = np.where(owner >= 0, owner, first)
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
    print(json.dumps({
        "n": n, "techniques": t, "capped": int(np.isfinite(e.capacity).sum()),
        "at_capacity": int(np.sum(col[:t] == UPPER)), "basic_techniques": len(techniques),
        "basic_fulfilments": len(fulfilments), "basic_surpluses": len(surpluses),
        "products_without_own_column": int(np.sum(own == 0)),
        "products_with_two_or_more": int(np.sum(own >= 2)),
        "gmres": runs, "basis_nonzeros": int(basis.nnz), "lu_nonzeros": int(lu.L.nnz + lu.U.nnz),
    }))


if __name__ == "__main__":
    main()
