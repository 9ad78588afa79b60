"""RAS (bi-proportional) balancing of a non-negative matrix to given row and column totals.

RAS finds the matrix Z = diag(r) Z0 diag(s) whose row sums are ``row_totals`` and column sums
are ``col_totals``, by scaling rows and columns in turn (Stone's method; Bacharach, *Biproportional
Matrices and Input-Output Change*, 1970, proves the limit unique when it exists). It keeps the
zero pattern of the seed Z0, so the totals are reachable only if a non-negative matrix with that
pattern has them; the errors below name the rows and columns that make them unreachable.

Hand-written on purpose: it is a dozen lines of numpy, and no well-kept Python package offers it
with diagnostics. pymrio 0.7.0 (installed here) has no RAS or other balancing routine; ``ipfn``
on PyPI (generic iterative proportional fitting) was last released in December 2021 and neither
checks consistency of the totals nor names an unreachable row; the maintained implementations
(R: ``logmult::ras``, ``ioanalysis::ras``, USEPA ``useeior::RAS``) are not Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from kurultai.economy.model import EconomyError

TOLERANCE = 1e-12
MAX_ITERATIONS = 10_000


class RasError(EconomyError):
    """The totals cannot be reached from the seed matrix; the message says which and why."""


def ras(z0, row_totals, col_totals, tol: float = TOLERANCE, max_iter: int = MAX_ITERATIONS,
        *, row_names: Sequence[str] | None = None,
        col_names: Sequence[str] | None = None) -> np.ndarray:
    """The matrix diag(r) z0 diag(s) with the given row and column sums.

    Stops when every row sum is within ``tol`` (relative to its total) after a column scaling,
    which leaves the column sums exact up to rounding. Raises :class:`RasError` naming the row
    or column at fault when the totals disagree, are negative, or cannot be reached with the
    seed's zero pattern.
    """
    z = np.array(z0, dtype=np.float64)
    u = np.asarray(row_totals, dtype=np.float64)
    v = np.asarray(col_totals, dtype=np.float64)
    if z.ndim != 2:
        raise RasError(f"the seed must be a matrix, got an array of shape {z.shape}")
    rows = _names(row_names, z.shape[0], "row")
    cols = _names(col_names, z.shape[1], "column")
    if max_iter < 1 or not tol > 0:
        raise RasError(f"need max_iter ≥ 1 and tol > 0, got max_iter={max_iter}, tol={tol}")
    _check_input(z, u, v, rows, cols)
    _check_reachable(z, u, v, rows, cols, tol)
    for _ in range(max_iter):
        z *= _ratio(u, z.sum(axis=1))[:, None]
        z *= _ratio(v, z.sum(axis=0))[None, :]
        gap = np.abs(z.sum(axis=1) - u)
        if np.all(gap <= tol * u):
            return z
    worst = int(np.argmax(gap / np.where(u > 0, u, 1.0)))
    raise RasError(
        f"RAS did not converge in {max_iter} iterations: row {rows[worst]} sums to "
        f"{z[worst].sum():.12g} instead of {u[worst]:.12g}; the totals can be met, if at all, only by "
        f"driving some of the seed's entries around that row to zero"
    )


def _ratio(target: np.ndarray, current: np.ndarray) -> np.ndarray:
    """target / current, with 0 where the target is 0 (an all-zero line stays zero)."""
    return np.divide(target, current, out=np.zeros_like(target), where=target > 0)


def _names(names, count: int, kind: str) -> list[str]:
    if names is None:
        return [str(k + 1) for k in range(count)]
    names = [repr(str(name)) for name in names]
    if len(names) != count:
        raise RasError(f"{len(names)} {kind} names for {count} {kind}s")
    return names


def _check_input(z: np.ndarray, u: np.ndarray, v: np.ndarray, rows, cols) -> None:
    if u.shape != (z.shape[0],) or v.shape != (z.shape[1],):
        raise RasError(f"seed of shape {z.shape} but {u.shape[0] if u.ndim else 1} row totals "
                       f"and {v.shape[0] if v.ndim else 1} column totals")
    for label, values, names in (("seed entry", z, None), ("total", u, [f"row {r}" for r in rows]),
                                 ("total", v, [f"column {c}" for c in cols])):
        bad = ~np.isfinite(values) | (values < 0)
        if bad.any():
            at = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), values.shape)
            where = f"row {rows[at[0]]}, column {cols[at[1]]}" if names is None else names[at[0]]
            raise RasError(f"{label} {float(values[at])!r} for {where} is not a finite non-negative number")
    total_u, total_v = u.sum(), v.sum()
    if abs(total_u - total_v) > 1e-12 * max(total_u, total_v, 1.0):
        raise RasError(f"inconsistent totals: the row totals sum to {total_u:.15g} but the column "
                       f"totals sum to {total_v:.15g}")


def _check_reachable(z: np.ndarray, u: np.ndarray, v: np.ndarray, rows, cols, tol: float) -> None:
    """Every positive total needs a non-zero seed entry, and each block of the seed's pattern
    (rows and columns linked by non-zero entries) must have equal row and column totals."""
    for totals, sums, names, kind in ((u, z.sum(axis=1), rows, "row"), (v, z.sum(axis=0), cols, "column")):
        empty = np.flatnonzero((totals > 0) & (sums == 0))
        if len(empty):
            k = int(empty[0])
            raise RasError(f"{kind} {names[k]} has total {totals[k]:.12g} but is all zero in the "
                           f"seed, so no scaling can reach it")
    n_rows, n_cols = z.shape
    i, j = np.nonzero(z)
    graph = coo_matrix((np.ones(len(i)), (i, n_rows + j)), shape=(n_rows + n_cols,) * 2)
    _, label = connected_components(graph, directed=False)
    row_sum = np.bincount(label[:n_rows], weights=u, minlength=label.max() + 1)
    col_sum = np.bincount(label[n_rows:], weights=v, minlength=label.max() + 1)
    scale = max(u.sum(), 1.0)
    off = np.flatnonzero(np.abs(row_sum - col_sum) > max(tol, 1e-12) * scale)
    if len(off):
        block = int(off[0])
        members = [rows[k] for k in np.flatnonzero(label[:n_rows] == block)]
        members_c = [cols[k] for k in np.flatnonzero(label[n_rows:] == block)]
        raise RasError(
            f"rows {', '.join(members[:8])} reach only columns {', '.join(members_c[:8])} in the "
            f"seed, but their row totals sum to {row_sum[block]:.12g} and those columns' totals "
            f"to {col_sum[block]:.12g}"
        )
