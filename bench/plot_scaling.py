"""Plot the planner benchmark: seconds and iterations against n, every method and peer.

    python bench/planner.py --n 1e3 1e4 1e5 --limit 400 | tee results.jsonl
    python bench/plot_scaling.py results.jsonl --out docs/performance.png --table

Reads the JSON lines that bench/planner.py prints (any number of files; summary lines are
skipped). A run that was certified is a filled marker; one that stopped at its time limit or
without a certificate is a hollow marker at the time it used, so a peer that gave up is seen
as giving up, not as fast. ``--table`` also prints the runs as a Markdown table, with each
run's time against the best peer of its size and family (a peer counts at its own time only
when its plan is certified, else at its limit).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from planner import best_peer_seconds  # bench/planner.py, beside this script

STYLE = {  # method → (colour, marker); ours in warm colours, peers in cool ones
    "policy-iteration": ("#c0392b", "o"),
    "highs-simplex": ("#1f4e79", "s"),
    "highs-ipm": ("#2e86c1", "D"),
    "highs-pdlp": ("#48c9b0", "^"),
    "ortools-pdlp": ("#7d3c98", "v"),
}


def load(paths: list[Path]) -> list[dict]:
    runs = []
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                run = json.loads(line)
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}:{number}: not a JSON line ({err.msg})") from None
            if not run.get("summary") and "seconds" in run:
                runs.append(run)
    return runs


def family(run: dict) -> str:
    share = run.get("capped_share", 1 / 3)
    if abs(share - 1 / 3) < 1e-9:
        return "DESIGN's family (a third of the techniques capped)"
    return "no capacities" if share == 0 else f"capped share {share:g}"


def plot(runs: list[dict], out: Path) -> None:
    """One row of two panels (seconds, iterations) per family of economies in the runs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    families = sorted({family(r) for r in runs}, key=lambda name: not name.startswith("DESIGN"))
    fig, axes = plt.subplots(len(families), 2, figsize=(11, 4 * len(families)),
                             constrained_layout=True, squeeze=False)
    for row, name in zip(axes, families):
        series = defaultdict(list)
        for run in runs:
            if family(run) == name:
                series[run["method"]].append(run)
        for method, group in sorted(series.items()):
            group.sort(key=lambda r: r["n"])
            colour, marker = STYLE.get(method, ("#555555", "x"))
            for axis, key in zip(row, ("seconds", "iterations")):
                xs = [r["n"] for r in group]
                ys = [max(r[key], 1e-3) for r in group]
                axis.plot(xs, ys, color=colour, linewidth=1.4, label=method)
                for r, y in zip(group, ys):
                    solved = r.get("certified", False)
                    axis.plot(r["n"], y, marker=marker, markersize=7, color=colour,
                              markerfacecolor=colour if solved else "white", markeredgewidth=1.5)
        for axis, title in zip(row, ("seconds", "iterations")):
            axis.set_xscale("log")
            axis.set_yscale("log")
            axis.set_xlabel("products n")
            axis.set_title(f"{title} — {name}", fontsize=10)
            axis.grid(True, which="major", alpha=0.3)
        row[0].legend(fontsize=8, loc="upper left")
    fig.suptitle("synthetic(n, seed 0): filled = certified (gap ≤ 1e-4, violation ≤ 1e-6); "
                 "hollow = time limit or not certified", fontsize=9)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)


def table(runs: list[dict]) -> str:
    """The runs as a Markdown table, grouped by family and size."""
    lines = ["| n | capped share | method | seconds | iterations | peak GiB | gap | violation "
             "| certified | best peer ÷ this |", "|" + "---|" * 10]
    groups = defaultdict(list)
    for run in runs:
        groups[(round(run.get("capped_share", 1 / 3), 4), run["n"])].append(run)
    for (share, n), group in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        best = best_peer_seconds(group)
        for r in group:
            limited = r["seconds"] >= 0.99 * r.get("limit", float("inf"))
            seconds = f"{r['seconds']:.0f} (limit)" if limited else f"{r['seconds']:.1f}"
            ratio = f"{best / r['seconds']:.2f}" if best else "—"
            lines.append(f"| {n:.0e} | {share:g} | {r['method']} | {seconds} | {r['iterations']} "
                         f"| {r['peak_gib']:.2f} | {r['gap']:.1e} | {r['violation']:.1e} "
                         f"| {'yes' if r.get('certified') else 'no'} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", type=Path, help="JSON lines from bench/planner.py")
    parser.add_argument("--out", type=Path, default=Path("docs/performance.png"))
    parser.add_argument("--table", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    runs = load(args.results)
    if not runs:
        raise SystemExit("no benchmark runs found in " + ", ".join(map(str, args.results)))
    plot(runs, args.out)
    print(f"{len(runs)} runs plotted to {args.out}")
    if args.table:
        print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
