"""Short-term Bayesian forecasting of a reported series: the Harrison–Stevens multi-state model.

This is the class II multi-process dynamic linear model of Harrison and Stevens (1971, 1976),
the method behind Cyberstride. Each period the series is in one of a few states — steady,
step change, slope change, outlier — chosen afresh with fixed prior probabilities; the filter
keeps a posterior over states and turns every new report into a one-step forecast with a
credible interval and the probability of each state.

The model (linear growth, states j with disturbance variances in units of V)::

    y_t  = mu_t + eps_t                      eps_t   ~ N(0, e_j V)      observation
    mu_t = mu_{t-1} + beta_t + gamma_t       gamma_t ~ N(0, g_j V)      level
    beta_t = beta_{t-1} + delta_t            delta_t ~ N(0, d_j V)      slope

With theta = (mu, beta), F = (1, 0) and G = [[1, 1], [0, 1]] this is theta_t = G theta_{t-1} + w_t
with Var(w_t) = W_j V, W_j = [[g_j + d_j, d_j], [d_j, d_j]]. The noise variance V is unknown and
learned: 1/V ~ Gamma(n/2, n S/2), so forecasts are Student t with n degrees of freedom.

One update, from components i with probability p_i, mean m_i, scaled covariance C_i (the
covariance given V is V C_i) and estimate S_i of V, on observing y, for each current state j:

    a_i = G m_i,   R_ij = G C_i G' + W_j,   f_i = a_i[0],   Q_ij = R_ij[0, 0] + e_j
    w_ij ∝ p_i pi_j t_n(y; f_i, S_i Q_ij)                   (posterior of the pair)
    A_ij = R_ij[:, 0] / Q_ij,   m_ij = a_i + A_ij (y - f_i),   C_ij = R_ij - A_ij A_ij' Q_ij
    n' = n + 1,   S_ij = (n S_i + (y - f_i)^2 / Q_ij) / n'

A component stands for a run of states over the last `memory` periods (4^memory of them, 16
by default); a pair (i, j) extends the run by the current state, and the pairs that differ
only in the oldest state, those in a group g, are collapsed into one by matching the mean of
theta, the mean of 1/V and the mean of (theta - m)(theta - m)'/V:

    p_g = sum_g w_ij,   1/S_g = sum_g (w_ij/p_g) / S_ij,   m_g = sum_g (w_ij/p_g) m_ij,
    C_g = sum_g (w_ij/p_g) (C_ij + (m_ij - m_g)(m_ij - m_g)' / S_ij)

Summing the w over all but one position of the run gives the probability of each state in
this period and, revised with this report, in each of the `memory` periods before. The
revisions tell an outlier (the next reports return to the old level) from a step (they stay
at the new level) and a step from a change of slope (they keep moving). Missing reports skip
the observation part: the weights are p_i pi_j and the means and covariances are predicted.

One departure from Harrison and Stevens: in the outlier state the report is set aside, as if
its variance were infinite (m_ij = a_i, C_ij = R_ij, S_ij = S_i), while its weight w_ij still
uses the finite outlier variance. With a finite variance in the update, a single report typed
with extra zeros would move the level and blow up the noise estimate for good.

The filter is written out here because no maintained library has it: statsmodels' state space
models run one Gaussian model (its Markov-switching models switch autoregression parameters,
not DLM disturbances, and do no collapsing); each per-pair update above is a 2-state Kalman
step, checked against statsmodels' Kalman filter in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from .errors import MonitoringInputError
from .validate import number, probability

STEADY, STEP, SLOPE, OUTLIER = "steady", "step", "slope", "outlier"

_G = np.array([[1.0, 1.0], [0.0, 1.0]])


@dataclass(frozen=True)
class StateSpec:
    """One state of the model: its prior probability each period and its disturbance variances.

    Variances are in units of V, the observation noise variance of the steady state. In a state
    that sets the report aside (the outlier) the report weighs the state's probability through
    its broad density but moves no estimate.
    """

    name: str
    prior: float
    noise: float
    level: float
    slope: float
    set_aside: bool = False

    def evolution(self) -> np.ndarray:
        """W_j: the covariance of the (level, slope) disturbance over V."""
        return np.array([[self.level + self.slope, self.slope], [self.slope, self.slope]])


DEFAULT_STATES = (
    StateSpec(STEADY, prior=0.90, noise=1.0, level=0.05, slope=0.001),
    StateSpec(STEP, prior=0.04, noise=1.0, level=100.0, slope=0.001),
    StateSpec(SLOPE, prior=0.02, noise=1.0, level=0.05, slope=10.0),
    StateSpec(OUTLIER, prior=0.04, noise=100.0, level=0.05, slope=0.001, set_aside=True),
)


@dataclass(frozen=True)
class ForecastModel:
    """The settings of the forecaster.

    states: the states, the first being the steady state (the one the interval assumes).
    memory: for how many past periods the state is kept apart before being collapsed; a
        period's state is revised with each of the next `memory` reports, the last revision
        being its verdict.
    interval: the probability of the credible interval.
    prior_dof: how many observations the noise guess is worth.
    noise_guess: the noise standard deviation assumed before any data; None takes
        `relative_noise_guess` times the first value (1 when that is 0).
    slope_spread: the prior standard deviation of the slope, in noise deviations per period.
    """

    states: tuple[StateSpec, ...] = DEFAULT_STATES
    memory: int = 2
    interval: float = 0.99
    prior_dof: float = 2.0
    noise_guess: float | None = None
    relative_noise_guess: float = 0.05
    slope_spread: float = 1.0

    def __post_init__(self) -> None:
        if not self.states:
            raise MonitoringInputError("model states must not be empty")
        names = [s.name for s in self.states]
        if len(set(names)) != len(names):
            raise MonitoringInputError(f"model state names must be distinct, got {names}")
        for s in self.states:
            if not 0 < number(s.prior, f"prior of state {s.name!r}") <= 1:
                raise MonitoringInputError(
                    f"prior of state {s.name!r} must be above 0 and at most 1, got {s.prior!r}")
            for what in ("noise", "level", "slope"):
                if number(getattr(s, what), f"{what} variance of state {s.name!r}") < 0:
                    raise MonitoringInputError(
                        f"{what} variance of state {s.name!r} must not be negative")
            if s.noise == 0:
                raise MonitoringInputError(f"noise variance of state {s.name!r} must be positive")
        total = sum(s.prior for s in self.states)
        if abs(total - 1) > 1e-9:
            raise MonitoringInputError(f"state priors must add up to 1, they add up to {total:g}")
        if type(self.memory) is not int or not 1 <= self.memory <= 4:
            raise MonitoringInputError(
                f"memory must be a whole number from 1 to 4, got {self.memory!r}")
        probability(self.interval, "interval")
        for what in ("prior_dof", "relative_noise_guess", "slope_spread"):
            if number(getattr(self, what), what) <= 0:
                raise MonitoringInputError(f"{what} must be positive, got {getattr(self, what)!r}")
        if self.noise_guess is not None and number(self.noise_guess, "noise_guess") <= 0:
            raise MonitoringInputError(f"noise_guess must be positive, got {self.noise_guess!r}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    def priors(self) -> dict[str, float]:
        return {s.name: s.prior for s in self.states}


@dataclass(frozen=True)
class Forecast:
    """The one-step forecast: its mean, and the interval the value falls in if nothing changes."""

    mean: float
    lower: float
    upper: float
    level: float

    def contains(self, value: float) -> bool:
        return self.lower <= value <= self.upper


@dataclass(frozen=True)
class Revision:
    """The probabilities of the states of the period `lag` reports back, revised with the latest."""

    lag: int
    period: object
    probabilities: Mapping[str, float]


@dataclass(frozen=True)
class ForecastStep:
    """What the filter learned from one period's report.

    forecast: made before the report (None until there is a first report).
    probabilities: of each state in this period, given the reports up to it.
    revisions: of the states of earlier periods, lag 1 (the previous period) first.
    verdict: the last revision of the period `memory` reports back, if there is one; flags
        about that period are raised from it.
    level, slope, noise: the estimates after the report (None before the first report).
    """

    index: int
    period: object
    observed: float | None
    forecast: Forecast | None
    probabilities: Mapping[str, float]
    revisions: tuple[Revision, ...] = ()
    verdict: Revision | None = None
    level: float | None = None
    slope: float | None = None
    noise: float | None = None

    @property
    def previous(self) -> Mapping[str, float] | None:
        """The probabilities of the previous period's states, revised with this report."""
        return self.revisions[0].probabilities if self.revisions else None

    @property
    def outside(self) -> bool:
        """Whether the report fell outside the forecast's credible interval."""
        return (self.observed is not None and self.forecast is not None
                and not self.forecast.contains(self.observed))


