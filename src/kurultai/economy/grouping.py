"""Techniques grouped by the product they make, for per-product minima and choices."""

from __future__ import annotations

import numpy as np


class ByProduct:
    """Index of the techniques of each product, built once per economy."""

    def __init__(self, makes: np.ndarray, n: int):
        self.makes = makes
        self.n = n
        self.order = np.argsort(makes, kind="stable")
        self.counts = np.bincount(makes, minlength=n)
        self.made = np.flatnonzero(self.counts)
        self.starts = np.concatenate(([0], np.cumsum(self.counts)))[self.made]

    def minimum(self, per_technique: np.ndarray, empty: float = np.inf) -> np.ndarray:
        """Per product, the smallest value over the techniques that make it."""
        out = np.full(self.n, empty)
        if len(self.made):
            out[self.made] = np.minimum.reduceat(per_technique[self.order], self.starts)
        return out

    def argmin(self, per_technique: np.ndarray) -> np.ndarray:
        """Per product, the first technique reaching the minimum (−1 where none makes it)."""
        best = self.minimum(per_technique)
        hit = np.flatnonzero(per_technique <= best[self.makes])
        choice = np.full(self.n, -1, dtype=np.int64)
        choice[self.makes[hit[::-1]]] = hit[::-1]
        return choice
