"""Recall of a delegate: the petition threshold, the recall vote, and refilling the seat.

Refilling rule (by the original election's rule, on its original ballots):

* ranked rules (Scottish STV, instant runoff): recount the original ballots with the recalled
  member withdrawn, as if they had never stood, for the original number of seats. The seat goes
  to the first candidate, in order of election, who is not a sitting member. Sitting members
  keep their seats whatever the recount says about them. Withdrawing rather than excluding
  mid-count means the recalled member's voters are counted from their next preference at full
  value, so the recount stays proportional; taking the first newcomer in order of election
  gives the seat to the strongest candidate that the voters' own rankings put next.
* approval: the most approved candidate who is neither recalled nor sitting (ties by the
  election's seeded lot).

Candidates who decline the seat are passed over (withdrawn too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from .election import ElectionSpec, tally
from .errors import BallotError
from .simple import SIMPLE_MAJORITY, Threshold, YesNoResult, decide
from .ties import lot_order


def signatures_needed(electors: int, share: Fraction) -> int:
    """The smallest number of signatures that is at least `share` of the electors."""
    if isinstance(electors, bool) or not isinstance(electors, int) or electors < 0:
        raise BallotError(f"electors: must be a non-negative integer, got {electors!r}")
    if not 0 < share <= 1:
        raise BallotError(f"petition share: must lie in (0, 1], got {share}")
    return math.ceil(Fraction(share) * electors)


def petition_threshold_reached(signatures: int, electors: int, share: Fraction) -> bool:
    """Whether a recall petition has enough distinct signatures to open a recall vote."""
    if isinstance(signatures, bool) or not isinstance(signatures, int) or not 0 <= signatures <= electors:
        raise BallotError(f"signatures: must be an integer between 0 and {electors}, got {signatures!r}")
    return signatures >= signatures_needed(electors, share)


def recall_vote(
    yes: int,
    no: int,
    abstain: int = 0,
    *,
    electorate: int,
    quorum: Fraction = Fraction(0),
    threshold: Threshold = SIMPLE_MAJORITY,
) -> YesNoResult:
    """Whether a recall vote is carried ("yes" means recall), by the committee's quorum and threshold."""
    return decide(yes, no, abstain, electorate=electorate, quorum=quorum, threshold=threshold)


@dataclass(frozen=True)
class Refill:
    """The replacement (None if no candidate is left) and the recount it came from."""

    recalled: str
    sitting: tuple[str, ...]
    replacement: str | None
    recount: object

    def to_dict(self) -> dict:
        return {
            "recalled": self.recalled,
            "sitting": list(self.sitting),
            "replacement": self.replacement,
            "recount": self.recount.to_dict(),
        }


def refill_seat(
    spec: ElectionSpec,
    ballots: Iterable[object],
    recalled: str,
    sitting: Sequence[str],
    *,
    declined: Sequence[str] = (),
) -> Refill:
    """Choose who takes a recalled member's seat, by the rule of the original election."""
    if spec.rule not in ("scottish-stv", "irv", "approval"):
        raise BallotError(f"refill: a {spec.rule} vote elects nobody, so it has no seat to refill")
    known = set(spec.candidates)
    for name, group in (("recalled", [recalled]), ("sitting", sitting), ("declined", declined)):
        unknown = [c for c in group if c not in known]
        if unknown:
            raise BallotError(f"{name}: {unknown[0]!r} is not a candidate of election {spec.id}")
    if recalled in sitting:
        raise BallotError(f"sitting: {recalled!r} is the recalled member and cannot also be sitting")
    ballots = list(ballots)
    if spec.rule == "approval":
        result = tally(spec, ballots)
        barred = {recalled, *sitting, *declined}
        best = max((result.totals[c] for c in spec.candidates if c not in barred), default=None)
        replacement = None
        if best is not None:
            tied = [c for c in spec.candidates if c not in barred and result.totals[c] == best]
            replacement = lot_order(spec.seed, "refill", tied)[0]
        return Refill(recalled, tuple(sitting), replacement, result)
    withdrawn = tuple(dict.fromkeys((*spec.withdrawn, recalled, *declined)))
    recount_spec = replace(spec, withdrawn=withdrawn)
    result = tally(recount_spec, ballots)
    newcomers = [c for c in result.elected if c not in sitting]
    return Refill(recalled, tuple(sitting), newcomers[0] if newcomers else None, result)
