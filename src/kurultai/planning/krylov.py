"""Restarted GMRES for the Leontief systems (I − A_S) z = y and their transposes.

scipy's gmres would do, and did; but it builds its Krylov basis one vector at a time in Python,
and at a million products that bookkeeping cost as much again as the matrix products. Here the
basis is one preallocated array, orthogonalised by classical Gram–Schmidt as matrix–vector
products (BLAS), with a second pass where the first cancelled much (the criterion of Daniel,
Gragg, Kaufman and Stewart), and the least-squares problem is updated with Givens rotations.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def gmres(apply: Callable[[np.ndarray], np.ndarray], rhs: np.ndarray, x0: np.ndarray | None,
          tol: float, restart: int, max_cycles: int) -> tuple[np.ndarray, float]:
    """z with ‖rhs − apply(z)‖ ≤ tol ‖rhs‖ if reached; returns (z, true relative residual).

    The vectors are kept in the precision of rhs (float64 or float32); the small
    least-squares problem is always solved in float64.
    """
    n = len(rhs)
    kind = rhs.dtype if rhs.dtype == np.float32 else np.float64
    scale = float(np.linalg.norm(rhs))
    x = np.zeros(n, dtype=kind) if x0 is None else np.array(x0, dtype=kind)
    basis = np.empty((restart + 1, n), dtype=kind)
    residual = rhs - apply(x) if x0 is not None else rhs.copy()
    for _ in range(max_cycles):
        beta = float(np.linalg.norm(residual))
        if beta <= tol * scale:
            return x, beta / scale
        basis[0] = residual / beta
        h = np.zeros((restart + 1, restart))
        cs, sn = np.zeros(restart), np.zeros(restart)
        g = np.zeros(restart + 1)
        g[0] = beta
        k = 0
        while k < restart:
            w = apply(basis[k])
            size = np.linalg.norm(w)
            for _ in range(2):  # a second pass only where the first cancelled much (DGKS)
                c = basis[: k + 1] @ w
                w -= c @ basis[: k + 1]
                h[: k + 1, k] += c
                shrunk, size = size, np.linalg.norm(w)
                if size > 0.7 * shrunk:
                    break
            h[k + 1, k] = size
            if h[k + 1, k] > 0:
                basis[k + 1] = w / float(h[k + 1, k])
            for i in range(k):  # earlier rotations, then a new one to zero h[k+1, k]
                h[i, k], h[i + 1, k] = (cs[i] * h[i, k] + sn[i] * h[i + 1, k],
                                        -sn[i] * h[i, k] + cs[i] * h[i + 1, k])
            d = np.hypot(h[k, k], h[k + 1, k])
            cs[k], sn[k] = (1.0, 0.0) if d == 0 else (h[k, k] / d, h[k + 1, k] / d)
            h[k, k], h[k + 1, k] = d, 0.0
            g[k], g[k + 1] = cs[k] * g[k], -sn[k] * g[k]
            k += 1
            if abs(g[k]) <= 0.5 * tol * scale:  # also on breakdown, where g[k] is 0
                break
        y = np.linalg.solve(np.triu(h[:k, :k]), g[:k]) if k else np.zeros(0)
        x += y.astype(kind) @ basis[:k]
        residual = rhs - apply(x)
    return x, float(np.linalg.norm(residual)) / scale
