"""The reference planner: the whole LP handed to HiGHS through highspy's matrix interface."""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import scipy.sparse as sp

from kurultai.economy.model import Economy
from kurultai.planning.lp import weighted_fulfilment_lp
from kurultai.planning.plan import Plan


class PlanningError(RuntimeError):
    """The planner could not produce a plan; the message explains why in the economy's terms."""


def solve_highs(e: Economy, *, solver: str = "choose", time_limit: float = np.inf,
                threads: int = 1, verbose: bool = False, tolerance: float | None = None,
                progress=None, start: Plan | None = None) -> Plan:
    """Solve with HiGHS ('choose', 'simplex', 'ipm' or 'pdlp'); prices are HiGHS's duals.

    ``start`` is an earlier plan of an economy of the same shape: its active set becomes the
    simplex's starting basis (a warm start). HiGHS reports no gap while it runs, so
    ``progress`` gets the iteration count and objective only. Ctrl-C stops HiGHS and raises
    KeyboardInterrupt once it has stopped.
    """
    import highspy

    began = time.perf_counter()
    lp = weighted_fulfilment_lp(e)
    model = highs_lp(lp.matrix, lp.cost, lp.col_lower, lp.col_upper, lp.row_lower, lp.row_upper,
                     maximise=True)

    h = new_highs(verbose)
    h.setOptionValue("solver", solver)
    h.setOptionValue("threads", int(threads))
    if np.isfinite(time_limit):
        h.setOptionValue("time_limit", float(time_limit))
    if tolerance is not None and solver == "pdlp":
        h.setOptionValue("pdlp_optimality_tolerance", float(tolerance))
    h.passModel(model)
    if start is not None:
        h.setOptionValue("solver", "simplex")
        h.setBasis(starting_basis(e, start))
    _run(h, progress, began)
    status = h.getModelStatus()
    name = h.modelStatusToString(status)
    solution = h.getSolution()
    info = h.getInfo()
    iterations = int(max(info.simplex_iteration_count, info.ipm_iteration_count,
                         info.pdlp_iteration_count, 0))
    seconds = time.perf_counter() - began
    ok = status == highspy.HighsModelStatus.kOptimal
    if not ok and not solution.value_valid:
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnbounded,
                      highspy.HighsModelStatus.kUnboundedOrInfeasible):
            from kurultai.planning.explain import explain_failure

            raise PlanningError(explain_failure(e, name))
        return _empty_plan(e, f"highs-{solver}", "limit", f"HiGHS stopped: {name}", seconds, iterations)
    z = np.asarray(solution.col_value)
    duals = np.asarray(solution.row_dual) if solution.dual_valid else np.zeros(e.n + e.m)
    # HiGHS reports duals of a maximisation with the sign of the objective's gradient:
    # balance rows (≥ 0) then carry p ≤ 0 and resource rows (≤ b) carry r ≥ 0 … normalise.
    p = np.maximum(-duals[: e.n], 0.0)
    r = np.maximum(duals[e.n:], 0.0)
    stats = {}
    basis = h.getBasis()
    if basis.valid:
        stats["basis"] = {"col": [int(s) for s in basis.col_status],
                          "row": [int(s) for s in basis.row_status]}
    return Plan(e, z[: e.t], z[e.t:], p, r, method=f"highs-{solver}",
                status="solved" if ok else "limit", message=name,
                seconds=seconds, iterations=iterations, stats=stats)


def _run(h, progress, began: float) -> None:
    """h.run() that reports progress and stops on Ctrl-C through HiGHS's interrupt callbacks
    (a KeyboardInterrupt cannot reach Python while HiGHS's own code runs)."""
    import signal
    import threading

    import highspy

    stop = {"asked": False, "reported": 0.0}

    def on_callback(kind, message, out, into, data):
        if stop["asked"]:
            into.user_interrupt = True
        now = time.perf_counter()
        if progress is not None and now - stop["reported"] >= 0.5:
            stop["reported"] = now
            progress({"iteration": int(max(out.simplex_iteration_count, out.ipm_iteration_count,
                                           out.pdlp_iteration_count, 0)),
                      "objective": float(out.objective_function_value),
                      "seconds": time.perf_counter() - began})

    kinds = (highspy.cb.HighsCallbackType.kCallbackSimplexInterrupt,
             highspy.cb.HighsCallbackType.kCallbackIpmInterrupt)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.update(asked=True)) if main else None
    h.setCallback(on_callback, None)
    for kind in kinds:
        h.startCallback(kind)
    try:
        h.run()
    finally:
        for kind in kinds:
            h.stopCallback(kind)
        if main:
            signal.signal(signal.SIGINT, previous)
    if stop["asked"]:
        raise KeyboardInterrupt


