"""Explanations in the economy's terms: free cycles, coefficient spread, shortfalls."""

import numpy as np
import pytest

from kurultai.planning import solve
from kurultai.planning.explain import (coefficient_spread, explain_failure, explain_shortfall,
                                       free_cycle)


def test_free_cycle_names_products_made_from_each_other_for_nothing(economy_of):
    # a and b make each other with no resource and no capacity; c needs labour
    e = economy_of(["a", "b", "c"], [[0, 0.5, 0], [0.5, 0, 0.1], [0, 0, 0]], [[0, 0, 1]],
                   available=(10.0,))
    assert free_cycle(e).tolist() == [0, 1]
    message = explain_failure(e, "Unbounded")
    assert "a (a), b (b)" in message and "no resource and no capacity" in message


def test_no_free_cycle_when_a_member_uses_a_resource_or_has_a_capacity(economy_of):
    inputs = [[0, 0.5], [0.5, 0]]
    assert len(free_cycle(economy_of(["a", "b"], inputs, [[0, 1]]))) == 0
    capped = economy_of(["a", "b"], inputs, [[0, 0]], capacity=np.array([np.inf, 3.0]))
    assert len(free_cycle(capped)) == 0


def test_a_free_leaf_is_not_a_cycle(economy_of):
    # b is made from a for free, but a needs labour: nothing feeds itself
    e = economy_of(["a", "b"], [[0, 0.5], [0, 0]], [[1, 0]])
    assert len(free_cycle(e)) == 0


def test_coefficients_far_apart_are_named(economy_of):
    e = economy_of(["tiny", "huge"], [[0, 1e-9], [0, 0]], [[1e6, 1]], available=(1.0,))
    spread = coefficient_spread(e)
    assert spread.orders == pytest.approx(15)
    assert "tiny" in spread.smallest_where and "labour" in spread.largest_where
    assert "15 orders of magnitude" in explain_failure(e, "Infeasible")


def test_failure_without_an_economic_cause_says_so(economy_of):
    e = economy_of(["a"], [[0]], [[1]], available=(1.0,))
    assert "numerical failure of the solver" in explain_failure(e, "Solve error")


def test_shortfall_names_the_used_up_resource_and_the_full_capacity(economy_of):
    # bread from grain (capped) and labour; labour is the scarce resource
    e = economy_of(["grain", "bread"], [[0, 0.5], [0, 0]], [[1, 2]], available=(30.0,),
                   capacity=np.array([4.0, np.inf]), targets=np.array([0.0, 20.0]),
                   weights=np.array([0.0, 1.0]))
    plan = solve(e)
    why = explain_shortfall(plan)
    assert why.full_capacities == 1 and why.capacity_rents[0][0] == "make grain"
    (product, fulfilment, reason), = why.short_products
    assert product == "bread" and fulfilment == pytest.approx(0.4)  # 4 grain → 8 loaves of 20
    assert "full capacities upstream" in reason
    assert any("make grain" in line for line in why.lines())


def test_shortfall_from_a_resource(economy_of):
    e = economy_of(["bread"], [[0]], [[2]], available=(30.0,), targets=np.array([20.0]),
                   weights=np.array([1.0]))
    why = explain_shortfall(solve(e))
    assert why.binding_resources == [("labour", pytest.approx(0.025))]  # 1/20 per loaf, 2 labour
    assert "resource labour" in why.short_products[0][2]
