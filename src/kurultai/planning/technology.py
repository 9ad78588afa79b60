"""The technology of an economy as the fast planner uses it: policies and their Leontief solves.

A policy chooses one technique for each product. For a productive policy S the square matrix
I − A_S is a nonsingular M-matrix, so prices (I − A_S)ᵀ p = c_S and gross outputs
(I − A_S) g = y are solved by a few dozen sparse products with A_S (GMRES, leontief.py, started
from the previous solution when there is one). Least-cost prices are found by Howard's policy
iteration: evaluate the prices of a policy, switch every product to its cheapest technique at
those prices, repeat; for a productive technology it ends after a handful of rounds and the
prices it ends with are the least-cost fixed point p = min_j (A_jᵀ p + c_j).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kurultai.economy.grouping import ByProduct
from kurultai.economy.model import Economy
from kurultai.economy.productivity import inputs_within, sustained
from kurultai.planning.blocks import BlockedMatrix
from kurultai.planning.leontief import Counter, leontief_solve

TOLERANCE = 1e-12
ROUGH = 1e-4  # relative accuracy of prices while the policy is still changing
MAX_POLICY_ROUNDS = 100


@dataclass
class Policy:
    """One technique per product (−1 where the product cannot be made) and its matrices."""

    choice: np.ndarray
    at: sp.csr_matrix = field(repr=False)  # A_Sᵀ, products × products (zero rows where −1)
    _blocked: BlockedMatrix | None = field(default=None, repr=False)

    @property
    def made(self) -> np.ndarray:
        return self.choice >= 0

    def blocked(self) -> BlockedMatrix:
        """A_Sᵀ ready to multiply on every core: by itself for prices, transposed (A_S, as a
        scatter, without a copy) for gross outputs."""
        if self._blocked is None:
            self._blocked = BlockedMatrix(self.at)
        return self._blocked


class Technology:
    """Matrices and index structures of one economy, built once."""

    def __init__(self, e: Economy):
        self.economy = e
        self.n, self.t, self.m = e.n, e.t, e.m
        self.makes = e.makes
        self.inputs = e.inputs  # csc, products × techniques
        self.inputs_t = e.inputs.T.tocsr()  # techniques × products
        self.inputs_t_blocked = BlockedMatrix(self.inputs_t)
        self.resource_use_t = e.resource_use.T.tocsr()  # techniques × resources
        self.groups = ByProduct(e.makes, e.n)
        # techniques all of whose inputs some usable technique can make: those whose inputs
        # lie in the largest set of products that techniques make from each other alone
        self.usable = inputs_within(e, sustained(e, np.ones(e.t, dtype=bool)))
        self.work = Counter()

    # -- policies ---------------------------------------------------------------------------
    def policy(self, choice: np.ndarray) -> Policy:
        choice = np.asarray(choice, dtype=np.int64)
        made = choice >= 0
        at = self.inputs_t[np.where(made, choice, 0)]  # row j of Aᵀ is technique j's inputs
        if not made.all():
            at.data[np.repeat(~made, np.diff(at.indptr))] = 0.0
            at.eliminate_zeros()
        return Policy(choice, at)

    def cheapest(self, cost: np.ndarray) -> np.ndarray:
        """Per product, its cheapest usable technique at these unit costs (−1 if none)."""
        return self.groups.argmin(np.where(self.usable, cost, np.inf))

    def unit_costs(self, prices: np.ndarray, direct: np.ndarray) -> np.ndarray:
        """A_jᵀ p + c_j for every technique; inf for techniques that cannot run."""
        cost = self.inputs_t_blocked.dot(np.where(np.isfinite(prices), prices, 0.0)) + direct
        return np.where(self.usable, cost, np.inf)

    # -- Leontief solves --------------------------------------------------------------------
    def prices(self, policy: Policy, direct: np.ndarray, start: np.ndarray | None = None,
               tol: float = TOLERANCE) -> np.ndarray:
        """p with p_i = A_Sᵀ p + c_S(i) for made products; inf where nothing can make them."""
        made = policy.made
        rhs = np.where(made, direct[np.where(made, policy.choice, 0)], 0.0)
        p = leontief_solve(policy.blocked(), rhs, start, tol, self.work)
        return np.where(made, p, np.inf)

    def gross_output(self, policy: Policy, net: np.ndarray, start: np.ndarray | None = None,
                     tol: float = TOLERANCE) -> np.ndarray:
        """g with (I − A_S) g = net: the gross output of each product under the policy."""
        return leontief_solve(policy.blocked(), net, start, tol, self.work, transposed=True)

    def least_cost(self, direct: np.ndarray, policy: Policy | None = None,
                   start: np.ndarray | None = None,
                   exact: bool = True) -> tuple[np.ndarray, Policy]:
        """Least-cost prices for per-technique direct costs (Howard's policy iteration).

        While the policy still changes its prices are solved only roughly (ROUGH): the next
        policy needs them only to tell cheaper techniques apart. The policy that survives is
        then priced exactly and checked once more, so the answer is as exact as before at
        about half the matrix products; ``exact=False`` stops before that, at prices right to
        about ROUGH.
        """
        if policy is None:
            policy = self.policy(self.productive_choice(direct))
        p = start
        tol = ROUGH
        for _ in range(MAX_POLICY_ROUNDS):
            p = self.prices(policy, direct, None if p is None else np.where(np.isfinite(p), p, 0.0), tol)
            cost = self.unit_costs(p, direct)
            best = self.cheapest(cost)
            current = np.where(policy.made, cost[np.maximum(policy.choice, 0)], np.inf)
            better = (best >= 0) & (cost[np.maximum(best, 0)] < current - 1e-12 * np.abs(current))
            if not better.any():
                if tol == TOLERANCE or not exact:
                    return p, policy
                tol = TOLERANCE
                continue
            policy = self.policy(np.where(better, best, policy.choice))
        return p, policy

    def productive_choice(self, direct: np.ndarray) -> np.ndarray:
        """A productive policy to start from: the cheapest techniques at value-iteration prices.

        Value iteration v ← min_j (A_jᵀ v + c_j + 1) from v = 0 converges for a productive
        technology; a few rounds give prices at which the cheapest choice is productive.
        """
        v = np.zeros(self.n)
        unit = np.where(np.isfinite(direct), direct, 0.0) + 1.0
        for _ in range(200):
            cost = self.unit_costs(v, unit)
            nxt = self.groups.minimum(cost)
            if np.allclose(nxt[np.isfinite(nxt)], v[np.isfinite(nxt)], rtol=1e-3, atol=0):
                break
            v = np.where(np.isfinite(nxt), nxt, v)
        return self.cheapest(self.unit_costs(v, unit))

    def embodied(self, policy: Policy, start: np.ndarray | None = None,
                 tol: float = TOLERANCE, priced: tuple | None = None) -> np.ndarray:
        """Resources embodied in one unit of each product under the policy (m × n).

        ``priced`` = (r, p), the policy's exact prices p at resource prices r, spares a solve:
        since p = Eᵀ r, the row of the resource that r weighs most follows from the others.
        """
        made = policy.made
        use = self.economy.resource_use.tocsr()
        derived = None
        if priced is not None:
            r, p = priced
            weight = r * np.asarray(use.sum(axis=1)).ravel()
            if self.m and weight.max() > 0 and np.all(np.isfinite(p[made])):
                derived = int(np.argmax(weight))
        rows = np.zeros((self.m, self.n))
        for k in range(self.m):
            if k == derived:
                continue
            direct = np.asarray(use[k].todense()).ravel()
            rhs = np.where(made, direct[np.where(made, policy.choice, 0)], 0.0)
            rows[k] = leontief_solve(policy.blocked(), rhs, None if start is None else start[k],
                                     tol, self.work)
        if derived is not None:
            rest = np.where(made, p, 0.0) - r @ rows  # the derived row is still 0 here
            rows[derived] = np.maximum(rest / r[derived], 0.0)
        return rows


def intensities(choice: np.ndarray, gross: np.ndarray, t: int) -> np.ndarray:
    """Each chosen technique runs at its product's gross output (others not at all)."""
    made = choice >= 0
    x = np.zeros(t)
    x[choice[made]] = np.maximum(gross[made], 0.0)
    return x
