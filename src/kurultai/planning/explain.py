"""Explanations, in the economy's terms, of why no plan could be made."""

from __future__ import annotations

from kurultai.economy.model import Economy


def explain_failure(e: Economy, status: str) -> str:
    """A sentence for a user when the LP solver reports an infeasible or unbounded model."""
    return (f"no plan exists for this economy ({status}); every plan with zero output is feasible "
            f"and fulfilment is at most 1, so check the availabilities and capacities for "
            f"negative or missing values")
