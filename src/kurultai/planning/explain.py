"""Explanations in the economy's terms: why no plan came out, and why targets fall short.

The canonical plan can never be infeasible (making nothing is a plan) nor unbounded (the
weighted fulfilment is at most Σ w). What can go wrong in an economy is narrower, and is named
here in the words of products, techniques and resources:

* products that some techniques can make from each other without using any resource or any
  capacity (a "free cycle"): their output has no limit, so a solver may report the model as
  unbounded, and their prices can only be zero;
* coefficients so far apart in size that floating point arithmetic loses the plan;
* targets falling short, because a resource is used up, capacities are full, or what the
  product embodies costs more than its weight per unit is worth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kurultai.economy.model import Economy
from kurultai.economy.productivity import inputs_within, sustained

SHOWN = 8


def explain_failure(e: Economy, status: str) -> str:
    """A paragraph for a user when a solver reports no plan (infeasible, unbounded, error)."""
    parts = [f"The solver reported '{status}'. An economy cannot cause that by itself: making "
             f"nothing is always a plan, and the weighted fulfilment is at most "
             f"{float(e.weights.sum()):,.6g}."]
    cycle = free_cycle(e)
    if len(cycle):
        parts.append(
            f"Products {_names(e, cycle)} can be made from each other with no resource and no "
            f"capacity at all, so the plan may make any amount of them; give one of their "
            f"techniques a resource use or a capacity.")
    spread = coefficient_spread(e)
    if spread.orders > 12:
        parts.append(
            f"The coefficients span {spread.orders:.0f} orders of magnitude (from "
            f"{spread.smallest:.3g} in {spread.smallest_where} to {spread.largest:.3g} in "
            f"{spread.largest_where}); measure those in other units so that arithmetic in 16 "
            f"digits keeps them apart.")
    if len(parts) == 1:
        parts.append("Nothing in the economy explains it: this is a numerical failure of the "
                     "solver; try another method (--method highs or --method fast).")
    return " ".join(parts)


def free_cycle(e: Economy) -> np.ndarray:
    """Products that techniques using no resource and no capacity can make from each other.

    A technique is free if it uses no resource and has no capacity; a set of products is a free
    cycle if each has a free technique whose inputs all come from the set (so the set feeds
    itself). The largest such set is found by removing, until nothing changes, every product
    without a free technique whose inputs all stay in the set.
    """
    free = (np.asarray(abs(e.resource_use).sum(axis=0)).ravel() == 0) & ~np.isfinite(e.capacity)
    if not free.any():
        return np.zeros(0, dtype=np.int64)
    inside = sustained(e, free)
    a = e.inputs.tocsc()
    cols = np.repeat(np.arange(e.t), np.diff(a.indptr))
    sustaining = free & inputs_within(e, inside, a)
    # keep only products that actually feed the set (a cycle), not free leaves made from it
    used_inside = np.zeros(e.n, dtype=bool)
    tech_inside = sustaining & inside[e.makes]
    used_inside[a.indices[np.isin(cols, np.flatnonzero(tech_inside))]] = True
    return np.flatnonzero(inside & used_inside)


@dataclass(frozen=True)
class Spread:
    orders: float
    smallest: float
    smallest_where: str
    largest: float
    largest_where: str


def coefficient_spread(e: Economy) -> Spread:
    """The smallest and largest positive input and resource coefficients, and where they are."""
    entries = []
    a = e.inputs.tocsc()
    if a.nnz:
        cols = np.repeat(np.arange(e.t), np.diff(a.indptr))
        positive = a.data > 0
        if positive.any():
            k_min = np.flatnonzero(positive)[np.argmin(a.data[positive])]
            k_max = np.flatnonzero(positive)[np.argmax(a.data[positive])]
            entries.append((a.data[k_min], f"the input of {e.products.ids[a.indices[k_min]]} "
                                           f"to technique {e.techniques.ids[cols[k_min]]}"))
            entries.append((a.data[k_max], f"the input of {e.products.ids[a.indices[k_max]]} "
                                           f"to technique {e.techniques.ids[cols[k_max]]}"))
    r = e.resource_use.tocoo()
    positive = r.data > 0
    if positive.any():
        for k in (np.flatnonzero(positive)[np.argmin(r.data[positive])],
                  np.flatnonzero(positive)[np.argmax(r.data[positive])]):
            entries.append((r.data[k], f"the use of {e.resources.ids[r.row[k]]} by technique "
                                       f"{e.techniques.ids[r.col[k]]}"))
    if not entries:
        return Spread(0.0, 0.0, "nothing", 0.0, "nothing")
    small = min(entries, key=lambda item: item[0])
    large = max(entries, key=lambda item: item[0])
    return Spread(float(np.log10(large[0] / small[0])), float(small[0]), small[1],
                  float(large[0]), large[1])


@dataclass(frozen=True)
class Shortfall:
    """Why the plan does not meet every target, in the economy's terms."""

    binding_resources: list[tuple[str, float]]  # resource id, its price r_k
    full_capacities: int
    capacity_rents: list[tuple[str, float]]  # technique id, rent per unit of intensity
    short_products: list[tuple[str, float, str]]  # product id, fulfilment, what limits it

    def lines(self) -> list[str]:
        out = []
        if self.binding_resources:
            out.append("Used up: " + ", ".join(f"{k} (worth {v:.3g} of fulfilment per unit)"
                                               for k, v in self.binding_resources))
        if self.full_capacities:
            out.append(f"{self.full_capacities} techniques work at full capacity; the scarcest: "
                       + ", ".join(f"{j} (rent {v:.3g})" for j, v in self.capacity_rents))
        for product, f, why in self.short_products:
            out.append(f"{product} is {f:.0%} fulfilled: {why}")
        return out


