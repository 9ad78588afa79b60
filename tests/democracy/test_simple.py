"""Approval voting and yes/no questions: hand counts, quorum and thresholds."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kurultai.democracy import (
    ABSOLUTE_MAJORITY,
    SIMPLE_MAJORITY,
    TWO_THIRDS,
    BallotError,
    Threshold,
    approval,
    decide,
    yes_no,
)


def test_approval_counts_and_order():
    ballots = [{"A", "B"}, {"B"}, {"B", "C"}, {"C"}, set()]
    result = approval(ballots, ["A", "B", "C"], seats=2)
    assert result.totals == {"A": 1, "B": 3, "C": 2} and result.ballots == 5
    assert result.elected == ("B", "C") and result.tie_breaks == ()


def test_approval_tie_at_last_seat_is_drawn_by_seeded_lot():
    ballots = [["A", "B", "C"], ["A"], ["B"], ["C"]]
    winners = {approval(ballots, ["A", "B", "C"], 1, seed=str(s)).elected for s in range(20)}
    assert len(winners) > 1
    result = approval(ballots, ["A", "B", "C"], 1, seed="x")
    assert result.tie_breaks[0].tied == ("A", "B", "C") and result.elected == (result.tie_breaks[0].chosen,)
    assert approval(ballots, ["A", "B", "C"], 1, seed="x") == result


def test_approval_rejects_unknown_and_repeated():
    with pytest.raises(BallotError, match="ballot 1: 'Z' is not a candidate"):
        approval([["Z"]], ["A"])
    with pytest.raises(BallotError, match="ballot 1: a candidate is approved twice"):
        approval([["A", "A"]], ["A"])


def test_simple_majority_of_votes_cast():
    assert yes_no(["yes"] * 5 + ["no"] * 4 + ["abstain"] * 10).carried
    assert not yes_no(["yes"] * 5 + ["no"] * 5).carried


def test_two_thirds_is_inclusive():
    assert decide(6, 3, threshold=TWO_THIRDS).carried
    assert not decide(5, 3, threshold=TWO_THIRDS).carried
    assert not decide(0, 0, threshold=TWO_THIRDS).carried


def test_absolute_majority_counts_the_electorate():
    assert not decide(10, 2, electorate=30, threshold=ABSOLUTE_MAJORITY).carried
    assert decide(16, 2, electorate=30, threshold=ABSOLUTE_MAJORITY).carried


def test_quorum_counts_abstentions():
    """Quorum one third of 30 = 10 participants."""
    assert not decide(6, 3, electorate=30, quorum=Fraction(1, 3)).quorum_met
    result = decide(6, 3, 1, electorate=30, quorum=Fraction(1, 3))
    assert result.quorum_met and result.carried and result.participants == 10
    assert not decide(9, 0, electorate=30, quorum=Fraction(1, 3)).carried


def test_bad_inputs_are_named():
    with pytest.raises(BallotError, match="ballot 2: must be one of yes, no, abstain"):
        yes_no(["yes", "maybe"])
    with pytest.raises(BallotError, match="electorate: needed"):
        decide(1, 0, quorum=Fraction(1, 2))
    with pytest.raises(BallotError, match="electorate: 3 is smaller"):
        decide(3, 1, electorate=3)
    with pytest.raises(BallotError, match="threshold base"):
        Threshold(Fraction(1, 2), False, "members")
    assert SIMPLE_MAJORITY.to_dict() == {"share": "1/2", "inclusive": False, "base": "cast"}
