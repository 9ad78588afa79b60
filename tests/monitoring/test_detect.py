"""Deviation flags exactly at, below and above the committee's threshold; anomaly flags from
forecast steps; message ids that render in English and travel as JSON."""

import json

import pytest

from kurultai.monitoring import (
    MESSAGES,
    AnomalyRule,
    DeviationRule,
    Forecast,
    ForecastStep,
    MonitoringInputError,
    Revision,
    Severity,
    anomaly_flags,
    deviation,
    deviation_flag,
    deviation_flags,
    deviations,
    render,
)

TEN_PERCENT = DeviationRule(threshold=0.1)


@pytest.mark.parametrize("actual, expected", [
    (90, None),                      # exactly at the threshold: not beyond it
    (90.01, None),
    (89.99, ("below_plan", Severity.WARNING)),
    (110, None),
    (110.01, ("above_plan", Severity.WARNING)),
    (80, ("below_plan", Severity.WARNING)),   # exactly twice the threshold: not critical yet
    (79.99, ("below_plan", Severity.CRITICAL)),
    (120.5, ("above_plan", Severity.CRITICAL)),
])
def test_deviation_threshold_at_below_above(actual, expected):
    flag = deviation_flag(deviation(100, actual, period="2024-06"), TEN_PERCENT)
    assert (None if flag is None else (flag.what, flag.severity)) == expected
    if flag:
        assert flag.why == "beyond_threshold" and flag.period == "2024-06"


def test_threshold_is_compared_in_decimal_not_in_binary_floating_point():
    # 0.33 - 0.3 is 0.030000000000000027 in binary and 0.1 * 0.3 is 0.030000000000000002:
    # a float comparison would flag a deviation that is exactly at the threshold
    assert abs(0.33 - 0.3) > 0.1 * 0.3
    assert deviation_flag(deviation(0.3, 0.33), TEN_PERCENT) is None
    assert deviation_flag(deviation(0.3, 0.3301), TEN_PERCENT) is not None
    assert deviation_flag(deviation(3, 3.3), TEN_PERCENT) is None


def test_zero_plan():
    assert deviation_flag(deviation(0, 0), TEN_PERCENT) is None
    flag = deviation_flag(deviation(0, 5, period=3), TEN_PERCENT)
    assert (flag.what, flag.why, flag.severity, flag.params) == (
        "unplanned_output", "zero_plan", Severity.WARNING, {"plan": 0.0, "actual": 5.0})
    assert flag.english() == "Output was reported where none was planned: Nothing was planned " \
                             "and 5 was reported"


def test_flags_of_a_series_and_their_english_and_json():
    flags = deviation_flags(deviations([100, 100, 100], [95, 85, 130], periods=["a", "b", "c"]),
                            TEN_PERCENT)
    assert [(f.period, f.what, f.severity) for f in flags] == [
        ("b", "below_plan", Severity.WARNING), ("c", "above_plan", Severity.CRITICAL)]
    assert flags[0].english() == ("Output is below plan: Actual 85 against plan 100 is a "
                                  "deviation of -15.0%, beyond the threshold of 10.0%")
    assert json.loads(json.dumps(flags[1].to_dict())) == {
        "what": "above_plan", "why": "beyond_threshold", "severity": "critical", "period": "c",
        "params": {"plan": 100.0, "actual": 130.0, "absolute": 30.0, "relative": 0.3,
                   "threshold": 0.1}}


def test_bad_rules_are_refused():
    with pytest.raises(MonitoringInputError, match="threshold must be positive, got 0"):
        DeviationRule(threshold=0)
    with pytest.raises(MonitoringInputError, match="critical factor must be at least 1"):
        DeviationRule(threshold=0.1, critical_factor=0.5)
    with pytest.raises(MonitoringInputError, match="anomaly probability must be strictly between"):
        AnomalyRule(probability=1.0)


def _step(observed, verdict_step=0.0, verdict_outlier=0.0):
    verdict = Revision(lag=2, period="2024-03", probabilities={
        "steady": 1 - verdict_step - verdict_outlier, "step": verdict_step, "slope": 0.0,
        "outlier": verdict_outlier})
    return ForecastStep(index=5, period="2024-05", observed=observed,
                        forecast=Forecast(mean=100.0, lower=95.0, upper=105.0, level=0.99),
                        probabilities={}, revisions=(verdict,), verdict=verdict)


def test_anomaly_flags_from_interval_and_verdict():
    assert anomaly_flags(_step(105.0)) == []           # on the edge of the interval: inside
    outside = anomaly_flags(_step(105.5))
    assert [(f.what, f.period, f.severity) for f in outside] == [
        ("outside_forecast", "2024-05", Severity.WARNING)]
    assert outside[0].english() == ("The reported value is outside the expected range: 105.5 "
                                    "lies outside the 99% credible interval from 95 to 105 "
                                    "around the forecast 100")
    assert anomaly_flags(_step(105.5), AnomalyRule(outside=False)) == []
    step = anomaly_flags(_step(100.0, verdict_step=0.5))  # reaching the probability counts
    assert [(f.what, f.period, f.severity) for f in step] == [
        ("step_change", "2024-03", Severity.WARNING)]
    assert step[0].params == {"probability": 0.5, "threshold": 0.5, "reports_since": 2}
    assert anomaly_flags(_step(100.0, verdict_step=0.4999)) == []
    outlier = anomaly_flags(_step(100.0, verdict_outlier=0.9))
    assert [(f.what, f.severity) for f in outlier] == [("outlier", Severity.INFO)]
    assert outlier[0].english() == ("One reported value was exceptional: Judged with the reports "
                                    "that followed, the probability of this is 90% (flagged "
                                    "from 50%)")


def test_every_message_renders_and_unknown_ids_are_named():
    params = {"actual": 1.0, "plan": 2.0, "relative": -0.5, "threshold": 0.1, "observed": 3.0,
              "level": 0.99, "lower": 1.0, "upper": 2.0, "forecast": 1.5, "probability": 0.9}
    for message_id in MESSAGES:
        assert render(message_id, params)
    with pytest.raises(KeyError, match="unknown monitoring message id 'nope'"):
        render("nope")