@dataclass
class _Mixture:
    """The posterior: one Gaussian–gamma component per run of states of the last `depth`
    periods, components in C order of (oldest state, ..., latest state)."""

    p: np.ndarray  # (K,) probabilities, K = J ** depth
    m: np.ndarray  # (K, 2) means of (level, slope)
    C: np.ndarray  # (K, 2, 2) covariances over V
    S: np.ndarray  # (K,) estimates of V
    n: float       # degrees of freedom
    depth: int     # how many periods' states the components tell apart


class MultiStateForecaster:
    """The Harrison–Stevens filter, fed one report at a time (None or NaN for a missing one)."""

    def __init__(self, model: ForecastModel | None = None) -> None:
        self.model = model or ForecastModel()
        self._prior = np.array([s.prior for s in self.model.states])
        self._W = np.stack([s.evolution() for s in self.model.states])
        self._e = np.array([s.noise for s in self.model.states])
        self._aside = np.array([s.set_aside for s in self.model.states])
        self._state: _Mixture | None = None
        self._index = 0
        self._modelled: list[object] = []  # periods whose states the components tell apart

    def forecast(self) -> Forecast | None:
        """The forecast of the next report, or None before the first one."""
        if self._state is None:
            return None
        st = self._state
        a, _, Q = self._predict(st)
        f = a[:, 0]
        scale = np.sqrt(st.S * Q[:, 0])
        tail = (1 - self.model.interval) / 2
        return Forecast(mean=float(st.p @ f),
                        lower=_mixture_quantile(tail, st.p, f, scale, st.n),
                        upper=_mixture_quantile(1 - tail, st.p, f, scale, st.n),
                        level=self.model.interval)

    def update(self, value: object, period: object = None) -> ForecastStep:
        """Take the report for the next period and say what it shows."""
        name = f"value[{self._index}]" if period is None else f"value for period {period!r}"
        period = self._index if period is None else period
        y = None
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            y = number(value, name)
        prediction = self.forecast()
        revisions: tuple[Revision, ...] = ()
        if self._state is None:
            probabilities = self.model.priors()
            if y is not None:
                self._state = self._start(y)
        else:
            probabilities, revisions = self._advance(y, period)
        verdict = next((r for r in revisions if r.lag == self.model.memory), None)
        step = ForecastStep(index=self._index, period=period, observed=y, forecast=prediction,
                            probabilities=probabilities, revisions=revisions, verdict=verdict,
                            **self._estimates())
        self._index += 1
        return step

    def _start(self, y: float) -> _Mixture:
        guess = self.model.noise_guess
        if guess is None:
            guess = self.model.relative_noise_guess * abs(y) or 1.0
        C = np.diag([self._e[0], self.model.slope_spread ** 2])
        return _Mixture(p=np.ones(1), m=np.array([[y, 0.0]]), C=C[None], S=np.array([guess ** 2]),
                        n=float(self.model.prior_dof), depth=0)

    def _predict(self, st: _Mixture):
        """a_i, R_ij and Q_ij for every component i and current state j."""
        a = st.m @ _G.T
        R = (_G @ st.C @ _G.T)[:, None] + self._W[None]
        Q = R[:, :, 0, 0] + self._e[None]
        return a, R, Q

    def _advance(self, y: float | None, period: object):
        st = self._state
        a, R, Q = self._predict(st)
        k, J = Q.shape
        if y is None:
            w = st.p[:, None] * self._prior[None]
            m = np.broadcast_to(a[:, None], (k, J, 2))
            C, S, n = R, np.broadcast_to(st.S[:, None], (k, J)), st.n
        else:
            err = y - a[:, 0]
            scale = np.sqrt(st.S[:, None] * Q)
            logw = (np.log(st.p)[:, None] + np.log(self._prior)[None]
                    + stats.t.logpdf(err[:, None] / scale, st.n) - np.log(scale))
            # a floor keeps every run of states possible, so no weight divides by zero later
            w = np.maximum(np.exp(logw - logw.max()), np.finfo(float).tiny)
            w /= w.sum()
            A = R[:, :, :, 0] / Q[:, :, None]
            m = a[:, None] + A * err[:, None, None]
            C = R - A[:, :, :, None] * A[:, :, None, :] * Q[:, :, None, None]
            n = st.n + 1
            S = (st.n * st.S[:, None] + err[:, None] ** 2 / Q) / n
            aside = self._aside
            m[:, aside], C[:, aside], S[:, aside] = a[:, None], R[:, aside], st.S[:, None]
        joint = w.reshape((J,) * (st.depth + 1))
        names = self.model.names

        def marginal(axis: int) -> dict[str, float]:
            other = tuple(ax for ax in range(joint.ndim) if ax != axis)
            return dict(zip(names, map(float, joint.sum(axis=other))))

        revisions = tuple(Revision(lag, self._modelled[-lag], marginal(st.depth - lag))
                          for lag in range(1, st.depth + 1))
        groups = J if st.depth == self.model.memory else 1
        self._state = _collapse(w.reshape(groups, -1), m.reshape(groups, -1, 2),
                                C.reshape(groups, -1, 2, 2), S.reshape(groups, -1), n,
                                depth=min(st.depth + 1, self.model.memory))
        self._modelled = (self._modelled + [period])[-self.model.memory:]
        return marginal(st.depth), revisions

    def _estimates(self) -> dict:
        st = self._state
        if st is None:
            return {}
        level, slope = st.p @ st.m
        noise = math.sqrt(1 / float(st.p @ (1 / st.S)))
        return {"level": float(level), "slope": float(slope), "noise": noise}


