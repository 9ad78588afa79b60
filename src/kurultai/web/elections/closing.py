"""Closing an election: count, seal the ballot box, record its fingerprint, seat the winners."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kurultai.web.audit.log import record
from kurultai.web.elections.boxes import ballots_of
from kurultai.web.elections.models import Ballot, Election
from kurultai.web.elections.outcome import apply_outcome
from kurultai.web.voting_core import ballot_box, box_fingerprint, count, election_spec


def _seal(election: Election, ballots: list[tuple[str, object]]) -> None:
    """Rewrite the election's ballots in one go, in receipt order, without change tags.

    Before the seal, the database engine's own bookkeeping (PostgreSQL's transaction ids and
    row positions, SQLite's rowids) still reflects when each ballot was written; rewriting them
    all in one transaction, in an order that is random, erases that trace, and dropping the
    change tags leaves nothing in the box but receipts and choices.
    """
    Ballot.objects.filter(election=election).delete()
    Ballot.objects.bulk_create(
        [Ballot(receipt=receipt, election=election, choice=choice, change_tag=None)
         for receipt, choice in ballots], batch_size=500)


def close_if_due(election: Election, now=None) -> Election:
    """Count and seal the election once its voting time is over; idempotent and race-safe."""
    now = now or timezone.now()
    if election.counted_at or now < election.closes_at:
        return election
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if locked.counted_at:
            return locked
        ballots = ballots_of(locked)
        electorate = locked.committee.electors_count() if locked.rule == Election.Rule.YESNO else None
        spec = election_spec(locked, electorate=electorate)
        locked.result = count(spec, [choice for _receipt, choice in ballots])
        _seal(locked, ballots)
        locked.box_fingerprint = box_fingerprint(ballot_box(spec, ballots))
        locked.counted_at = now
        locked.save(update_fields=["result", "box_fingerprint", "counted_at"])
        record("election.counted", f"election:{locked.pk}",
               {"title": locked.title, "ballots": len(ballots),
                "elected": locked.result.get("elected", []), "carried": locked.result.get("carried"),
                "box_fingerprint": locked.box_fingerprint})
        apply_outcome(locked)
    return locked


def close_due_elections(now=None) -> int:
    """Count every election whose time is over; returns how many were counted."""
    now = now or timezone.now()
    due = Election.objects.filter(counted_at__isnull=True, closes_at__lte=now)
    return sum(1 for election in due if close_if_due(election, now).counted_at)
