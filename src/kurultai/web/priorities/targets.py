"""The planner's targets and weights from a counted round (or the base data when none is)."""

from __future__ import annotations

from kurultai.web.economy.models import Product
from kurultai.web.priorities.models import GroupProduct, PriorityRound, ProductGroup
from kurultai.democracy.priorities import ANCHOR, CAP, TargetsAndWeights, targets_and_weights


def grouping() -> dict[str, dict[str, float]]:
    """Group code → {product code: fraction}, in the groups' order."""
    groups = {g.code: {} for g in ProductGroup.objects.order_by("position", "code")}
    for row in GroupProduct.objects.select_related("group", "product"):
        groups[row.group.code][row.product.code] = row.fraction
    return groups


def base_targets() -> dict[str, float]:
    return dict(Product.objects.order_by("position").values_list("code", "base_target"))


def for_round(round_: PriorityRound) -> TargetsAndWeights:
    """Apply the rule of docs/priorities.md to the round's aggregated shares."""
    return targets_and_weights(round_.shares(), base_targets(), grouping(), ANCHOR, CAP)
