"""The one place where the platform calls the pure voting core, ``kurultai.democracy``.

Every counting rule, the ballot-box format, receipts and the audit hash come from there; this
module only translates between the platform's rows and the core's plain data.
"""

from __future__ import annotations

from fractions import Fraction

from kurultai.democracy import (
    BallotError,
    ElectionSpec,
    entry_hash,
    fingerprint,
    make_ballot_box,
    new_receipt,
    normalise_receipt,
    recount,
    refill_seat,
    roll_call,
    signatures_needed,
    tally,
)
from kurultai.democracy.election import canonical_ballot

__all__ = ["BallotError", "audit_hash", "ballot_box", "box_fingerprint", "count", "election_spec",
           "new_receipt", "normalise_receipt", "recount", "refill", "roll_call_result",
           "signatures_for", "validate_choice"]


def election_spec(election, *, electorate: int | None = None) -> ElectionSpec:
    """The core's description of an election: its rule, candidates (option keys), seats, seed."""
    candidates = () if election.rule == "yes-no" else tuple(
        election.options.order_by("key").values_list("key", flat=True))
    return ElectionSpec(id=f"election-{election.pk}", rule=election.rule, candidates=candidates,
                        seats=election.seats, title=election.title, seed=election.seed,
                        electorate=electorate)


def validate_choice(spec: ElectionSpec, choice):
    """Check one ballot against the election; returns its canonical JSON form or raises ValueError."""
    return canonical_ballot(spec, choice, "ballot")


def count(spec: ElectionSpec, choices: list) -> dict:
    """Count the ballots by the election's rule; the JSON form of the core's result."""
    return tally(spec, choices).to_dict()


def ballot_box(spec: ElectionSpec, ballots: list[tuple[str, object]]) -> dict:
    """The publishable box: the election's settings and each ballot under its receipt code."""
    return make_ballot_box(spec, ballots)


def box_fingerprint(box: dict) -> str:
    return fingerprint(box)


def refill(spec: ElectionSpec, choices: list, recalled: str, sitting: list[str]) -> str | None:
    """Who takes a recalled member's seat by the original election's rule (None: nobody left)."""
    return refill_seat(spec, choices, recalled, sitting).replacement


def roll_call_result(votes: dict[str, str], members: list[str], quorum_share) -> dict:
    """Decide a roll call: named votes of the body's members, its quorum share."""
    return roll_call(votes, members, quorum=Fraction(str(quorum_share))).to_dict()


def signatures_for(electors: int, share) -> int:
    return max(1, signatures_needed(electors, Fraction(str(share))))


def audit_hash(prev_hash: str, fields: dict) -> str:
    return entry_hash(prev_hash, fields)
