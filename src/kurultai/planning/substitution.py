"""The plan of an economy whose capacities do not bind, by the non-substitution theorem.

Without binding capacities the best technique of every product depends only on the resource
prices r, not on what is demanded. At given r, Howard's policy iteration gives the least-cost
prices p(r) and their policy (technology.py), and each target is worth fulfilling exactly when
w_i > d_i p_i(r). The dual of the plan is then a function of only m variables,

    L(r) = r·b + Σ_i max(0, w_i − d_i p_i(r)),   r ≥ 0,

convex and piecewise linear. It is minimised by Dantzig–Wolfe column generation: every
evaluation of L at a trial r yields a plan (its policy's gross output for the targets worth
fulfilling), whose value and resource use are a cut of L; a small LP over the plans found so far
(the master) gives the next r and the best convex combination of those plans, which is feasible
for the resources. The gap between the master's plan and the lowest L found certifies the
result; the first trial r comes from the knapsack over the fulfilments of the first policy, and
later trials from a quasi-Newton model of L fitted to the subgradients b − R x seen so far (with
many products L is nearly smooth near its minimum), with Kelley's own trial every few rounds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from kurultai.planning.highs import run_small_lp
from kurultai.planning.knapsack import fulfilment_knapsack
from kurultai.planning.leontief import SolveError
from kurultai.planning.technology import ROUGH, TOLERANCE, Policy, Technology, intensities
from kurultai.planning.under_policy import best_under

MAX_COLUMNS = 80
GAP = 3e-5  # a third of the certificate's 1e-4; 1e-5 took two columns more at 10^5
ROUGH_UNTIL = 1e-3  # columns are made roughly while the master's gap is above this
SMOOTH = 0.5  # trial r halfway between the best r so far and the master's (Wentges smoothing)
PLAIN_EVERY = 6
STALLS = 2  # rough rounds in a row without progress after which columns are made exactly
NEAR_ROUNDS = 2  # policies whose best plans a warm start tries before column generation
WARM_GAP = 8e-5  # a warm start's plan is taken within this of L (the certificate allows 1e-4)


@dataclass
class SubstitutionPlan:
    intensity: np.ndarray
    fulfilment: np.ndarray
    prices: np.ndarray
    resource_prices: np.ndarray
    choice: np.ndarray  # the technique of each product at the best r (−1: not made)
    rounds: int
    respects_capacities: bool
    bound: float = np.inf
    mixed: list = field(default_factory=list)  # (policy choice, fulfilment) of the plans mixed
    trials: list = field(default_factory=list)  # (r, resource use R x) of the latest columns


def plan_without_capacities(tech: Technology, r: np.ndarray | None = None,
                            policy: Policy | None = None, on_round=None,
                            seeds: list = (), trials: list = (),
                            guess: tuple | None = None) -> SubstitutionPlan:
    """Optimal plan when no capacity binds.

    A warm start passes the earlier plan's resource prices r, its policy, and as ``seeds`` the
    (policy choice, fulfilment) of the plans it mixed: the master starts from them; and as
    ``trials`` its latest (r, resource use) pairs, whose curvature the first quasi-Newton step
    reuses (the subgradients are taken again against this economy's availabilities). It first
    tries the best plans under the least-cost policies near the predicted optimum
    (_near_optimum), starting their solves from ``guess``: the earlier product prices and
    gross outputs.

    Columns are made roughly (prices and gross outputs to ROUGH) while the gap is above
    ROUGH_UNTIL, and so are the seeds: far from the optimum they only show the way. Rough
    bounds are not kept as the certificate's, and a rough plan the master wants to mix is made
    exactly first, so the result is as exact as if every column were.
    """
    e = tech.economy
    # value, resource use, and how to make each plan again (its policy's choice, its whole
    # fulfilments as packed bits, its partial ones); the empty plan keeps the master feasible.
    # A policy's matrices are not kept (at a million products they take hundreds of MB).
    columns = [(0.0, np.zeros(e.m), None)]
    # gross outputs of the columns (one number per product, not per technique), by index:
    # those made roughly (in single precision, to start from when they are made exactly) and
    # those made exactly (to mix at the end without solving again)
    rough: dict[int, np.ndarray] = {}
    exact: dict[int, np.ndarray] = {}
    # L, r, p and choice of techniques of the best exact evaluation (not its policy's matrices,
    # which at ten million products take gigabytes)
    best = [np.inf, None, None, None]
    centre = [np.inf, None]  # lowest L and its r among all evaluations, rough or exact
    state = {"rounds": 0, "lam": None, "primal": -np.inf, "p": None, "gross": None, "rough": True,
             "moved": True, "stalls": 0, "gap": GAP}  # stalls: rounds in a row in which
    # neither the lowest L nor the master's plan moved
    whole: dict[int, tuple] = {}  # plans given whole, by index: (x, f) (a warm start's)
    history = [(np.asarray(r_k, float), e.available - np.asarray(use, float))
               for r_k, use in trials]  # (trial r, subgradient b − R x of L there)

    def evaluate(r, policy):
        """One column at trial r: L(r), the least-cost policy's plan, the master's next r."""
        state["rounds"] += 1
        roughly = state["rough"]
        p, policy = tech.least_cost(tech.resource_use_t @ r, policy, state["p"], exact=not roughly)
        state["p"] = p
        value_of, bound = _dual(e, r, p, policy)
        f = (value_of > 0).astype(np.float64)
        x, state["gross"] = _intensity(tech, policy, f, state["gross"], ROUGH if roughly else TOLERANCE)
        if roughly:
            rough[len(columns)] = state["gross"].astype(np.float32)
        else:
            exact[len(columns)] = state["gross"]
        use = e.resource_use @ x
        if not roughly and bound < best[0]:
            best[:] = [bound, r.copy(), p.copy(), policy.choice]
        state["moved"] = bound < centre[0]
        if bound < centre[0]:
            centre[:] = [bound, r.copy()]
        columns.append(_column(e, policy, f, use))
        history.append((r.copy(), e.available - use))
        return master(policy)

    def master(policy):
        """The master over the columns so far: its next r, and whether the gap is closed."""
        lam, r_next, primal = _master(columns, e.available)
        stalled = not state["moved"] and primal <= state["primal"]
        state["stalls"] = state["stalls"] + 1 if stalled else 0
        state.update(lam=lam, primal=primal)
        lowest = min(best[0], centre[0])
        if state["rough"] and state["stalls"] >= STALLS:
            # neither the bound nor the master's plan moved: a rough column's error can make
            # the master refuse it for ever (Kelley's method converges on exact columns only),
            # so every rough column is made exactly and the rest are made exactly too
            state["rough"] = False
            _refine(tech, columns, rough, exact, sorted(rough))
            return master(policy)
        if state["rough"] and lowest - primal <= ROUGH_UNTIL * max(1.0, abs(lowest)):
            state["rough"] = False
        if on_round is not None:
            on_round(state["rounds"], lowest, primal,
                     _snapshot(tech, lam, columns, exact, whole, best, centre))
        done = best[1] is not None and best[0] - primal <= state["gap"] * max(1.0, abs(best[0]))
        if done and _refine(tech, columns, rough, exact, _mixed(lam, rough)):
            return master(policy)  # the mixed plans were rough: mix them again, made exactly
        return r_next, policy, done

    if trials and r is not None and policy is not None:
        # after a small change: the best plan under the policy at the predicted optimum
        predicted = _newton_trial(history, r)
        near = _near_optimum(tech, r if predicted is None else predicted, policy, history, on_round,
                             guess or (None, None))
        if isinstance(near, SubstitutionPlan):
            return near
        # column generation starts from its lowest L and its plan, and stops at the warm
        # start's own gap: the plan under one policy may already be most of the answer
        best[:] = [near.bound, near.r, near.p, near.choice]
        centre[:] = [near.bound, near.r]
        value, use, x, f = near.plan
        state.update(p=near.p, gap=WARM_GAP,
                     rough=near.bound - value > ROUGH_UNTIL * max(1.0, abs(near.bound)))
        whole[len(columns)] = (x, f)
        columns.append((value, use, None))
        r, trials = near.r, ()  # the first column is made at the lowest L found, not predicted
    for choice, f in seeds:  # plans of an earlier solve, valued again for this economy
        earlier = tech.policy(choice)
        f = np.where(earlier.made & (e.targets > 0), f, 0.0)
        try:
            x, gross = _intensity(tech, earlier, f, tol=ROUGH)
            rough[len(columns)] = gross.astype(np.float32)
            columns.append(_column(e, earlier, f, e.resource_use @ x))
        except SolveError:  # the technology changed and that policy no longer works
            continue
    if r is None:
        # the first policy's own best plan (a fractional knapsack over the resources it
        # embodies) is a column, and the knapsack's dual is the first trial r
        if policy is None:
            _, policy = tech.least_cost(tech.resource_use_t @ np.ones(e.m))
        embodied = tech.embodied(policy)
        f, r = _policy_knapsack(e, policy, embodied)
        columns.append(_column(e, policy, f, embodied @ (e.targets * f)))
    if trials:
        # after a change the optimum has moved: the earlier curvature with this economy's
        # subgradients predicts where to, and the first column is made there
        predicted = _newton_trial(history, r)
        r = r if predicted is None else predicted
    r_next, policy, done = evaluate(r, policy)
    while not done and state["rounds"] < MAX_COLUMNS:
        # the master's r alone jumps about (Kelley's cutting planes). With many products L is
        # nearly smooth near its minimum, so a quasi-Newton step from the subgradients seen
        # so far does better (a third fewer columns at 10^5); until there are enough of them,
        # the trial is pulled halfway towards the best r. Every PLAIN_EVERY-th trial is the
        # master's own, which keeps Kelley's convergence where both guesses go astray.
        trial = r_next
        if state["rounds"] % PLAIN_EVERY:
            trial = _newton_trial(history, centre[1])
            if trial is None:
                trial = SMOOTH * centre[1] + (1 - SMOOTH) * r_next
        r_next, policy, done = evaluate(trial, policy)
    while _refine(tech, columns, rough, exact, _mixed(state["lam"], rough)):  # out of columns while rough
        state["lam"] = _master(columns, e.available)[0]
    x, f, mixed = _mixture(tech, state["lam"], columns, exact, whole)
    if best[1] is None:  # out of columns before any exact one: price the best rough r exactly
        r = centre[1]
        p, policy = tech.least_cost(tech.resource_use_t @ r, policy, state["p"])
        best[:] = [_dual(e, r, p, policy)[1], r, p, policy.choice]
    bound, r_best, p_best, choice_best = best
    return _result(e, x, f, p_best, r_best, choice_best, state["rounds"], bound, mixed, history)


@dataclass
class _Miss:
    """What a warm start's first evaluations found when they did not certify a plan: the
    lowest L (exact) with its r, prices and choice of techniques, and the best plan under one
    policy, feasible, as (value, resource use, x, f). Column generation starts from them."""

    bound: float
    r: np.ndarray
    p: np.ndarray
    choice: np.ndarray
    plan: tuple


def _near_optimum(tech: Technology, r: np.ndarray, policy: Policy, history: list,
                  on_round, guess: tuple) -> SubstitutionPlan | _Miss:
    """The plan of a warm start, if a few policies' best plans certify it at once.

    L at r bounds the optimum; the best plan whose inputs are made under the least-cost policy
    there (under_policy.py) is feasible, and close to optimal when that policy is least-cost
    near r*. Until the two are within WARM_GAP (looser than column generation's GAP: the plan
    under one policy is rarely closer than 1e-5 to the optimum, columns would need several
    policies), L is evaluated at the knapsack's r (from the policy's exact
    prices there, so it costs next to nothing where the policy holds) and, for the policy it
    ends with, the best plan again, NEAR_ROUNDS times at most. If they are still apart, column
    generation takes over from what was found (_Miss; the progress report comes from it then).
    """
    e = tech.economy
    prices, gross = guess
    p, policy = tech.least_cost(tech.resource_use_t @ r, policy, prices)
    bound = _dual(e, r, p, policy)[1]
    choice = policy.choice
    best, embodied = None, None
    priced = p

    def apart() -> bool:
        return bound - best.value > WARM_GAP * max(1.0, abs(bound))

    for rounds in range(1, NEAR_ROUNDS + 1):
        near = best_under(tech, policy, r, embodied, priced)
        if best is None or near.value > best.value:
            best = near
        if not apart():
            break
        r_k = near.resource_prices
        p_k, policy = tech.least_cost(tech.resource_use_t @ r_k, policy, near.prices)
        bound_k = _dual(e, r_k, p_k, policy)[1]
        priced = None  # the next policy's prices are known at r_k, not at r
        if bound_k < bound:
            bound, r, p, priced, choice = bound_k, r_k, p_k, p_k, policy.choice
        if not apart():
            break
        embodied = near.embodied
    x = best.intensity(tech, gross)
    if apart():
        return _Miss(bound, r, p, choice, (best.value, best.use, x, best.fulfilment))
    if on_round is not None:
        on_round(rounds, bound, best.value,
                 lambda: (x, best.fulfilment, np.where(np.isfinite(p), p, 0.0), r))
    history = history + [(best.resource_prices, e.available - best.use)]
    return _result(e, x, best.fulfilment, p, r, choice, rounds, bound, [], history)


def _result(e, x, f, p, r, choice, rounds, bound, mixed, history) -> SubstitutionPlan:
    """The plan (x, f) with prices p (0 where nothing makes a product) and r; whether it keeps
    the capacities; and the latest trials for the next warm start."""
    capped = np.isfinite(e.capacity)
    fits = bool(np.all(x[capped] <= e.capacity[capped] * (1 + 1e-9) + 1e-12))
    return SubstitutionPlan(x, f, np.where(np.isfinite(p), p, 0.0), r, choice, rounds, fits, bound,
                            mixed, [(r_k, e.available - g) for r_k, g in history[-2 * e.m - 2:]])


def _dual(e, r: np.ndarray, p: np.ndarray, policy: Policy) -> tuple[np.ndarray, float]:
    """Per product, what fulfilling its target is worth at prices p (−inf where it cannot be
    made), and L(r) = r·b + Σ max(0, that)."""
    value_of = np.where(policy.made & np.isfinite(p), e.weights - e.targets * p, -np.inf)
    return value_of, float(r @ e.available + np.sum(np.maximum(value_of, 0.0)))


def _mixed(lam, rough: dict) -> list[int]:
    """The rough columns the master mixes."""
    return [k for k in sorted(rough) if lam is not None and lam[k] > 0]


def _refine(tech: Technology, columns, rough: dict, exact: dict, which: list[int]) -> bool:
    """Make exactly the rough columns ``which`` (their resource use is recomputed, starting
    from their rough gross outputs); True if there were any, so that the master must be
    solved again."""
    e = tech.economy
    for k in which:
        value, _, made_by = columns[k]
        x, exact[k] = _intensity(tech, tech.policy(made_by[0]), _fulfilment(e, made_by), rough.pop(k))
        columns[k] = (value, e.resource_use @ x, made_by)
    return bool(which)


def _newton_trial(history, centre: np.ndarray) -> np.ndarray | None:
    """The minimiser over r ≥ 0 of a quadratic model of L around ``centre``.

    The subgradients g = b − R x seen at the latest trials are fitted by an affine function
    of r (least squares, nearer trials weigh more); its slope, made symmetric and positive
    definite, is the model's curvature. None until there are enough trials to fit.
    """
    m = len(centre)
    if len(history) < m + 2:
        return None
    recent = history[-2 * m - 2:]
    d = np.array([r for r, _ in recent]) - centre
    g = np.array([g for _, g in recent])
    weight = 1.0 / (1e-3 + np.linalg.norm(d / np.maximum(np.abs(centre), 1e-12), axis=1))
    design = np.hstack([np.ones((len(d), 1)), d]) * weight[:, None]
    coef = np.linalg.lstsq(design, g * weight[:, None], rcond=None)[0]
    g0, slope = coef[0], coef[1:].T
    vals, vecs = np.linalg.eigh(0.5 * (slope + slope.T))
    if vals.max() <= 0:
        return None
    hess = (vecs * np.maximum(vals, 1e-3 * vals.max())) @ vecs.T
    best, lowest = None, np.inf
    for free in itertools.product((False, True), repeat=m):  # which r_k stay at zero
        free = np.array(free)
        r = np.zeros(m)
        if free.any():  # stationary in the free prices, the others held at 0
            r[free] = centre[free] + np.linalg.solve(
                hess[np.ix_(free, free)], -(g0[free] - hess[np.ix_(free, ~free)] @ centre[~free]))
        if np.any(r < 0):
            continue
        step = r - centre
        value = g0 @ step + 0.5 * step @ hess @ step
        if value < lowest:
            best, lowest = r, value
    return best


def _column(e, policy: Policy, f: np.ndarray, use: np.ndarray):
    """(value, resource use, how to make it again) of the plan fulfilling f under the policy."""
    f = np.clip(np.nan_to_num(f), 0.0, 1.0)
    whole = f >= 1.0
    partial = np.flatnonzero((f > 0) & ~whole)
    return float(e.weights @ f), use, (policy.choice, np.packbits(whole), partial, f[partial])


def _policy_knapsack(e, policy: Policy, embodied: np.ndarray):
    """The policy's best fulfilment within the resources, and the r that proves it."""
    made = policy.made
    use = embodied * e.targets[None, :]
    use[:, ~made] = 0.0
    return fulfilment_knapsack(np.where(made, e.weights, 0.0), use, e.available)


