"""Pure voting rules, tallies, recall and ballot secrecy primitives (no web framework).

Candidates are string ids; a ranked ballot is a list of ids in preference order, an approval
ballot a set (or list) of ids, a yes/no ballot one of "yes", "no", "abstain", and a priority
ballot a mapping product group -> points. Every result is a frozen dataclass with `to_dict()`
giving plain JSON.

Counting rules
    scottish_stv(ballots, candidates, seats, *, withdrawn=(), seed="") -> STVResult
    instant_runoff(ballots, candidates, *, withdrawn=(), seed="") -> IRVResult
    approval(ballots, candidates, seats=1, *, seed="") -> ApprovalResult
    yes_no(ballots, *, electorate=None, quorum=Fraction(0), threshold=SIMPLE_MAJORITY) -> YesNoResult
    decide(yes, no, abstain=0, *, electorate=None, quorum=..., threshold=...) -> YesNoResult
    independent_markets(ballots, groups, *, budget=None) -> BudgetResult
    targets_and_weights(shares, base_targets, groups, anchor=0.5, cap=1.5) -> TargetsAndWeights
        (priorities.py: aggregated shares of product groups -> the planner's targets and weights)
    Threshold(share, inclusive, base); SIMPLE_MAJORITY, TWO_THIRDS, ABSOLUTE_MAJORITY

Elections and ballot boxes
    ElectionSpec(id, rule, candidates=(), seats=1, title="", seed="", electorate=None,
                 quorum=Fraction(0), threshold=SIMPLE_MAJORITY, budget=None, withdrawn=())
    tally(spec, ballots) -> the rule's result;  RULES
    canonical_ballot(spec, ballot, where) -> the ballot's JSON form (raises BallotError)
    new_receipt() -> str;  normalise_receipt(text) -> str
    make_ballot_box(spec, [(receipt, ballot), ...]) -> dict;  read_ballot_box(box)
    fingerprint(box) -> "sha256:..."; recount(box) -> result; find_ballot(box, receipt)

Audit log
    append_entry(chain, fields) -> dict; entry_hash(prev_hash, fields) -> str
    verify_chain(entries, expected_head=None) -> ChainBreak | None;  GENESIS

Recall and the kurultai
    signatures_needed(electors, share); petition_threshold_reached(signatures, electors, share)
    recall_vote(yes, no, abstain=0, *, electorate, quorum=..., threshold=...) -> YesNoResult
    refill_seat(spec, ballots, recalled, sitting, *, declined=()) -> Refill
    roll_call(votes, members, *, quorum=Fraction(1, 2), threshold=SIMPLE_MAJORITY) -> RollCall
    quorum_met(present, members, quorum) -> bool

Errors: BallotError (a ValueError) whose message names the ballot or setting at fault.
"""

from .audit import GENESIS, ChainBreak, append_entry, entry_hash, verify_chain
from .ballots import (
    canonical_json,
    find_ballot,
    fingerprint,
    make_ballot_box,
    new_receipt,
    normalise_receipt,
    read_ballot_box,
    recount,
)
from .budget import BudgetResult, independent_markets
from .delegation import RollCall, quorum_met, roll_call
from .election import RULES, ElectionSpec, canonical_ballot, tally
from .errors import BallotError
from .irv import IRVResult, IRVRound, instant_runoff
from .priorities import RuleError, TargetsAndWeights, targets_and_weights
from .recall import Refill, petition_threshold_reached, recall_vote, refill_seat, signatures_needed
from .simple import (
    ABSOLUTE_MAJORITY,
    SIMPLE_MAJORITY,
    TWO_THIRDS,
    ApprovalResult,
    Threshold,
    YesNoResult,
    approval,
    decide,
    yes_no,
)
from .stv import Stage, STVResult, scottish_stv
from .ties import TieBreak

__all__ = [
    "ABSOLUTE_MAJORITY",
    "GENESIS",
    "RULES",
    "SIMPLE_MAJORITY",
    "TWO_THIRDS",
    "ApprovalResult",
    "BallotError",
    "BudgetResult",
    "ChainBreak",
    "ElectionSpec",
    "IRVResult",
    "IRVRound",
    "Refill",
    "RollCall",
    "RuleError",
    "STVResult",
    "Stage",
    "Threshold",
    "TargetsAndWeights",
    "TieBreak",
    "YesNoResult",
    "append_entry",
    "approval",
    "canonical_ballot",
    "canonical_json",
    "decide",
    "entry_hash",
    "find_ballot",
    "fingerprint",
    "independent_markets",
    "instant_runoff",
    "make_ballot_box",
    "new_receipt",
    "normalise_receipt",
    "petition_threshold_reached",
    "quorum_met",
    "read_ballot_box",
    "recall_vote",
    "recount",
    "refill_seat",
    "roll_call",
    "scottish_stv",
    "signatures_needed",
    "tally",
    "targets_and_weights",
    "verify_chain",
    "yes_no",
]
