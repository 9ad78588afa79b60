"""Single-seat instant runoff (the alternative vote), with the round-by-round table.

Rule: each valid ballot counts for its highest-ranked continuing candidate. A candidate with
more than half of the votes on continuing ballots (ballots that still rank someone continuing)
is elected. Otherwise the candidate with the fewest votes is eliminated and their ballots pass
to the next continuing preference; ballots with none left are exhausted. Equal lowest are
separated by the fewest votes at the most recent earlier round where they differed, else by
the seeded lot of `ties` (the same tie rule as the Scottish STV count).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import BallotError
from .ties import TieBreak, break_tie
from .validate import check_candidates, check_ranked

RULE = "irv"
RULE_NAME = "Instant runoff (alternative vote), majority of continuing ballots"


@dataclass(frozen=True)
class IRVRound:
    """One round: votes per continuing candidate, what moved into this round, and its outcome."""

    number: int
    totals: dict[str, int]
    transfers: dict[str, int]
    exhausted: int
    exhausted_total: int
    elected: str | None
    eliminated: str | None
    tie_break: TieBreak | None

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "totals": dict(self.totals),
            "transfers": dict(self.transfers),
            "exhausted": self.exhausted,
            "exhausted_total": self.exhausted_total,
            "elected": self.elected,
            "eliminated": self.eliminated,
            "tie_break": self.tie_break.to_dict() if self.tie_break else None,
        }


@dataclass(frozen=True)
class IRVResult:
    """The winner (None when no ballot was valid) and every round of the count."""

    candidates: tuple[str, ...]
    valid_ballots: int
    ballots_without_preference: int
    winner: str | None
    withdrawn: tuple[str, ...]
    rounds: tuple[IRVRound, ...]
    tie_breaks: tuple[TieBreak, ...]
    seed: str
    rule: str = RULE

    @property
    def elected(self) -> tuple[str, ...]:
        return (self.winner,) if self.winner else ()

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "rule_name": RULE_NAME,
            "candidates": list(self.candidates),
            "valid_ballots": self.valid_ballots,
            "ballots_without_preference": self.ballots_without_preference,
            "winner": self.winner,
            "elected": list(self.elected),
            "withdrawn": list(self.withdrawn),
            "rounds": [r.to_dict() for r in self.rounds],
            "tie_breaks": [t.to_dict() for t in self.tie_breaks],
            "seed": self.seed,
        }


def instant_runoff(
    ballots: Iterable[Sequence[str]],
    candidates: Sequence[str],
    *,
    withdrawn: Iterable[str] = (),
    seed: str = "",
) -> IRVResult:
    """Count ranked ballots by instant runoff for one seat.

    `withdrawn` candidates are skipped wherever ranked; a ballot ranking no standing candidate
    is not a valid vote.
    """
    names = check_candidates(candidates)
    known = set(names)
    gone = set(withdrawn)
    unknown = sorted(gone - known)
    if unknown:
        raise BallotError(f"withdrawn: {unknown[0]!r} is not a candidate")
    rankings = [check_ranked(b, known, f"ballot {i + 1}") for i, b in enumerate(ballots)]
    continuing = [c for c in names if c not in gone]

    def next_choice(ranking, position):
        for later in range(position + 1, len(ranking)):
            if ranking[later] in continuing:
                return later
        return None

    piles: dict[str, list[tuple[tuple[str, ...], int, int]]] = {c: [] for c in continuing}
    valid = without = 0
    for ranking, count in Counter(rankings).items():
        position = next_choice(ranking, -1)
        if position is None:
            without += count
            continue
        valid += count
        piles[ranking[position]].append((ranking, position, count))

    rounds: list[IRVRound] = []
    history: list[dict[str, int]] = []
    ties: list[TieBreak] = []
    transfers: dict[str, int] = {}
    exhausted = exhausted_total = 0
    winner = None
    while valid:
        totals = {c: sum(n for _, _, n in piles[c]) for c in continuing}
        history.append(totals)
        active = sum(totals.values())
        leader = max(continuing, key=lambda c: totals[c])
        if 2 * totals[leader] > active or len(continuing) == 1:
            winner = leader
            rounds.append(IRVRound(len(rounds) + 1, totals, transfers, exhausted, exhausted_total,
                                   leader, None, None))
            break
        lowest = min(totals.values())
        tied = sorted(c for c in continuing if totals[c] == lowest)
        tie = None
        loser = tied[0]
        if len(tied) > 1:
            tie = break_tie(tied, history, prefer="lowest", stage=len(history),
                            purpose="elimination", seed=seed)
            ties.append(tie)
            loser = tie.chosen
        rounds.append(IRVRound(len(rounds) + 1, totals, transfers, exhausted, exhausted_total,
                               None, loser, tie))
        continuing.remove(loser)
        moved: dict[str, int] = defaultdict(int)
        exhausted = 0
        for ranking, position, count in piles.pop(loser):
            following = next_choice(ranking, position)
            if following is None:
                exhausted += count
            else:
                piles[ranking[following]].append((ranking, following, count))
                moved[ranking[following]] += count
        exhausted_total += exhausted
        transfers = dict(moved)
        transfers[loser] = -totals[loser]
    return IRVResult(
        candidates=names,
        valid_ballots=valid,
        ballots_without_preference=without,
        winner=winner,
        withdrawn=tuple(c for c in names if c in gone),
        rounds=tuple(rounds),
        tie_breaks=tuple(ties),
        seed=seed,
    )
