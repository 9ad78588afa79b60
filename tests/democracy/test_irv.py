"""Instant runoff: hand-counted rounds and agreement with pref_voting's `instant_runoff`."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pref_voting.iterative_methods import instant_runoff as pv_instant_runoff
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies

from kurultai.democracy import BallotError, instant_runoff


def test_first_round_leader_can_lose():
    """By hand: 20 ballots, A 8, B>C 5, C>B 4, D>C 3; a majority needs more than half.

    Round 1: A 8, B 5, C 4, D 3 -> D eliminated, 3 to C. Round 2: A 8, B 5, C 7 -> B
    eliminated, 5 to C. Round 3: A 8, C 12 of 20: C elected.
    """
    ballots = [["A"]] * 8 + [["B", "C"]] * 5 + [["C", "B"]] * 4 + [["D", "C"]] * 3
    result = instant_runoff(ballots, ["A", "B", "C", "D"])
    assert [r.totals for r in result.rounds] == [
        {"A": 8, "B": 5, "C": 4, "D": 3}, {"A": 8, "B": 5, "C": 7}, {"A": 8, "C": 12}]
    assert [r.eliminated for r in result.rounds] == ["D", "B", None]
    assert result.rounds[1].transfers == {"C": 3, "D": -3}
    assert result.winner == "C" and result.rounds[-1].elected == "C"


def test_majority_is_of_continuing_ballots():
    """By hand: A 4, B 3, C 2 (ranking only C). Round 1: no one above 4.5; C eliminated and
    both C ballots exhaust. Round 2: A 4 of the 7 continuing ballots, a majority: A elected."""
    result = instant_runoff([["A"]] * 4 + [["B"]] * 3 + [["C"]] * 2, ["A", "B", "C"])
    assert result.winner == "A" and len(result.rounds) == 2
    assert result.rounds[1].exhausted == 2 and result.rounds[1].exhausted_total == 2


def test_no_valid_ballot_elects_nobody():
    result = instant_runoff([[], ["X"]], ["X", "Y"], withdrawn=["X"])
    assert result.winner is None and result.ballots_without_preference == 2


def test_elimination_tie_uses_earlier_round_then_lot():
    """Round 1: A 3, B 2, C 2, D 1 (D>B). D out, B 3; round 2: A 3, B 3, C 2: C out, no tie.
    Round 3: A 3, B 3 (+C's 2 exhaust): tie; at round 2 they were equal, at round 1 A 3 > B 2,
    so B is eliminated and A wins."""
    ballots = [["A"]] * 3 + [["B"]] * 2 + [["C"]] * 2 + [["D", "B"]]
    result = instant_runoff(ballots, ["A", "B", "C", "D"], seed="t")
    tie = result.rounds[2].tie_break
    assert (tie.method, tie.decided_at_stage, tie.chosen) == ("earlier stage", 1, "B")
    assert result.winner == "A"


def test_bad_ballot_is_named():
    with pytest.raises(BallotError, match="ballot 2: preference 1 names 'Q'"):
        instant_runoff([["A"], ["Q"]], ["A", "B"])


@st.composite
def profiles(draw, complete):
    m = draw(st.integers(2, 7))
    candidates = [f"c{i}" for i in range(m)]
    rankings = st.permutations(candidates)
    if not complete:
        rankings = rankings.flatmap(lambda p: st.integers(1, m).map(lambda k: p[:k]))
    return candidates, draw(st.lists(rankings, min_size=1, max_size=60))


@settings(max_examples=300, deadline=None)
@given(profiles(complete=True))
def test_agrees_with_pref_voting_on_complete_rankings(profile):
    """pref_voting eliminates all equal-lowest candidates at once; without ties the rules coincide."""
    candidates, ballots = profile
    ours = instant_runoff(ballots, candidates)
    assume(not ours.tie_breaks)
    theirs = pv_instant_runoff(Profile([[int(c[1:]) for c in b] for b in ballots]))
    assert [f"c{c}" for c in theirs] == [ours.winner]


@settings(max_examples=300, deadline=None)
@given(profiles(complete=False))
def test_agrees_with_pref_voting_on_truncated_rankings(profile):
    candidates, ballots = profile
    ours = instant_runoff(ballots, candidates)
    assume(not ours.tie_breaks)
    prof = ProfileWithTies([{int(c[1:]): r for r, c in enumerate(b, 1)} for b in ballots],
                           candidates=list(range(len(candidates))))
    assert [f"c{c}" for c in pv_instant_runoff(prof)] == [ours.winner]
