"""How well a basis preconditions an interior point method's normal equations on a capped economy.

    python bench/capped_ipm_pcg.py --n 1000
    python bench/capped_ipm_pcg.py --n 3000 --every 6

Runs a plain Mehrotra predictor-corrector interior point method on the LP of ``synthetic(n,
seed)`` (DESIGN's family, a third of the techniques capped), its normal equations A Θ Aᵀ
factorised directly, and every ``--every`` iterations counts the conjugate-gradient iterations
that the same equations take with a splitting preconditioner (B Θ_B Bᵀ)⁻¹, where B is a basis
of columns with large θ_j: chosen greedily by a column-pivoted QR of A Θ^½ (dense, so only for
small n), and, as a contrast, by a bipartite matching that maximises Σ log θ_j over the rows.
Prints one JSON line per sampled iteration and one with the final objective.

It measures whether a solver whose basis solves go through the Leontief part and a Schur
complement (bench/capped_basis.py) could carry an interior point method: only if CG needs few
iterations with such a B.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as sla
from capped_basis import matched  # bench/capped_basis.py, beside this script

from kurultai.economy import synthetic
from kurultai.planning.lp import weighted_fulfilment_lp

CG_LIMIT = 3000


def standard_form(e):
    """min cᵀz s.t. A z = b, 0 ≤ z ≤ u: the balance rows with surplus columns, the resource rows
    with slack columns."""
    lp = weighted_fulfilment_lp(e)
    n, m, matrix = e.n, e.m, lp.matrix.tocsc()
    a = sp.vstack([sp.hstack([matrix[:n], -sp.identity(n), sp.csc_matrix((n, m))]),
                   sp.hstack([matrix[n:], sp.csc_matrix((m, n)), sp.identity(m)])], format="csc")
    b = np.concatenate([np.zeros(n), lp.row_upper[n:]])
    c = np.concatenate([-lp.cost, np.zeros(n + m)])
    u = np.concatenate([lp.col_upper, np.full(n + m, np.inf)])
    return a, b, c, u


def greedy_basis(a_dense: np.ndarray, theta: np.ndarray) -> np.ndarray:
    return la.qr(a_dense * np.sqrt(theta), pivoting=True, mode="economic")[2][: a_dense.shape[0]]


def matched_basis(a, theta: np.ndarray) -> np.ndarray:
    """One column per row, the matching of largest Σ log θ_j (costs shifted to be positive)."""
    logs = np.log(np.maximum(theta, 1e-300))
    return matched(a, lambda rows, cols: logs.max() - logs[cols] + 1e-6)


def cg_iterations(a, at, theta, basis, rhs, tol) -> int:
    lu, theta_b = sla.splu(a[:, basis].tocsc()), theta[basis]
    rows = a.shape[0]
    normal = sla.LinearOperator((rows, rows), matvec=lambda v: a @ (theta * (at @ v)))
    split = sla.LinearOperator((rows, rows), matvec=lambda v: lu.solve(lu.solve(v) / theta_b, trans="T"))
    count = [0]
    sla.cg(normal, rhs, rtol=tol, maxiter=CG_LIMIT, M=split,
           callback=lambda _: count.__setitem__(0, count[0] + 1))
    return count[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=int, default=3, help="sample CG every this many iterations")
    args = parser.parse_args()
    a, b, c, u = standard_form(synthetic(int(args.n), seed=args.seed))
    at, a_dense = a.T.tocsr(), a.toarray()
    bounded = np.isfinite(u)
    count = a.shape[1] + bounded.sum()
    x = np.where(bounded, np.minimum(1.0, 0.5 * u), 1.0)
    w = np.where(bounded, u - x, 1.0)  # room below the upper bound
    y, s, v = np.zeros(a.shape[0]), np.ones(a.shape[1]), bounded.astype(float)

    def longest(z, dz):
        falling = dz < 0
        return min(1.0, float(np.min(-z[falling] / dz[falling]))) if falling.any() else 1.0

    for iteration in range(200):
        rp, rd = b - a @ x, c - at @ y - s + v
        mu = (x @ s + (w * v)[bounded].sum()) / count
        gap = abs(c @ x - (b @ y - u[bounded] @ v[bounded])) / max(1.0, abs(c @ x))
        infeasible = max(np.linalg.norm(rp) / (1 + np.linalg.norm(b)),
                         np.linalg.norm(rd) / (1 + np.linalg.norm(c)))
        theta = 1.0 / (s / x + np.where(bounded, v / w, 0.0))
        done = gap < 1e-8 and infeasible < 1e-8
        if iteration % args.every == 0 or done:
            rhs = rp + a @ (theta * rd)
            print(json.dumps({"iteration": iteration, "mu": mu, "gap": gap, "infeasibility": infeasible,
                              "cg_greedy_1e-6": cg_iterations(a, at, theta, greedy_basis(a_dense, theta), rhs, 1e-6),
                              "cg_matched_1e-6": cg_iterations(a, at, theta, matched_basis(a, theta), rhs, 1e-6),
                              "cg_limit": CG_LIMIT}), flush=True)
        if done:
            break
        normal = sla.splu((a @ sp.diags(theta) @ at).tocsc())

        def newton(r1, r2):
            q = rd - r1 / x + np.where(bounded, r2 / w, 0.0)
            dy = normal.solve(rp + a @ (theta * q))
            dx = theta * (at @ dy - q)
            return dx, dy, (r1 - s * dx) / x, np.where(bounded, (r2 + v * dx) / w, 0.0)

        dx, dy, ds, dv = newton(-x * s, np.where(bounded, -w * v, 0.0))
        primal = min(longest(x, dx), longest(w[bounded], -dx[bounded]))
        dual = min(longest(s, ds), longest(v[bounded], dv[bounded]))
        affine = ((x + primal * dx) @ (s + dual * ds)
                  + ((w - primal * dx) * (v + dual * dv))[bounded].sum()) / count
        sigma = min(1.0, (affine / mu) ** 3)
        dx, dy, ds, dv = newton(sigma * mu - x * s - dx * ds,
                                np.where(bounded, sigma * mu - w * v + dx * dv, 0.0))
        primal = 0.995 * min(longest(x, dx), longest(w[bounded], -dx[bounded]))
        dual = 0.995 * min(longest(s, ds), longest(v[bounded], dv[bounded]))
        x, w = x + primal * dx, np.where(bounded, w - primal * dx, 1.0)
        y, s, v = y + dual * dy, s + dual * ds, np.where(bounded, v + dual * dv, 0.0)
    print(json.dumps({"objective": float(-c @ x), "iterations": iteration}))


if __name__ == "__main__":
    main()
