"""An election's ballots as the voting core sees them, and its published ballot box."""

from __future__ import annotations

from kurultai.web.elections.models import Ballot, Election
from kurultai.web.voting_core import ballot_box, election_spec


def ballots_of(election: Election) -> list[tuple[str, object]]:
    """All ballots as (receipt, choice), in receipt order: random, so it reveals nothing."""
    return list(Ballot.objects.filter(election=election).order_by("receipt")
                .values_list("receipt", "choice"))


def spec_of(election: Election):
    """The election's settings for the core, with the electorate as it stood at the close."""
    electorate = election.result.get("electorate") if election.result else None
    return election_spec(election, electorate=electorate)


def box_of(election: Election) -> dict:
    """The published ballot box: the election's settings and every ballot with its receipt."""
    return ballot_box(spec_of(election), ballots_of(election))
