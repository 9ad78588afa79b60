"""How well a basis preconditions an interior point method's normal equations on a capped economy.

    python bench/capped_ipm_pcg.py --n 1000
    python bench/capped_ipm_pcg.py --n 3000 --iterative
    python bench/capped_ipm_pcg.py --n 1e4 --iterative

Runs a plain Mehrotra predictor-corrector interior point method on the LP of ``synthetic(n,
seed)`` (DESIGN's family, a third of the techniques capped).

By default its normal equations A Θ Aᵀ are factorised directly, and every ``--every``
iterations the script counts the conjugate-gradient iterations that the same equations take
with a splitting preconditioner (B Θ_B Bᵀ)⁻¹, where B is a basis of columns with large θ_j:
chosen greedily by a column-pivoted QR of A Θ^½ (dense, so only for small n); by a bipartite
matching of rows to columns that maximises Σ log θ_j; and by one that maximises
Σ log(θ_j a_ij²), the matched entries' sizes counted too.

With ``--iterative`` nothing is factorised: every direction comes from preconditioned CG with
the last of these bases, whose solves (B z = v, Bᵀ z = v) are GMRES with the matched entries as
a diagonal preconditioner, and the method stops when the plan's certificate (recomputed from
the economy) says solved. It prints, per iteration, the CG iterations, the matrix products per
basis solve and the seconds the matching took, and at the end the products spent in all.
``--rematch-every K`` keeps each basis for K iterations (its θ_B still updated).

It measures whether an interior point method can run on sparse matrix products alone on
this family, and at what cost.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as sla
from capped_basis import matched  # bench/capped_basis.py, beside this script

from kurultai.economy import synthetic
from kurultai.planning.certificate import certify
from kurultai.planning.krylov import gmres
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


def matched_basis(a, theta: np.ndarray, sizes: bool) -> np.ndarray:
    """One column per row, the matching of largest Σ log θ_j (+ 2 log |a_ij| with ``sizes``)."""
    logs = np.log(np.maximum(theta, 1e-300))

    def cost(rows, cols, values):
        score = logs[cols] + (2 * np.log(np.abs(values)) if sizes else 0.0)
        return score.max() - score + 1e-6

    return matched(a, cost)


def cg_iterations(a, at, theta, basis, rhs, tol) -> int:
    lu, theta_b = sla.splu(a[:, basis].tocsc()), theta[basis]
    rows = a.shape[0]
    normal = sla.LinearOperator((rows, rows), matvec=lambda v: a @ (theta * (at @ v)))
    split = sla.LinearOperator((rows, rows), matvec=lambda v: lu.solve(lu.solve(v) / theta_b, trans="T"))
    count = [0]
    sla.cg(normal, rhs, rtol=tol, maxiter=CG_LIMIT, M=split,
           callback=lambda _: count.__setitem__(0, count[0] + 1))
    return count[0]


class IterativeNormal:
    """A Θ Aᵀ dy = v by CG, preconditioned by the basis matched by size, solved by GMRES."""

    def __init__(self, a, at, theta: np.ndarray, counter: dict, basis: np.ndarray | None = None):
        began = time.perf_counter()
        self.a, self.at, self.theta, self.counter = a, at, theta, counter
        self.basis = basis = matched_basis(a, theta, sizes=True) if basis is None else basis
        self.seconds_matching = time.perf_counter() - began
        self.b = a[:, basis].tocsr()
        self.bt = self.b.T.tocsr()
        self.diagonal, self.theta_b = self.b.diagonal(), theta[basis]
        self.gmres_products, self.cg = [], []

    def _basis_solve(self, rhs: np.ndarray, transposed: bool, tol: float) -> np.ndarray:
        count = [0]
        d = self.diagonal

        def apply(v):
            count[0] += 1
            return self.bt @ v / d if transposed else self.b @ (v / d)

        z, _ = gmres(apply, rhs / d if transposed else rhs, None, tol, 100, 5)
        self.gmres_products.append(count[0])
        self.counter["products"] += count[0]
        return z if transposed else z / d

    def solve(self, rhs: np.ndarray, tol: float) -> np.ndarray:
        inner = min(1e-6, 0.1 * tol)
        precondition = lambda v: self._basis_solve(self._basis_solve(v, False, inner) / self.theta_b, True, inner)
        dy, r = np.zeros_like(rhs), rhs.copy()
        z = precondition(r)
        p, rz, scale = z.copy(), r @ z, np.linalg.norm(rhs)
        for k in range(1, CG_LIMIT + 1):
            q = self.a @ (self.theta * (self.at @ p))
            self.counter["products"] += 2
            alpha = rz / (p @ q)
            dy += alpha * p
            r -= alpha * q
            if np.linalg.norm(r) <= tol * scale:
                break
            z = precondition(r)
            rz, rz_old = r @ z, rz
            p = z + (rz / rz_old) * p
        self.cg.append(k)
        return dy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=int, default=3, help="sample CG every this many iterations")
    parser.add_argument("--iterative", action="store_true", help="directions by PCG alone (see above)")
    parser.add_argument("--rematch-every", type=int, default=1,
                        help="with --iterative, match a new basis every this many iterations (the matching grows faster than n)")
    args = parser.parse_args()
    e = synthetic(int(args.n), seed=args.seed)
    a, b, c, u = standard_form(e)
    at = a.T.tocsr()
    a_dense = None if args.iterative else a.toarray()
    bounded = np.isfinite(u)
    count = a.shape[1] + bounded.sum()
    x = np.where(bounded, np.minimum(1.0, 0.5 * u), 1.0)
    w = np.where(bounded, u - x, 1.0)  # room below the upper bound
    y, s, v = np.zeros(a.shape[0]), np.ones(a.shape[1]), bounded.astype(float)
    counter, began = {"products": 0}, time.perf_counter()

    def longest(z, dz):
        falling = dz < 0
        return min(1.0, float(np.min(-z[falling] / dz[falling]))) if falling.any() else 1.0

    for iteration in range(300):
        rp, rd = b - a @ x, c - at @ y - s + v
        mu = (x @ s + (w * v)[bounded].sum()) / count
        gap = abs(c @ x - (b @ y - u[bounded] @ v[bounded])) / max(1.0, abs(c @ x))
        infeasible = max(np.linalg.norm(rp) / (1 + np.linalg.norm(b)),
                         np.linalg.norm(rd) / (1 + np.linalg.norm(c)))
        theta = 1.0 / (s / x + np.where(bounded, v / w, 0.0))
        cert = certify(e, x[:e.t], x[e.t:e.t + e.n], np.maximum(y[:e.n], 0.0), np.maximum(-y[e.n:], 0.0))
        done = cert.solved if args.iterative else gap < 1e-8 and infeasible < 1e-8
        line = {"iteration": iteration, "mu": mu, "gap": gap, "infeasibility": infeasible,
                "certificate_gap": cert.gap, "certificate_violation": cert.violation}
        if not args.iterative and (iteration % args.every == 0 or done):
            rhs = rp + a @ (theta * rd)
            print(json.dumps(line | {
                "cg_greedy_1e-6": cg_iterations(a, at, theta, greedy_basis(a_dense, theta), rhs, 1e-6),
                "cg_matched_1e-6": cg_iterations(a, at, theta, matched_basis(a, theta, False), rhs, 1e-6),
                "cg_matched_by_size_1e-6": cg_iterations(a, at, theta, matched_basis(a, theta, True), rhs, 1e-6),
                "cg_limit": CG_LIMIT}), flush=True)
        if done:
            break
        if args.iterative:
            normal = IterativeNormal(a, at, theta, counter,
                                     None if iteration % args.rematch_every == 0 else normal.basis)
            tol = max(1e-7, min(1e-3, 0.01 * gap))  # inexact Newton: looser while far off
            solve = lambda rhs: normal.solve(rhs, tol)
        else:
            factor = sla.splu((a @ sp.diags(theta) @ at).tocsc())
            solve = factor.solve

        def newton(r1, r2):
            q = rd - r1 / x + np.where(bounded, r2 / w, 0.0)
            dy = solve(rp + a @ (theta * q))
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
        if args.iterative:
            print(json.dumps(line | {"cg": normal.cg, "products_per_basis_solve": float(np.mean(normal.gmres_products)),
                                     "matching_seconds": normal.seconds_matching,
                                     "products": counter["products"], "seconds": time.perf_counter() - began}),
                  flush=True)
    print(json.dumps({"objective": float(-c @ x), "iterations": iteration, "seconds": time.perf_counter() - began,
                      "products": counter["products"], "certificate": cert.as_dict()}))


if __name__ == "__main__":
    main()
