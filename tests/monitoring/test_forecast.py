"""The Harrison–Stevens forecaster: exact agreement with a reference Kalman filter and with
brute-force enumeration of state paths, and its verdicts on series with a known story."""

import itertools
import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.tsa.statespace.kalman_filter import KalmanFilter

from kurultai.monitoring import (
    OUTLIER,
    SLOPE,
    STEADY,
    STEP,
    ForecastModel,
    MonitoringInputError,
    MultiStateForecaster,
    StateSpec,
    forecast_series,
    next_forecast,
    series_anomaly_flags,
)

G = np.array([[1.0, 1.0], [0.0, 1.0]])
NOISE_SD = 2.0
CHANGE_AT = 15


def _noise(n=40):
    """Gaussian noise (sd 2) from a fixed seed; every draw within 2.5 sd, the premise of
    "ordinary noise" in the tests below."""
    z = np.random.default_rng(0).normal(0.0, 1.0, n)
    assert np.abs(z).max() < 2.5
    return NOISE_SD * z


def _what(flags):
    return [(f.what, f.period) for f in flags]


def test_one_state_model_is_the_kalman_filter_of_statsmodels():
    g, d, n0, s0, spread = 0.3, 0.02, 3.0, 2.0, 0.5
    model = ForecastModel(states=(StateSpec(STEADY, 1.0, noise=1.0, level=g, slope=d),),
                          prior_dof=n0, noise_guess=s0, slope_spread=spread, interval=0.9)
    y = 50 + 0.4 * np.arange(25) + _noise(25)
    y[10] = np.nan
    steps = forecast_series(y, model=model)

    W = np.array([[g + d, d], [d, d]])
    kf = KalmanFilter(k_endog=1, k_states=2, design=[[1.0, 0.0]], obs_cov=[[1.0]],
                      transition=G, selection=np.eye(2), state_cov=W)
    m0, C0 = np.array([y[0], 0.0]), np.diag([1.0, spread ** 2])
    kf.initialize_known(G @ m0, G @ C0 @ G.T + W)
    kf.bind(y[1:].copy())
    ref = kf.filter()

    dof, scaled = n0, n0 * s0 ** 2
    tq = stats.t.ppf(0.95, dof)
    for t, step in enumerate(steps[1:]):
        f, F = ref.forecasts[0, t], ref.forecasts_error_cov[0, 0, t]
        assert step.forecast.mean == pytest.approx(f, rel=1e-12)
        half = tq * math.sqrt(scaled / dof * F)
        assert step.forecast.lower == pytest.approx(f - half, rel=1e-10)
        assert step.forecast.upper == pytest.approx(f + half, rel=1e-10)
        if np.isnan(y[t + 1]):
            assert step.observed is None
        else:
            scaled += ref.forecasts_error[0, t] ** 2 / F
            dof += 1
            tq = stats.t.ppf(0.95, dof)
        assert step.level == pytest.approx(ref.filtered_state[0, t], rel=1e-12)
        assert step.slope == pytest.approx(ref.filtered_state[1, t], rel=1e-9, abs=1e-12)
        assert step.noise == pytest.approx(math.sqrt(scaled / dof), rel=1e-12)


def _path_posteriors(model, y, upto):
    """P(state path | y[0..upto]) by enumerating every path through a conjugate filter."""
    names = model.names
    prior = dict(zip(names, (s.prior for s in model.states)))
    spec = {s.name: s for s in model.states}
    weights = {}
    for path in itertools.product(names, repeat=upto):
        m, C = np.array([y[0], 0.0]), np.diag([1.0, model.slope_spread ** 2])
        dof, scaled = model.prior_dof, model.prior_dof * (model.relative_noise_guess * y[0]) ** 2
        logw = 0.0
        for t, name in enumerate(path, start=1):
            s = spec[name]
            W = np.array([[s.level + s.slope, s.slope], [s.slope, s.slope]])
            a, R = G @ m, G @ C @ G.T + W
            Q = R[0, 0] + s.noise
            e = y[t] - a[0]
            scale = math.sqrt(scaled / dof * Q)
            logw += math.log(prior[name]) + stats.t.logpdf(e / scale, dof) - math.log(scale)
            if s.set_aside:  # the report moves no estimate in this state
                m, C, scaled, dof = a, R, scaled * (dof + 1) / dof, dof + 1
            else:
                A = R[:, 0] / Q
                m, C = a + A * e, R - np.outer(A, A) * Q
                scaled, dof = scaled + e ** 2 / Q, dof + 1
        weights[path] = logw
    top = max(weights.values())
    total = sum(math.exp(w - top) for w in weights.values())
    return {p: math.exp(w - top) / total for p, w in weights.items()}


