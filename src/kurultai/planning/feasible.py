"""Make a nearly feasible plan exactly feasible, losing as little fulfilment as it can.

Intensities are clipped into [0, cap]. A product that is then consumed more than it is made
has its consumers rationed in proportion (each technique runs at the smallest share it gets of
any of its inputs), which can leave its own product short in turn; the rounds repeat until no
product is short. Intensities are then scaled down together until every resource fits, and each
target is fulfilled as far as the net output allows. Scaling and rationing keep every balance
non-negative, so the result satisfies every constraint of the canonical plan.
"""

from __future__ import annotations

import numpy as np

from kurultai.economy.model import Economy

MAX_ROUNDS = 500


def make_feasible(e: Economy, x: np.ndarray, f: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(x, f) satisfying balance, resources, capacities and 0 ≤ f ≤ 1 exactly."""
    cap = np.where(np.isfinite(e.capacity), e.capacity, np.inf)
    x = np.clip(np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0), 0.0, cap)
    a = e.inputs
    at = a.T.tocsr()
    for _ in range(MAX_ROUNDS):
        made = np.bincount(e.makes, weights=x, minlength=e.n)
        used = a @ x
        short = used > made * (1 + 1e-15)
        if not short.any():
            break
        share = np.ones(e.n)
        share[short] = made[short] / used[short]
        # each technique runs at the smallest share of any input it uses
        lowest = _row_min(at, share)
        x = x * np.minimum(lowest, 1.0)
    use = e.resource_use @ x
    over = use > e.available
    if over.any():
        x = x * float(np.min(e.available[over] / use[over])) * (1 - 1e-15)
    net = e.net_output(x)
    wanted = np.ones(e.n) if f is None else np.clip(np.asarray(f, dtype=np.float64), 0.0, 1.0)
    has_target = e.targets > 0
    possible = np.where(has_target, np.maximum(net, 0.0) / np.where(has_target, e.targets, 1.0), 1.0)
    f = np.minimum(wanted, np.clip(possible, 0.0, 1.0))
    f[~has_target] = np.where(e.weights[~has_target] > 0, 1.0, 0.0)
    return x, f


def _row_min(m, values: np.ndarray) -> np.ndarray:
    """Per row of csr ``m``, the smallest ``values`` over the row's columns (1 for empty rows)."""
    out = np.ones(m.shape[0])
    counts = np.diff(m.indptr)
    rows = np.flatnonzero(counts)
    if len(rows):
        picked = values[m.indices]
        out[rows] = np.minimum.reduceat(picked, m.indptr[rows])
    return out
