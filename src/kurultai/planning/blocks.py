"""A sparse matrix multiplied on every core, in double or in single precision.

scipy multiplies a CSR matrix by a vector on one core; it releases the GIL while it does, so
the rows can be cut into blocks of equal nonzeros and multiplied by threads at once. A
single-precision copy of the values halves the memory traffic of a product; it serves the
rough solves, whose tolerance (1e-4) is far above single precision's rounding (6e-8).
``bench/products.py`` times one product each way.

While these threads run, BLAS is kept to one thread (``blas_on_one_thread``): OpenBLAS's own
threads spin for a while after each call, and beside them a product took about 1.4 times as
long.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import scipy.sparse as sp

THREADED_FROM = 200_000  # nonzeros; below this a thread's start costs more than it saves


@cache
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def blas_on_one_thread():
    """A context in which numpy's BLAS uses one thread (see the module docstring)."""
    return _blas().limit(limits=1, user_api="blas")


@cache
def _threads() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, 8)


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(_threads())


if hasattr(os, "register_at_fork"):  # a forked child has none of its parent's threads
    os.register_at_fork(after_in_child=_pool.cache_clear)


class BlockedMatrix:
    """A CSR matrix M, multiplied in row blocks of equal nonzeros on every core."""

    def __init__(self, m: sp.csr_matrix):
        self.shape = m.shape
        self._double = m
        parts = _threads() if m.nnz >= THREADED_FROM else 1
        # row cuts where the running count of nonzeros passes each 1/parts of the total
        cuts = np.searchsorted(m.indptr, m.nnz * np.arange(1, parts) / parts)
        self._cuts = np.unique(np.concatenate([[0], cuts, [m.shape[0]]])).astype(int)
        self._blocks = {np.float64: self._split(m.data)}

    def _split(self, data: np.ndarray) -> list[tuple[int, int, sp.csr_matrix]]:
        """Row blocks that share the matrix's arrays (only their row pointers are new)."""
        m, out = self._double, []
        for lo, hi in zip(self._cuts[:-1], self._cuts[1:]):
            start, stop = m.indptr[lo], m.indptr[hi]
            block = sp.csr_matrix((data[start:stop], m.indices[start:stop], m.indptr[lo:hi + 1] - start),
                                  shape=(hi - lo, m.shape[1]), copy=False)
            out.append((lo, hi, block))
        return out

    def dot(self, v: np.ndarray) -> np.ndarray:
        """M v, computed in v's precision (float64 or float32)."""
        return self._each_block(v, lambda lo, hi, product, out: np.copyto(out, product))

    def apply(self, v: np.ndarray) -> np.ndarray:
        """v − M v for a square M (the Leontief operator I − M), in v's precision."""
        return self._each_block(v, lambda lo, hi, product, out: np.subtract(v[lo:hi], product, out=out))

    def dot_transposed(self, v: np.ndarray) -> np.ndarray:
        """Mᵀ v, in v's precision: each row block adds its rows times v's entries into a vector
        of its own (a scatter), and these are summed. No transposed copy of M is made; in
        single precision this is about as fast as a gather from such a copy, in double
        precision slower (bench/products.py), and only refinement residuals need that."""
        blocks = self._in(v.dtype)
        parts = [lambda lo=lo, hi=hi, part=part: part.T @ v[lo:hi] for lo, hi, part in blocks]
        if len(parts) == 1:
            return parts[0]()
        sums = [done.result() for done in [_pool().submit(part) for part in parts]]
        total = sums[0]
        for other in sums[1:]:
            total += other
        return total

    def apply_transposed(self, v: np.ndarray) -> np.ndarray:
        """v − Mᵀ v for a square M (the Leontief operator I − Mᵀ), in v's precision."""
        return v - self.dot_transposed(v)

    def _in(self, dtype) -> list[tuple[int, int, sp.csr_matrix]]:
        """The row blocks with values in float32 if ``dtype`` is, else in float64."""
        kind = np.float32 if dtype == np.float32 else np.float64
        if kind not in self._blocks:
            self._blocks[kind] = self._split(self._double.data.astype(kind))
        return self._blocks[kind]

    def _each_block(self, v: np.ndarray, finish) -> np.ndarray:
        blocks = self._in(v.dtype)
        out = np.empty(self.shape[0], dtype=blocks[0][2].dtype)

        def one(block):
            lo, hi, part = block
            finish(lo, hi, part @ v, out[lo:hi])

        if len(blocks) == 1:
            one(blocks[0])
        else:
            for done in [_pool().submit(one, b) for b in blocks]:
                done.result()
        return out
