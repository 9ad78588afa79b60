"""Solving a Leontief system (I − M) z = y by GMRES, in single precision wherever it will do.

A product with M in single precision moves half the bytes of one in double (blocks.py). Loose
solves (tolerance ≥ SINGLE_FROM) run in single precision throughout. Tight ones use iterative
refinement: the residual y − (I − M) z is formed in double precision, and the correction that
cuts it by about 1e-5 is solved in single precision, so that two or three corrections reach
1e-12 with most products in single precision. Where single precision fails (a nearly singular
or badly scaled system), plain double-precision GMRES takes over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kurultai.planning.blocks import BlockedMatrix, blas_on_one_thread
from kurultai.planning.krylov import gmres

RESTART = 30  # GMRES keeps this many vectors of n; a Leontief solve needs about 15
MAX_CYCLES = 40
SINGLE_CYCLES = 4  # a loose solve not done in this many single-precision cycles goes on in double
SINGLE_FROM = 1e-5  # solves to this tolerance or looser run in single precision
CORRECTION = 1e-5  # how far each single-precision correction cuts the residual
CORRECTION_CYCLES = 2  # a correction that needs more cycles hands over to double precision
MAX_CORRECTIONS = 8


class SolveError(ArithmeticError):
    """A Leontief system of a policy did not converge (the policy is not productive)."""


@dataclass
class Counter:
    """Work done, in products with a matrix of the size of A_S (what the time is spent on)."""

    products: int = 0
    solves: int = 0


def leontief_solve(m: BlockedMatrix, rhs: np.ndarray, start: np.ndarray | None, tol: float,
                   work: Counter, transposed: bool = False) -> np.ndarray:
    """z with ‖rhs − (I − M) z‖ ≤ tol ‖rhs‖ (with Mᵀ for M if ``transposed``), from ``start``
    when it is finite; raises SolveError."""
    n = len(rhs)
    if n == 0 or not np.any(rhs):
        return np.zeros(n)
    operator = m.apply_transposed if transposed else m.apply

    def apply(v):
        work.products += 1
        return operator(v)

    norm = float(np.linalg.norm(rhs))
    starts = [None]
    if start is not None and np.all(np.isfinite(start)):
        starts.insert(0, np.asarray(start, dtype=np.float64))
    with np.errstate(over="ignore", invalid="ignore", under="ignore"), blas_on_one_thread():
        for x0 in starts:
            work.solves += 1
            if tol >= SINGLE_FROM:
                x, residual = _gmres(apply, rhs, x0, tol, np.float32, SINGLE_CYCLES)
            else:
                x, residual = _refined(apply, rhs, x0, tol, norm)
            if not _accepted(x, residual, norm, tol):
                if x is None or not np.all(np.isfinite(x)):
                    x = x0
                x, residual = _gmres(apply, rhs, x, tol, np.float64, MAX_CYCLES)
            if _accepted(x, residual, norm, tol):
                return x
    raise SolveError("a Leontief system did not converge")


def _gmres(apply, rhs, x0, tol, kind, cycles) -> tuple[np.ndarray | None, float]:
    """GMRES in precision ``kind``; (None, inf) where its small least-squares problem breaks."""
    try:
        x, residual = gmres(apply, rhs.astype(kind), x0, tol, RESTART, cycles)
    except np.linalg.LinAlgError:
        return None, np.inf
    return x.astype(np.float64), residual


def _refined(apply, rhs, x0, tol, norm) -> tuple[np.ndarray, float]:
    """Iterative refinement: double-precision residuals, single-precision corrections."""
    x = np.zeros(len(rhs)) if x0 is None else x0.copy()
    residual = rhs - apply(x) if x0 is not None else rhs.copy()
    size = float(np.linalg.norm(residual))
    for _ in range(MAX_CORRECTIONS):
        if size <= tol * norm:
            break
        # the correction solves for residual / size, so that single precision neither
        # underflows nor overflows however small the residual has become
        d, _ = _gmres(apply, residual / size, None, CORRECTION, np.float32, CORRECTION_CYCLES)
        if d is None or not np.all(np.isfinite(d)):
            break
        step = size * d
        x += step
        after = rhs - apply(x)
        after_size = float(np.linalg.norm(after))
        if not after_size < size:  # the correction made things worse: undo it
            x -= step
            break
        halved = after_size < 0.5 * size
        residual, size = after, after_size
        if not halved:  # single precision stopped helping
            break
    return x, size / norm


def _accepted(x, residual: float, norm: float, tol: float) -> bool:
    """Whether x solves to tol. The residual is relative to |rhs| alone; where the answer is
    far larger than rhs it can stay just above tol while x is right to working precision."""
    if x is None:
        return False
    return residual <= tol or residual * norm <= 1e-10 * max(norm, float(np.linalg.norm(x)))
