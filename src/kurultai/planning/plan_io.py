"""Write a plan as tables (CSV or Parquet) plus a JSON summary, and build those tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from kurultai.planning.plan import Plan


def product_table(plan: Plan) -> pd.DataFrame:
    e = plan.economy
    return pd.DataFrame({
        "product": e.products.ids,
        "name": e.products.names,
        "unit": e.products.units if e.products.units is not None else "",
        "net_output": plan.net_output,
        "target": e.targets,
        "weight": e.weights,
        "fulfilment": plan.fulfilment,
        "price": plan.product_prices,
    })


def technique_table(plan: Plan) -> pd.DataFrame:
    e = plan.economy
    return pd.DataFrame({
        "technique": e.techniques.ids,
        "name": e.techniques.names,
        "product": e.products.ids[e.makes],
        "intensity": plan.intensity,
        "capacity": e.capacity,
    })


def resource_table(plan: Plan) -> pd.DataFrame:
    e = plan.economy
    return pd.DataFrame({
        "resource": e.resources.ids,
        "name": e.resources.names,
        "unit": e.resources.units if e.resources.units is not None else "",
        "used": plan.resource_use(),
        "available": e.available,
        "price": plan.resource_prices,
    })


def summary(plan: Plan) -> dict:
    """What a reader needs to judge the plan: method, status, objective and certificate."""
    e = plan.economy
    return {
        "method": plan.method,
        "status": plan.status,
        "message": plan.message,
        "products": e.n,
        "techniques": e.t,
        "resources": e.m,
        "objective": plan.objective,
        "weight_total": float(e.weights.sum()),
        "seconds": plan.seconds,
        "iterations": plan.iterations,
        "certificate": plan.certificate().as_dict(),
    }


def write_plan(plan: Plan, folder: str | Path, fmt: str = "csv") -> Path:
    """Write products, techniques and resources tables and summary.json into ``folder``."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown plan format {fmt!r}: use csv or parquet")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in (("products", product_table(plan)), ("techniques", technique_table(plan)),
                        ("resources", resource_table(plan))):
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path, index=False)
    (folder / "summary.json").write_text(json.dumps(summary(plan), indent=2, default=_plain) + "\n")
    return folder


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
