"""Independent Markets aggregation of priority ballots: worked examples by hand, the defining
median equation recomputed from scratch, proportionality and strategy-proofness."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kurultai.democracy import BallotError, independent_markets
from kurultai.democracy.budget import ballot_shares


def phantom_median(values, t):
    """The definition, by sorting: median of the n ballot values and the n + 1 phantoms
    f_k(t) = min(t (n - k), 1), k = 0..n."""
    n = len(values)
    pool = sorted(list(values) + [min(t * (n - k), Fraction(1)) for k in range(n + 1)])
    return pool[n]


def test_two_members_agreeing_on_half():
    """By hand. Two ballots over food, water, health: (1/2, 1/2, 0) and (1/2, 0, 1/2).
    Phantoms for n = 2: 0, min(t, 1), min(2t, 1); each group's median is the 3rd smallest of 5.
    food: {1/2, 1/2, 0, t, 2t} -> min(2t, 1/2); water and health: {0, 1/2, 0, t, 2t} -> t
    (for t <= 1/2). Sum min(2t, 1/2) + 2t = 1 gives t = 1/4: food 1/2, water 1/4, health 1/4.
    The agreed half goes to food; the contested half is split evenly.
    """
    result = independent_markets([{"food": 1, "water": 1}, {"food": 1, "health": 1}],
                                 ["food", "water", "health"])
    assert result.shares == {"food": Fraction(1, 2), "water": Fraction(1, 4), "health": Fraction(1, 4)}
    assert result.t == Fraction(1, 4)


def test_three_members_worked_example():
    """By hand. Ten points each over food, housing, health:
    member 1 (6, 4, 0), member 2 (2, 8, 0), member 3 (2, 2, 6); n = 3, phantoms 0, t, 2t, 3t
    (capped at 1); each median is the 4th smallest of 7.
    Coordinate-wise medians would be food 0.2, housing 0.4, health 0: they sum to 0.6, not 1.
    For t in [0.2, 0.4]: food {0.2, 0.2, 0.6, 0, t, 2t, 3t} -> 4th smallest is t;
    housing {0.2, 0.4, 0.8, 0, t, 2t, 3t} -> 0.4; health {0, 0, 0.6, 0, t, 2t, 3t} -> t.
    t + 0.4 + t = 1 gives t = 0.3, inside the interval: food 0.3, housing 0.4, health 0.3.
    """
    ballots = [{"food": 6, "housing": 4}, {"food": 2, "housing": 8},
               {"food": 2, "housing": 2, "health": 6}]
    result = independent_markets(ballots, ["food", "housing", "health"], budget=10)
    assert result.shares == {"food": Fraction(3, 10), "housing": Fraction(2, 5), "health": Fraction(3, 10)}
    assert result.t == Fraction(3, 10)


def test_single_minded_members_get_proportional_shares():
    """Each member puts everything on one group: the groups get the members' proportions."""
    ballots = [{"energy": 100}] * 5 + [{"water": 100}] * 3 + [{"school": 100}] * 2
    result = independent_markets(ballots, ["energy", "water", "school", "roads"])
    assert result.shares == {"energy": Fraction(1, 2), "water": Fraction(3, 10),
                             "school": Fraction(1, 5), "roads": 0}


def test_points_are_read_as_proportions_of_each_ballot():
    a = independent_markets([{"x": 3, "y": 7}, {"x": 1}], ["x", "y"])
    b = independent_markets([{"x": 30, "y": 70}, {"x": "0.5"}], ["x", "y"])
    assert a.shares == b.shares


@pytest.mark.parametrize("ballot, message", [
    ({"x": -1, "y": 2}, r"ballot 1, group 'x': points must not be negative"),
    ({"q": 1}, "ballot 1: 'q' is not a product group"),
    ({"x": 0}, "ballot 1: gives no points"),
    ({"x": 4, "y": 5}, "ballot 1: points add up to 9, not to the budget of 10"),
    ({"x": "lots"}, r"ballot 1, group 'x': 'lots' is not a number"),
    ([1, 2], "ballot 1: a priority ballot maps groups"),
])
def test_bad_ballots_are_named(ballot, message):
    with pytest.raises(BallotError, match=message):
        independent_markets([ballot], ["x", "y"], budget=10)


ballot_lists = st.integers(1, 5).flatmap(lambda m: st.lists(
    st.lists(st.integers(0, 6), min_size=m, max_size=m).filter(any), min_size=1, max_size=7))


def as_ballots(rows):
    return [{f"g{j}": p for j, p in enumerate(row)} for row in rows]


@settings(max_examples=300, deadline=None)
@given(ballot_lists)
def test_outcome_solves_the_defining_equation(rows):
    groups = [f"g{j}" for j in range(len(rows[0]))]
    result = independent_markets(as_ballots(rows), groups)
    assert sum(result.shares.values()) == 1 and 0 <= result.t <= 1
    shares = [ballot_shares(b, groups, "b") for b in as_ballots(rows)]
    for j, group in enumerate(groups):
        assert result.shares[group] == phantom_median([s[j] for s in shares], result.t)


def l1(p, q):
    return sum(abs(a - b) for a, b in zip(p, q))


@settings(max_examples=300, deadline=None)
@given(ballot_lists, st.data())
def test_no_member_gains_by_misreporting(rows, data):
    """Strategy-proofness for l1 preferences: a member's misreport never brings the outcome closer
    (in l1 distance) to that member's true proposal."""
    m = len(rows[0])
    groups = [f"g{j}" for j in range(m)]
    liar = data.draw(st.integers(0, len(rows) - 1))
    lie = data.draw(st.lists(st.integers(0, 6), min_size=m, max_size=m).filter(any))
    truth = ballot_shares(as_ballots([rows[liar]])[0], groups, "truth")
    honest = independent_markets(as_ballots(rows), groups).shares
    forged = independent_markets(as_ballots(rows[:liar] + [lie] + rows[liar + 1:]), groups).shares
    assert l1(truth, [honest[g] for g in groups]) <= l1(truth, [forged[g] for g in groups])
