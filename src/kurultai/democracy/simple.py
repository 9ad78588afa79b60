"""Approval voting and yes/no questions with quorum and threshold.

Approval: each ballot approves any set of candidates; the `seats` candidates with the most
approvals are elected; a tie at the last seat is settled by the seeded lot of `ties`.

Yes/no: a question is carried when the quorum is met (enough of the electorate took part,
abstentions included) and the yes votes pass the threshold, measured either against the votes
cast (yes + no) or against the whole electorate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import BallotError
from .ties import TieBreak, lot_order
from .validate import check_approval, check_candidates, check_seats

APPROVAL = "approval"
YES_NO = "yes-no"
CHOICES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class ApprovalResult:
    """Approvals per candidate and the elected, most approved first."""

    candidates: tuple[str, ...]
    seats: int
    ballots: int
    totals: dict[str, int]
    elected: tuple[str, ...]
    tie_breaks: tuple[TieBreak, ...]
    seed: str
    rule: str = APPROVAL

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "rule_name": "Approval voting (most approvals win)",
            "candidates": list(self.candidates),
            "seats": self.seats,
            "ballots": self.ballots,
            "totals": dict(self.totals),
            "elected": list(self.elected),
            "tie_breaks": [t.to_dict() for t in self.tie_breaks],
            "seed": self.seed,
        }


def approval(
    ballots: Iterable[Iterable[str]], candidates: Sequence[str], seats: int = 1, *, seed: str = ""
) -> ApprovalResult:
    """Count approval ballots (sets of candidate ids) for `seats` seats."""
    names = check_candidates(candidates)
    check_seats(seats)
    known = set(names)
    totals = {c: 0 for c in names}
    count = 0
    for i, ballot in enumerate(ballots):
        for candidate in check_approval(ballot, known, f"ballot {i + 1}"):
            totals[candidate] += 1
        count += 1
    order = sorted(names, key=lambda c: -totals[c])
    elected = order[:seats]
    ties: list[TieBreak] = []
    if len(order) > seats and totals[order[seats - 1]] == totals[order[seats]]:
        boundary = totals[order[seats - 1]]
        tied = sorted(c for c in names if totals[c] == boundary)
        above = [c for c in elected if totals[c] > boundary]
        drawn = lot_order(seed, "last seat@1", tied)[: seats - len(above)]
        for chosen in drawn:
            ties.append(TieBreak(1, "last seat", tuple(tied), "lot", None, chosen))
        elected = above + drawn
    return ApprovalResult(names, seats, count, totals, tuple(elected), tuple(ties), seed)


@dataclass(frozen=True)
class Threshold:
    """What share of yes votes carries a question, and of what base ("cast" or "electorate")."""

    share: Fraction
    inclusive: bool
    base: str

    def __post_init__(self):
        if self.base not in ("cast", "electorate"):
            raise BallotError(f"threshold base: must be 'cast' or 'electorate', got {self.base!r}")
        if not 0 <= self.share <= 1:
            raise BallotError(f"threshold share: must lie in [0, 1], got {self.share}")

    def passed(self, yes: int, base_count: int) -> bool:
        if self.inclusive:
            return yes >= self.share * base_count and yes > 0
        return yes > self.share * base_count

    def to_dict(self) -> dict:
        return {"share": str(self.share), "inclusive": self.inclusive, "base": self.base}

    @classmethod
    def from_dict(cls, data: dict) -> Threshold:
        return cls(parse_share(data["share"], "threshold share"), bool(data["inclusive"]), data["base"])


SIMPLE_MAJORITY = Threshold(Fraction(1, 2), inclusive=False, base="cast")
TWO_THIRDS = Threshold(Fraction(2, 3), inclusive=True, base="cast")
ABSOLUTE_MAJORITY = Threshold(Fraction(1, 2), inclusive=False, base="electorate")


def parse_share(value: object, what: str) -> Fraction:
    """A share in [0, 1] from a Fraction, an int, or a string such as "1/3" or "0.25"."""
    if isinstance(value, bool) or not isinstance(value, (int, str, Fraction)):
        raise BallotError(f"{what}: expected a fraction such as '1/3', got {value!r}")
    try:
        share = Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise BallotError(f"{what}: {value!r} is not a fraction") from exc
    if not 0 <= share <= 1:
        raise BallotError(f"{what}: must lie between 0 and 1, got {value!r}")
    return share


@dataclass(frozen=True)
class YesNoResult:
    """Counts, participation, and whether the quorum was met and the question carried."""

    yes: int
    no: int
    abstain: int
    electorate: int | None
    quorum: Fraction
    threshold: Threshold
    quorum_met: bool
    carried: bool
    rule: str = YES_NO

    @property
    def participants(self) -> int:
        return self.yes + self.no + self.abstain

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "participants": self.participants,
            "electorate": self.electorate,
            "quorum": str(self.quorum),
            "threshold": self.threshold.to_dict(),
            "quorum_met": self.quorum_met,
            "carried": self.carried,
        }


def decide(
    yes: int,
    no: int,
    abstain: int = 0,
    *,
    electorate: int | None = None,
    quorum: Fraction = Fraction(0),
    threshold: Threshold = SIMPLE_MAJORITY,
) -> YesNoResult:
    """Decide a yes/no question from its counts.

    The quorum is a share of the electorate that must take part (abstaining counts as taking
    part); a quorum above zero, or a threshold measured against the electorate, needs the
    electorate's size.
    """
    for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BallotError(f"{name}: must be a non-negative integer, got {value!r}")
    needs_electorate = quorum > 0 or threshold.base == "electorate"
    if electorate is None and needs_electorate:
        raise BallotError("electorate: needed for a quorum or an electorate-based threshold")
    if electorate is not None and (isinstance(electorate, bool) or not isinstance(electorate, int)
                                   or electorate < yes + no + abstain):
        raise BallotError(f"electorate: {electorate!r} is smaller than the {yes + no + abstain} who voted")
    participants = yes + no + abstain
    quorum_met = electorate is None or participants >= quorum * electorate
    base = yes + no if threshold.base == "cast" else electorate
    carried = quorum_met and threshold.passed(yes, base)
    return YesNoResult(yes, no, abstain, electorate, quorum, threshold, quorum_met, carried)


def yes_no(
    ballots: Iterable[str],
    *,
    electorate: int | None = None,
    quorum: Fraction = Fraction(0),
    threshold: Threshold = SIMPLE_MAJORITY,
) -> YesNoResult:
    """Count ballots each reading "yes", "no" or "abstain", then `decide`."""
    counts = {choice: 0 for choice in CHOICES}
    for i, ballot in enumerate(ballots):
        if ballot not in counts:
            raise BallotError(f"ballot {i + 1}: must be one of {', '.join(CHOICES)}, got {ballot!r}")
        counts[ballot] += 1
    return decide(counts["yes"], counts["no"], counts["abstain"], electorate=electorate,
                  quorum=quorum, threshold=threshold)
