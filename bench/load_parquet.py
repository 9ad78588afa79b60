"""How fast a synthetic economy loads from Parquet, against generating it in the same run.

Generates ``synthetic(n)``, writes it as Parquet tables into a temporary folder, reads it back
with ``read_economy`` and prints one JSON line: the three times, the ratio of reading to
generating (the peer), the size on disk, the peak memory and whether the economy read back is
identical.

    .venv/bin/python bench/load_parquet.py            # n = 1 000 000
    .venv/bin/python bench/load_parquet.py --n 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from kurultai.economy import synthetic
from kurultai.economy.tables import read_economy, write_economy


def identical(a, b) -> bool:
    """Every field of the two economies equal, exactly."""
    for name in a.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if hasattr(x, "ids"):
            same = (np.array_equal(x.ids, y.ids) and np.array_equal(x.names, y.names)
                    and (x.units is None) == (y.units is None)
                    and (x.units is None or np.array_equal(x.units, y.units)))
        elif hasattr(x, "nnz"):
            same = x.shape == y.shape and (x != y).nnz == 0
        else:
            same = np.array_equal(x, y)
        if not same:
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e6, help="number of products")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    n = int(args.n)

    start = time.perf_counter()
    economy = synthetic(n, seed=args.seed)
    generate = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        write_economy(economy, folder, format="parquet")
        write = time.perf_counter() - start
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
        start = time.perf_counter()
        loaded = read_economy(folder)
        read = time.perf_counter() - start
    print(json.dumps({
        "n": n,
        "techniques": economy.t,
        "input_rows": int(economy.inputs.nnz),
        "generate_seconds": round(generate, 3),
        "write_seconds": round(write, 3),
        "read_seconds": round(read, 3),
        "read_over_generate": round(read / generate, 3),
        "parquet_mb": round(size / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "identical": identical(economy, loaded),
    }))


if __name__ == "__main__":
    main()