def _collapse(w, m, C, S, n: float, depth: int) -> _Mixture:
    """One component per column, matching the mean of theta, of 1/V and of (theta-m)(theta-m)'/V
    over the rows (the oldest state, forgotten)."""
    p = w.sum(axis=0)
    share = w / p[None]
    S_new = 1 / (share / S).sum(axis=0)
    m_new = np.einsum("ij,ijk->jk", share, m)
    d = m - m_new[None]
    spread = d[:, :, :, None] * d[:, :, None, :] / S[:, :, None, None]
    C_new = np.einsum("ij,ijkl->jkl", share, C + spread)
    return _Mixture(p=p, m=m_new, C=C_new, S=S_new, n=n, depth=depth)


def _mixture_quantile(q: float, weights, loc, scale, dof: float) -> float:
    """The q-quantile of a mixture of Student t distributions with common degrees of freedom.

    It lies between the smallest and the largest of the components' q-quantiles.
    """
    component = loc + scale * special.stdtrit(dof, q)
    lo, hi = float(component.min()), float(component.max())
    if hi - lo <= 1e-12 * max(1.0, abs(hi)):
        return hi

    def excess(x: float) -> float:
        return float(weights @ special.stdtr(dof, (x - loc) / scale)) - q

    return float(optimize.brentq(excess, lo, hi, xtol=1e-12 * max(1.0, abs(hi))))


def forecast_series(values: Iterable[object], periods: Sequence[object] | None = None,
                    model: ForecastModel | None = None) -> list[ForecastStep]:
    """Run the filter over a whole series of reports (None or NaN for a missing report)."""
    values = list(values)
    if periods is not None and len(periods) != len(values):
        raise MonitoringInputError(
            f"periods has {len(periods)} labels but the series has {len(values)} values")
    forecaster = MultiStateForecaster(model)
    return [forecaster.update(v, None if periods is None else periods[i])
            for i, v in enumerate(values)]


def next_forecast(values: Iterable[object], model: ForecastModel | None = None) -> Forecast | None:
    """The forecast of the report after the given series (None for an empty series)."""
    forecaster = MultiStateForecaster(model)
    for v in values:
        forecaster.update(v)
    return forecaster.forecast()
