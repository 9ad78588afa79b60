"""The default planner: non-substitution first, the exact LP only where capacities bind.

Stage one solves the plan as if no capacity bound (substitution.py): Howard's policy iteration
for the prices at given resource prices r and Dantzig–Wolfe column generation over r. Its work
is a few hundred sparse Leontief solves, so it reaches a million products on a laptop, and when
no capacity binds its plan is the optimum, certified to about 1e-9.

When capacities bind, the non-substitution plan is only a bound: its prices certify an upper
bound U. Stage two then solves the whole LP
exactly with HiGHS (simplex from the earlier plan's basis when the caller passes one), within
what is left of the time limit. The returned plan is the one with the better certificate.

``progress`` is called with a dict {'stage', 'iteration', 'objective', 'bound', 'gap',
'seconds'} after every column of stage one and once when stage two starts and ends. Ctrl-C
returns the best plan found so far with status "stopped" and its certificate.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from kurultai.economy.model import Economy
from kurultai.planning.certificate import Certificate
from kurultai.planning.plan import Plan
from kurultai.planning.technology import Technology

METHOD = "policy-iteration"
DIRECT_BELOW = 3000
NEGLIGIBLE = 1e-9  # profits left in tidy prices may add this much of the bound to it


def solve_fast(e: Economy, *, start: Plan | None = None,
               progress: Callable[[dict], None] | None = None, time_limit: float = np.inf,
               exact: bool = True, verbose: bool = False, direct_below: int = DIRECT_BELOW,
               **highs_options) -> Plan:
    """The certified weighted-fulfilment plan of ``e`` (see the module docstring).

    Economies of fewer than ``direct_below`` products go straight to the exact stage: there
    HiGHS's simplex takes a fraction of a second and stage one would only add to it.
    """
    began = time.perf_counter()
    if start is not None and (start.intensity.shape != (e.t,) or start.fulfilment.shape != (e.n,)
                              or start.resource_prices.shape != (e.m,)):
        raise ValueError(f"the starting plan belongs to an economy of another shape ("
                         f"{len(start.fulfilment)} products, {len(start.intensity)} techniques; "
                         f"this one has {e.n} and {e.t})")
    best: list[Plan] = []

    def keep(plan: Plan) -> Plan:
        if not best or _better(plan.certificate(), best[0].certificate()):
            best[:] = [plan]
        return best[0]

    def report(stage: str, iteration: int, objective: float, bound: float) -> None:
        if progress is not None:
            progress({"stage": stage, "iteration": iteration, "objective": objective,
                      "bound": bound, "gap": (bound - objective) / max(1.0, abs(objective)),
                      "seconds": time.perf_counter() - began})

    iterations = 0
    latest: list = []  # the plan stage one has so far, as a function that builds it
    try:
        if e.n < direct_below:
            plan = keep(_stage_two(e, start, time_limit, verbose, _exact_progress(progress, began, 0, np.nan),
                                   highs_options))
            return _finish(plan, began)
        tech = Technology(e)
        r0, policy0, seeds, trials, guess = _warm(tech, start)

        def on_round(k, bound, primal, snapshot):
            latest[:] = [snapshot]
            report("resource prices", k, primal, bound)

        relaxed = _stage_one(tech, r0, policy0, seeds, trials, guess, on_round)
        iterations = relaxed.rounds
        if relaxed.respects_capacities:
            x, f = relaxed.intensity, relaxed.fulfilment
        else:  # its prices still bound the optimum; its plan breaks capacities, so none yet
            x, f = np.zeros(e.t), np.zeros(e.n)
        plan = keep(_plan(e, x, f, relaxed.prices, relaxed.resource_prices, began, iterations,
                          "non-substitution plan", relaxed))
        plan.stats["matrix_products"] = tech.work.products  # what stage one's time goes on
        cert = plan.certificate()
        report("resource prices", iterations, cert.objective, cert.bound)
        if (cert.solved and relaxed.respects_capacities) or not exact:
            return _finish(plan, began, cert=cert)
        left = time_limit - (time.perf_counter() - began)
        if left <= 0:
            return _finish(plan, began, status="limit", message="time limit before the exact stage")
        bound = cert.bound
        report("capacities (exact LP)", iterations, cert.objective, bound)

        exact_plan = _stage_two(e, start, left, verbose,
                                _exact_progress(progress, began, iterations, bound), highs_options)
        exact_plan.iterations += iterations
        exact_plan.stats["stages"] = {"non-substitution columns": iterations,
                                      "exact LP iterations": exact_plan.iterations - iterations}
        plan = keep(exact_plan)
        cert = plan.certificate()
        report("capacities (exact LP)", plan.iterations, cert.objective, cert.bound)
        return _finish(plan, began, cert=cert)
    except KeyboardInterrupt:
        if not best and latest:
            x, f, p, r = latest[0]()
            capped = np.isfinite(e.capacity)
            if np.all(x[capped] <= e.capacity[capped] * (1 + 1e-9)):
                keep(_plan(e, x, f, p, r, began, iterations, "stage one so far"))
        if best:
            return _finish(best[0], began, status="stopped", message="stopped by the user")
        return _finish(_plan(e, np.zeros(e.t), np.zeros(e.n), np.zeros(e.n), np.zeros(e.m),
                             began, iterations, "stopped before any plan was made"),
                       began, status="stopped", message="stopped by the user")


def _exact_progress(progress, began: float, offset: int, bound: float):
    """Progress of the exact stage in the planner's terms (HiGHS reports no gap meanwhile)."""
    if progress is None:
        return None

    def report(state):
        progress({"stage": "capacities (exact LP)", "iteration": offset + state["iteration"],
                  "objective": state["objective"] if np.isfinite(state["objective"]) else np.nan,
                  "bound": bound, "gap": np.nan, "seconds": time.perf_counter() - began})

    return report


