"""The best plan whose intermediate inputs are all made under one policy.

For a policy S with embodied resources E_S (m Leontief solves), any technique j of a product
can deliver that product's target with its inputs made under S, at R_j + E_S A_j resources
per unit. The best such plan is therefore a knapsack whose items are the targets and whose
options are their techniques (knapsack.py): no further Leontief solve but the one that makes
the plan. It is feasible, so its value bounds the optimum from below; where S is least-cost
near the optimal resource prices it falls short of the optimum only by what making an
intermediate product by a second technique would add (the optimum may split such a product
where techniques tie; this plan splits only final deliveries): 6e-7 of it in the tests, 1e-5
to 2e-5 after the bench's small changes. A warm start uses it (substitution.py): one
evaluation of L near the predicted optimum, this policy's E_S and this plan certify the new
plan to the planner's gap without column generation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kurultai.planning.knapsack import choice_knapsack
from kurultai.planning.technology import Policy, Technology, intensities

EMBODIED = 1e-8  # accuracy of E_S: resource use is right to this, far inside the certificate's 1e-6
BALANCE = 1e-10  # accuracy of the plan's gross outputs (one correction fewer than 1e-12)


@dataclass
class PolicyPlan:
    """The best plan under a policy, as the knapsack leaves it: which techniques deliver how
    much of each target (its intensities cost one Leontief solve, made only if wanted)."""

    policy: Policy
    runs: np.ndarray  # techniques that deliver targets
    amount: np.ndarray  # how much of its product each delivers
    fulfilment: np.ndarray  # f (n)
    value: float  # Σ w f
    use: np.ndarray  # resources used (m)
    resource_prices: np.ndarray  # the knapsack's r
    prices: np.ndarray  # the policy's prices at that r, E_Sᵀ r (inf where it makes nothing)
    embodied: np.ndarray  # E_S (m × n)

    def intensity(self, tech: Technology, start: np.ndarray | None = None) -> np.ndarray:
        """x: the policy's techniques make the inputs, each run delivers its amount (``start``:
        a guess of the policy's gross outputs)."""
        e = tech.economy
        own = self.runs == self.policy.choice[tech.makes[self.runs]]
        net = np.bincount(tech.makes[self.runs[own]], weights=self.amount[own], minlength=e.n)
        other, direct = self.runs[~own], self.amount[~own]  # another technique, inputs made under S
        net += e.inputs[:, other] @ direct
        x = intensities(self.policy.choice, tech.gross_output(self.policy, net, start, BALANCE), e.t)
        x[other] += direct
        return x


def best_under(tech: Technology, policy: Policy, start: np.ndarray | None = None,
               embodied: np.ndarray | None = None, prices: np.ndarray | None = None) -> PolicyPlan:
    """The best plan whose inputs are made under ``policy``, and the r that proves it best
    (``embodied``: a guess of E_S to start its solves from, such as a similar policy's;
    ``prices``: the policy's exact prices at ``start``, which spare one of E_S's solves)."""
    e = tech.economy
    priced = None if prices is None or start is None else (start, prices)
    embodied = tech.embodied(policy, embodied, EMBODIED, priced)  # m × n
    per_unit = tech.resource_use_t.toarray()  # t × m: R_j + E_S A_j, resources per unit of j
    for k in range(e.m):
        per_unit[:, k] += tech.inputs_t_blocked.dot(embodied[k])
    unmade = tech.inputs_t_blocked.dot((~policy.made).astype(np.float64))
    d = e.targets[tech.makes]
    options = np.flatnonzero(tech.usable & (unmade == 0) & (d > 0) & (e.weights[tech.makes] > 0))
    f_option, r = choice_knapsack(e.weights[tech.makes[options]], (per_unit[options] * d[options, None]).T,
                                  e.available, tech.makes[options], start)
    chosen = f_option > 0
    runs, amount = options[chosen], d[options[chosen]] * f_option[chosen]
    f = np.bincount(tech.makes[runs], weights=f_option[chosen], minlength=e.n)
    return PolicyPlan(policy, runs, amount, f, float(e.weights @ f), per_unit[runs].T @ amount, r,
                      np.where(policy.made, embodied.T @ r, np.inf), embodied)
