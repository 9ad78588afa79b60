"""Checks shared by the counting rules: candidate lists and ranked or approval ballots."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import BallotError


def check_candidates(candidates: Sequence[str], what: str = "candidates") -> tuple[str, ...]:
    """Return the candidate ids as a tuple, refusing empty, non-string or repeated ids."""
    if isinstance(candidates, str):
        raise BallotError(f"{what}: expected a list of ids, got the single string {candidates!r}")
    result = tuple(candidates)
    seen: set[str] = set()
    for position, candidate in enumerate(result):
        if not isinstance(candidate, str) or not candidate:
            raise BallotError(f"{what}[{position}]: an id must be a non-empty string, got {candidate!r}")
        if candidate in seen:
            raise BallotError(f"{what}[{position}]: {candidate!r} is listed twice")
        seen.add(candidate)
    return result


def check_seats(seats: int) -> int:
    """Refuse a seat count that is not a positive integer."""
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise BallotError(f"seats: must be a positive integer, got {seats!r}")
    return seats


def check_ranked(ballot: object, known: set[str], where: str) -> tuple[str, ...]:
    """A ranked ballot: candidate ids in preference order, each at most once."""
    if isinstance(ballot, (str, bytes)) or not isinstance(ballot, Iterable):
        raise BallotError(f"{where}: a ranked ballot must be a list of candidate ids, got {ballot!r}")
    ranking = tuple(ballot)
    seen: set[str] = set()
    for rank, candidate in enumerate(ranking, start=1):
        if candidate not in known:
            raise BallotError(f"{where}: preference {rank} names {candidate!r}, who is not a candidate")
        if candidate in seen:
            raise BallotError(f"{where}: {candidate!r} is ranked twice")
        seen.add(candidate)
    return ranking


def check_approval(ballot: object, known: set[str], where: str) -> frozenset[str]:
    """An approval ballot: a set of candidate ids (a list is accepted if it repeats none)."""
    if isinstance(ballot, (str, bytes)) or not isinstance(ballot, Iterable):
        raise BallotError(f"{where}: an approval ballot must be a set of candidate ids, got {ballot!r}")
    items = list(ballot)
    approved = frozenset(items)
    if len(approved) != len(items):
        raise BallotError(f"{where}: a candidate is approved twice")
    unknown = sorted(approved - known, key=str)
    if unknown:
        raise BallotError(f"{where}: {unknown[0]!r} is not a candidate")
    return approved
