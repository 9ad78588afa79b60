"""Changes to an economy that re-planning meets in practice, for warm-start tests and benches."""

from __future__ import annotations

import numpy as np

from kurultai.economy.model import Economy


def small_change(economy: Economy, seed: int = 1, *, share: float = 0.01, step: float = 0.1,
                 cut: float = 0.05) -> Economy:
    """Targets of ``share`` of the targeted products moved by ±``step`` and the first
    resource's availability cut by ``cut``: the change of a typical revision round."""
    rng = np.random.default_rng(seed)
    targets = economy.targets.copy()
    targeted = np.flatnonzero(targets > 0)
    moved = rng.choice(targeted, max(1, int(economy.n * share)), replace=False)
    targets[moved] *= 1 + rng.choice([-step, step], len(moved))
    available = economy.available.copy()
    available[0] *= 1 - cut
    return economy.with_changes(targets=targets, available=available)