@pytest.mark.parametrize("memory", [1, 2])
def test_updates_match_enumeration_of_all_state_paths_until_the_first_collapse(memory):
    model = ForecastModel(memory=memory)
    y = [100.0, 101.5, 108.0, 99.0, 103.0]
    steps = forecast_series(y, model=model)
    for upto in range(1, memory + 2):
        paths = _path_posteriors(model, y, upto)
        for name in model.names:
            now = sum(p for path, p in paths.items() if path[-1] == name)
            assert steps[upto].probabilities[name] == pytest.approx(now, abs=1e-12)
            for revision in steps[upto].revisions:
                then = sum(p for path, p in paths.items() if path[-1 - revision.lag] == name)
                assert revision.probabilities[name] == pytest.approx(then, abs=1e-12)
        assert [r.lag for r in steps[upto].revisions] == list(range(1, min(upto - 1, memory) + 1))
    # after the first collapse, one component per run of `memory` states approximates the paths
    upto = memory + 2
    paths = _path_posteriors(model, y, upto)
    for name in model.names:
        now = sum(p for path, p in paths.items() if path[-1] == name)
        assert steps[upto].probabilities[name] == pytest.approx(now, abs=0.02)


def test_steady_series_raises_no_flag():
    steps = forecast_series(100 + _noise())
    assert series_anomaly_flags(steps) == []
    assert max(s.probabilities[STEP] for s in steps[1:]) < 0.05
    assert steps[-1].level == pytest.approx(100, abs=2)


def test_steady_trend_raises_no_flag_and_learns_the_slope():
    steps = forecast_series(100 + 0.5 * np.arange(40) + _noise())
    assert series_anomaly_flags(steps) == []
    assert steps[-1].slope == pytest.approx(0.5, abs=0.3)


def _verdicts(steps, state):
    """The verdict on each period's `state`, by period."""
    return {s.verdict.period: s.verdict.probabilities[state] for s in steps if s.verdict}


def test_step_change_is_found_two_reports_later_and_not_before():
    y = 100 + _noise()
    y[CHANGE_AT:] += 10  # five noise deviations
    steps = forecast_series(y)
    for s in steps[1:CHANGE_AT]:
        assert s.probabilities[STEP] < 0.05
        assert all(r.probabilities[STEP] < 0.05 for r in s.revisions)
    assert steps[CHANGE_AT].outside
    assert steps[CHANGE_AT].probabilities[STEP] > 0.25  # a step or an outlier: too early to say
    assert steps[CHANGE_AT + 1].previous[STEP] > 0.7
    verdicts = _verdicts(steps, STEP)
    assert steps[CHANGE_AT + 2].verdict.period == CHANGE_AT
    assert verdicts[CHANGE_AT] > 0.85
    assert max(p for period, p in verdicts.items() if period != CHANGE_AT) < 0.05
    assert _what(series_anomaly_flags(steps)) == [
        ("outside_forecast", CHANGE_AT), ("step_change", CHANGE_AT)]
    assert steps[CHANGE_AT + 3].level == pytest.approx(110, abs=2)


def test_outlier_is_flagged_as_transient_not_as_a_step():
    y = 100 + _noise()
    y[CHANGE_AT] += 12
    steps = forecast_series(y)
    assert steps[CHANGE_AT + 1].previous[OUTLIER] > 0.85
    assert _verdicts(steps, OUTLIER)[CHANGE_AT] > 0.9
    assert max(_verdicts(steps, STEP).values()) < 0.05
    assert _what(series_anomaly_flags(steps)) == [
        ("outside_forecast", CHANGE_AT), ("outlier", CHANGE_AT)]
    assert steps[CHANGE_AT + 1].level == pytest.approx(100, abs=2)


