"""The default planner ('fast', 'policy-iteration'): agreement with HiGHS, certificates, the
non-substitution stage on its own, degenerate economies, progress, Ctrl-C and warm starts."""

import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from test_highs_properties import economies

from kurultai.economy import synthetic
from kurultai.economy.scenarios import small_change
from kurultai.planning import solve
from kurultai.planning.substitution import GAP
from kurultai.planning.technology import Technology

AGREE = 1e-4  # the certificate's gap: what the planner promises
EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


STAGE_ONE = {"direct_below": 0}  # go through policy iteration even for small economies
ROUTES = pytest.mark.parametrize("route", [STAGE_ONE, {}], ids=["policy-iteration", "default"])


def check(plan):
    cert = plan.certificate()
    assert plan.status == "solved", plan.message
    assert cert.solved, cert
    return cert


@EXAMPLES
@given(economies())
def test_agrees_with_highs_on_random_small_economies(e):
    fast = solve(e, method="fast", direct_below=0)
    reference = solve(e, method="highs-simplex")
    check(fast)
    # the certificate measures gaps against max(1, objective): so does the agreement, which
    # allows for HiGHS's own gap as the certificate sees it (its plans meet their balances
    # only to its tolerances, so a tiny objective can sit a hair above the optimum)
    scale = max(1.0, abs(reference.objective))
    slack = AGREE + max(0.0, reference.certificate().gap) + reference.certificate().violation
    assert abs(fast.objective - reference.objective) <= slack * scale


@EXAMPLES
@given(economies())
def test_without_capacities_the_first_stage_alone_is_optimal(e):
    e = e.with_changes(capacity=np.full(e.t, np.inf))
    fast = solve(e, method="policy-iteration", direct_below=0)
    cert = check(fast)
    assert "stages" not in fast.stats  # HiGHS was not needed
    assert cert.gap <= GAP  # where stage one stops: within GAP of the optimum
    assert fast.objective == pytest.approx(solve(e, method="highs-simplex").objective,
                                           rel=GAP, abs=GAP)


@pytest.mark.parametrize("n", [300, 2000])
def test_synthetic_economies_agree_with_highs(n):
    e = synthetic(n, seed=3)
    fast = solve(e, **STAGE_ONE)
    assert fast.method == "policy-iteration"
    check(fast)
    assert fast.objective == pytest.approx(solve(e, method="highs").objective, rel=AGREE)


def test_synthetic_without_capacities_is_certified_by_policy_iteration_alone():
    e = synthetic(2000, seed=1)
    e = e.with_changes(capacity=np.full(e.t, np.inf))
    fast = solve(e, **STAGE_ONE)
    cert = check(fast)
    assert "stages" not in fast.stats and "policy" in fast.stats and cert.gap <= GAP
    assert fast.objective == pytest.approx(solve(e, method="highs").objective, rel=GAP)


@ROUTES
def test_zero_targets_plan_nothing(economy_of, route):
    e = economy_of(["a", "b"], [[0, 0.2], [0.3, 0]], [1, 1], available=(10.0,))
    plan = solve(e, **route)
    check(plan)
    assert plan.objective == 0 and np.all(plan.fulfilment == 0)


@ROUTES
def test_techniques_without_inputs_and_uncapped(economy_of, route):
    # grain from land alone, bread from grain and labour; both uncapped
    e = economy_of(["grain", "bread"], [[0, 0.5], [0, 0]], [[1, 0], [0, 2]],
                   resources=("land", "labour"), available=(30.0, 40.0),
                   targets=np.array([0.0, 100.0]), weights=np.array([0.0, 1.0]))
    plan = solve(e, **route)
    check(plan)
    # bread is limited by labour (2 per loaf: 20 loaves) before land (0.5 per loaf: 60)
    assert plan.fulfilment[1] == pytest.approx(0.2)
    assert plan.resource_prices[1] > 0 and plan.resource_prices[0] == pytest.approx(0)


@ROUTES
def test_all_resources_binding(economy_of, route):
    e = economy_of(["x", "y"], [[0, 0], [0, 0]], [[1, 1], [2, 1]], resources=("r1", "r2"),
                   available=(10.0, 15.0), targets=np.array([10.0, 10.0]),
                   weights=np.array([3.0, 2.0]))
    plan = solve(e, **route)
    check(plan)
    assert np.allclose(plan.resource_use(), e.available)
    assert np.all(plan.resource_prices > 0)


@ROUTES
def test_duplicate_techniques(economy_of, route):
    # product "c" has two identical techniques, one capped: the plan may split between them
    e = economy_of(["c", "d"], [[0, 0, 0.1], [0.2, 0.2, 0]], [[1, 1, 1]],
                   makes=np.array([0, 0, 1]), techniques=["c-1", "c-2", "d-1"],
                   available=(50.0,), capacity=np.array([5.0, np.inf, np.inf]),
                   targets=np.array([20.0, 10.0]), weights=np.array([1.0, 1.0]))
    plan = solve(e, **route)
    check(plan)
    assert plan.objective == pytest.approx(solve(e, method="highs-simplex").objective, rel=1e-9)


def test_capacities_binding_need_the_exact_stage(economy_of):
    e = economy_of(["c"], [[0, 0]], [[1, 3]], makes=np.array([0, 0]), techniques=["cheap", "dear"],
                   available=(40.0,), capacity=np.array([5.0, np.inf]),
                   targets=np.array([20.0]), weights=np.array([1.0]))
    plan = solve(e, **STAGE_ONE)
    check(plan)
    assert "stages" in plan.stats
    # 5 units the cheap way (5 labour), the rest the dear way: 35 labour make 35/3 more
    assert plan.fulfilment[0] == pytest.approx((5 + 35 / 3) / 20)