def _mixture(tech: Technology, lam, columns, exact: dict, whole: dict):
    """Σ λ_k (x_k, f_k) over the plans the master mixes, and per policy its mean fulfilment
    (plans given ``whole`` count in the sum, not per policy).

    A column made exactly kept its gross outputs, so its intensities cost nothing more; the
    others (only mixed when stage one is stopped midway) are made again per policy, since
    intensities are linear in the fulfilment for a fixed policy: one Leontief solve per
    policy, not per plan.
    """
    e = tech.economy
    f = np.zeros(e.n)
    x = np.zeros(e.t)
    by_policy: dict[int, _Share] = {}  # by the id of a policy's choice array
    for k, (weight, (_, _, made_by)) in enumerate(zip(lam, columns)):
        if weight > 0 and k in whole:
            x += weight * whole[k][0]
            f += weight * whole[k][1]
        elif weight > 0 and made_by is not None:
            fk = weight * _fulfilment(e, made_by)
            f += fk
            share = by_policy.setdefault(id(made_by[0]), _Share(made_by[0], np.zeros(e.n), np.zeros(e.n)))
            share.weight += weight
            share.fulfilment += fk
            if k in exact:
                x += weight * intensities(made_by[0], exact[k], e.t)
            else:
                share.unmade += fk
    for share in by_policy.values():
        if share.unmade.any():
            x += _intensity(tech, tech.policy(share.choice), share.unmade)[0]
    mixed = [(share.choice, share.fulfilment / share.weight) for share in by_policy.values()]
    return x, f, mixed


