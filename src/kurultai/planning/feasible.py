"""Make a nearly feasible plan exactly feasible, losing as little fulfilment as it can.

Intensities are clipped into [0, cap]. Every product then short of what its consumers and its
wanted final delivery need is made in larger amounts by its technique with the most spare
capacity (cheapest first when prices are given), which asks more of that technique's inputs;
the rounds repeat until nothing is short or no spare capacity is left (for a productive
technology the extra demands shrink geometrically). What is still short is then taken from
final deliveries and, failing that, from the consumers in proportion. Finally intensities are
scaled down together until every resource fits, and each target is fulfilled as far as the net
output allows. The result satisfies every constraint of the canonical plan.
"""

from __future__ import annotations

import numpy as np

from kurultai.economy.grouping import ByProduct
from kurultai.economy.model import Economy

COVER_ROUNDS = 60
RATION_ROUNDS = 500


def make_feasible(e: Economy, x: np.ndarray, f: np.ndarray | None = None,
                  unit_cost: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(x, f) satisfying balance, resources, capacities and 0 ≤ f ≤ 1 exactly."""
    cap = np.where(np.isfinite(e.capacity), e.capacity, np.inf)
    x = np.clip(np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0), 0.0, cap)
    wanted = np.ones(e.n) if f is None else np.clip(np.nan_to_num(np.asarray(f, float)), 0.0, 1.0)
    wanted = np.where(e.targets > 0, wanted, 0.0)
    a = e.inputs
    groups = ByProduct(e.makes, e.n)
    self_use = np.asarray(a[e.makes, np.arange(e.t)]).ravel()
    for _ in range(COVER_ROUNDS):
        made = np.bincount(e.makes, weights=x, minlength=e.n)
        short = a @ x + e.targets * wanted - made
        short_rel = short > 1e-12 * np.maximum(1.0, made)
        if not short_rel.any():
            break
        spare = cap - x
        # per product: the technique with spare capacity, cheapest first, else the roomiest
        roomy = spare > 1e-12 * np.maximum(1.0, x)
        key = -np.minimum(spare, 1e300) if unit_cost is None else np.nan_to_num(unit_cost, nan=np.inf)
        key = np.where(roomy, key, np.inf)
        pick = groups.argmin(key)
        ok = short_rel & (pick >= 0)
        if not ok.any():
            break
        j = pick[ok]
        grow = np.minimum(short[ok] / np.maximum(1.0 - self_use[j], 1e-12), spare[j])
        x[j] += grow
    x = _ration(e, x, wanted)
    use = e.resource_use @ x
    over = use > e.available
    if over.any():
        x = x * float(np.min(e.available[over] / use[over])) * (1 - 1e-15)
    net = e.net_output(x)
    has_target = e.targets > 0
    possible = np.where(has_target, np.maximum(net, 0.0) / np.where(has_target, e.targets, 1.0), 1.0)
    f = np.where(has_target, np.minimum(np.where(f is None, 1.0, wanted), np.clip(possible, 0.0, 1.0)),
                 np.where(e.weights > 0, 1.0, 0.0))
    return x, f


def _ration(e: Economy, x: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Consumers of a product consumed more than it is made get it in proportion."""
    at = e.inputs.T.tocsr()
    for _ in range(RATION_ROUNDS):
        made = np.bincount(e.makes, weights=x, minlength=e.n)
        used = e.inputs @ x
        short = used > made * (1 + 1e-15)
        if not short.any():
            break
        share = np.ones(e.n)
        share[short] = made[short] / used[short]
        x = x * np.minimum(_row_min(at, share), 1.0)
    return x


def _row_min(m, values: np.ndarray) -> np.ndarray:
    """Per row of csr ``m``, the smallest ``values`` over the row's columns (1 for empty rows)."""
    out = np.ones(m.shape[0])
    rows = np.flatnonzero(np.diff(m.indptr))
    if len(rows):
        out[rows] = np.minimum.reduceat(values[m.indices], m.indptr[rows])
    return out
