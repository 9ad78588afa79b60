"""The Leontief solver: GMRES against a dense solve, products in row blocks, and solves in
single precision and by refinement reaching their tolerance."""

import os
import signal

import numpy as np
import pytest
import scipy.sparse as sp

from kurultai.planning.blocks import BlockedMatrix
from kurultai.planning.krylov import gmres
from kurultai.planning.leontief import Counter, leontief_solve


def leontief(n, seed):
    rng = np.random.default_rng(seed)
    a = sp.random(n, n, density=8 / n, random_state=rng, format="csr")
    a = a.multiply(0.6 / np.maximum(1e-9, np.asarray(abs(a).sum(axis=0)).ravel())).tocsr()
    return a, rng.random(n)


@pytest.mark.parametrize("restart", [3, 30])
def test_gmres_matches_a_dense_solve(restart):
    a, y = leontief(300, 1)
    z, residual = gmres(lambda v: v - a @ v, y, None, 1e-12, restart, 200)
    exact = np.linalg.solve(np.eye(300) - a.toarray(), y)
    assert residual <= 1e-12
    assert np.allclose(z, exact, rtol=1e-10, atol=0)


def test_a_start_at_the_answer_needs_no_iteration():
    a, y = leontief(100, 2)
    exact = np.linalg.solve(np.eye(100) - a.toarray(), y)
    calls = []

    def apply(v):
        calls.append(1)
        return v - a @ v

    z, residual = gmres(apply, y, exact, 1e-12, 30, 40)
    assert residual <= 1e-12 and len(calls) == 1 and np.array_equal(z, exact)


def test_a_transposed_system_is_solved_too():
    a, c = leontief(200, 3)
    at = a.T.tocsr()
    p, _ = gmres(lambda v: v - at @ v, c, None, 1e-12, 30, 40)
    assert np.allclose(p - a.T @ p, c, rtol=0, atol=1e-10)


@pytest.mark.parametrize("n", [300, 40_000])  # one block, and row blocks on threads
def test_blocked_products_are_scipys(n):
    a, v = leontief(n, 3)
    blocked = BlockedMatrix(a)
    assert np.array_equal(blocked.dot(v), a @ v)
    assert np.array_equal(blocked.apply(v), v - a @ v)
    single = blocked.apply(v.astype(np.float32))
    assert single.dtype == np.float32
    assert np.allclose(single, v - a @ v, rtol=1e-5, atol=1e-6)
    assert np.allclose(blocked.apply_transposed(v), v - a.T @ v, rtol=1e-14, atol=1e-14)
    single = blocked.apply_transposed(v.astype(np.float32))
    assert single.dtype == np.float32
    assert np.allclose(single, v - a.T @ v, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("tol", [1e-4, 1e-12])  # single precision, and refinement
def test_leontief_solves_reach_their_tolerance(tol):
    a, y = leontief(40_000, 4)
    work = Counter()
    z = leontief_solve(BlockedMatrix(a), y, None, tol, work)
    assert z.dtype == np.float64
    assert np.linalg.norm(y - (z - a @ z)) <= tol * np.linalg.norm(y)
    assert work.products > 0
    z = leontief_solve(BlockedMatrix(a), y, None, tol, work, transposed=True)
    assert np.linalg.norm(y - (z - a.T @ z)) <= tol * np.linalg.norm(y)


def test_blocked_products_work_in_a_forked_child():
    """A worker forked after a solve has none of its parent's threads: the pool starts again."""
    a, v = leontief(40_000, 5)
    expected = BlockedMatrix(a).apply(v)  # the parent's pool has started its threads
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer within 20 s or be killed by the alarm
        signal.alarm(20)
        os.write(write, b"1" if np.array_equal(BlockedMatrix(a).apply(v), expected) else b"0")
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    answer = os.read(read, 1)
    os.close(read)
    assert answer == b"1" and status == 0
