"""Who may do what with the economy and the plans."""

from __future__ import annotations


def is_planning_commission(user) -> bool:
    """Members of the kurultai's planning commission hold the ``economy.plan_economy`` permission."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("economy.plan_economy"))
