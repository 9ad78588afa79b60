"""Planner benchmark: Kurultai's planners and the LP solvers people reach for, side by side.

    python bench/planner.py --n 1e3 1e4 --methods highs-simplex highs-ipm highs-pdlp ortools-pdlp
    python bench/planner.py --n 1e5 --limit 400
    python bench/planner.py --n 1e6 --methods policy-iteration --capped-share 0

Each (method, n) runs in a fresh child process, so that its peak memory is its own; every
method of a size solves the same synthetic(n, seed). One JSON line per run: method, n,
seconds, iterations, sparse matrix products (the default planner's stage one), peak memory,
objective, certificate gap and violation, status. A summary line per size gives each method's
time as a ratio to the best peer of the same run (a peer that hit its time limit, or whose
plan the certificate does not accept, counts at the limit). The certificate is recomputed from
the plan and the economy, whoever solved it. ``--capped-share`` changes the share of capped
techniques of the family (DESIGN's third by default; 0 gives an economy whose capacities never
bind).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

PEERS = ("highs-simplex", "highs-ipm", "highs-pdlp", "ortools-pdlp")


def solve_ortools_pdlp(economy, time_limit: float, tolerance: float = 1e-4):
    """OR-Tools PDLP on the same LP, with relative optimality tolerance ``tolerance``."""
    import numpy as np
    from ortools.pdlp import solve_log_pb2, solvers_pb2
    from ortools.pdlp.python import pdlp

    from kurultai.planning.lp import weighted_fulfilment_lp
    from kurultai.planning.plan import Plan

    start = time.perf_counter()
    lp = weighted_fulfilment_lp(economy)
    qp = pdlp.QuadraticProgram()
    qp.resize_and_initialize(lp.matrix.shape[1], lp.matrix.shape[0])
    qp.objective_vector = -lp.cost  # PDLP minimises
    qp.constraint_matrix = lp.matrix
    qp.variable_lower_bounds = lp.col_lower
    qp.variable_upper_bounds = lp.col_upper
    qp.constraint_lower_bounds = lp.row_lower
    qp.constraint_upper_bounds = lp.row_upper
    params = solvers_pb2.PrimalDualHybridGradientParams()
    criteria = params.termination_criteria.simple_optimality_criteria
    criteria.eps_optimal_relative = tolerance
    criteria.eps_optimal_absolute = 0.0
    params.termination_criteria.time_sec_limit = float(time_limit)
    params.num_threads = 1
    result = pdlp.primal_dual_hybrid_gradient(qp, params)
    log = result.solve_log
    reason = solve_log_pb2.TerminationReason.Name(log.termination_reason)
    z = np.asarray(result.primal_solution)
    y = np.asarray(result.dual_solution)
    n, t = economy.n, economy.t
    return Plan(economy, np.clip(z[:t], 0, economy.capacity), np.clip(z[t:], 0, 1),
                np.maximum(y[:n], 0), np.maximum(-y[n:], 0), method="ortools-pdlp",
                status="solved" if reason == "TERMINATION_REASON_OPTIMAL" else "limit",
                message=reason, seconds=time.perf_counter() - start,
                iterations=int(log.iteration_count))


def child(method: str, n: int, seed: int, limit: float, capped_share: float) -> None:
    """Build the economy, solve it once, print one JSON line."""
    from kurultai.economy import synthetic
    from kurultai.planning import solve

    built = time.perf_counter()
    economy = synthetic(n, seed=seed, capped_share=capped_share)
    built = time.perf_counter() - built
    start = time.perf_counter()
    if method == "ortools-pdlp":
        plan = solve_ortools_pdlp(economy, limit)
    elif method == "highs-pdlp":  # the same relative tolerance as the certificate asks for
        plan = solve(economy, method=method, time_limit=limit, tolerance=1e-4)
    else:
        plan = solve(economy, method=method, time_limit=limit)
    seconds = time.perf_counter() - start
    cert = plan.certificate()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB → GiB
    print(json.dumps({
        "method": method, "n": n, "seed": seed, "seconds": round(seconds, 3),
        "iterations": plan.iterations, "matrix_products": plan.stats.get("matrix_products"),
        "peak_gib": round(peak, 3), "objective": plan.objective, "gap": cert.gap,
        "violation": cert.violation,
        "certified": cert.solved, "status": plan.status, "message": plan.message,
        "limit": limit, "economy_seconds": round(built, 3), "capped_share": capped_share,
    }), flush=True)


def best_peer_seconds(results: list[dict]) -> float | None:
    """The time of the best peer among runs of one size and family.

    A peer counts at its own time only if the certificate agrees it solved the plan; one that
    stopped at its limit, or called a plan optimal that the certificate does not accept (PDLP's
    tolerances are residuals), counts at the limit.
    """
    peers = [r for r in results if r["method"] in PEERS and "seconds" in r]
    return min((r["seconds"] if r.get("certified") else r["limit"] for r in peers), default=None)


def run(method: str, n: int, seed: int, limit: float, capped_share: float) -> dict:
    cmd = [sys.executable, __file__, "--child", method, str(n), str(seed), str(limit),
           str(capped_share)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit * 3 + 600)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"method": method, "n": n, "seed": seed, "status": "failed",
                "message": (out.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, nargs="+", default=[1e3, 1e4])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", nargs="+", default=None,
                        help="methods to run (default: every registered planner and every peer)")
    parser.add_argument("--limit", type=float, default=400.0, help="time limit per run, seconds")
    parser.add_argument("--capped-share", type=float, default=1 / 3,
                        help="share of techniques with a capacity (default: DESIGN's third)")
    parser.add_argument("--child", nargs=5, metavar=("METHOD", "N", "SEED", "LIMIT", "CAPPED"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        method, n, seed, limit, capped = args.child
        child(method, int(n), int(seed), float(limit), float(capped))
        return 0
    from kurultai.planning import METHODS

    ours, seen = [], set()
    for name, run_method in METHODS.items():  # one name per planner: aliases run once
        if name not in PEERS and name != "highs" and run_method not in seen:
            ours.append(name)
            seen.add(run_method)
    methods = args.methods or ours + list(PEERS)
    for n in (int(v) for v in args.n):
        results = [run(method, n, args.seed, args.limit, args.capped_share) for method in methods]
        for result in results:
            print(json.dumps(result), flush=True)
        best = best_peer_seconds(results)
        summary = {"summary": True, "n": n, "best_peer_seconds": best}
        reference = max((r["objective"] for r in results if r.get("certified")), default=None)
        for r in results:
            if "seconds" in r and best:
                summary[f"{r['method']}_speedup_vs_best_peer"] = round(best / r["seconds"], 2)
            if "objective" in r and reference:
                summary[f"{r['method']}_objective_vs_best_certified"] = \
                    (r["objective"] - reference) / max(1.0, abs(reference))
        print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
