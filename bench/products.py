"""One sparse product with A_S and A_Sᵀ: scipy on one core against blocks.py's row blocks.

    python bench/products.py --n 1e5 1e6

A_S is the least-cost policy's input matrix of synthetic(n) at unit resource prices (what stage
one multiplies by hundreds of times); the planner keeps only A_Sᵀ and multiplies by A_S as a
scatter of its row blocks. Each variant is timed over the same products in the same
process; one JSON line per size and matrix gives milliseconds per product and the ratio of
scipy's double-precision single-core product to each variant.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np


def per_product(multiply, v, repeat: int) -> float:
    multiply(v)
    began = time.perf_counter()
    for _ in range(repeat):
        multiply(v)
    return (time.perf_counter() - began) / repeat * 1e3


def main() -> None:
    from kurultai.economy import synthetic
    from kurultai.planning.blocks import BlockedMatrix, blas_on_one_thread
    from kurultai.planning.technology import Technology

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, nargs="+", default=[1e5, 1e6])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for n in (int(v) for v in args.n):
        tech = Technology(synthetic(n, seed=0, capped_share=0.0))
        _, policy = tech.least_cost(tech.resource_use_t @ np.ones(tech.m), exact=False)
        v = np.random.default_rng(0).random(n)
        blocked = BlockedMatrix(policy.at)
        for name, matrix, apply in (("A_S", policy.at.T.tocsr(), blocked.apply_transposed),
                                    ("A_S transposed", policy.at, blocked.apply)):
            with blas_on_one_thread():
                ms = {"scipy float64, one core": per_product(lambda u: u - matrix @ u, v, args.repeat),
                      "blocks float64": per_product(apply, v, args.repeat),
                      "blocks float32": per_product(apply, v.astype(np.float32), args.repeat)}
            base = ms["scipy float64, one core"]
            print(json.dumps({"n": n, "matrix": name, "nonzeros": int(matrix.nnz),
                              "ms_per_product": {k: round(t, 2) for k, t in ms.items()},
                              "speedup_vs_scipy": {k: round(base / t, 2) for k, t in ms.items()}}),
                  flush=True)


if __name__ == "__main__":
    main()
