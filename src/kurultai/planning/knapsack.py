"""The fractional knapsack with a handful of resources: which targets to fulfil, and r.

For fixed product prices the plan's only choice left is fulfilment: maximise Σ v_i f_i subject
to Σ_i u_ki f_i ≤ b_k for each of the m resources and 0 ≤ f ≤ 1, where u_ki are the resources
that fulfilling product i uses (its target times the resources embodied in it). Its dual is

    D(r) = r·b + Σ_i max(0, v_i − u_i·r),  r ≥ 0,

a convex piecewise-linear function of only m variables. It is minimised by cutting planes in a
trust region (each cut costs one pass over the items); then every item whose reduced value
v_i − u_i·r is clearly positive is fulfilled, clearly negative left out, and the few items near
zero are settled exactly by a small LP (HiGHS) on what remains of b. HiGHS on the whole LP would
do the same but spends a pass over all items on every pivot, which at a million items is slow.
"""

from __future__ import annotations

import numpy as np

from kurultai.planning.highs import run_small_lp

MAX_CUTS = 200


def fulfilment_knapsack(value: np.ndarray, use: np.ndarray, available: np.ndarray,
                        start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(f, r): an optimal fulfilment and resource prices that prove it optimal."""
    value = np.asarray(value, dtype=np.float64)
    use = np.atleast_2d(np.asarray(use, dtype=np.float64))
    b = np.asarray(available, dtype=np.float64)
    n, m = len(value), len(b)
    f = np.zeros(n)
    free = np.all(use <= 0, axis=0) if m else np.ones(n, bool)
    f[free & (value > 0)] = 1.0
    items = np.flatnonzero(~free & (value > 0))
    if len(items) == 0:
        return f, np.zeros(m)
    v, u = value[items], use[:, items]
    if np.all(u.sum(axis=1) <= b * (1 + 1e-12)):  # everything fits
        f[items] = 1.0
        return f, np.zeros(m)
    r = _dual_minimum(v, u, b, start)
    fi, r = _settle(v, u, b, r)
    f[items] = fi
    return f, r


def dual_value(v: np.ndarray, u: np.ndarray, b: np.ndarray, r: np.ndarray) -> float:
    return float(r @ b + np.sum(np.maximum(v - r @ u, 0.0)))


def _dual_minimum(v, u, b, start) -> np.ndarray:
    """Approximate minimiser of D(r) by Kelley cutting planes in a trust region."""
    m = len(b)
    scale = np.maximum(v.sum() / np.maximum(b, 1e-300), 1e-12)  # r_k beyond this never pays
    r = np.clip(np.zeros(m) if start is None else np.asarray(start, float), 0, scale)
    cuts_g, cuts_c = [], []
    best_r, best = r.copy(), np.inf
    radius = 0.5 * scale
    for _ in range(MAX_CUTS):
        s = v - r @ u
        val = float(r @ b + np.sum(np.maximum(s, 0.0)))
        g = b - u[:, s > 0].sum(axis=1)
        if not np.isfinite(best) or val < best - 1e-15 * abs(best):
            best, best_r = val, r.copy()
            radius = np.minimum(2 * radius, scale)
        else:
            radius = radius * 0.5
        cuts_g.append(g)
        cuts_c.append(val - g @ r)
        lower, nxt = _master(np.array(cuts_g), np.array(cuts_c), best_r, radius, scale)
        if best - lower <= 1e-11 * max(1.0, abs(best)) or np.all(radius < 1e-14 * scale):
            break
        r = nxt
    return best_r


def _master(g, c, centre, radius, scale):
    """min θ s.t. θ ≥ c_k + g_k·r, r in the box around centre (a tiny LP)."""
    m = g.shape[1]
    k = g.shape[0]
    lo = np.maximum(centre - radius, 0.0)
    hi = np.minimum(centre + radius, scale)
    # variables: r (m), θ ; rows: g_k·r − θ ≤ −c_k
    a = np.hstack([g, -np.ones((k, 1))])
    h = run_small_lp(a, np.concatenate([np.zeros(m), [1.0]]), np.concatenate([lo, [-np.inf]]),
                     np.concatenate([hi, [np.inf]]), np.full(k, -np.inf), -c)
    x = np.asarray(h.getSolution().col_value)
    return float(x[m]), np.clip(x[:m], lo, hi)


def _settle(v, u, b, r):
    """Exact fulfilment: clear items by the sign of v − u·r, the doubtful ones by a small LP."""
    import highspy

    width = 1e-9
    for _ in range(30):
        s = v - r @ u
        tol = width * np.maximum(np.abs(v), 1e-300)
        take = s > tol
        out = s < -tol
        doubt = np.flatnonzero(~take & ~out)
        rest = b - u[:, take].sum(axis=1)
        f = take.astype(np.float64)
        if len(doubt):
            h = run_small_lp(u[:, doubt], v[doubt], np.zeros(len(doubt)), np.ones(len(doubt)),
                             np.full(len(b), -np.inf), rest, maximise=True)
            sol = h.getSolution()
            if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                f[doubt] = np.clip(np.asarray(sol.col_value), 0.0, 1.0)
                r_new = np.maximum(np.asarray(sol.row_dual), 0.0)
            else:
                r_new = r
        else:
            r_new = r
        # optimal when the clear items agree with the prices the small LP ends with
        s_new = v - r_new @ u
        consistent = (np.all(s_new[take] >= -1e-12 * np.abs(v[take]))
                      and np.all(s_new[out] <= 1e-12 * np.abs(v[out])))
        feasible = np.all(u @ f <= b * (1 + 1e-12) + 1e-12)
        if consistent and feasible:
            return f, r_new
        width *= 10
    return f, r_new
