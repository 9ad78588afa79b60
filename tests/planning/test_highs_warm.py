"""Warm starts of the reference planner: the same optimum from an earlier plan, in fewer pivots."""

import dataclasses

import pytest

from kurultai.economy import synthetic
from kurultai.economy.scenarios import small_change
from kurultai.planning import solve


@pytest.fixture(scope="module")
def economies():
    before = synthetic(1000, seed=0)
    return before, small_change(before), solve(before, method="highs-simplex")


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