@dataclass
class _Share:
    """One policy's part of the mixture: Σ λ f over its plans, and the part of it whose
    intensities are still to be made (plans made roughly)."""

    choice: np.ndarray
    fulfilment: np.ndarray
    unmade: np.ndarray
    weight: float = 0.0  # Σ λ


def _fulfilment(e, made_by) -> np.ndarray:
    _, packed, partial, share = made_by
    f = np.unpackbits(packed, count=e.n).astype(np.float64)
    f[partial] = share
    return f


def _snapshot(tech, lam, columns, exact, whole, best, centre):
    """A function building the plan of the master so far (for a caller stopped midway)."""

    def plan():
        x, f, _ = _mixture(tech, lam, columns, exact, whole)
        if best[1] is None:  # only rough evaluations so far: their r, and prices exact at it
            p, _ = tech.least_cost(tech.resource_use_t @ centre[1])
            return x, f, np.where(np.isfinite(p), p, 0.0), centre[1]
        return x, f, np.where(np.isfinite(best[2]), best[2], 0.0), best[1]

    return plan


def _intensity(tech: Technology, policy: Policy, f: np.ndarray, start: np.ndarray | None = None,
               tol: float = TOLERANCE) -> tuple[np.ndarray, np.ndarray]:
    """Intensities of the policy's plan fulfilling f, and its gross outputs (to start from)."""
    e = tech.economy
    gross = tech.gross_output(policy, np.where(policy.made, e.targets * f, 0.0), start, tol)
    return intensities(policy.choice, gross, e.t), gross


def _master(columns, available):
    """max Σ λ_k value_k s.t. Σ λ_k use_k ≤ b, Σ λ_k = 1, λ ≥ 0: weights, duals r, value."""
    import highspy

    k = len(columns)
    m = len(available)
    value = np.array([c[0] for c in columns])
    use = np.column_stack([c[1] for c in columns]) if m else np.zeros((0, k))
    h = run_small_lp(np.vstack([use, np.ones((1, k))]), value, np.zeros(k), np.full(k, np.inf),
                     np.concatenate([np.full(m, -np.inf), [1.0]]),
                     np.concatenate([np.asarray(available, float), [1.0]]), maximise=True)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        # x = 0 (no production) is always within the resources: start the master from it
        raise ArithmeticError("the master LP of the resource prices has no solution")
    sol = h.getSolution()
    lam = np.clip(np.asarray(sol.col_value), 0.0, None)
    lam = lam / max(lam.sum(), 1e-300)
    r = np.maximum(np.asarray(sol.row_dual)[:m], 0.0)
    return lam, r, float(h.getInfo().objective_function_value)
