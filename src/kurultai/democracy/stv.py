"""Multi-seat single transferable vote: Scottish STV, with the full stage-by-stage table.

The rule is that of the Scottish Local Government Elections Order 2007 (SSI 2007/42),
Schedule 1, rules 45 to 52, used for every Scottish council election since 2007:

* quota (rule 46): floor(valid first preferences / (seats + 1)) + 1, fixed for the count;
* a candidate whose votes equal or exceed the quota is deemed elected (rule 47);
* surplus transfer (rule 48) by the weighted inclusive Gregory method: *all* the papers the
  elected candidate holds are examined, and each paper with a next available preference passes
  on at the transfer value  surplus x (value of the paper when received) / (candidate's total),
  truncated to five decimal places; papers with no next preference are non-transferable, and
  what truncation leaves behind is recorded as non-transferable too (the candidate keeps the
  quota exactly);
* the largest surplus is transferred first (rule 49); equal surpluses go by the highest total at
  the most recent preceding stage where the tied candidates were unequal, else by lot;
* with no surplus to transfer, the candidate with the fewest votes is excluded (rule 50) and
  all their papers pass on, each at the value at which it was received, in a single stage;
  equal lowest go by the lowest total at the most recent preceding unequal stage, else by lot
  (rule 51);
* when the continuing candidates are no more than the vacancies left, they are all deemed
  elected and nothing more is transferred (rule 52).

Arithmetic is exact: every vote value is held as an integer number of 1/100000 of a vote, the
unit in which the Order computes. The statute's lot is replaced by a seeded, published draw
(see `ties`) so that a recount of the ballot box reproduces the result.

Note on "last parcel": some STV rules (Northern Ireland, the Irish Dail) transfer only the
last parcel of papers received. The Scottish Order does not: rule 48(1) sorts "the ballot papers
received by that candidate", all of them, which is why its transfer value carries the value of
each paper when received.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .errors import BallotError
from .ties import TieBreak, break_tie
from .validate import check_candidates, check_ranked, check_seats

RULE = "scottish-stv"
RULE_NAME = "Scottish STV (Scottish Local Government Elections Order 2007, Schedule 1, rules 45-52)"
SCALE = 100_000  # five decimal places, rule 48(3)


def votes(units: int) -> Decimal:
    """An exact Decimal with five places from a count of 1/100000 votes."""
    return Decimal(units).scaleb(-5).quantize(Decimal("0.00001"))


@dataclass(frozen=True)
class Stage:
    """One stage of the count: what was done, what moved, and where everyone stands after it.

    `transfers` holds the change in each candidate's votes during the stage (negative for the
    candidate whose surplus or papers were transferred); `totals` the votes at the end of the
    stage; `elected` who was deemed elected at the end of the stage, with `elected_last_vacancies`
    the subset elected under rule 52 without reaching the quota.
    """

    number: int
    action: str
    candidate: str | None
    transfer_values: tuple[Decimal, ...]
    transfers: dict[str, Decimal]
    non_transferable: Decimal
    non_transferable_total: Decimal
    totals: dict[str, Decimal]
    elected: tuple[str, ...]
    elected_last_vacancies: tuple[str, ...]
    excluded: str | None
    tie_break: TieBreak | None

    @property
    def description(self) -> str:
        if self.action == "first":
            return "First preferences"
        if self.action == "surplus":
            return f"Surplus of {self.candidate}"
        return f"Exclusion of {self.candidate}"

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "action": self.action,
            "candidate": self.candidate,
            "description": self.description,
            "transfer_values": [str(v) for v in self.transfer_values],
            "transfers": {c: str(v) for c, v in self.transfers.items()},
            "non_transferable": str(self.non_transferable),
            "non_transferable_total": str(self.non_transferable_total),
            "totals": {c: str(v) for c, v in self.totals.items()},
            "elected": list(self.elected),
            "elected_last_vacancies": list(self.elected_last_vacancies),
            "excluded": self.excluded,
            "tie_break": self.tie_break.to_dict() if self.tie_break else None,
        }


@dataclass(frozen=True)
class STVResult:
    """The outcome of a Scottish STV count: who was elected, in order, and every stage."""

    candidates: tuple[str, ...]
    seats: int
    valid_ballots: int
    ballots_without_preference: int
    quota: int
    elected: tuple[str, ...]
    excluded: tuple[str, ...]
    withdrawn: tuple[str, ...]
    stages: tuple[Stage, ...]
    tie_breaks: tuple[TieBreak, ...]
    seed: str
    rule: str = RULE

    def table(self) -> list[list[str]]:
        """The count as rows of text: a header of stages, one row per candidate (votes at the
        end of each stage), then the cumulative non-transferable votes."""
        rows = [["Candidate", *(f"{s.number}. {s.description}" for s in self.stages)]]
        for candidate in self.candidates:
            rows.append([candidate, *(str(s.totals[candidate]) for s in self.stages)])
        rows.append(["Non-transferable", *(str(s.non_transferable_total) for s in self.stages)])
        return rows

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "rule_name": RULE_NAME,
            "candidates": list(self.candidates),
            "seats": self.seats,
            "valid_ballots": self.valid_ballots,
            "ballots_without_preference": self.ballots_without_preference,
            "quota": self.quota,
            "elected": list(self.elected),
            "excluded": list(self.excluded),
            "withdrawn": list(self.withdrawn),
            "stages": [stage.to_dict() for stage in self.stages],
            "tie_breaks": [tie.to_dict() for tie in self.tie_breaks],
            "seed": self.seed,
        }


class _Count:
    """The mutable state of one count; `scottish_stv` drives it stage by stage."""

    def __init__(self, candidates, seats, withdrawn, seed, rankings):
        self.candidates = candidates
        self.seats = seats
        self.seed = seed
        self.continuing = [c for c in candidates if c not in withdrawn]
        self.piles: dict[str, list[list]] = {c: [] for c in candidates}
        self.totals: dict[str, int] = {c: 0 for c in candidates}
        self.non_transferable = 0
        self.elected: list[str] = []
        self.excluded: list[str] = []
        self.pending_surplus: set[str] = set()
        self.history: list[dict[str, int]] = []
        self.stages: list[Stage] = []
        self.tie_breaks: list[TieBreak] = []
        self.valid = 0
        self.without_preference = 0
        for ranking, count in Counter(rankings).items():
            position = self.next_preference(ranking, -1)
            if position is None:
                self.without_preference += count
                continue
            self.valid += count
            self.piles[ranking[position]].append([ranking, position, SCALE, count])
            self.totals[ranking[position]] += SCALE * count
        self.quota = (self.valid // (seats + 1) + 1) * SCALE

    def next_preference(self, ranking: tuple[str, ...], position: int) -> int | None:
        for later in range(position + 1, len(ranking)):
            if ranking[later] in self.continuing:
                return later
        return None

    def vacancies(self) -> int:
        return self.seats - len(self.elected)

    def finish_stage(self, action, candidate, transfer_values, moved, non_transferable, tie):
        """Deem elected whoever reached the quota, apply rule 52, and record the stage."""
        number = len(self.stages) + 1
        self.non_transferable += non_transferable
        reached = [c for c in self.continuing if self.totals[c] >= self.quota]
        reached.sort(key=lambda c: (-self.totals[c], self.candidates.index(c)))
        for c in reached:
            self.continuing.remove(c)
            self.elected.append(c)
            if self.totals[c] > self.quota:
                self.pending_surplus.add(c)
        last = []
        if 0 < len(self.continuing) <= self.vacancies():
            last = sorted(self.continuing, key=lambda c: (-self.totals[c], self.candidates.index(c)))
            self.elected.extend(last)
            self.continuing = []
        self.history.append(dict(self.totals))
        self.stages.append(
            Stage(
                number=number,
                action=action,
                candidate=candidate,
                transfer_values=tuple(votes(v) for v in sorted(transfer_values, reverse=True)),
                transfers={c: votes(moved.get(c, 0)) for c in self.candidates},
                non_transferable=votes(non_transferable),
                non_transferable_total=votes(self.non_transferable),
                totals={c: votes(self.totals[c]) for c in self.candidates},
                elected=tuple(reached) + tuple(last),
                elected_last_vacancies=tuple(last),
                excluded=candidate if action == "exclusion" else None,
                tie_break=tie,
            )
        )

    def transfer_surplus(self):
        surpluses = {c: self.totals[c] - self.quota for c in self.pending_surplus}
        largest = max(surpluses.values())
        tied = sorted(c for c, s in surpluses.items() if s == largest)
        tie = None
        if len(tied) > 1:
            tie = break_tie(tied, self.history, prefer="highest", stage=len(self.stages),
                            purpose="surplus order", seed=self.seed)
            self.tie_breaks.append(tie)
            source = tie.chosen
        else:
            source = tied[0]
        self.pending_surplus.discard(source)
        surplus, total = surpluses[source], self.totals[source]
        moved: dict[str, int] = defaultdict(int)
        values = set()
        for ranking, position, value, count in self.piles[source]:
            transfer_value = surplus * value // total
            following = self.next_preference(ranking, position)
            if following is None or transfer_value == 0:
                continue
            recipient = ranking[following]
            self.piles[recipient].append([ranking, following, transfer_value, count])
            moved[recipient] += transfer_value * count
            values.add(transfer_value)
        self.piles[source] = []
        for recipient, amount in moved.items():
            self.totals[recipient] += amount
        self.totals[source] = self.quota
        moved[source] = -surplus
        passed_on = sum(a for c, a in moved.items() if c != source)
        self.finish_stage("surplus", source, values, moved, surplus - passed_on, tie)

    def exclude_lowest(self):
        lowest_total = min(self.totals[c] for c in self.continuing)
        tied = sorted(c for c in self.continuing if self.totals[c] == lowest_total)
        tie = None
        if len(tied) > 1:
            tie = break_tie(tied, self.history, prefer="lowest", stage=len(self.stages),
                            purpose="exclusion", seed=self.seed)
            self.tie_breaks.append(tie)
            loser = tie.chosen
        else:
            loser = tied[0]
        self.continuing.remove(loser)
        self.excluded.append(loser)
        moved: dict[str, int] = defaultdict(int)
        lost = 0
        for ranking, position, value, count in self.piles[loser]:
            following = self.next_preference(ranking, position)
            if following is None:
                lost += value * count
                continue
            recipient = ranking[following]
            self.piles[recipient].append([ranking, following, value, count])
            moved[recipient] += value * count
        self.piles[loser] = []
        for recipient, amount in moved.items():
            self.totals[recipient] += amount
        moved[loser] = -self.totals[loser]
        self.totals[loser] = 0
        self.finish_stage("exclusion", loser, (), moved, lost, tie)


def scottish_stv(
    ballots: Iterable[Sequence[str]],
    candidates: Sequence[str],
    seats: int,
    *,
    withdrawn: Iterable[str] = (),
    seed: str = "",
) -> STVResult:
    """Count ranked ballots by Scottish STV for `seats` seats.

    `ballots` are sequences of candidate ids in preference order (1st, 2nd, ...), possibly
    incomplete; `withdrawn` candidates are skipped wherever they appear, as if absent from the
    ballot paper (used to refill a recalled member's seat). A ballot with no preference for any
    standing candidate is not a valid vote. `seed` keys the reproducible lot used when the
    statute's earlier-stage tie-break cannot decide.
    """
    names = check_candidates(candidates)
    check_seats(seats)
    known = set(names)
    gone = set(withdrawn)
    unknown = sorted(gone - known)
    if unknown:
        raise BallotError(f"withdrawn: {unknown[0]!r} is not a candidate")
    rankings = [check_ranked(b, known, f"ballot {i + 1}") for i, b in enumerate(ballots)]
    count = _Count(names, seats, gone, seed, rankings)
    count.finish_stage("first", None, (), {}, 0, None)
    while count.vacancies() > 0 and count.continuing:
        if count.pending_surplus:
            count.transfer_surplus()
        else:
            count.exclude_lowest()
    return STVResult(
        candidates=names,
        seats=seats,
        valid_ballots=count.valid,
        ballots_without_preference=count.without_preference,
        quota=count.quota // SCALE,
        elected=tuple(count.elected),
        excluded=tuple(count.excluded),
        withdrawn=tuple(c for c in names if c in gone),
        stages=tuple(count.stages),
        tie_breaks=tuple(count.tie_breaks),
        seed=seed,
    )
