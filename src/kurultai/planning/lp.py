"""The weighted-fulfilment plan as one LP in matrix form, for general LP solvers.

Columns are the intensities x (t) then the fulfilments f (n); rows are the product balances
(B − A) x − diag(d) f ≥ 0 (n) then the resources R x ≤ b (m). Objective: maximise wᵀf.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kurultai.economy.model import Economy


@dataclass(frozen=True)
class MatrixLP:
    matrix: sp.csc_matrix  # (n + m) × (t + n)
    cost: np.ndarray  # maximise cost · z
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray


def weighted_fulfilment_lp(e: Economy) -> MatrixLP:
    n, t, m = e.n, e.t, e.m
    top = sp.hstack([e.net_matrix(), -sp.diags(e.targets)], format="csc")
    bottom = sp.hstack([e.resource_use, sp.csc_matrix((m, n))], format="csc")
    matrix = sp.vstack([top, bottom], format="csc")
    matrix.eliminate_zeros()
    matrix.sort_indices()
    return MatrixLP(
        matrix=matrix,
        cost=np.concatenate([np.zeros(t), e.weights]),
        col_lower=np.zeros(t + n),
        col_upper=np.concatenate([e.capacity, np.ones(n)]),
        row_lower=np.concatenate([np.zeros(n), np.full(m, -np.inf)]),
        row_upper=np.concatenate([np.full(n, np.inf), e.available]),
    )
