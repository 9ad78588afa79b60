"""What the dashboard shows of a plan version: fulfilment by group, resources and their prices,
shortfalls and their reasons, enterprises' assignments, and the flows between sectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kurultai.planning import Plan
from kurultai.web.plans.models import PlanVersion
from kurultai.web.plans.runner import plan_of
from kurultai.web.priorities.groups import group_name

SHORT = 1 - 1e-6  # fulfilment below this counts as falling short


@dataclass
class GroupRow:
    code: str
    label: str
    asked: float
    delivered: float
    weight: float

    @property
    def fulfilment(self) -> float:
        return self.delivered / self.asked if self.asked > 0 else 1.0


def group_rows(plan: Plan, groups: list) -> list[GroupRow]:
    """Fulfilment per group, for groups given as [code, {product: fraction}] pairs in order."""
    e = plan.economy
    at = {code: i for i, code in enumerate(e.products.ids)}
    rows = []
    for code, members in groups:
        idx = [(at[p], f) for p, f in members.items() if p in at]
        asked = sum(f * e.targets[i] for i, f in idx)
        delivered = sum(f * e.targets[i] * plan.fulfilment[i] for i, f in idx)
        weight = sum(f * e.weights[i] for i, f in idx)
        rows.append(GroupRow(code, group_name(code), float(asked), float(delivered), float(weight)))
    return rows


def resource_rows(plan: Plan) -> list[dict]:
    e = plan.economy
    used = plan.resource_use()
    total_weight = float(e.weights.sum()) or 1.0
    return [{"code": e.resources.ids[k], "name": e.resources.names[k],
             "unit": "" if e.resources.units is None else e.resources.units[k],
             "used": float(used[k]), "available": float(e.available[k]),
             "share": float(used[k] / e.available[k]) if e.available[k] > 0 else 0.0,
             "price": float(plan.resource_prices[k]),
             "points": float(100 * plan.resource_prices[k] / total_weight),
             "binding": k in set(plan.binding_resources().tolist())}
            for k in range(e.m)]


def product_rows(plan: Plan) -> list[dict]:
    e = plan.economy
    y = plan.net_output
    total_weight = float(e.weights.sum()) or 1.0
    rows = []
    for i in range(e.n):
        d, w = float(e.targets[i]), float(e.weights[i])
        rows.append({"code": e.products.ids[i], "name": e.products.names[i], "target": d,
                     "net_output": float(y[i]), "fulfilment": float(plan.fulfilment[i]), "weight": w,
                     "value_per_unit": 100 * w / d / total_weight if d > 0 else 0.0,
                     "price": 100 * float(plan.product_prices[i]) / total_weight,
                     "short": d > 0 and plan.fulfilment[i] < SHORT})
    return rows


def capacity_rows(plan: Plan, owners: dict[str, int], names: dict[int, str]) -> list[dict]:
    e = plan.economy
    return [{"technique": e.techniques.ids[j], "product": e.products.ids[e.makes[j]],
             "enterprise": names.get(owners.get(str(e.techniques.ids[j]))),
             "capacity": float(e.capacity[j])} for j in plan.binding_capacities()]


def sector_flows(plan: Plan, top: int = 30) -> dict:
    """The largest flows of products between sectors in the plan, for a two-column flow diagram.

    Flow (i → k) is Σ over techniques j making k of A[i, j] x_j. Suppliers stand on the left
    and users on the right, so the diagram has no cycles even where sectors supply each other.
    """
    e = plan.economy
    scaled = e.inputs.multiply(plan.intensity[None, :]).tocsc()
    to_sector = np.zeros((e.n, e.n))
    coo = scaled.tocoo()
    np.add.at(to_sector, (coo.row, e.makes[coo.col]), coo.data)
    np.fill_diagonal(to_sector, 0.0)
    order = np.argsort(to_sector, axis=None)[::-1][:top]
    links = []
    for flat in order:
        i, k = divmod(int(flat), e.n)
        if to_sector[i, k] <= 0:
            break
        links.append({"source": f"{e.products.ids[i]} →", "target": f"→ {e.products.ids[k]}",
                      "value": round(float(to_sector[i, k]), 3)})
    nodes = sorted({l["source"] for l in links}) + sorted({l["target"] for l in links})
    return {"nodes": [{"name": n} for n in nodes], "links": links,
            "names": {p: str(nm) for p, nm in zip(e.products.ids, e.products.names)}}


def dashboard(version: PlanVersion) -> dict:
    """Everything the plan page draws and explains, as plain numbers and strings."""
    from kurultai.web.committees.models import Enterprise

    plan = plan_of(version)
    snapshot = version.run.snapshot
    groups = group_rows(plan, snapshot["groups"])
    owners = snapshot["enterprises"]
    names = dict(Enterprise.objects.filter(pk__in=set(owners.values())).values_list("pk", "name"))
    resources = resource_rows(plan)
    return {
        "groups": groups,
        "resources": resources,
        "products": product_rows(plan),
        "capacities": capacity_rows(plan, owners, names),
        "binding_resources": [r for r in resources if r["binding"] and r["price"] > 0],
        "short_groups": [g for g in groups if g.asked > 0 and g.fulfilment < SHORT],
        "flows": sector_flows(plan),
        "weight_total": float(plan.economy.weights.sum()),
    }


def group_chart(groups: list[GroupRow], label: str) -> dict:
    return {"labels": [g.label for g in groups],
            "values": [round(100 * g.fulfilment, 2) for g in groups], "name": label}


def diff(version: PlanVersion) -> dict | None:
    """Changes from the version this one re-plans: per enterprise and per product group."""
    parent = version.parent
    if parent is None:
        return None
    old = {a.technique: a for a in parent.assignments.select_related("enterprise")}
    rows = []
    for a in version.assignments.select_related("enterprise"):
        before = old.get(a.technique)
        rows.append({"enterprise": a.enterprise, "technique": a.technique,
                     "before": before.quantity if before else 0.0, "after": a.quantity,
                     "change": a.quantity - (before.quantity if before else 0.0),
                     "capacity_before": before.capacity if before else None,
                     "capacity_after": a.capacity})
    before_groups = {g.code: g for g in group_rows(plan_of(parent), parent.run.snapshot["groups"])}
    group_changes = []
    for g in group_rows(plan_of(version), version.run.snapshot["groups"]):
        b = before_groups.get(g.code)
        if b is not None:
            group_changes.append({"label": g.label, "before": b.fulfilment, "after": g.fulfilment,
                                  "change": 100 * (g.fulfilment - b.fulfilment)})
    return {"parent": parent, "enterprises": rows, "groups": group_changes,
            "objective_change": version.objective - parent.objective}