def test_slope_change_is_flagged_and_the_new_slope_learned():
    y = 100 + _noise()
    y[CHANGE_AT:] += 6 * np.arange(1, 40 - CHANGE_AT + 1)  # three noise deviations a period
    steps = forecast_series(y)
    assert _verdicts(steps, SLOPE)[CHANGE_AT] > 0.8
    assert _what(series_anomaly_flags(steps)) == [("slope_change", CHANGE_AT)]
    assert steps[-1].slope == pytest.approx(6, abs=0.5)


def test_probabilities_do_not_depend_on_the_unit_of_the_series():
    y = 100 + _noise()
    y[CHANGE_AT:] += 10
    small, large = forecast_series(y), forecast_series(1000 * y)
    for a, b in zip(small, large):
        for name in (STEADY, STEP, SLOPE, OUTLIER):
            assert a.probabilities[name] == pytest.approx(b.probabilities[name], abs=1e-9)
        assert b.level == pytest.approx(1000 * a.level, rel=1e-9)


def test_missing_reports_are_skipped_and_widen_the_interval():
    y = list(100 + _noise(12))
    with_gap = y[:6] + [None, float("nan")] + y[8:]
    steps = forecast_series(with_gap, periods=[f"2024-{m:02d}" for m in range(1, 13)])
    assert steps[6].observed is None and steps[7].observed is None
    for name, prior in ForecastModel().priors().items():
        assert steps[7].probabilities[name] == pytest.approx(prior, abs=1e-15)
    width = [s.forecast.upper - s.forecast.lower for s in steps[5:9]]
    assert width[1] < width[2] < width[3]
    assert [(r.lag, r.period) for r in steps[9].revisions] == [(1, "2024-09"), (2, "2024-08")]
    assert steps[9].period == "2024-10"


def test_first_report_has_no_forecast_and_next_forecast_continues_the_series():
    assert forecast_series([]) == []
    first = forecast_series([None, 7.0])
    assert first[0].forecast is None and first[0].level is None
    assert first[1].forecast is None and first[1].level == 7.0
    assert next_forecast([]) is None
    y = 100 + _noise(20)
    forecaster = MultiStateForecaster()
    for v in y:
        forecaster.update(v)
    assert next_forecast(y) == forecaster.forecast()
    assert forecaster.forecast().contains(forecaster.forecast().mean)


def test_an_absurd_report_gives_finite_numbers():
    # after 400 reports the steady runs' weights underflow to zero against the outlier's
    y = list(100 + 2 * np.random.default_rng(1).normal(0.0, 1.0, 400)) + [1e15, 100.0, 101.0]
    steps = forecast_series(y)
    assert steps[400].outside and steps[401].previous[OUTLIER] > 0.99
    assert steps[-1].level == pytest.approx(100, abs=3)
    assert steps[-1].noise == pytest.approx(2, abs=0.5)
    for s in steps[400:]:
        assert all(math.isfinite(v) for v in (s.level, s.slope, s.noise, s.forecast.mean,
                                               s.forecast.lower, s.forecast.upper))
        assert sum(s.probabilities.values()) == pytest.approx(1, abs=1e-12)


def test_bad_values_and_models_are_named():
    with pytest.raises(MonitoringInputError, match=r"value for period '2024-03' must be a number"):
        forecast_series([1.0, 2.0, "3"], periods=["2024-01", "2024-02", "2024-03"])
    with pytest.raises(MonitoringInputError, match=r"value\[1\] must be a finite number"):
        forecast_series([1.0, float("inf")])
    with pytest.raises(MonitoringInputError, match="periods has 1 labels but the series has 2"):
        forecast_series([1.0, 2.0], periods=["a"])
    with pytest.raises(MonitoringInputError, match="add up to 1"):
        ForecastModel(states=(StateSpec(STEADY, 0.5, 1.0, 0.1, 0.01),))
    with pytest.raises(MonitoringInputError, match="noise variance of state 'steady' must be pos"):
        ForecastModel(states=(StateSpec(STEADY, 1.0, 0.0, 0.1, 0.01),))
    with pytest.raises(MonitoringInputError, match="interval must be strictly between 0 and 1"):
        ForecastModel(interval=1.0)
    with pytest.raises(MonitoringInputError, match="distinct"):
        ForecastModel(states=(StateSpec(STEADY, 0.5, 1, 0, 0), StateSpec(STEADY, 0.5, 1, 0, 0)))
