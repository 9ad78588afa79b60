"""Beer's indices of an enterprise's output and the deviation of actual output from plan.

Stafford Beer measured every operation by three numbers: actuality (what it achieves now),
capability (what it could achieve now with the resources it already has) and potentiality
(what it ought to be able to achieve by developing them). Their ratios are

    productivity = actuality / capability      (how well existing means are used)
    latency      = capability / potentiality   (how far development has to go)
    performance  = actuality / potentiality    (= productivity x latency)

A ratio over zero is undefined and reported as None, never as 0 or infinity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import MonitoringInputError
from .validate import field_name, label, nonnegative


@dataclass(frozen=True)
class BeerIndices:
    """Beer's three measures of one period's output and their ratios (None where undefined)."""

    actuality: float
    capability: float
    potentiality: float
    productivity: float | None
    latency: float | None
    performance: float | None
    period: object = None


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None


def beer_indices(actuality: float, capability: float, potentiality: float,
                 period: object = None) -> BeerIndices:
    """Beer's indices of one period; quantities must be finite and not negative."""
    where = "" if period is None else f" for period {period!r}"
    a = nonnegative(actuality, "actuality" + where)
    c = nonnegative(capability, "capability" + where)
    p = nonnegative(potentiality, "potentiality" + where)
    return BeerIndices(**_indices_of(a, c, p), period=period)


def _same_length(periods, **series) -> int:
    lengths = {name: len(values) for name, values in series.items()}
    if periods is not None:
        lengths["periods"] = len(periods)
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise MonitoringInputError(f"series must have one value per period: {described}")
    return next(iter(lengths.values()))


def beer_series(actuality: Sequence[float], capability: Sequence[float],
                potentiality: Sequence[float],
                periods: Sequence[object] | None = None) -> list[BeerIndices]:
    """Beer's indices period by period; `periods` labels the periods (default 0, 1, ...)."""
    n = _same_length(periods, actuality=actuality, capability=capability,
                     potentiality=potentiality)
    return [
        BeerIndices(
            **_indices_of(
                nonnegative(actuality[i], field_name("actuality", periods, i)),
                nonnegative(capability[i], field_name("capability", periods, i)),
                nonnegative(potentiality[i], field_name("potentiality", periods, i)),
            ),
            period=label(periods, i),
        )
        for i in range(n)
    ]


def _indices_of(a: float, c: float, p: float) -> dict:
    return {"actuality": a, "capability": c, "potentiality": p, "productivity": _ratio(a, c),
            "latency": _ratio(c, p), "performance": _ratio(a, p)}


@dataclass(frozen=True)
class Deviation:
    """Actual against plan in one period.

    absolute: actual - plan (negative for a shortfall).
    relative: absolute / plan; 0.0 when plan and actual are both 0 (on plan); None when the
        plan is 0 and something was produced (no share of nothing can be computed).
    """

    plan: float
    actual: float
    absolute: float
    relative: float | None
    period: object = None

    @property
    def unplanned(self) -> bool:
        """Output was reported where none was planned."""
        return self.plan == 0 and self.actual != 0


def _deviation_of(plan: float, actual: float, period: object) -> Deviation:
    absolute = actual - plan
    if plan > 0:
        relative = absolute / plan
    else:
        relative = 0.0 if actual == 0 else None
    return Deviation(plan=plan, actual=actual, absolute=absolute, relative=relative, period=period)


def deviation(plan: float, actual: float, period: object = None) -> Deviation:
    """The deviation of one period's actual output from its plan."""
    where = "" if period is None else f" for period {period!r}"
    return _deviation_of(nonnegative(plan, "plan" + where), nonnegative(actual, "actual" + where),
                         period)


def deviations(plan: Sequence[float], actual: Sequence[float],
               periods: Sequence[object] | None = None) -> list[Deviation]:
    """The deviation period by period; `periods` labels the periods (default 0, 1, ...)."""
    n = _same_length(periods, plan=plan, actual=actual)
    return [
        _deviation_of(nonnegative(plan[i], field_name("plan", periods, i)),
                      nonnegative(actual[i], field_name("actual", periods, i)),
                      label(periods, i))
        for i in range(n)
    ]
