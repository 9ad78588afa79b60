"""The fractional knapsack with a handful of resources: which targets to fulfil, how, and r.

For fixed product prices the plan's only choice left is fulfilment: maximise Σ v_i f_i subject
to Σ_i u_ki f_i ≤ b_k for each of the m resources and 0 ≤ f ≤ 1, where u_ki are the resources
that fulfilling item i uses (its target times the resources embodied in it). An item may also
offer several options (ways to make it, each with its own use), of which the fulfilments add
up to at most 1. The dual is

    D(r) = r·b + Σ_i max(0, max over i's options o of v_o − u_o·r),  r ≥ 0,

a convex piecewise-linear function of only m variables. It is minimised by cutting planes in a
trust region (each cut costs one pass over the options); then every item whose best option is
clearly positive and clearly better than its others is fulfilled by it, every item whose
options are all clearly negative is left out, and the few items in doubt are settled exactly
by a small LP (HiGHS) on what remains of b. HiGHS on the whole LP would do the same but spends
a pass over all options on every pivot, which at a million items is slow.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kurultai.economy.grouping import ByProduct
from kurultai.planning.highs import run_small_lp

MAX_CUTS = 200
CUTS_TO = 1e-8  # the cutting planes stop when they bound D this closely (relatively)
SAME = 1e-12  # options whose uses differ by less than this (relatively) are the same option
BAND = 0.05  # from a guess of r, items this far (relatively) from a change are held fixed


def fulfilment_knapsack(value: np.ndarray, use: np.ndarray, available: np.ndarray,
                        start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(f, r): an optimal fulfilment of items with one option each, and resource prices
    that prove it optimal."""
    value = np.asarray(value, dtype=np.float64)
    return choice_knapsack(value, use, available, np.arange(len(value)), start)


