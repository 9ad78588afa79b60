"""An election's settings as plain data, and `tally`: one entry point that counts by its rule.

The platform counts with `tally(spec, ballots)` at the close, and anyone recounts the published
ballot box through the same function, so the live count and a recount share every line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .budget import ballot_shares, independent_markets
from .errors import BallotError
from .irv import instant_runoff
from .simple import SIMPLE_MAJORITY, Threshold, approval, parse_share, yes_no
from .stv import scottish_stv
from .validate import check_approval, check_candidates, check_ranked, check_seats

RULES = ("scottish-stv", "irv", "approval", "yes-no", "independent-markets")
RANKED_RULES = ("scottish-stv", "irv")


@dataclass(frozen=True)
class ElectionSpec:
    """Everything needed to count an election besides the ballots.

    `candidates` are candidate ids (for "independent-markets", the product groups; empty for
    "yes-no"). `seed` keys the reproducible lot; publish it with the ballot box. `withdrawn`
    candidates are skipped on ranked ballots (used when refilling a recalled seat).
    """

    id: str
    rule: str
    candidates: tuple[str, ...] = ()
    seats: int = 1
    title: str = ""
    seed: str = ""
    electorate: int | None = None
    quorum: Fraction = Fraction(0)
    threshold: Threshold = SIMPLE_MAJORITY
    budget: int | None = None
    withdrawn: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if not isinstance(self.id, str) or not self.id:
            raise BallotError(f"election id: must be a non-empty string, got {self.id!r}")
        if self.rule not in RULES:
            raise BallotError(f"election rule: {self.rule!r} is not one of {', '.join(RULES)}")
        object.__setattr__(self, "candidates", check_candidates(self.candidates))
        object.__setattr__(self, "withdrawn", tuple(self.withdrawn))
        check_seats(self.seats)
        if self.rule != "yes-no" and not self.candidates:
            raise BallotError(f"candidates: a {self.rule} election needs at least one")
        if self.rule == "irv" and self.seats != 1:
            raise BallotError("seats: instant runoff fills exactly one seat")
        unknown = sorted(set(self.withdrawn) - set(self.candidates))
        if unknown:
            raise BallotError(f"withdrawn: {unknown[0]!r} is not a candidate")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "rule": self.rule,
            "candidates": list(self.candidates),
            "seats": self.seats,
            "seed": self.seed,
            "electorate": self.electorate,
            "quorum": str(self.quorum),
            "threshold": self.threshold.to_dict(),
            "budget": self.budget,
            "withdrawn": list(self.withdrawn),
        }

    @classmethod
    def from_dict(cls, data: Mapping, where: str = "election") -> ElectionSpec:
        if not isinstance(data, Mapping):
            raise BallotError(f"{where}: expected an object, got {data!r}")
        missing = [k for k in ("id", "rule") if k not in data]
        if missing:
            raise BallotError(f"{where}: the field {missing[0]!r} is missing")
        threshold = data.get("threshold")
        try:
            return cls(
                id=data["id"],
                rule=data["rule"],
                candidates=tuple(data.get("candidates", ())),
                seats=data.get("seats", 1),
                title=data.get("title", ""),
                seed=data.get("seed", ""),
                electorate=data.get("electorate"),
                quorum=parse_share(data.get("quorum", "0"), f"{where}.quorum"),
                threshold=Threshold.from_dict(threshold) if threshold else SIMPLE_MAJORITY,
                budget=data.get("budget"),
                withdrawn=tuple(data.get("withdrawn", ())),
            )
        except (KeyError, TypeError) as exc:
            raise BallotError(f"{where}: malformed setting ({exc})") from exc


def canonical_ballot(spec: ElectionSpec, ballot: object, where: str) -> object:
    """Check one ballot against the election and return it in its JSON form.

    Ranked: a list of ids in preference order. Approval: a sorted list of ids. Yes/no: the
    string. Priority: an object group -> points with the zero entries dropped.
    """
    known = set(spec.candidates)
    if spec.rule in RANKED_RULES:
        return list(check_ranked(ballot, known, where))
    if spec.rule == "approval":
        return sorted(check_approval(ballot, known, where))
    if spec.rule == "yes-no":
        if ballot not in ("yes", "no", "abstain"):
            raise BallotError(f"{where}: must be 'yes', 'no' or 'abstain', got {ballot!r}")
        return ballot
    if not isinstance(ballot, Mapping):
        raise BallotError(f"{where}: a priority ballot maps groups to points, got {ballot!r}")
    ballot_shares(ballot, spec.candidates, where, spec.budget)
    return {g: ballot[g] for g in spec.candidates if g in ballot and ballot[g] != 0}


def tally(spec: ElectionSpec, ballots: Iterable[object]):
    """Count `ballots` by the election's rule; returns that rule's result object."""
    ballots = list(ballots)
    if spec.rule == "scottish-stv":
        return scottish_stv(ballots, spec.candidates, spec.seats, withdrawn=spec.withdrawn, seed=spec.seed)
    if spec.rule == "irv":
        return instant_runoff(ballots, spec.candidates, withdrawn=spec.withdrawn, seed=spec.seed)
    if spec.rule == "approval":
        return approval(ballots, spec.candidates, spec.seats, seed=spec.seed)
    if spec.rule == "yes-no":
        return yes_no(ballots, electorate=spec.electorate, quorum=spec.quorum, threshold=spec.threshold)
    return independent_markets(ballots, spec.candidates, budget=spec.budget)
