"""``synth``, ``balance``, ``plan`` and ``convert``: the planning side of the command line."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from kurultai.cli.sources import load_economy

console = Console(stderr=False)


def register(commands) -> None:
    p = commands.add_parser(
        "synth", help="write a synthetic national economy",
        description="Write a synthetic economy (DESIGN.md's benchmark family) as a folder of tables.")
    p.add_argument("--n", type=float, required=True, help="number of products, e.g. 10000 or 1e6")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same economy)")
    p.add_argument("--out", default=None, help="folder to write (default: synthetic-N)")
    p.add_argument("--format", choices=("csv", "parquet"), default="parquet",
                   help="table format (default parquet; csv is readable by hand)")
    p.set_defaults(run=synth)

    p = commands.add_parser(
        "balance", help="gross output and embodied resources of a one-technique economy",
        description="Leontief balance: the gross output each product needs to deliver the "
                    "targets as net output, and the resources embodied in one unit of each "
                    "product (labour values and the like). Needs one technique per product.")
    p.add_argument("economy", help="folder of tables, ONS workbook (.xls) or synthetic:N")
    p.add_argument("--out", default=None, help="CSV file to write the balance to")
    p.set_defaults(run=balance)

    p = commands.add_parser(
        "plan", help="compute the optimal plan, its prices and its certificate",
        description="Maximise weighted fulfilment of the targets within the resources and "
                    "capacities; write the plan as tables plus summary.json and print a report.")
    p.add_argument("economy", help="folder of tables, ONS workbook (.xls) or synthetic:N")
    p.add_argument("--method", default=None,
                   help="planner to use (default: the fast planner where available; "
                        "'highs' for the HiGHS reference)")
    p.add_argument("--out", default=None, help="folder for the plan tables (default: no files)")
    p.add_argument("--format", choices=("csv", "parquet"), default="csv")
    p.add_argument("--time-limit", type=float, default=None, help="seconds before giving up")
    p.set_defaults(run=plan)

    p = commands.add_parser(
        "convert", help="read an economy in any supported form and write it as tables",
        description="Convert an ONS workbook, a folder of tables or synthetic:N into a folder.")
    p.add_argument("economy")
    p.add_argument("out")
    p.add_argument("--format", choices=("csv", "parquet"), default="csv")
    p.set_defaults(run=convert)


def _load(source: str):
    with console.status(f"Reading {source} …"):
        start = time.perf_counter()
        economy = load_economy(source)
    console.print(f"Read {economy.summary()} in {time.perf_counter() - start:.1f} s")
    return economy


def synth(args: argparse.Namespace) -> int:
    from kurultai.economy.synthetic import synthetic
    from kurultai.economy.tables import write_economy

    n = int(args.n)
    out = Path(args.out or f"synthetic-{n}")
    with console.status(f"Generating a synthetic economy of {n:,} products …"):
        economy = synthetic(n, seed=args.seed)
    with console.status(f"Writing {out} …"):
        write_economy(economy, out, format=args.format)
    console.print(f"Wrote {economy.summary()} to {out}/")
    return 0


def balance(args: argparse.Namespace) -> int:
    from kurultai.planning.balance import balance as gross, valuations

    economy = _load(args.economy)
    with console.status("Balancing …"):
        x = gross(economy)
        v = valuations(economy)
    table = Table(title="Balance of the largest products", title_justify="left")
    for col in ("product", "net output", "gross output"):
        table.add_column(col, justify="left" if col == "product" else "right")
    for k in range(economy.m):
        table.add_column(f"{economy.resources.names[k]} per unit", justify="right")
    for i in np.argsort(-x)[:15]:
        table.add_row(economy.products.names[i], f"{economy.targets[i]:,.6g}", f"{x[i]:,.6g}",
                      *(f"{v[k, i]:.4g}" for k in range(economy.m)))
    console.print(table)
    if args.out:
        import pandas as pd

        frame = pd.DataFrame({"product": economy.products.ids, "net_output": economy.targets,
                              "gross_output": x})
        for k in range(economy.m):
            frame[f"embodied_{economy.resources.ids[k]}"] = v[k]
        frame.to_csv(args.out, index=False)
        console.print(f"Wrote {args.out}")
    return 0


def plan(args: argparse.Namespace) -> int:
    from kurultai.cli.report import print_report
    from kurultai.planning import solve
    from kurultai.planning.plan_io import summary, write_plan

    economy = _load(args.economy)
    options = {}
    if args.time_limit is not None:
        options["time_limit"] = args.time_limit
    with console.status("Planning …") as status:
        def progress(state: dict) -> None:
            status.update(f"Planning … iteration {state.get('iteration', '?')}, "
                          f"gap {state.get('gap', float('nan')):.2e}, "
                          f"{state.get('seconds', 0):.1f} s")

        result = solve(economy, method=args.method, progress=progress, **options)
    print_report(result, console)
    if args.out:
        write_plan(result, args.out, args.format)
        console.print(f"Wrote the plan to {args.out}/ (products, techniques, resources, summary.json)")
    else:
        console.print_json(json.dumps({k: v for k, v in summary(result).items()
                                       if k in ("method", "status", "objective", "certificate")}))
    return 0 if result.certificate().solved else 3


def convert(args: argparse.Namespace) -> int:
    from kurultai.economy.tables import write_economy

    economy = _load(args.economy)
    write_economy(economy, args.out, format=args.format)
    console.print(f"Wrote {economy.summary()} to {args.out}/")
    return 0
