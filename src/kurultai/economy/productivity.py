"""Is the technology productive, and if not, which products form the cycle that is not?

A technology is productive when some choice of one technique per product can make a positive
net output of everything. A certificate is a positive valuation v with v_i > v·A_j for one
technique j of each product i: then the chosen A_S has spectral radius below one. The
valuation is found by value iteration v ← 1 + min_j vᵀA_j, which converges exactly when the
technology is productive and otherwise grows without bound along the offending cycle.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from kurultai.economy.grouping import ByProduct
from kurultai.economy.model import EconomyError

MAX_ROUNDS = 5000
DIVERGED = 1e15
GROWING = 1e-9  # a value still rising by this share of the fastest rise is growing


def check_productive(e) -> None:
    """Raise EconomyError naming the offending cycle if the technology is not productive."""
    if e.t == 0:
        return
    at = e.inputs.T.tocsr()
    group = ByProduct(e.makes, e.n)
    v = np.where(group.counts > 0, 1.0, np.inf)
    previous = v
    for _ in range(MAX_ROUNDS):
        cost = group.minimum(_input_value(at, v))
        finite = np.isfinite(cost)
        if np.all(v[finite] > cost[finite]) and np.array_equal(finite, np.isfinite(v)):
            return
        previous, v = v, 1.0 + cost
        if np.max(v[finite], initial=0.0) > DIVERGED:
            break
    _raise_cycle(e, at, group, v, previous)


def _input_value(at: sp.csr_matrix, v: np.ndarray) -> np.ndarray:
    """vᵀA_j per technique, +inf where an input cannot be made."""
    finite = np.isfinite(v)
    value = at @ np.where(finite, v, 0.0)
    if not finite.all():
        value[(at @ (~finite).astype(np.float64)) > 0] = np.inf
    return value


def _raise_cycle(e, at: sp.csr_matrix, group: ByProduct, v: np.ndarray,
                 previous: np.ndarray) -> None:
    # Growing values: the offending cycle and everything downstream of it still rise in the
    # last round, while the values of the rest settle.
    both = np.isfinite(v) & np.isfinite(previous)
    step = np.where(both, v - np.where(both, previous, 0.0), 0.0)
    growing = step > GROWING * step.max()
    choice = group.argmin(_input_value(at, v))
    rows, cols = [], []
    a = e.inputs
    for i in np.flatnonzero(growing & (choice >= 0)):
        j = choice[i]
        ks = a.indices[a.indptr[j]:a.indptr[j + 1]]
        ks = ks[growing[ks]]
        rows.extend(ks)
        cols.extend([i] * len(ks))
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    graph = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(e.n, e.n))
    _, label = connected_components(graph, directed=True, connection="strong")
    sizes = np.bincount(label, minlength=label.max() + 1)
    self_loop = np.zeros(e.n, dtype=bool)
    self_loop[rows[rows == cols]] = True
    # A cycle fed by another growing cycle only inherits its growth; the offender is a cycle
    # whose inputs from outside itself all settle.
    fed = np.zeros(len(sizes), dtype=bool)
    fed[label[cols[label[rows] != label[cols]]]] = True
    cyclic = growing & ((sizes[label] > 1) | self_loop) & ~fed[label]
    members = np.flatnonzero(cyclic)
    if len(members):
        biggest = np.bincount(label[members]).argmax()
        members = members[label[members] == biggest]
    else:
        members = np.flatnonzero(growing)
    names = ", ".join(f"{e.products.ids[i]} ({e.products.names[i]})" for i in members[:12])
    more = f" and {len(members) - 12} more" if len(members) > 12 else ""
    raise EconomyError(
        "the technology is not productive: products "
        f"{names}{more} use more of each other than they make, whichever techniques are chosen"
    )


def sustained(e, techniques: np.ndarray) -> np.ndarray:
    """The largest set of products that the given techniques make from each other alone.

    Starts from every product one of them makes and removes, until nothing changes, each
    product none of whose given techniques takes all its inputs from inside the set.
    """
    a = e.inputs.tocsc()
    inside = np.zeros(e.n, dtype=bool)
    inside[e.makes[techniques]] = True
    while True:
        now = np.zeros(e.n, dtype=bool)
        now[e.makes[techniques & inputs_within(e, inside, a)]] = True
        now &= inside
        if np.array_equal(now, inside):
            return inside
        inside = now


def inputs_within(e, products: np.ndarray, a=None) -> np.ndarray:
    """Per technique, whether every input it uses is one of ``products`` (a csc ``a`` of the
    inputs may be passed to save converting it again)."""
    a = e.inputs.tocsc() if a is None else a
    cols = np.repeat(np.arange(e.t), np.diff(a.indptr))
    outside = np.zeros(e.t, dtype=bool)
    outside[cols[~products[a.indices] & (a.data > 0)]] = True
    return ~outside
