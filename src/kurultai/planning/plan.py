"""A plan: intensities, net output, fulfilment and the prices that explain it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kurultai.economy.model import Economy
from kurultai.planning.certificate import Certificate, certify

WARM_STATE = ("basis", "policy", "columns", "trials")  # the stats a later solve starts from


@dataclass
class Plan:
    economy: Economy
    intensity: np.ndarray  # x (t)
    fulfilment: np.ndarray  # f (n)
    product_prices: np.ndarray  # p (n)
    resource_prices: np.ndarray  # r (m)
    method: str
    status: str = "solved"  # solved | stopped | limit
    message: str = ""
    seconds: float = 0.0
    iterations: int = 0
    stats: dict = field(default_factory=dict)

    @property
    def net_output(self) -> np.ndarray:
        """y = (B − A) x."""
        return self.economy.net_output(self.intensity)

    @property
    def objective(self) -> float:
        """Weighted fulfilment Σ w_i f_i."""
        return float(self.economy.weights @ self.fulfilment)

    def certificate(self) -> Certificate:
        """Gap and violation recomputed from the economy and this plan alone."""
        return certify(self.economy, self.intensity, self.fulfilment,
                       self.product_prices, self.resource_prices)

    def warm_state(self) -> dict:
        """What a later solve of a changed economy starts from (the simplex basis, or the
        non-substitution stage's policy, mixed columns and latest trials), as plain lists and
        numbers that JSON can store; a Plan with these as its stats is a warm start."""
        return {key: _plain(self.stats[key]) for key in WARM_STATE if self.stats.get(key) is not None}

    def resource_use(self) -> np.ndarray:
        return self.economy.resource_use @ self.intensity

    def binding_resources(self, tol: float = 1e-6) -> np.ndarray:
        """Indices of resources used up to their availability."""
        b = self.economy.available
        return np.flatnonzero(self.resource_use() >= b - tol * np.maximum(1.0, b))

    def binding_capacities(self, tol: float = 1e-6) -> np.ndarray:
        cap = self.economy.capacity
        finite = np.isfinite(cap)
        return np.flatnonzero(finite & (self.intensity >= np.where(finite, cap, 0) * (1 - tol)))


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    return value
