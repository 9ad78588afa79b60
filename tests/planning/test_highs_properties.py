"""Properties of the reference planner and its certificate on random small economies.

Every HiGHS plan must certify itself (gap ≤ 1e-6, violation ≤ 1e-7); the bound U(p, r) must
hold at any prices (weak duality); and a plan pushed past what the economy allows must show a
violation.
"""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kurultai.economy import Catalogue, Economy
from kurultai.planning import certify, solve, upper_bound
from kurultai.planning.certificate import effective_capacity

GAP, VIOLATION = 1e-6, 1e-7
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def fractions(size, low=0.0, high=1.0):
    return st.lists(st.floats(low, high, allow_subnormal=False), min_size=size, max_size=size)


@st.composite
def economies(draw):
    """Productive economies: 2–15 products, 1–3 techniques each, up to 4 inputs per technique
    worth 1–95 % of the output at random reference prices π, 1–3 resources, some
    capacities and some targets. A technique may use no resource only where it is still
    bounded: if it has a capacity or uses an input whose makers all use a resource."""
    n = draw(st.integers(2, 15))
    makes = np.repeat(np.arange(n), draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    t = len(makes)
    price = np.array(draw(fractions(n, 0.2, 5.0)))
    a = np.zeros((n, t))
    for j in range(t):
        suppliers = draw(st.lists(st.integers(0, n - 1), max_size=4, unique=True))
        if suppliers:
            shares = np.array(draw(fractions(len(suppliers), 0.05, 1.0)))
            spend = draw(st.floats(0.01, 0.95))  # value share of inputs in the output, < 1
            a[suppliers, j] = spend * shares / shares.sum() * price[makes[j]] / price[suppliers]
    m = draw(st.integers(1, 3))
    r = np.array(draw(fractions(m * t, 0.0, 3.0))).reshape(m, t)
    r[r < 1.0] = 0.0  # about a third of the entries are used
    capped = np.array(draw(st.lists(st.booleans(), min_size=t, max_size=t)))
    capacity = np.where(capped, np.array(draw(fractions(t, 0.0, 20.0))), np.inf)
    grounded = np.ones(n, bool)  # every technique of the product uses some resource
    np.logical_and.at(grounded, makes, r.sum(axis=0) > 0)
    loose = (r.sum(axis=0) == 0) & ~capped & ~(a[grounded] > 0).any(axis=0)
    r[0, loose] = np.array(draw(fractions(t, 0.1, 3.0)))[loose]
    targeted = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    targets = np.where(targeted, np.array(draw(fractions(n, 0.1, 20.0))), 0.0)
    weights = np.where(targeted, np.array(draw(fractions(n, 0.01, 10.0))), 0.0)
    return Economy(
        products=Catalogue.of([f"p{i}" for i in range(n)], kind="product"),
        techniques=Catalogue.of([f"t{j}" for j in range(t)], kind="technique"),
        makes=makes, inputs=sp.csc_matrix(a),
        resources=Catalogue.of([f"r{k}" for k in range(m)], kind="resource"),
        resource_use=sp.csr_matrix(r), available=np.array(draw(fractions(m, 0.0, 60.0))),
        capacity=capacity, targets=targets, weights=weights,
    )


@PROPERTY
@given(economies())
def test_every_highs_plan_is_certified(e):
    plan = solve(e)
    certificate = plan.certificate()
    assert plan.status == "solved"
    assert -GAP <= certificate.gap <= GAP, certificate  # below −GAP, U would not be a bound
    assert certificate.violation <= VIOLATION, certificate
    assert certificate.objective == pytest.approx(plan.objective)
    assert 0.0 <= plan.objective <= e.weights.sum() * (1 + 1e-12)


@PROPERTY
@given(economies(), st.data())
def test_any_prices_bound_the_optimum(e, data):
    """Weak duality: U(p, r) ≥ the optimum for every p ≥ 0, r ≥ 0."""
    optimum = solve(e).objective
    p = np.array(data.draw(fractions(e.n, 0.0, 10.0), label="p"))
    r = np.array(data.draw(fractions(e.m, 0.0, 10.0), label="r"))
    assert upper_bound(e, p, r) >= optimum - 1e-9 * max(1.0, optimum)


@PROPERTY
@given(economies(), st.floats(0.0, 3.0))
def test_scaled_optimal_prices_still_bound_the_optimum(e, scale):
    """Near the optimal prices the bound is tight, so a wrong term would show there first."""
    plan = solve(e)
    bound = upper_bound(e, scale * plan.product_prices, scale * plan.resource_prices)
    # HiGHS's plans meet their constraints to its feasibility tolerance (1e-7), so objectives
    # of 2e-9 and 1.3e-7 against an optimum of 0 are its rounding, not a wrong bound
    assert bound >= plan.objective - 1e-6 * max(1.0, plan.objective)


@PROPERTY
@given(economies())
def test_raising_a_fulfilment_shows_a_violation(e):
    """At the optimum a weighted target that falls short has no slack in its balance: raising
    its fulfilment to 1 without producing more must violate that balance by the shortfall."""
    plan = solve(e)
    shortfall = np.where(e.weights > 0, e.targets * (1.0 - plan.fulfilment), 0.0)
    made = np.bincount(e.makes, weights=plan.intensity, minlength=e.n)
    relative = shortfall / np.maximum(1.0, np.maximum(e.targets, made))
    i = int(np.argmax(relative))
    assume(relative[i] > 1e-4)
    raised = plan.fulfilment.copy()
    raised[i] = 1.0
    certificate = certify(e, plan.intensity, raised, plan.product_prices, plan.resource_prices)
    assert certificate.violation >= relative[i] - VIOLATION
    assert not certificate.solved
    gain = e.weights[i] * (1.0 - plan.fulfilment[i])
    if gain > 1e-6 * max(1.0, plan.objective):
        assert certificate.gap < 0  # the objective claimed exceeds what any plan can reach


@PROPERTY
@given(economies())
def test_running_past_a_capacity_shows_a_violation(e):
    capped = np.flatnonzero(np.isfinite(e.capacity) & (e.capacity > 1e-3))
    assume(len(capped))
    plan = solve(e)
    j = int(capped[0])
    x = plan.intensity.copy()
    x[j] = 1.5 * e.capacity[j]
    certificate = certify(e, x, plan.fulfilment, plan.product_prices, plan.resource_prices)
    assert certificate.violation >= 0.5 * e.capacity[j] / max(1.0, e.capacity[j]) - VIOLATION
    assert not certificate.solved


@PROPERTY
@given(economies())
def test_effective_capacity_bounds_every_feasible_plan(e):
    """The tightened capacities are implied by the constraints: the optimal plan obeys them.

    HiGHS keeps rows to within 1e-7, so its plan obeys the capacities that availabilities and
    capacities so much larger imply (a technique using 0.78 per unit of a resource of which
    nothing is available ran at 1.28e-7, against a capacity of 0)."""
    x = solve(e).intensity
    loose = e.with_changes(available=e.available + 1e-7 * np.maximum(1.0, e.available),
                           capacity=e.capacity + 1e-7 * np.maximum(1.0, e.capacity))
    cap = effective_capacity(loose)
    assert np.all(x <= cap * (1 + 1e-7) + 1e-7)


def test_effective_capacity_of_a_technique_without_resources(economy_of):
    """The farm needs 3 hours per t and 12 hours are available: at most 12/3 = 4 t grain. The
    mill uses no resource and has no capacity; it grinds 2 t grain per t of flour, so it runs
    at most 4/2 = 2. The bakery (1/2 t flour and 1 hour per t) is bounded by its labour,
    12/1 = 12: inputs bound only what no resource or capacity bounds."""
    e = economy_of(["grain", "flour", "bread"], [[0, 2.0, 0], [0, 0, 0.5], [0, 0, 0]],
                   [3.0, 0.0, 1.0], techniques=["farm", "mill", "bakery"], available=(12.0,),
                   targets=[0.0, 0.0, 1.0], weights=[0.0, 0.0, 1.0])
    assert effective_capacity(e).tolist() == [4.0, 2.0, 12.0]
    plan = solve(e)
    assert plan.objective == pytest.approx(1.0)
    assert plan.certificate().gap <= 1e-12
