"""A deterministic family of national economies that look like real ones (DESIGN.md).

Coefficients are drawn in value terms at reference prices π (products) and ρ (resources), so
that every technique breaks even within a few per cent at those prices and spends between a
fifth and seven tenths of its value on intermediate inputs: every technique is productive.
Input suppliers are drawn with a heavy-tailed (Zipf) popularity, so that the first products —
electricity, transport, trade — feed almost everything and most products feed few others.
Capacities and availabilities are set against a reference plan that meets every target with the
cheapest techniques: capacities bind on some techniques, and availabilities are three quarters
of what the reference plan needs, so roughly three quarters of the weighted targets are met.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kurultai.economy.model import Catalogue, Economy

RESOURCES = (
    ("labour", "Labour", "thousand hours"),
    ("land", "Agricultural land", "hectares"),
    ("water", "Water", "thousand m3"),
    ("emissions", "CO2 emissions allowance", "tonnes"),
)
RESOURCE_PRICES = (1.0, 4.0, 2.0, 3.0)  # ρ, one per entry of RESOURCES
HUBS = ("Electricity", "Transport", "Wholesale and retail trade", "Financial services",
        "Telecommunications", "Construction", "Fuel", "Business services")


def synthetic(
    n: int,
    seed: int = 0,
    *,
    inputs_per_technique: float = 8.0,
    max_techniques: int = 3,
    capped_share: float = 1 / 3,
    target_share: float = 1 / 3,
    scarcity: float = 0.7,
    popularity: float = 1.0,
) -> Economy:
    """The synthetic economy with ``n`` products; the same seed gives the same economy."""
    if n < 2:
        raise ValueError("a synthetic economy needs at least 2 products")
    rng = _generator(seed)
    price = _product_prices(rng, n)
    per_product = rng.integers(1, max_techniques + 1, n)
    makes = np.repeat(np.arange(n), per_product)
    t = len(makes)

    inputs, spend, out_value = _inputs(rng, price, makes, inputs_per_technique, popularity)

    # Resources: labour always, land/water/emissions for some techniques.
    m = len(RESOURCES)
    res_price = np.array(RESOURCE_PRICES)
    uses = np.column_stack([np.ones(t, bool)] + [rng.random(t) < p for p in (0.15, 0.3, 0.4)])
    res_share = rng.gamma(1.0, 1.0, (t, m)) * uses
    res_share /= res_share.sum(axis=1, keepdims=True)
    va = (1.0 - spend) * out_value
    resource_use = sp.csr_matrix((res_share * va[:, None] / res_price[None, :]).T)

    targets = np.zeros(n)
    has_target = rng.random(n) < target_share
    targets[has_target] = np.exp(rng.normal(3.0, 1.0, has_target.sum())) / price[has_target]
    weights = np.where(has_target, targets * price * rng.uniform(0.5, 2.0, n), 0.0)

    # Reference plan: every target met with each product's cheapest technique.
    unit_cost = inputs.T @ price + resource_use.T @ res_price
    cheapest = _cheapest(unit_cost, makes, n)
    from kurultai.planning.balance import gross_output

    gross = gross_output(inputs[:, cheapest], targets)
    capacity = np.full(t, np.inf)
    capped = rng.random(t) < capped_share
    capacity[capped] = gross[makes[capped]] * rng.uniform(0.2, 1.0, capped.sum()) + 1e-3
    reference_use = resource_use[:, cheapest] @ gross
    available = scarcity * reference_use

    products, techniques = _catalogues(n, makes)
    resources = Catalogue(*(np.array(col) for col in zip(*RESOURCES)))
    return Economy(products, techniques, makes, inputs, resources, resource_use,
                   available, capacity, targets, weights)


def _catalogues(n: int, makes: np.ndarray) -> tuple[Catalogue, Catalogue]:
    """Products p0…, "Product i" (the first few named after the hubs), and techniques p…-1, -2 …

    The strings are numpy's variable-width StringDType, 16 bytes each when they are this short:
    as fixed-width strings every name would be as wide as the longest hub's, and at ten million
    products the catalogues took about 2.3 GB instead of about 0.8 GB.
    """
    text = np.dtypes.StringDType()
    numbers = np.arange(n).astype(text)
    ids = np.strings.add("p", np.strings.zfill(numbers, len(str(n - 1))))
    names = np.strings.add("Product ", numbers)
    names[: min(len(HUBS), n)] = HUBS[: min(len(HUBS), n)]
    products = Catalogue(ids, names, np.full(n, "unit", dtype=text))
    tech_ids = np.strings.add(np.strings.add(ids[makes], "-"), _rank_within(makes).astype(text))
    return products, Catalogue(tech_ids, tech_ids)


def _inputs(rng, price, makes, inputs_per_technique, popularity):
    """A (n × t), each technique's value share of intermediate inputs, and its output's value.

    A Poisson number of inputs per technique around the mean, suppliers by Zipf popularity,
    value shares from a gamma distribution. The coefficients are drawn and scaled a block of
    techniques at a time (the same draws, in the same order, as all at once): at ten million
    products all at once held a dozen arrays of 160 million entries and peaked at 18.5 GB.
    """
    n, t = len(price), len(makes)
    k = np.clip(rng.poisson(inputs_per_technique - 1, t) + 1, 1, n - 1)
    start = np.concatenate([[0], np.cumsum(k)])
    weight = 1.0 / np.arange(1, n + 1) ** popularity
    cdf = np.cumsum(weight) / weight.sum()
    blocks = _blocks(start)
    rows = np.empty(start[-1], dtype=np.int32 if n < 2**31 else np.int64)
    for lo, hi in blocks:
        a, b = start[lo], start[hi]
        rows[a:b] = np.minimum(np.searchsorted(cdf, rng.random(b - a), side="right"), n - 1)
    coef = np.empty(start[-1])
    for lo, hi in blocks:
        coef[start[lo]:start[hi]] = rng.gamma(1.0, 1.0, start[hi] - start[lo])
    spend = rng.uniform(0.2, 0.7, t)  # value share of intermediate inputs
    cost_factor = rng.uniform(0.95, 1.15, t)  # alternative techniques differ in cost
    out_value = price[makes] * cost_factor
    for lo, hi in blocks:  # share of the technique's inputs → coefficient
        a, b = start[lo], start[hi]
        cols = np.repeat(np.arange(hi - lo), k[lo:hi])
        total = np.bincount(cols, weights=coef[a:b], minlength=hi - lo)
        cols += lo
        coef[a:b] = coef[a:b] / total[cols - lo] * spend[cols] * out_value[cols] / price[rows[a:b]]
    inputs = sp.csc_matrix((coef, rows, start), shape=(n, t))
    inputs.sum_duplicates()  # a supplier drawn twice for one technique: one coefficient
    return inputs, spend, out_value


def _blocks(start: np.ndarray, size: int = 1 << 24) -> list[tuple[int, int]]:
    """Consecutive ranges of techniques with about ``size`` coefficients each."""
    cuts = np.unique(np.concatenate([[0], np.searchsorted(start, np.arange(size, start[-1], size)),
                                     [len(start) - 1]]))
    return list(zip(cuts[:-1].tolist(), cuts[1:].tolist()))


def reference_prices(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """π (products) and ρ (resources), the prices at which ``synthetic(n, seed)`` draws its
    coefficients: at them every technique's inputs are worth less than its output."""
    return _product_prices(_generator(seed), n), np.array(RESOURCE_PRICES)


def _generator(seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.PCG64(seed))


def _product_prices(rng: np.random.Generator, n: int) -> np.ndarray:
    """π, the value of one unit of each product: the generator's first draw."""
    return np.exp(rng.normal(0.0, 1.0, n))


def _cheapest(unit_cost: np.ndarray, makes: np.ndarray, n: int) -> np.ndarray:
    order = np.lexsort((unit_cost, makes))
    first = np.ones(len(order), bool)
    first[1:] = makes[order][1:] != makes[order][:-1]
    chosen = np.empty(n, dtype=np.int64)
    chosen[makes[order][first]] = order[first]
    return chosen


def _rank_within(makes: np.ndarray) -> np.ndarray:
    """1, 2, 3 … for the techniques of each product, in order."""
    start = np.searchsorted(makes, makes, side="left")
    return np.arange(len(makes)) - start + 1
