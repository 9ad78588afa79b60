"""Warm start against cold start after a small change, in the same process.

    python bench/warm_start.py --n 1000 3000 [--method highs]
    python bench/warm_start.py --n 1e5 --method policy-iteration --capped-share 0

The change is the one issue-sized re-plans make: targets of 1% of the products moved by ±10%
and the first resource's availability cut by 5%. Prints one JSON line per size with the cold
and warm seconds and iterations, their ratio, both certificates' gaps, and whether both plans
are certified and agree.
"""

from __future__ import annotations

import argparse
import json

from kurultai.economy import synthetic
from kurultai.economy.scenarios import small_change
from kurultai.planning import solve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, nargs="+", default=[1e3, 3e3])
    parser.add_argument("--method", default="highs-simplex", help="cold method (and warm, if it takes start=)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--capped-share", type=float, default=1 / 3,
                        help="share of techniques with a capacity (default: DESIGN's third)")
    args = parser.parse_args()
    for n in (int(v) for v in args.n):
        economy = synthetic(n, seed=args.seed, capped_share=args.capped_share)
        earlier = solve(economy, method=args.method)
        changed = small_change(economy)
        cold = solve(changed, method=args.method)
        warm = solve(changed, method=args.method, start=earlier)
        print(json.dumps({
            "n": n, "method": args.method, "capped_share": args.capped_share,
            "cold_seconds": round(cold.seconds, 3), "cold_iterations": cold.iterations,
            "warm_seconds": round(warm.seconds, 3), "warm_iterations": warm.iterations,
            "speedup": round(cold.seconds / warm.seconds, 2),
            "cold_gap": cold.certificate().gap, "warm_gap": warm.certificate().gap,
            "certified": cold.certificate().solved and warm.certificate().solved,
            "objectives_agree": abs(cold.objective - warm.objective) <= 1e-4 * max(1.0, abs(cold.objective)),
        }), flush=True)


if __name__ == "__main__":
    main()
