"""The optimality certificate of a plan, recomputed from the economy and the plan alone.

Any prices p ≥ 0 (products) and r ≥ 0 (resources) bound the weighted fulfilment from above:

    U(p, r) = rᵀb + Σ_i max(0, w_i − p_i d_i) + Σ_j cap_j · max(0, p·(B − A)_j − r·R_j)

with cap_j tightened to min(cap_j, min_k b_k / R[k, j]). A plan whose objective Σ w_i f_i is
within a relative gap of U, and whose constraints hold, is certified optimal to that gap.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from kurultai.economy.model import Economy

SOLVED_GAP = 1e-4
SOLVED_VIOLATION = 1e-6


@dataclass(frozen=True)
class Certificate:
    objective: float  # Σ w_i f_i, recomputed
    bound: float  # U(p, r)
    gap: float  # (U − objective) / max(1, objective)
    violation: float  # worst relative constraint violation
    worst: str  # which constraint is worst, in the economy's terms

    @property
    def solved(self) -> bool:
        return self.gap <= SOLVED_GAP and self.violation <= SOLVED_VIOLATION

    def as_dict(self) -> dict:
        return asdict(self) | {"solved": self.solved}


def effective_capacity(e: Economy) -> np.ndarray:
    """cap_j tightened by what the resources allow: min(cap_j, min_k b_k / R[k, j])."""
    r = e.resource_use.tocsc()
    cap = e.capacity.copy()
    cols = np.repeat(np.arange(e.t), np.diff(r.indptr))
    with np.errstate(divide="ignore"):
        limits = e.available[r.indices] / r.data
    np.minimum.at(cap, cols[r.data > 0], limits[r.data > 0])
    return cap


def upper_bound(e: Economy, p: np.ndarray, r: np.ndarray, cap: np.ndarray | None = None) -> float:
    """U(p, r) for any p ≥ 0, r ≥ 0 (negative entries are clipped to zero)."""
    p = np.maximum(p, 0.0)
    r = np.maximum(r, 0.0)
    cap = effective_capacity(e) if cap is None else cap
    profit = p[e.makes] - e.inputs.T @ p - e.resource_use.T @ r
    gain = np.maximum(profit, 0.0)
    positive = gain > 0
    with np.errstate(invalid="ignore"):
        capacity_term = float(np.sum(cap[positive] * gain[positive]))
    return float(r @ e.available + np.sum(np.maximum(e.weights - p * e.targets, 0.0)) + capacity_term)


def violations(e: Economy, x: np.ndarray, f: np.ndarray) -> tuple[float, str]:
    """Worst relative violation of balance, resource, capacity and fulfilment constraints."""
    made = np.bincount(e.makes, weights=np.abs(x), minlength=e.n)
    y = e.net_output(x)
    scale = np.maximum(1.0, np.maximum(e.targets, made))
    checks = {
        "balance of product": (e.targets * f - y) / scale,
        "availability of resource": (e.resource_use @ x - e.available) / np.maximum(1.0, e.available),
        "capacity of technique": np.where(np.isfinite(e.capacity), x - e.capacity, -np.inf)
        / np.maximum(1.0, np.where(np.isfinite(e.capacity), e.capacity, 1.0)),
        "non-negative intensity of technique": -x / np.maximum(1.0, made[e.makes]),
        "fulfilment at most 1 of product": f - 1.0,
        "fulfilment at least 0 of product": -f,
    }
    names = {
        "balance of product": e.products.ids,
        "availability of resource": e.resources.ids,
        "capacity of technique": e.techniques.ids,
        "non-negative intensity of technique": e.techniques.ids,
        "fulfilment at most 1 of product": e.products.ids,
        "fulfilment at least 0 of product": e.products.ids,
    }
    worst, where = 0.0, "none"
    for label, values in checks.items():
        if len(values) == 0:
            continue
        k = int(np.argmax(values))
        if values[k] > worst:
            worst, where = float(values[k]), f"{label} {names[label][k]}"
    return worst, where


def certify(e: Economy, x: np.ndarray, f: np.ndarray, p: np.ndarray, r: np.ndarray) -> Certificate:
    """The certificate of plan (x, f) with prices (p, r), trusting nothing but the economy."""
    objective = float(e.weights @ f)
    bound = upper_bound(e, p, r)
    violation, worst = violations(e, x, f)
    gap = (bound - objective) / max(1.0, abs(objective))
    return Certificate(objective, bound, gap, violation, worst)
