"""Deviation and anomaly flags: what the committee should look at, why, and how urgently.

A flag holds message ids and parameters (see `messages`), so the platform can say it in any
language. Plan deviations are flagged beyond the committee's relative threshold, compared
exactly in decimal; forecast anomalies come from the Harrison–Stevens forecaster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import MonitoringInputError
from .forecast import OUTLIER, SLOPE, STEP, ForecastStep
from .indicators import Deviation
from .messages import render
from .validate import exact, number, probability as check_probability


class Severity(StrEnum):
    """How urgently a flag needs attention; the value is also its message id."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return ("info", "warning", "critical").index(self.value)


@dataclass(frozen=True)
class Flag:
    """One thing to look at: `what` happened in `period` and `why` it was flagged (message ids)."""

    what: str
    why: str
    severity: Severity
    period: object
    params: Mapping[str, object] = field(default_factory=dict)

    def english(self) -> str:
        """The flag as an English sentence, for logs and tests."""
        return f"{render(self.what, self.params)}: {render(self.why, self.params)}"

    def to_dict(self) -> dict:
        """Plain JSON-ready fields."""
        return {"what": self.what, "why": self.why, "severity": self.severity.value,
                "period": self.period, "params": dict(self.params)}


@dataclass(frozen=True)
class DeviationRule:
    """A committee's tolerance: flag output deviating from plan by more than `threshold` (0.1 is
    10 %), as critical when by more than `critical_factor` times the threshold."""

    threshold: float
    critical_factor: float = 2.0

    def __post_init__(self) -> None:
        if number(self.threshold, "deviation threshold") <= 0:
            raise MonitoringInputError(
                f"deviation threshold must be positive, got {self.threshold!r}")
        if number(self.critical_factor, "critical factor") < 1:
            raise MonitoringInputError(
                f"critical factor must be at least 1, got {self.critical_factor!r}")


def deviation_flag(dev: Deviation, rule: DeviationRule) -> Flag | None:
    """The flag for one period's deviation, or None when it is within the threshold.

    Beyond means strictly: |actual - plan| > threshold x plan, in exact decimal arithmetic, so
    90 against a plan of 100 at a 10 % threshold is not flagged and 89.99 is.
    """
    if dev.unplanned:
        return Flag("unplanned_output", "zero_plan", Severity.WARNING, dev.period,
                    {"plan": dev.plan, "actual": dev.actual})
    gap = abs(exact(dev.actual) - exact(dev.plan))
    allowed = exact(rule.threshold) * exact(dev.plan)
    if gap <= allowed:
        return None
    critical = gap > exact(rule.critical_factor) * allowed
    return Flag(
        "below_plan" if dev.actual < dev.plan else "above_plan", "beyond_threshold",
        Severity.CRITICAL if critical else Severity.WARNING, dev.period,
        {"plan": dev.plan, "actual": dev.actual, "absolute": dev.absolute,
         "relative": dev.relative, "threshold": rule.threshold},
    )


def deviation_flags(devs: Iterable[Deviation], rule: DeviationRule) -> list[Flag]:
    """The flags of every period whose deviation is beyond the threshold."""
    return [flag for dev in devs if (flag := deviation_flag(dev, rule)) is not None]


CHANGE_FLAGS: Mapping[str, tuple[str, Severity]] = {
    STEP: ("step_change", Severity.WARNING),
    SLOPE: ("slope_change", Severity.WARNING),
    OUTLIER: ("outlier", Severity.INFO),
}


@dataclass(frozen=True)
class AnomalyRule:
    """When the forecaster's view of a series is flagged.

    probability: flag a step, slope change or outlier in a period when its probability, in
        the forecaster's verdict on that period (revised with the next `memory` reports),
        reaches this.
    outside: flag a report that falls outside the forecast's credible interval.
    kinds: the states that are flagged, as state name -> (message id of what, severity).
    """

    probability: float = 0.5
    outside: bool = True
    kinds: Mapping[str, tuple[str, Severity]] = field(default_factory=lambda: dict(CHANGE_FLAGS))

    def __post_init__(self) -> None:
        check_probability(self.probability, "anomaly probability")


def anomaly_flags(step: ForecastStep, rule: AnomalyRule | None = None) -> list[Flag]:
    """The flags raised by one new report: an out-of-range value now, and what an earlier period
    turned out to be (a step, a slope change or an outlier) in the forecaster's verdict on it."""
    rule = rule or AnomalyRule()
    flags = []
    if rule.outside and step.outside:
        f = step.forecast
        flags.append(Flag("outside_forecast", "outside_interval", Severity.WARNING, step.period,
                          {"observed": step.observed, "forecast": f.mean, "lower": f.lower,
                           "upper": f.upper, "level": f.level}))
    verdict = step.verdict
    for state, p in (verdict.probabilities.items() if verdict else ()):
        if state in rule.kinds and p >= rule.probability:
            what, severity = rule.kinds[state]
            flags.append(Flag(what, "state_probability", severity, verdict.period,
                              {"probability": p, "threshold": rule.probability,
                               "reports_since": verdict.lag}))
    return flags


def series_anomaly_flags(steps: Iterable[ForecastStep],
                         rule: AnomalyRule | None = None) -> list[Flag]:
    """The flags of a whole run of the forecaster, in the order they were raised."""
    return [flag for step in steps for flag in anomaly_flags(step, rule)]