def choice_knapsack(value: np.ndarray, use: np.ndarray, available: np.ndarray, item: np.ndarray,
                    start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(f per option, r): the best fulfilment when option o fulfils item ``item[o]`` with
    value ``value[o]`` and resource use ``use[:, o]``, at most one unit per item in all.

    ``start`` is a guess of r: the cutting planes then start from it, and pass only over the
    items whose best option is within BAND of zero or of another option there (the others are
    held as they are; _settle checks them at the end).
    """
    value = np.asarray(value, dtype=np.float64)
    use = np.atleast_2d(np.asarray(use, dtype=np.float64))
    b = np.asarray(available, dtype=np.float64)
    item = np.asarray(item)
    k, m = len(value), len(b)
    f = np.zeros(k)
    worth = value > 0
    # an option that uses no resource fulfils its item for nothing
    free = worth & (np.all(use <= 0, axis=0) if m else True)
    done = np.zeros(int(item.max()) + 1 if k else 0, dtype=bool)
    first_free = np.flatnonzero(free)
    first_free = first_free[np.unique(item[first_free], return_index=True)[1]]
    f[first_free] = 1.0
    done[item[first_free]] = True
    options = np.flatnonzero(worth & ~done[item]) if k else np.zeros(0, dtype=int)
    if len(options) == 0:
        return f, np.zeros(m)
    items, of = np.unique(item[options], return_inverse=True)
    choice = _Options(value[options], use[:, options], of, len(items))
    best = choice.best(np.zeros(m))
    if np.all(choice.u[:, best].sum(axis=1) <= b * (1 + 1e-12)):  # the best of each fits
        f[options[best]] = 1.0
        return f, np.zeros(m)
    if start is None:
        r = _dual_minimum(choice, b)
    else:  # near the optimum already: the cuts need only the items that may change
        start = np.maximum(np.asarray(start, dtype=np.float64), 0.0)
        r = _dual_minimum(*_in_doubt(choice, b, start, BAND), start)
    fo, r = _settle(choice, b, r, 1e-9)
    f[options] = fo
    return f, r


def dual_value(v: np.ndarray, u: np.ndarray, b: np.ndarray, r: np.ndarray) -> float:
    """D(r) for items with one option each."""
    return float(r @ b + np.sum(np.maximum(v - r @ u, 0.0)))


class _Options:
    """Options grouped by the item they fulfil."""

    def __init__(self, v: np.ndarray, u: np.ndarray, of: np.ndarray, items: int):
        self.v, self.u, self.of, self.items = v, u, of, items
        self.single = items == len(v)  # one option per item: no grouping needed
        self.groups = None if self.single else ByProduct(of, items)

    def reduced(self, r: np.ndarray) -> np.ndarray:
        return self.v - r @ self.u

    def best(self, r: np.ndarray, s: np.ndarray | None = None) -> np.ndarray:
        """Per item, its option of the largest reduced value at r."""
        s = self.reduced(r) if s is None else s
        return np.arange(len(s)) if self.single else self.groups.argmin(-s)


def _dual_minimum(choice: _Options, b, start: np.ndarray | None = None) -> np.ndarray:
    """Approximate minimiser of D(r) by Kelley cutting planes in a trust region."""
    m = len(b)
    if choice.items == 0:
        return np.zeros(m) if start is None else start
    scale = np.maximum(choice.v.sum() / np.maximum(np.abs(b), 1e-300), 1e-12)  # r_k beyond this never pays
    if start is None:
        r, radius = np.zeros(m), 0.5 * scale
    else:
        r = np.minimum(start, scale)
        radius = np.minimum(BAND * np.maximum(r, 1e-6 * scale), scale)
    cuts_g, cuts_c = [], []
    best_r, best = r.copy(), np.inf
    for _ in range(MAX_CUTS):
        s = choice.reduced(r)
        top = choice.best(r, s)
        top = top[s[top] > 0]
        val = float(r @ b + s[top].sum())
        g = b - choice.u[:, top].sum(axis=1)
        if not np.isfinite(best) or val < best - 1e-15 * abs(best):
            best, best_r = val, r.copy()
            radius = np.minimum(2 * radius, scale)
        else:
            radius = radius * 0.5
        cuts_g.append(g)
        cuts_c.append(val - g @ r)
        lower, nxt = _master(np.array(cuts_g), np.array(cuts_c), best_r, radius, scale)
        if best - lower <= CUTS_TO * max(1.0, abs(best)) or np.all(radius < 1e-14 * scale):
            break
        r = nxt
    return best_r


def _in_doubt(choice: _Options, b, r, band: float) -> tuple[_Options, np.ndarray]:
    """The items whose best option at r is within ``band`` of zero or of another option, and
    what the others leave of b if each keeps to its best option or to nothing."""
    s = choice.reduced(r)
    top = choice.best(r, s)
    tol = band * np.maximum(np.abs(choice.v[top]), 1e-300)
    near = s >= (s[top] - tol)[choice.of]
    doubt = np.abs(s[top]) <= tol
    doubt[choice.of[near & (np.arange(len(s)) != top[choice.of])]] = True
    take = ~doubt & (s[top] > 0)
    keep = doubt[choice.of]
    items = np.cumsum(doubt) - 1
    return (_Options(choice.v[keep], choice.u[:, keep], items[choice.of[keep]], int(doubt.sum())),
            b - choice.u[:, top[take]].sum(axis=1))


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


def _settle(choice: _Options, b, r, width: float):
    """Exact fulfilment: items settled by the reduced values of their options at r where these
    are clear, the doubtful ones (within ``width`` of zero, or of a different option) by a
    small LP; the band widens until the clear items agree with the LP's prices (at worst every
    item is in doubt and the LP is the whole knapsack)."""
    import highspy

    v, u, of = choice.v, choice.u, choice.of
    m = len(b)
    s = choice.reduced(r)
    top = choice.best(r, s)
    # an option that uses other resources than its item's best: the item may be split
    other = np.any(np.abs(u - u[:, top[of]]) > SAME * np.abs(u[:, top[of]]), axis=0)
    for _ in range(30):
        tol = width * np.maximum(np.abs(v[top]), 1e-300)
        near = s >= (s[top] - tol)[of]
        tied = np.bincount(of[near & other], minlength=choice.items) > 0
        take = (s[top] > tol) & ~tied
        out = s[top] < -tol
        doubt = ~take & ~out
        f = np.zeros(len(v))
        f[top[take]] = 1.0
        r_new = r
        if doubt.any():
            cols = np.flatnonzero(near & doubt[of] & (other | (np.arange(len(v)) == top[of])))
            # Σ f ≤ 1 needs a row only for an item with several options in the LP
            several = np.flatnonzero(np.bincount(of[cols], minlength=choice.items) > 1)
            shared = np.isin(of[cols], several)
            rows = np.searchsorted(several, of[cols][shared])
            one_each = sp.csr_matrix((np.ones(len(rows)), (rows, np.flatnonzero(shared))),
                                     shape=(len(several), len(cols)))
            rest = b - u[:, top[take]].sum(axis=1)
            h = run_small_lp(sp.vstack([sp.csr_matrix(u[:, cols]), one_each]), v[cols],
                             np.zeros(len(cols)), np.ones(len(cols)),
                             np.full(m + len(several), -np.inf),
                             np.concatenate([rest, np.ones(len(several))]), maximise=True)
            if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                sol = h.getSolution()
                f[cols] = np.clip(np.asarray(sol.col_value), 0.0, 1.0)
                r_new = np.maximum(np.asarray(sol.row_dual)[:m], 0.0)
        # optimal when the clear items agree with the prices the small LP ends with
        s_new = choice.reduced(r_new)
        best_new = s_new[choice.best(r_new, s_new)]
        scale = 1e-12 * np.abs(v[top])
        consistent = (np.all(s_new[top[take]] >= np.maximum(best_new[take], 0.0) - scale[take])
                      and np.all(best_new[out] <= scale[out]))
        feasible = np.all(u @ f <= b * (1 + 1e-12) + 1e-12)
        if consistent and feasible:
            return f, r_new
        width *= 10
    return f, r_new
