"""Priority ballots: each member spreads points over product groups; the shares are aggregated
by the Independent Markets mechanism.

Independent Markets is the moving-phantom mechanism of Freeman, Pennock, Peters and Wortman
Vaughan, "Truthful aggregation of budget proposals" (EC 2019; J. Economic Theory 2021). With n
ballots read as shares p_i (each summing to 1), it adds n + 1 "phantom" ballots whose value on
every group is f_k(t) = min(t (n - k), 1), k = 0..n, and takes on each group j the median of the
2n + 1 numbers p_1j..p_nj, f_0(t)..f_n(t). The common t in [0, 1] is the one at which these
medians sum to exactly 1. Properties that matter here:

* strategy-proof: if members judge an outcome by its l1 distance from their own ballot, no one
  gains by misreporting (true of every moving-phantom mechanism);
* proportional: when every member puts all points on one group, each group gets exactly the
  share of members who chose it;
* the outcome sums to 1 without any rescaling, which would break strategy-proofness (as the
  normalised coordinate-wise median does).

Arithmetic is exact (fractions). The median on group j, for the sorted ballot values
v_1 <= ... <= v_n, equals min over i = 0..n of max(v_i, min((n - i) t, 1)) with v_0 = 0: the
(n + 1)-th smallest of the union of two sorted lists. The sum of medians is continuous, piecewise
linear and non-decreasing in t; t is located by bisection in floating point and then solved
exactly on the linear piece found, and the exact sum is checked to be 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

import numpy as np

from .errors import BallotError
from .validate import check_candidates

RULE = "independent-markets"
RULE_NAME = "Independent Markets (moving phantoms; Freeman, Pennock, Peters, Wortman Vaughan 2019)"


@dataclass(frozen=True)
class BudgetResult:
    """Shares per group (exact fractions summing to 1), the ballots counted, and the phantom t."""

    groups: tuple[str, ...]
    ballots: int
    shares: dict[str, Fraction]
    t: Fraction
    rule: str = RULE

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "rule_name": RULE_NAME,
            "groups": list(self.groups),
            "ballots": self.ballots,
            "shares": {g: str(s) for g, s in self.shares.items()},
            "shares_float": {g: float(s) for g, s in self.shares.items()},
            "t": str(self.t),
        }


def _points(value: object, where: str) -> Fraction:
    if isinstance(value, bool):
        raise BallotError(f"{where}: points must be a number, got {value!r}")
    if isinstance(value, (int, Rational)):
        points = Fraction(value)
    elif isinstance(value, (float, Decimal, str)):
        try:
            points = Fraction(str(value))
        except ValueError as exc:
            raise BallotError(f"{where}: {value!r} is not a number") from exc
    else:
        raise BallotError(f"{where}: points must be a number, got {value!r}")
    if points < 0:
        raise BallotError(f"{where}: points must not be negative, got {value!r}")
    return points


def ballot_shares(
    ballot: Mapping[str, object], groups: Sequence[str], where: str, budget: object = None
) -> list[Fraction]:
    """One ballot's points as shares of its own total, in the order of `groups`.

    Groups left out get no points. With `budget` given, the points must add up to it exactly.
    """
    if not isinstance(ballot, Mapping):
        raise BallotError(f"{where}: a priority ballot maps groups to points, got {ballot!r}")
    unknown = sorted(set(ballot) - set(groups), key=str)
    if unknown:
        raise BallotError(f"{where}: {unknown[0]!r} is not a product group of this round")
    points = [_points(ballot.get(g, 0), f"{where}, group {g!r}") for g in groups]
    total = sum(points)
    if total == 0:
        raise BallotError(f"{where}: gives no points to any group")
    if budget is not None and total != _points(budget, "budget"):
        raise BallotError(f"{where}: points add up to {total}, not to the budget of {budget}")
    return [p / total for p in points]


def _median_terms(sorted_column: list[Fraction], t: Fraction) -> tuple[Fraction, Fraction]:
    """The median on one group at t, as (constant, slope) of the linear piece that attains it."""
    n = len(sorted_column)
    best = None
    for i in range(n + 1):
        value = sorted_column[i - 1] if i else Fraction(0)
        phantom = (n - i) * t
        if phantom >= 1:
            term = (max(value, Fraction(1)), Fraction(0))
        elif phantom > value:
            term = (Fraction(0), Fraction(n - i))
        else:
            term = (value, Fraction(0))
        if best is None or term[0] + term[1] * t < best[0] + best[1] * t:
            best = term
    return best


def _float_sum(columns: np.ndarray, t: float) -> float:
    n = columns.shape[0]
    with_zero = np.vstack([np.zeros((1, columns.shape[1])), columns])
    phantoms = np.minimum((n - np.arange(n + 1)) * t, 1.0)[:, None]
    return float(np.maximum(with_zero, phantoms).min(axis=0).sum())


def independent_markets(
    ballots: Sequence[Mapping[str, object]], groups: Sequence[str], *, budget: object = None
) -> BudgetResult:
    """Aggregate priority ballots (group -> points) into shares per group summing to 1.

    Each ballot is read as proportions of its own total (so 30/70 and 3/7 mean the same);
    pass `budget` to require every ballot to spend exactly that many points.
    """
    names = check_candidates(groups, "groups")
    rows = [ballot_shares(b, names, f"ballot {i + 1}", budget) for i, b in enumerate(ballots)]
    if not rows:
        raise BallotError("ballots: at least one priority ballot is needed")
    columns = [sorted(row[j] for row in rows) for j in range(len(names))]
    dense = np.array([[float(v) for v in col] for col in columns]).T
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        if _float_sum(dense, middle) < 1.0:
            low = middle
        else:
            high = middle
    for probe in (Fraction((low + high) / 2), Fraction(low), Fraction(high)):
        terms = [_median_terms(col, probe) for col in columns]
        constant = sum(c for c, _ in terms)
        slope = sum(s for _, s in terms)
        t = (1 - constant) / slope if slope else probe
        if 0 <= t <= 1:
            shares = [c + s * t for c, s in (_median_terms(col, t) for col in columns)]
            if sum(shares) == 1:
                return BudgetResult(names, len(rows), dict(zip(names, shares)), t)
    raise ArithmeticError("independent markets: no exact phantom position found; please report the ballots")
