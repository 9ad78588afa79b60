"""Monitoring of plan execution, after Cybersyn: Beer's indices, Bayesian forecasting of reported
series, deviation and anomaly flags, and algedonic escalation of alerts (no web framework).

Indicators (indicators.py)
    beer_indices(actuality, capability, potentiality, period=None) -> BeerIndices
    beer_series(actuality, capability, potentiality, periods=None) -> list[BeerIndices]
    deviation(plan, actual, period=None) -> Deviation
    deviations(plan, actual, periods=None) -> list[Deviation]

Forecasting, Harrison–Stevens multi-state model (forecast.py)
    ForecastModel(states=DEFAULT_STATES, memory=2, interval=0.99, prior_dof=2.0,
                  noise_guess=None, relative_noise_guess=0.05, slope_spread=1.0)
    StateSpec(name, prior, noise, level, slope, set_aside=False); STEADY, STEP, SLOPE, OUTLIER
    MultiStateForecaster(model=None): .forecast() -> Forecast | None,
        .update(value, period=None) -> ForecastStep
    forecast_series(values, periods=None, model=None) -> list[ForecastStep]
    next_forecast(values, model=None) -> Forecast | None
    Forecast(mean, lower, upper, level): .contains(value)
    ForecastStep(index, period, observed, forecast, probabilities, revisions, verdict, level,
        slope, noise): .previous, .outside
    Revision(lag, period, probabilities)

Flags (detect.py, messages.py)
    DeviationRule(threshold, critical_factor=2.0)
    deviation_flag(deviation, rule) -> Flag | None;  deviation_flags(deviations, rule) -> list[Flag]
    AnomalyRule(probability=0.5, outside=True, kinds=CHANGE_FLAGS)
    anomaly_flags(step, rule=None) -> list[Flag]
    series_anomaly_flags(steps, rule=None) -> list[Flag]
    Flag(what, why, severity, period, params): .english(), .to_dict();  Severity
    MESSAGES (message id -> English template);  render(message_id, params) -> str

Escalation (escalation.py, clock.py)
    EscalationPolicy(chain, deadlines)
    DEFAULT_POLICY: committee (24 h) -> district (48 h) -> kurultai
    raise_alert(alert_id, subject, now, policy=DEFAULT_POLICY, *, level=None, flag=None) -> Alert
    acknowledge(alert, now, by) -> Alert;  resolve(alert, now, by=None) -> Alert
    due_escalations(alerts, now) -> list[Escalation]
    escalate(alert, escalation) -> Alert
    run_escalations(alerts, now) -> (list[Alert], list[Escalation])
    Alert, AlertStatus, LevelReached, Escalation;  Clock, SystemClock, ManualClock

Errors: MonitoringInputError (a ValueError) whose message names the field at fault.
"""

from .clock import Clock, ManualClock, SystemClock
from .detect import (
    CHANGE_FLAGS,
    AnomalyRule,
    DeviationRule,
    Flag,
    Severity,
    anomaly_flags,
    deviation_flag,
    deviation_flags,
    series_anomaly_flags,
)
from .errors import MonitoringInputError
from .escalation import (
    DEFAULT_POLICY,
    Alert,
    AlertStatus,
    Escalation,
    EscalationPolicy,
    LevelReached,
    acknowledge,
    due_escalations,
    escalate,
    raise_alert,
    resolve,
    run_escalations,
)
from .forecast import (
    DEFAULT_STATES,
    OUTLIER,
    SLOPE,
    STEADY,
    STEP,
    Forecast,
    ForecastModel,
    ForecastStep,
    MultiStateForecaster,
    Revision,
    StateSpec,
    forecast_series,
    next_forecast,
)
from .indicators import BeerIndices, Deviation, beer_indices, beer_series, deviation, deviations
from .messages import MESSAGES, render

__all__ = [
    "CHANGE_FLAGS", "DEFAULT_POLICY", "DEFAULT_STATES", "MESSAGES", "OUTLIER", "SLOPE", "STEADY",
    "STEP", "Alert", "AlertStatus", "AnomalyRule", "BeerIndices", "Clock", "Deviation",
    "DeviationRule", "Escalation", "EscalationPolicy", "Flag", "Forecast", "ForecastModel",
    "ForecastStep", "LevelReached", "ManualClock", "MonitoringInputError", "MultiStateForecaster",
    "Revision", "Severity", "StateSpec", "SystemClock", "acknowledge", "anomaly_flags",
    "beer_indices", "beer_series", "deviation", "deviation_flag", "deviation_flags", "due_escalations",
    "escalate", "forecast_series", "next_forecast", "raise_alert", "render", "resolve",
    "run_escalations", "series_anomaly_flags",
]