def starting_basis(e: Economy, start: Plan):
    """The simplex basis to start from, for an economy of the earlier plan's shape.

    A plan that HiGHS made carries its final basis, which is the best start. For any other plan
    the basis is read off its values: variables strictly inside their bounds and constraints
    with slack are basic, the rest sit at the bound they touch; the count of basic variables
    need not be right, so that basis is marked alien and HiGHS completes or trims it.
    """
    import highspy

    if start.intensity.shape != (e.t,) or start.fulfilment.shape != (e.n,):
        raise ValueError(f"the starting plan has {len(start.intensity)} techniques and "
                         f"{len(start.fulfilment)} products; this economy has {e.t} and {e.n}")
    status = highspy.HighsBasisStatus
    basis = highspy.HighsBasis()
    saved = start.stats.get("basis")
    if saved is not None:  # the basis HiGHS ended with: the best start there is
        basis.col_status = [status(v) for v in saved["col"]]
        basis.row_status = [status(v) for v in saved["row"]]
        basis.valid = True
        return basis
    tol = 1e-9
    x, f = start.intensity, start.fulfilment
    capped = np.isfinite(e.capacity)
    cap = np.where(capped, e.capacity, 0.0)
    col = np.full(e.t + e.n, status.kBasic, dtype=object)
    col[: e.t][x <= tol * np.maximum(1.0, cap)] = status.kLower
    col[: e.t][capped & (x >= cap - tol * np.maximum(1.0, cap))] = status.kUpper
    col[e.t:][f <= tol] = status.kLower
    col[e.t:][f >= 1 - tol] = status.kUpper
    slack = e.net_output(x) - e.targets * f
    used = e.resource_use @ x
    row = np.full(e.n + e.m, status.kBasic, dtype=object)
    row[: e.n][slack <= tol * np.maximum(1.0, e.targets)] = status.kLower
    row[e.n:][used >= e.available - tol * np.maximum(1.0, e.available)] = status.kUpper
    basis.col_status = list(col)
    basis.row_status = list(row)
    basis.alien = True
    basis.valid = True
    return basis


def new_highs(verbose: bool = False):
    """A Highs instance; its constructor prints a banner to file descriptor 1 before any
    option can be set, so unless verbose the descriptor is pointed at /dev/null meanwhile."""
    import highspy

    if verbose:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


def highs_lp(matrix, cost, col_lower, col_upper, row_lower, row_upper, maximise=False):
    """The HighsLp of  opt cost·x  s.t. row_lower ≤ matrix x ≤ row_upper, col bounds on x."""
    import highspy

    matrix = sp.csc_matrix(matrix)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    if maximise:
        lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.asarray(cost, float)
    lp.col_lower_ = np.asarray(col_lower, float)
    lp.col_upper_ = np.asarray(col_upper, float)
    lp.row_lower_ = np.asarray(row_lower, float)
    lp.row_upper_ = np.asarray(row_upper, float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    return lp


def run_small_lp(matrix, cost, col_lower, col_upper, row_lower, row_upper, maximise=False):
    """Solve a small LP (columnwise ``matrix``) on one thread; the Highs instance, after run."""
    h = new_highs()
    h.setOptionValue("threads", 1)  # HiGHS fixes its thread count at the first run
    h.passModel(highs_lp(matrix, cost, col_lower, col_upper, row_lower, row_upper, maximise))
    h.run()
    return h


def _empty_plan(e: Economy, method: str, status: str, message: str, seconds: float,
                iterations: int) -> Plan:
    return Plan(e, np.zeros(e.t), np.zeros(e.n), np.zeros(e.n), np.zeros(e.m), method=method,
                status=status, message=message, seconds=seconds, iterations=iterations)
