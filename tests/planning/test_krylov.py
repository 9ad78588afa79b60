"""The Leontief solver's GMRES against a dense solve."""

import numpy as np
import pytest
import scipy.sparse as sp

from kurultai.planning.krylov import gmres


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
