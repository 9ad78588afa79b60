"""Warm starts of the reference planner: the same optimum from an earlier plan, in fewer pivots."""

import dataclasses

import numpy as np
import pytest

from kurultai.economy import synthetic
from kurultai.planning import solve


def _changed(economy, seed=1):
    """Targets of 1% of the products moved by ±10% and the first resource cut by 5%."""
    rng = np.random.default_rng(seed)
    targets = economy.targets.copy()
    moved = rng.choice(np.flatnonzero(targets > 0), max(1, economy.n // 100), replace=False)
    targets[moved] *= rng.choice([0.9, 1.1], len(moved))
    available = economy.available.copy()
    available[0] *= 0.95
    return economy.with_changes(targets=targets, available=available)


@pytest.fixture(scope="module")
def economies():
    before = synthetic(1000, seed=0)
    return before, _changed(before), solve(before, method="highs-simplex")


def test_a_warm_start_from_the_final_basis_reaches_the_same_certified_optimum(economies):
    _, after, earlier = economies
    cold = solve(after, method="highs-simplex")
    warm = solve(after, method="highs", start=earlier)
    assert warm.certificate().solved
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    # Simplex pivots are deterministic on one thread: a count, not a time.
    assert warm.iterations * 3 < cold.iterations


def test_a_plan_without_a_basis_still_starts_the_solver_correctly(economies):
    _, after, earlier = economies
    bare = dataclasses.replace(earlier, stats={})
    warm = solve(after, method="highs", start=bare)
    cold = solve(after, method="highs-simplex")
    assert warm.certificate().solved
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)


def test_a_start_of_another_shape_is_refused_by_name():
    small = solve(synthetic(50, seed=2), method="highs")
    with pytest.raises(ValueError, match="starting plan has"):
        solve(synthetic(60, seed=2), method="highs", start=small)