def _stage_one(tech, r0, policy0, seeds, trials, guess, on_round):
    from kurultai.planning.substitution import plan_without_capacities

    return plan_without_capacities(tech, r=r0, policy=policy0, seeds=seeds, trials=trials,
                                   guess=guess, on_round=on_round)


def _stage_two(e: Economy, start: Plan | None, time_limit: float, verbose: bool, progress,
               options) -> Plan:
    from kurultai.planning.highs import solve_highs

    warm = start if start is not None and start.stats.get("basis") is not None else None
    solver = "choose" if warm is not None or e.n <= 2000 else "ipm"
    plan = solve_highs(e, solver=solver, time_limit=time_limit, verbose=verbose, start=warm,
                       progress=progress, **options)
    plan.method = METHOD
    return plan


def _warm(tech: Technology, start: Plan | None):
    """Resource prices, policy, mixed plans, latest trials, and product prices and gross
    outputs to start from: the earlier plan's, if any."""
    if start is None:
        return None, None, (), (), None
    r = np.maximum(start.resource_prices, 0.0)
    choice = start.stats.get("policy")
    policy = tech.policy(np.asarray(choice)) if choice is not None else None
    seeds = [(np.asarray(c["policy"]), np.asarray(c["fulfilment"], float))
             for c in start.stats.get("columns", ())]
    trials = [(np.asarray(c["r"], float), np.asarray(c["use"], float))
              for c in start.stats.get("trials", ()) if len(c["r"]) == tech.m]
    guess = (start.product_prices, np.bincount(tech.makes, weights=start.intensity, minlength=tech.n))
    return (r if np.any(r > 0) else None), policy, seeds, trials, guess


def tidy_prices(e: Economy, p: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Prices with no uncapped technique left a rounding error above break-even that counts.

    In the certificate an uncapped technique's profit counts times the most the resources let
    it run, so a rounding error of 1e-12 in a price could cost a visible part of the bound; a
    technique that uses no resource and whose inputs are unlimited has no bound at all, and a
    profit of 1e-17 would make the bound infinite. Such products' prices are lowered to exactly
    what their inputs cost (which is what they are worth at these resource prices), until the
    profits left add at most NEGLIGIBLE of the bound to it (at a million products the first
    round leaves about 1e-9 of the bound; each further round takes ~0.1 s).
    """
    from kurultai.economy.productivity import sustained
    from kurultai.planning.certificate import effective_capacity

    p = p.copy()
    cap = effective_capacity(e)
    unbounded = ~np.isfinite(cap)
    if unbounded.any():
        # products that unbounded techniques make from each other alone cost nothing, exactly
        # (iterating p ← min(p, cost) would only approach zero geometrically round a cycle)
        p[sustained(e, unbounded)] = 0.0
    uncapped = ~np.isfinite(e.capacity)
    dual = float(np.maximum(r, 0.0) @ e.available + np.maximum(e.weights - p * e.targets, 0.0).sum())
    negligible = NEGLIGIBLE * max(1.0, dual)  # of the bound without capacities, as the gap is
    for _ in range(100):
        cost = e.inputs.T @ p + e.resource_use.T @ r
        bad = uncapped & (p[e.makes] > cost)
        # each lowering passes on down the supply chains, a round per step: stop once what is
        # left could not move the bound by a visible amount (and is bounded at all)
        if not bad.any() or np.sum(cap[bad] * (p[e.makes[bad]] - cost[bad])) <= negligible:
            break
        np.minimum.at(p, e.makes[bad], cost[bad])
    return p


def _plan(e, x, f, p, r, began, iterations, message, relaxed=None) -> Plan:
    p = tidy_prices(e, p, r)
    stats = {}
    if relaxed is not None:
        stats["policy"] = relaxed.choice.tolist()
        stats["columns"] = [{"policy": choice, "fulfilment": f} for choice, f in relaxed.mixed]
        stats["trials"] = [{"r": r_k.tolist(), "use": use.tolist()} for r_k, use in relaxed.trials]
        stats["bound_without_capacities"] = float(relaxed.bound)
    return Plan(e, x, f, p, r, method=METHOD, status="limit", message=message,
                seconds=time.perf_counter() - began, iterations=iterations, stats=stats)


def _finish(plan: Plan, began: float, status: str | None = None, message: str | None = None,
            cert: Certificate | None = None) -> Plan:
    cert = plan.certificate() if cert is None else cert
    plan.seconds = time.perf_counter() - began
    plan.status = status or ("solved" if cert.solved else "limit")
    if message:
        plan.message = message
    elif plan.status == "solved":
        plan.message = f"certified: gap {cert.gap:.1e}, violation {cert.violation:.1e}"
    else:
        plan.message = (f"not certified: gap {cert.gap:.1e}, violation {cert.violation:.1e} "
                        f"({cert.worst})")
    return plan


def _better(a: Certificate, b: Certificate) -> bool:
    """Solved beats unsolved; then the smaller gap among plans that are feasible."""
    if a.solved != b.solved:
        return a.solved
    feasible_a, feasible_b = a.violation <= 1e-6, b.violation <= 1e-6
    if feasible_a != feasible_b:
        return feasible_a
    return a.gap < b.gap
