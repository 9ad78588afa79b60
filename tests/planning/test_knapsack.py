"""The fractional knapsack over resources, with one option per item and with several."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from kurultai.planning.highs import run_small_lp
from kurultai.planning.knapsack import choice_knapsack, dual_value, fulfilment_knapsack


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 40), st.integers(1, 4), st.integers(0, 10_000))
def test_knapsack_is_exact(n, m, seed):
    rng = np.random.default_rng(seed)
    use = rng.random((m, n)) * (rng.random((m, n)) < 0.7)
    value = rng.random(n) - 0.2
    available = use.sum(axis=1) * rng.uniform(0.1, 1.2, m)
    f, r = fulfilment_knapsack(value, use, available)
    assert np.all((f >= 0) & (f <= 1)) and np.all(use @ f <= available * (1 + 1e-12) + 1e-12)
    assert np.all(r >= 0)
    assert dual_value(value, use, available, r) == pytest.approx(value @ f, rel=1e-9, abs=1e-9)


def _choice_dual(value, use, available, item, r):
    """D(r) with options: r·b + Σ over items of the best option's positive reduced value."""
    best = np.zeros(item.max() + 1)
    np.maximum.at(best, item, value - r @ use)
    return float(r @ available + best.sum())


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 30), st.integers(1, 4), st.integers(0, 10_000))
def test_knapsack_with_options_is_exact_and_agrees_with_highs(n, m, seed):
    rng = np.random.default_rng(seed)
    item = np.sort(rng.integers(0, n, 2 * n))  # some items have several options, some none
    k = len(item)
    use = rng.random((m, k)) * (rng.random((m, k)) < 0.8)
    use[:, rng.random(k) < 0.2] = use[:, 0:1]  # options that repeat another's use
    value = (rng.random(n) - 0.1)[item]  # an item's options are worth the same
    available = use.sum(axis=1) * rng.uniform(0.05, 0.8, m)
    f, r = choice_knapsack(value, use, available, item)
    assert np.all((f >= 0) & (f <= 1))
    assert np.all(np.bincount(item, weights=f) <= 1 + 1e-12)
    assert np.all(use @ f <= available * (1 + 1e-12) + 1e-12)
    assert np.all(r >= 0)
    # the dual bound at r meets the value of f: f is optimal, and r proves it
    assert _choice_dual(value, use, available, item, r) == pytest.approx(value @ f, rel=1e-9, abs=1e-9)
    one_each = sp.csr_matrix((np.ones(k), (item, np.arange(k))), shape=(item.max() + 1, k))
    h = run_small_lp(sp.vstack([sp.csr_matrix(use), one_each]), value, np.zeros(k), np.ones(k),
                     np.full(m + one_each.shape[0], -np.inf),
                     np.concatenate([available, np.ones(one_each.shape[0])]), maximise=True)
    assert value @ f == pytest.approx(h.getInfo().objective_function_value, rel=1e-9, abs=1e-9)


def test_an_option_that_uses_nothing_fulfils_its_item_for_nothing():
    use = np.array([[5.0, 0.0, 4.0]])
    f, r = choice_knapsack(np.array([2.0, 2.0, 1.0]), use, np.array([3.0]), np.array([0, 0, 1]))
    assert f.tolist() == [0.0, 1.0, 0.75]
    assert r.tolist() == [0.25]
