"""Beer's indices and plan deviations on worked examples, with zero denominators and bad input."""

import pytest

from kurultai.monitoring import (
    MonitoringInputError,
    beer_indices,
    beer_series,
    deviation,
    deviations,
)


def test_worked_example_of_the_three_indices():
    # a bakery baked 600 loaves; its ovens and crew could bake 800; with the mill repaired 1000
    ix = beer_indices(600, 800, 1000)
    assert (ix.productivity, ix.latency, ix.performance) == (0.75, 0.8, 0.6)
    assert ix.performance == pytest.approx(ix.productivity * ix.latency, rel=1e-15)


def test_more_than_capability_gives_a_productivity_above_one():
    assert beer_indices(900, 800, 1000).productivity == 1.125


def test_zero_denominators_are_undefined_not_zero_or_infinite():
    ix = beer_indices(0, 0, 50)
    assert (ix.productivity, ix.latency, ix.performance) == (None, 0.0, 0.0)
    ix = beer_indices(5, 0, 0)
    assert (ix.productivity, ix.latency, ix.performance) == (None, None, None)


def test_series_keeps_period_labels():
    rows = beer_series([60, 70], [80, 70], [100, 100], periods=["2024-01", "2024-02"])
    assert [(r.period, r.productivity, r.latency, r.performance) for r in rows] == [
        ("2024-01", 0.75, 0.8, 0.6), ("2024-02", 1.0, 0.7, 0.7)]
    assert [r.period for r in beer_series([1], [2], [3])] == [0]


def test_bad_indicator_input_names_the_field():
    with pytest.raises(MonitoringInputError,
                       match=r"capability for period '2024-02' must not be negative, got -1"):
        beer_series([60, 70], [80, -1], [100, 100], periods=["2024-01", "2024-02"])
    with pytest.raises(MonitoringInputError, match=r"potentiality\[0\] must be a finite number"):
        beer_series([60], [80], [float("nan")])
    with pytest.raises(MonitoringInputError, match="actuality must be a number, got True"):
        beer_indices(True, 1, 1)
    with pytest.raises(MonitoringInputError,
                       match="one value per period: actuality has 2, capability has 1, "
                             "potentiality has 2"):
        beer_series([1, 2], [1], [1, 2])


def test_deviation_worked_examples():
    rows = deviations([100, 0, 0, 50, 80], [90, 0, 5, 60, 80], periods=list("abcde"))
    assert [(r.period, r.absolute, r.relative, r.unplanned) for r in rows] == [
        ("a", -10.0, -0.1, False),
        ("b", 0.0, 0.0, False),   # nothing planned, nothing made: on plan
        ("c", 5.0, None, True),   # nothing planned, 5 made: no relative deviation
        ("d", 10.0, 0.2, False),
        ("e", 0.0, 0.0, False),
    ]
    assert deviation(200, 150, period="2024-05") == rows[0].__class__(
        plan=200.0, actual=150.0, absolute=-50.0, relative=-0.25, period="2024-05")


def test_bad_deviation_input_names_the_field():
    with pytest.raises(MonitoringInputError, match=r"actual\[1\] must not be negative, got -3"):
        deviations([1, 2], [1, -3])
    with pytest.raises(MonitoringInputError, match="plan for period 'x' must be a number, got '7'"):
        deviation("7", 1, period="x")
    with pytest.raises(MonitoringInputError, match="plan has 2, actual has 1, periods has 3"):
        deviations([1, 2], [1], periods=["a", "b", "c"])
