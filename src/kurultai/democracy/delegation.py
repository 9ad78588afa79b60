"""Public roll-call votes of delegates in the kurultai, with quorum and threshold.

A roll call records each delegate's vote by name (delegates answer to those who elected them).
The quorum counts the delegates present, abstainers included, against the body's membership.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import BallotError
from .simple import SIMPLE_MAJORITY, Threshold, YesNoResult, decide
from .validate import check_candidates

ROLL_CALL_CHOICES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class RollCall:
    """Each member's recorded vote ("absent" for those who did not answer) and the decision."""

    votes: dict[str, str]
    decision: YesNoResult

    @property
    def present(self) -> int:
        return self.decision.participants

    @property
    def carried(self) -> bool:
        return self.decision.carried

    @property
    def quorum_met(self) -> bool:
        return self.decision.quorum_met

    def to_dict(self) -> dict:
        return {"votes": dict(self.votes), "present": self.present, **self.decision.to_dict()}


def quorum_met(present: int, members: int, quorum: Fraction) -> bool:
    """Whether `present` of `members` reaches the quorum share."""
    if not 0 <= present <= members:
        raise BallotError(f"present: must lie between 0 and {members}, got {present}")
    return present >= quorum * members


def roll_call(
    votes: Mapping[str, str],
    members: Sequence[str],
    *,
    quorum: Fraction = Fraction(1, 2),
    threshold: Threshold = SIMPLE_MAJORITY,
) -> RollCall:
    """Decide a motion from named votes; members with no recorded vote count as absent."""
    roll = check_candidates(members, "members")
    known = set(roll)
    for delegate, vote in votes.items():
        if delegate not in known:
            raise BallotError(f"votes: {delegate!r} is not a member of this body")
        if vote not in ROLL_CALL_CHOICES:
            raise BallotError(f"votes[{delegate!r}]: must be one of {', '.join(ROLL_CALL_CHOICES)}, got {vote!r}")
    recorded = {m: votes.get(m, "absent") for m in roll}
    counts = {choice: sum(1 for v in recorded.values() if v == choice) for choice in ROLL_CALL_CHOICES}
    decision = decide(counts["yes"], counts["no"], counts["abstain"], electorate=len(roll),
                      quorum=quorum, threshold=threshold)
    return RollCall(recorded, decision)
