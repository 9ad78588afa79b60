"""The plan of an economy whose capacities do not bind, by the non-substitution theorem.

Without binding capacities the best technique of every product depends only on the resource
prices r, not on what is demanded. At given r, Howard's policy iteration gives the least-cost
prices p(r) and their policy (technology.py), and each target is worth fulfilling exactly when
w_i > d_i p_i(r). The dual of the plan is then a function of only m variables,

    L(r) = r·b + Σ_i max(0, w_i − d_i p_i(r)),   r ≥ 0,

convex and piecewise linear. It is minimised by Dantzig–Wolfe column generation: every
evaluation of L at a trial r yields a plan (its policy's gross output for the targets worth
fulfilling), whose value and resource use are a cut of L; a small LP over the plans found so far
(the master) gives the next r and the best convex combination of those plans, which is feasible
for the resources. The gap between the master's plan and the lowest L found certifies the
result; the first trial r comes from the knapsack over the fulfilments of the first policy, and
later trials are smoothed towards the best r so far (Wentges' stabilisation of column generation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kurultai.planning.highs import new_highs
from kurultai.planning.knapsack import fulfilment_knapsack
from kurultai.planning.technology import Policy, Technology

MAX_COLUMNS = 80
GAP = 1e-7  # well inside the certificate's 1e-4, and a third fewer columns than 1e-9
SMOOTH = 0.5  # trial r halfway between the best r so far and the master's (Wentges smoothing)


@dataclass
class SubstitutionPlan:
    intensity: np.ndarray
    fulfilment: np.ndarray
    prices: np.ndarray
    resource_prices: np.ndarray
    policy: Policy
    rounds: int
    respects_capacities: bool
    bound: float = np.inf
    history: list = field(default_factory=list)


def plan_without_capacities(tech: Technology, r: np.ndarray | None = None,
                            policy: Policy | None = None, on_round=None,
                            extra_cost: np.ndarray | None = None) -> SubstitutionPlan:
    """Optimal plan when no capacity binds; ``extra_cost`` adds a per-technique cost (rents)."""
    e = tech.economy
    extra = np.zeros(e.t) if extra_cost is None else extra_cost
    # value, resource use, and the policy and fulfilment (packed bits) of each plan; the empty
    # plan keeps the master feasible. Intensities are not kept (at a million products each is
    # tens of MB): the few plans the master ends up mixing are made again at the end.
    columns = [(0.0, np.zeros(e.m), None)]
    best = (np.inf, None, None, None)  # L, r, p, policy
    p = None
    if r is None:
        r = _first_prices(tech, extra)
    lam = None
    for rounds in range(1, MAX_COLUMNS + 1):
        p, policy = tech.least_cost(tech.resource_use_t @ r + extra, policy, p)
        value_of = np.where(policy.made & np.isfinite(p), e.weights - e.targets * p, -np.inf)
        f = (value_of > 0).astype(np.float64)
        x = _intensity(tech, policy, f)
        use = e.resource_use @ x
        rent = float(extra @ x)
        del x
        bound = float(r @ e.available + np.sum(np.maximum(value_of, 0.0)))
        if bound < best[0]:
            best = (bound, r.copy(), p.copy(), policy)
        columns.append((float(e.weights @ f) - rent, use, (policy, np.packbits(f.astype(bool)))))
        lam, r_next, primal = _master(columns, e.available)
        if on_round is not None:
            on_round(rounds, best[0], primal, _snapshot(tech, lam, columns, best))
        if best[0] - primal <= GAP * max(1.0, abs(best[0])):
            break
        # the master's r alone jumps about (Kelley's cutting planes); pulling it towards the
        # best r found saves about a third of the columns on DESIGN's family
        r = SMOOTH * best[1] + (1 - SMOOTH) * r_next
    x, f = _mixture(tech, lam, columns)
    capped = np.isfinite(e.capacity)
    fits = bool(np.all(x[capped] <= e.capacity[capped] * (1 + 1e-9) + 1e-12))
    _, r_best, p_best, policy_best = best
    return SubstitutionPlan(x, f, np.where(np.isfinite(p_best), p_best, 0.0), r_best,
                            policy_best, rounds, fits, best[0])


def _mixture(tech: Technology, lam, columns):
    """Σ λ_k (x_k, f_k) over the plans the master mixes, each made again from its policy."""
    e = tech.economy
    x, f = np.zeros(e.t), np.zeros(e.n)
    for weight, (_, _, made_by) in zip(lam, columns):
        if weight > 0 and made_by is not None:
            policy, packed = made_by
            fk = np.unpackbits(packed, count=e.n).astype(np.float64)
            x += weight * _intensity(tech, policy, fk)
            f += weight * fk
    return x, f


def _snapshot(tech, lam, columns, best):
    """A function building the plan of the master so far (for a caller stopped midway)."""

    def plan():
        x, f = _mixture(tech, lam, columns)
        return x, f, np.where(np.isfinite(best[2]), best[2], 0.0), best[1]

    return plan


def _first_prices(tech: Technology, extra: np.ndarray) -> np.ndarray:
    """Resource prices from the knapsack of the least-cost policy at unit resource prices."""
    e = tech.economy
    p, policy = tech.least_cost(tech.resource_use_t @ np.ones(e.m) + extra)
    made = policy.made
    use = tech.embodied(policy) * e.targets[None, :]
    use[:, ~made] = 0.0
    value = np.where(made & np.isfinite(p), e.weights, 0.0)
    # rents are sunk in the knapsack's view: they lower the value of fulfilling a product
    rent_price = tech.prices(policy, extra)
    value = np.maximum(value - e.targets * np.where(np.isfinite(rent_price), rent_price, 0.0), 0.0)
    _, r = fulfilment_knapsack(value, use, e.available)
    return r


def _intensity(tech: Technology, policy: Policy, f: np.ndarray) -> np.ndarray:
    e = tech.economy
    made = policy.made
    gross = tech.gross_output(policy, np.where(made, e.targets * f, 0.0))
    x = np.zeros(e.t)
    x[policy.choice[made]] = np.maximum(gross[made], 0.0)
    return x


def _master(columns, available):
    """max Σ λ_k value_k s.t. Σ λ_k use_k ≤ b, Σ λ_k = 1, λ ≥ 0: weights, duals r, value."""
    import highspy

    k = len(columns)
    m = len(available)
    value = np.array([c[0] for c in columns])
    use = np.column_stack([c[1] for c in columns]) if m else np.zeros((0, k))
    matrix = sp.csc_matrix(np.vstack([use, np.ones((1, k))]))
    lp = highspy.HighsLp()
    lp.num_col_ = k
    lp.num_row_ = m + 1
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = value
    lp.col_lower_ = np.zeros(k)
    lp.col_upper_ = np.full(k, np.inf)
    lp.row_lower_ = np.concatenate([np.full(m, -np.inf), [1.0]])
    lp.row_upper_ = np.concatenate([np.asarray(available, float), [1.0]])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    h = new_highs()
    h.setOptionValue("threads", 1)  # HiGHS fixes its thread count at the first run
    h.passModel(lp)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        # x = 0 (no production) is always within the resources: start the master from it
        raise ArithmeticError("the master LP of the resource prices has no solution")
    sol = h.getSolution()
    lam = np.clip(np.asarray(sol.col_value), 0.0, None)
    lam = lam / max(lam.sum(), 1e-300)
    r = np.maximum(np.asarray(sol.row_dual)[:m], 0.0)
    return lam, r, float(h.getInfo().objective_function_value)
