"""From aggregated group shares to the planner's targets d and weights w (docs/priorities.md).

Pure arithmetic, no web framework: the platform applies it to a counted priority round. With base targets d0 (the base economy's final demand), a
product group g holding the fractions frac[g][i] of products i, and the voted shares s_g
(summing to 1):

    D0_g = Σ_i frac[g][i] d0_i        the group's base target, D0 = Σ_g D0_g
    b_g  = D0_g / D0                  the group's base share
    t_g  = min(cap, anchor + (1 − anchor) s_g / b_g)   the group's target multiplier
    d_i  = Σ_g frac[g][i] d0_i t_g              targets: half base need, half following the vote
    w_i  = Σ_g s_g frac[g][i] d0_i / D0_g       weights: each group's share, spread by base target

Uncapped, the targets keep their total (Σ d = D0 when Σ s = 1): the vote moves final demand
between groups, it does not wish more into existence. The cap (1.5: no group's targets grow by
more than half in one plan) can only lower the total; the vote still speaks through the weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

ANCHOR = 0.5
CAP = 1.5


class RuleError(ValueError):
    """Shares or a grouping that the rule cannot use; the message names the group or product."""


@dataclass(frozen=True)
class TargetsAndWeights:
    targets: dict[str, float]
    weights: dict[str, float]
    multipliers: dict[str, float]  # t_g per group
    base_shares: dict[str, float]  # b_g per group


def targets_and_weights(shares: Mapping[str, float], base_targets: Mapping[str, float],
                        groups: Mapping[str, Mapping[str, float]],
                        anchor: float = ANCHOR, cap: float = CAP) -> TargetsAndWeights:
    """Targets and weights per product from voted shares per group (see the module's formulas)."""
    if not 0 <= anchor <= 1:
        raise RuleError(f"anchor: {anchor!r} is not between 0 and 1")
    if not cap >= 1:
        raise RuleError(f"cap: {cap!r} is below 1, so even an unchanged share would be cut")
    unknown = sorted(set(shares) - set(groups))
    if unknown:
        raise RuleError(f"shares: {unknown[0]!r} is not a product group")
    total_share = math.fsum(shares.values())
    if any(s < 0 for s in shares.values()) or abs(total_share - 1) > 1e-9:
        raise RuleError(f"shares: must be non-negative and add up to 1, they add up to {total_share!r}")
    covered: dict[str, float] = {}
    for g, members in groups.items():
        for product, fraction in members.items():
            if product not in base_targets:
                raise RuleError(f"group {g!r}: unknown product {product!r}")
            if not 0 < fraction <= 1:
                raise RuleError(f"group {g!r}, product {product!r}: fraction {fraction!r} "
                                "is not in (0, 1]")
            covered[product] = covered.get(product, 0.0) + fraction
    for product, d0 in base_targets.items():
        if d0 < 0 or not math.isfinite(d0):
            raise RuleError(f"product {product!r}: base target {d0!r} is not a number of zero or more")
        if d0 > 0 and abs(covered.get(product, 0.0) - 1) > 1e-9:
            raise RuleError(f"product {product!r}: its fractions over the groups add up to "
                            f"{covered.get(product, 0.0)!r}, not 1")
    group_base = {g: math.fsum(f * base_targets[p] for p, f in members.items())
                  for g, members in groups.items()}
    total_base = math.fsum(group_base.values())
    if total_base <= 0:
        raise RuleError("base targets: all zero, so there is nothing to share out")
    base_share = {g: v / total_base for g, v in group_base.items()}
    multiplier = {}
    for g in groups:
        s = float(shares.get(g, 0.0))
        if base_share[g] == 0:
            if s > 0:
                raise RuleError(f"group {g!r}: has a share of {s!r} but no base target to scale")
            multiplier[g] = 0.0
        else:
            multiplier[g] = min(cap, anchor + (1 - anchor) * s / base_share[g])
    targets = {p: 0.0 for p in base_targets}
    weights = {p: 0.0 for p in base_targets}
    for g, members in groups.items():
        s = float(shares.get(g, 0.0))
        for p, f in members.items():
            part = f * base_targets[p]
            targets[p] += part * multiplier[g]
            if group_base[g] > 0:
                weights[p] += s * part / group_base[g]
    return TargetsAndWeights(targets, weights, multiplier, base_share)
