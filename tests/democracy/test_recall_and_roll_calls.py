"""Recall petitions and votes, refilling a seat by the original rule, kurultai roll calls."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kurultai.democracy import (
    TWO_THIRDS,
    BallotError,
    ElectionSpec,
    petition_threshold_reached,
    quorum_met,
    recall_vote,
    refill_seat,
    roll_call,
    signatures_needed,
    tally,
)


def test_petition_threshold_rounds_up():
    assert signatures_needed(100, Fraction(1, 5)) == 20
    assert signatures_needed(101, Fraction(1, 5)) == 21
    assert not petition_threshold_reached(20, 101, Fraction(1, 5))
    assert petition_threshold_reached(21, 101, Fraction(1, 5))
    with pytest.raises(BallotError, match="signatures"):
        petition_threshold_reached(102, 101, Fraction(1, 5))


def test_recall_vote_needs_quorum_and_majority():
    assert recall_vote(30, 20, electorate=100, quorum=Fraction(1, 2)).carried
    assert not recall_vote(30, 19, electorate=100, quorum=Fraction(1, 2)).carried
    assert not recall_vote(30, 30, electorate=100).carried


def test_stv_seat_refilled_by_recount_without_the_recalled_member():
    """By hand: 2 seats, 11 ballots, quota floor(11/3) + 1 = 4. Original count: A 5 (A>B),
    C 4 (C>D), D 2, B 1: A and C elected at stage 1. A is recalled. Recount with A withdrawn:
    the five A>B ballots count for B from the start: B 6, C 4, D 2, so B and C are elected; C
    already sits, so B takes the seat."""
    spec = ElectionSpec(id="e", rule="scottish-stv", candidates=("A", "B", "C", "D"), seats=2)
    ballots = [["A", "B"]] * 5 + [["C", "D"]] * 4 + [["D"]] * 2 + [["B"]]
    assert set(tally(spec, ballots).elected) == {"A", "C"}
    refill = refill_seat(spec, ballots, "A", ["C"])
    assert refill.replacement == "B" and refill.recount.withdrawn == ("A",)
    assert refill_seat(spec, ballots, "A", ["C"], declined=["B"]).replacement == "D"


def test_irv_seat_refilled_by_runoff_without_the_recalled():
    spec = ElectionSpec(id="e", rule="irv", candidates=("A", "B", "C"))
    ballots = [["A", "C"]] * 6 + [["B"]] * 3 + [["C", "B"]] * 2
    assert tally(spec, ballots).winner == "A"
    assert refill_seat(spec, ballots, "A", []).replacement == "C"


def test_approval_seat_goes_to_most_approved_newcomer():
    spec = ElectionSpec(id="e", rule="approval", candidates=("A", "B", "C", "D"), seats=2)
    ballots = [{"A", "B"}, {"A", "C"}, {"B", "C"}, {"A"}, {"D"}]
    assert refill_seat(spec, ballots, "A", ["B"]).replacement == "C"


def test_refill_refuses_nonsense():
    spec = ElectionSpec(id="e", rule="irv", candidates=("A", "B"))
    with pytest.raises(BallotError, match="recalled: 'Z' is not a candidate"):
        refill_seat(spec, [], "Z", [])
    with pytest.raises(BallotError, match="yes-no vote elects nobody"):
        refill_seat(ElectionSpec(id="q", rule="yes-no"), [], "A", [])


def test_roll_call_records_names_quorum_and_outcome():
    members = [f"d{i}" for i in range(9)]
    votes = {"d0": "yes", "d1": "yes", "d2": "no", "d3": "no", "d4": "yes", "d5": "abstain"}
    result = roll_call(votes, members)
    assert result.votes["d8"] == "absent" and result.present == 6
    assert result.quorum_met and result.carried
    assert not roll_call(votes, members, threshold=TWO_THIRDS).carried
    assert not roll_call({"d0": "yes", "d1": "yes"}, members).carried
    assert quorum_met(5, 9, Fraction(1, 2)) and not quorum_met(4, 9, Fraction(1, 2))
    with pytest.raises(BallotError, match="'x9' is not a member"):
        roll_call({"x9": "yes"}, members)
    with pytest.raises(BallotError, match=r"votes\['d1'\]: must be one of"):
        roll_call({"d1": "maybe"}, members)