def explain_shortfall(plan) -> Shortfall:
    """Binding resources, full capacities, and for the weightiest short targets their limit.

    A target i is short when its unit cost at the plan's prices, p_i, reaches its weight per
    unit w_i / d_i. The price is the sum over resources of r_k times the resource k embodied in
    a unit (through the techniques the plan uses) plus the capacity rents embodied in it; the
    largest of these parts is named as what limits the product.
    """
    e = plan.economy
    p, r = plan.product_prices, plan.resource_prices
    binding = [(str(e.resources.ids[k]), float(r[k])) for k in plan.binding_resources()]
    full = plan.binding_capacities()
    profit = p[e.makes] - e.inputs.T @ p - e.resource_use.T @ r
    rents = np.maximum(profit, 0.0)
    top = full[np.argsort(-rents[full])][:SHOWN]
    capacity_rents = [(str(e.techniques.ids[j]), float(rents[j])) for j in top]
    short = np.flatnonzero((e.targets > 0) & (plan.fulfilment < 1 - 1e-6))
    short = short[np.argsort(-e.weights[short], kind="stable")][:SHOWN]
    limits = _limits(plan, short, rents)
    shorts = [(str(e.products.ids[i]), float(plan.fulfilment[i]), limits[k])
              for k, i in enumerate(short)]
    return Shortfall(binding, int(len(full)), capacity_rents, shorts)


def _limits(plan, products: np.ndarray, rents: np.ndarray) -> list[str]:
    """For each product, the resource or capacity rent that makes up most of its price."""
    if len(products) == 0:
        return []
    from kurultai.planning.balance import leontief_solve_transposed

    e = plan.economy
    x = plan.intensity
    made = np.bincount(e.makes, weights=x, minlength=e.n)
    # the technique mix the plan uses for each product (its share of the product's output)
    share = np.where(made[e.makes] > 0, x / np.where(made[e.makes] > 0, made[e.makes], 1.0), 0.0)
    mix = (e.inputs @ _spread(e, share)).tocsc()
    parts = {}
    for k in range(e.m):
        direct = np.bincount(e.makes, weights=share * np.asarray(e.resource_use[k].todense()).ravel(),
                             minlength=e.n)
        parts[f"resource {e.resources.ids[k]}"] = plan.resource_prices[k] * \
            leontief_solve_transposed(mix, direct)
    parts["full capacities upstream"] = leontief_solve_transposed(
        mix, np.bincount(e.makes, weights=share * rents, minlength=e.n))
    out = []
    for i in products:
        unit_worth = e.weights[i] / e.targets[i]
        name, value = max(((k, v[i]) for k, v in parts.items()), key=lambda kv: kv[1])
        total = max(plan.product_prices[i], 1e-300)
        out.append(f"a unit costs {plan.product_prices[i]:.3g} against a worth of "
                   f"{unit_worth:.3g}; {value / total:.0%} of the cost is {name}")
    return out


def _spread(e: Economy, share: np.ndarray):
    """Techniques × products matrix putting each technique's share under its product."""
    import scipy.sparse as sp

    return sp.csc_matrix((share, (np.arange(e.t), e.makes)), shape=(e.t, e.n))


def _names(e: Economy, products: np.ndarray) -> str:
    shown = ", ".join(f"{e.products.ids[i]} ({e.products.names[i]})" for i in products[:SHOWN])
    more = f" and {len(products) - SHOWN} more" if len(products) > SHOWN else ""
    return shown + more