@ROUTES
def test_no_resources_available_means_nothing_is_made(economy_of, route):
    e = economy_of(["a"], [[0]], [1], available=(0.0,), targets=np.array([5.0]),
                   weights=np.array([1.0]))
    plan = solve(e, **route)
    check(plan)
    assert plan.objective == 0


def test_a_resource_with_nothing_available_does_not_stall_the_rough_columns(economy_of):
    """Found by hypothesis: the rough (single-precision) plan of product 0 showed 1e-7 of the
    second resource, of which nothing is available, so the master would not mix it and every
    later column was the same plan; stage one must still certify the plan on its own."""
    inputs = np.zeros((11, 23))
    for i, j, value in [(10, 0, 0.8202419018780142), (0, 1, 0.02099245833632219), (0, 2, 1 / 6),
                        (1, 2, 0.11014824276597872), (2, 2, 0.20493220567769835),
                        (0, 5, 0.7565561759381271), (1, 6, 0.26874312507818177),
                        (0, 7, 0.8400771219555466), (0, 11, 0.1880122809084862),
                        (1, 11, 0.12425533416295996), (2, 11, 0.23117862852642657),
                        (3, 11, 0.11190179805803295), (0, 12, 0.540820282520361),
                        (0, 13, 0.180273427506787), (1, 13, 0.11914080754363583),
                        (2, 13, 0.22166298674426707), (2, 14, 0.16624724005820032),
                        (2, 21, 0.5018724507113473), (0, 22, 0.4081613632922212)]:
        inputs[i, j] = value
    use = np.zeros((2, 23))
    use[0, [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 18, 19, 20]] = 1.0
    use[1, [6, 11, 13, 22]] = 1.0
    use[0, 10], use[1, 12] = 3.0, 2.0
    targets, weights = np.zeros(11), np.zeros(11)
    targets[[0, 7]], weights[[0, 7]] = [19.0, 2.6875], [1.0, 3.0]
    e = economy_of([f"p{i}" for i in range(11)], inputs, use, available=(23.0, 0.0),
                   targets=targets, weights=weights, resources=("r0", "r1"),
                   makes=np.repeat(np.arange(11), [3, 3, 1, 1, 1, 1, 2, 3, 3, 3, 2]),
                   techniques=[f"t{j}" for j in range(23)])
    plan = solve(e, **STAGE_ONE)
    check(plan)
    assert "stages" not in plan.stats
    assert plan.objective == pytest.approx(1.0)


def test_progress_reports_the_gap_closing():
    e = synthetic(500, seed=2)
    e = e.with_changes(capacity=np.full(e.t, np.inf))
    seen = []
    plan = solve(e, progress=seen.append, **STAGE_ONE)
    check(plan)
    assert seen and {"stage", "iteration", "objective", "bound", "gap", "seconds"} <= seen[0].keys()
    assert seen[-1]["gap"] <= 1e-4 < seen[0]["gap"]
    assert all(a["seconds"] <= b["seconds"] for a, b in zip(seen, seen[1:]))


@pytest.mark.parametrize("capped", [False, True])
def test_ctrl_c_returns_the_best_plan_with_its_certificate(capped):
    e = synthetic(800, seed=4)
    if not capped:
        e = e.with_changes(capacity=np.full(e.t, np.inf))
    calls = []

    def interrupt(state):
        calls.append(state)
        if len(calls) == 3:
            raise KeyboardInterrupt

    plan = solve(e, progress=interrupt, **STAGE_ONE)
    assert plan.status == "stopped"
    cert = plan.certificate()  # recomputable from the plan and the economy
    assert cert.violation <= 1e-6
    assert cert.bound >= cert.objective - 1e-9


def test_warm_start_reaches_the_cold_optimum():
    e = synthetic(1500, seed=5)
    first = solve(e, **STAGE_ONE)
    changed = small_change(e)
    cold = solve(changed, **STAGE_ONE)
    warm = solve(changed, start=first, **STAGE_ONE)
    check(cold)
    check(warm)
    assert warm.objective == pytest.approx(cold.objective, rel=AGREE)


def test_start_of_another_shape_is_refused():
    with pytest.raises(ValueError, match="another shape"):
        solve(synthetic(50, seed=1), start=solve(synthetic(60, seed=1)))


def test_least_cost_prices_are_a_fixed_point():
    e = synthetic(400, seed=6)
    tech = Technology(e)
    direct = tech.resource_use_t @ np.array([1.0, 2.0, 0.5, 1.5])
    p, policy = tech.least_cost(direct)
    cost = tech.unit_costs(p, direct)
    cheapest = tech.groups.minimum(cost)
    made = np.isfinite(cheapest)
    assert np.allclose(p[made], cheapest[made], rtol=1e-10)


def test_warm_start_without_capacities_carries_the_latest_trials():
    e = synthetic(5000, seed=2, capped_share=0.0)
    first = solve(e)
    assert len(first.stats["trials"]) == 2 * e.m + 2
    changed = small_change(e)
    cold = solve(changed)
    warm = solve(changed, start=first)
    assert cold.status == warm.status == "solved"
    assert warm.objective == pytest.approx(cold.objective, rel=AGREE)
    # stored as JSON (as the platform stores a plan version) it starts the same solve
    stored = json.loads(json.dumps(first.warm_state()))
    assert set(stored) == {"policy", "columns", "trials"}
    again = solve(changed, start=replace(first, stats=stored))
    assert (again.objective, again.iterations) == (warm.objective, warm.iterations)
