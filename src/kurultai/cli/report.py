"""A plan report a person can read in a terminal: fulfilment, binding resources, certificate."""

from __future__ import annotations

import numpy as np
from rich.console import Console
from rich.table import Table

from kurultai.planning.plan import Plan

SHOWN = 15


def _num(value: float) -> str:
    """A number in at most five characters or so: 12.3, 4.56k, 1.94M."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def _bar(share: float, width: int = 20) -> str:
    filled = int(round(max(0.0, min(1.0, share)) * width))
    return "█" * filled + "·" * (width - filled)


def print_report(plan: Plan, console: Console | None = None) -> None:
    console = console or Console()
    e = plan.economy
    cert = plan.certificate()
    console.rule(f"[bold]Plan[/] — {e.summary()}")
    console.print(f"Method [bold]{plan.method}[/], {plan.seconds:.2f} s, {plan.iterations} iterations, "
                  f"status [bold]{plan.status}[/] {plan.message}")
    total = float(e.weights.sum())
    share = plan.objective / total if total else 1.0
    console.print(f"Weighted fulfilment [bold]{plan.objective:,.6g}[/] of {total:,.6g} "
                  f"({share:.1%}) {_bar(share)}")

    targeted = np.flatnonzero(e.targets > 0)
    f = plan.fulfilment[targeted]
    console.print(f"Targets: {len(targeted)} — fully met {int(np.sum(f >= 1 - 1e-9))}, "
                  f"partly {int(np.sum((f > 1e-9) & (f < 1 - 1e-9)))}, "
                  f"not met {int(np.sum(f <= 1e-9))}")
    order = targeted[np.argsort(-e.weights[targeted], kind="stable")][:SHOWN]
    table = Table(title=f"Fulfilment of the {len(order)} weightiest targets", title_justify="left")
    table.add_column("product", no_wrap=True, overflow="ellipsis", max_width=28)
    for col in ("target", "net output", "met", "", "price"):
        table.add_column(col, justify="left" if col == "" else "right", no_wrap=True)
    for i in order:
        table.add_row(e.products.names[i], _num(e.targets[i]), _num(plan.net_output[i]),
                      f"{plan.fulfilment[i]:.0%}", _bar(plan.fulfilment[i], 10),
                      _num(plan.product_prices[i]))
    console.print(table)

    used = plan.resource_use()
    binding = set(plan.binding_resources().tolist())
    table = Table(title="Resources", title_justify="left")
    table.add_column("resource", no_wrap=True, overflow="ellipsis", max_width=28)
    for col in ("used", "available", "", "price"):
        table.add_column(col, justify="left" if col == "" else "right", no_wrap=True)
    for k in range(e.m):
        avail = e.available[k]
        table.add_row(e.resources.names[k], _num(used[k]), _num(avail),
                      _bar(used[k] / avail if avail else 0.0, 10), _num(plan.resource_prices[k]))
    console.print(table)
    for k in range(e.m):
        r = plan.resource_prices[k]
        if k in binding and r > 0:
            unit = e.resources.units[k] if e.resources.units is not None else "unit"
            console.print(f"  {e.resources.names[k]} is scarce: one more unit ({unit}) of it "
                          f"would raise weighted fulfilment by {r:.4g}.")
    capped = int(np.isfinite(e.capacity).sum())
    console.print(f"Capacities: {len(plan.binding_capacities())} of {capped} capped techniques "
                  f"work at full capacity.")

    verdict = "[green]certified optimal[/]" if cert.solved else "[red]not certified[/]"
    console.print(f"Certificate: {verdict} — bound U(p, r) = {cert.bound:,.10g}, "
                  f"relative gap {cert.gap:.2e} (≤ 1e-4 needed), worst violation "
                  f"{cert.violation:.2e} (≤ 1e-6 needed) at {cert.worst}")
