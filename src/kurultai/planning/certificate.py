"""The optimality certificate of a plan, recomputed from the economy and the plan alone.

Any prices p ≥ 0 (products) and r ≥ 0 (resources) bound the weighted fulfilment from above:

    U(p, r) = rᵀb + Σ_i max(0, w_i − p_i d_i) + Σ_j cap_j · max(0, p·(B − A)_j − r·R_j)

with cap_j tightened to min(cap_j, min_k b_k / R[k, j]) and, where that leaves it infinite, to
the bound its inputs imply (see ``effective_capacity``). A plan whose objective Σ w_i f_i is
within a relative gap of U, and whose constraints hold, is certified optimal to that gap.
"""

from __future__ import annotations

import weakref
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
    """cap_j tightened by what the resources allow, min(cap_j, min_k b_k / R[k, j]), and, for a
    technique still unbounded, by what its inputs allow: A[i, j] x_j ≤ Σ_{makes(j') = i} cap_j'.

    Without the second bound a technique that uses no resource and has no capacity would make
    U infinite whenever rounding leaves its profit at prices p, r a hair above zero. The
    answer for the latest economy is kept (read-only): a solve certifies its plans several times.
    """
    kept = _kept.get("capacity")
    if kept is not None and kept[0]() is e:
        return kept[1]
    cap = _effective_capacity(e)
    cap.setflags(write=False)
    _kept["capacity"] = (weakref.ref(e), cap)
    return cap


_kept: dict = {}


def _effective_capacity(e: Economy) -> np.ndarray:
    cap = e.capacity.copy()
    _tighten(cap, e.resource_use.tocsc(), e.available)
    unbounded = ~np.isfinite(cap)
    while unbounded.any():
        supply = np.bincount(e.makes, weights=cap, minlength=e.n)  # inf if any maker is unbounded
        limit = np.full(e.t, np.inf)
        _tighten(limit, e.inputs, supply)
        cap[unbounded] = limit[unbounded]
        still = ~np.isfinite(cap)
        if np.array_equal(still, unbounded):
            break
        unbounded = still
    return cap


def _tighten(cap: np.ndarray, use, amount: np.ndarray) -> None:
    """cap_j ← min(cap_j, min_k amount_k / use[k, j]) over the positive entries of csc ``use``."""
    cols = np.repeat(np.arange(use.shape[1]), np.diff(use.indptr))
    positive = use.data > 0
    with np.errstate(over="ignore"):  # a tiny coefficient bounds nothing: the limit is inf
        limits = amount[use.indices[positive]] / use.data[positive]
    np.minimum.at(cap, cols[positive], limits)


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
