"""Leontief balance and valuations by iterative sparse solves (never a dense inverse).

For a square input matrix A (one technique per product) with spectral radius below one,
gross output x for net output y solves (I − A) x = y, and resource valuations v (labour values
and the like) solve v (I − A) = l. Both are solved with GMRES from scipy, which needs only
products with A and Aᵀ; for a productive technology it converges in a few dozen of them.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, gmres

from kurultai.economy.model import Economy, EconomyError

TOLERANCE = 1e-12


class BalanceError(ArithmeticError):
    """The Leontief system did not converge (the technology is not productive)."""


def _solve(apply_a, b: np.ndarray, tol: float) -> np.ndarray:
    n = len(b)
    if n == 0 or not np.any(b):
        return np.zeros(n)
    op = LinearOperator((n, n), matvec=lambda x: x - apply_a(x), dtype=np.float64)
    # Start from two Neumann terms: b + A b is already close for a productive technology.
    x0 = b + apply_a(b)
    x, info = gmres(op, b, x0=x0, rtol=tol, atol=0.0, restart=60, maxiter=200)
    if info != 0:
        raise BalanceError("the Leontief system did not converge: the technology is not productive")
    return x


def leontief_solve(a: sp.spmatrix, y: np.ndarray, tol: float = TOLERANCE) -> np.ndarray:
    """x with (I − A) x = y."""
    a = sp.csr_matrix(a)
    return _solve(lambda v: a @ v, np.asarray(y, dtype=np.float64), tol)


def leontief_solve_transposed(a: sp.spmatrix, c: np.ndarray, tol: float = TOLERANCE) -> np.ndarray:
    """v with v (I − A) = c, i.e. (I − A)ᵀ v = c."""
    at = sp.csr_matrix(a.T)
    return _solve(lambda v: at @ v, np.asarray(c, dtype=np.float64), tol)


gross_output = leontief_solve


def output_multipliers(a: sp.spmatrix, tol: float = TOLERANCE) -> np.ndarray:
    """Column sums of the Leontief inverse (I − A)⁻¹, without forming it."""
    return leontief_solve_transposed(a, np.ones(a.shape[0]), tol)


def single_techniques(economy: Economy) -> np.ndarray:
    """The one technique of each product; an error if a product has none or several."""
    counts = np.bincount(economy.makes, minlength=economy.n)
    if np.any(counts != 1):
        i = int(np.flatnonzero(counts != 1)[0])
        raise EconomyError(
            f"balance needs exactly one technique per product, but product "
            f"{str(economy.products.ids[i])!r} has {counts[i]}; pass a choice of techniques"
        )
    choice = np.empty(economy.n, dtype=np.int64)
    choice[economy.makes] = np.arange(economy.t)
    return choice


def chosen_techniques(economy: Economy, choice: np.ndarray | None) -> np.ndarray:
    """``choice`` checked to name, for each product in order, a technique that makes it."""
    if choice is None:
        return single_techniques(economy)
    choice = np.asarray(choice)
    if choice.shape != (economy.n,) or not np.issubdtype(choice.dtype, np.integer):
        raise EconomyError(f"choice of techniques must be {economy.n} technique numbers, one per "
                           f"product, not an array of {choice.dtype} with shape {choice.shape}")
    outside = (choice < 0) | (choice >= economy.t)
    wrong = outside | (economy.makes[np.where(outside, 0, choice)] != np.arange(economy.n))
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise EconomyError(f"choice of techniques: entry {i} is {int(choice[i])}, which is not a "
                           f"technique making product {str(economy.products.ids[i])!r}")
    return choice


def balance(economy: Economy, net_output: np.ndarray | None = None,
            choice: np.ndarray | None = None) -> np.ndarray:
    """Gross output per product that delivers ``net_output`` (default: the targets)."""
    choice = chosen_techniques(economy, choice)
    y = economy.targets if net_output is None else np.asarray(net_output, dtype=np.float64)
    if y.shape != (economy.n,):
        raise EconomyError(f"net output has shape {y.shape}, expected ({economy.n},)")
    x = leontief_solve(economy.inputs[:, choice], y)
    if np.all(y >= 0):
        _require_nonnegative(economy, x, "gross output")
    return x


def valuations(economy: Economy, choice: np.ndarray | None = None) -> np.ndarray:
    """v = R_S (I − A_S)⁻¹: resources embodied in one unit of each product (m × n)."""
    choice = chosen_techniques(economy, choice)
    a = economy.inputs[:, choice]
    direct = economy.resource_use[:, choice].toarray()
    values = [leontief_solve_transposed(a, row) for row in direct]
    for v in values:
        _require_nonnegative(economy, v, "valuation")
    return np.vstack(values) if values else direct


def _require_nonnegative(economy: Economy, x: np.ndarray, what: str) -> None:
    """A productive choice turns non-negative demands into non-negative answers; a negative one
    means the chosen techniques are not productive (the solve itself succeeds regardless)."""
    negative = x < -1e-9 * max(1.0, float(np.max(np.abs(x), initial=0.0)))
    if negative.any():
        i = int(np.flatnonzero(negative)[0])
        raise BalanceError(
            f"the chosen techniques are not productive: the {what} of product "
            f"{str(economy.products.ids[i])!r} comes out negative ({float(x[i]):g})"
        )
