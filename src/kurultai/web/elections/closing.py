"""Closing an election: count, seal the ballot box, record its fingerprint, seat the winners."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kurultai.web.audit.log import record
from kurultai.web.elections.boxes import ballots_of
from kurultai.web.elections.models import Ballot, Election
from kurultai.web.elections.outcome import apply_outcome
from kurultai.web.voting_core import ballot_box, box_fingerprint, count, election_spec


def _rewrite(election: Election, keep_change_tags: bool) -> None:
    """Rewrite the election's ballots in one go, in receipt order.

    Until then, the database engine's own bookkeeping (PostgreSQL's transaction ids and row
    positions, SQLite's rowids) reflects when each ballot was written; rewriting them all in
    one transaction, in an order that is random, erases that trace.
    """
    rows = list(Ballot.objects.filter(election=election).order_by("receipt")
                .values_list("receipt", "choice", "change_tag"))
    Ballot.objects.filter(election=election).delete()
    Ballot.objects.bulk_create(
        [Ballot(receipt=receipt, election=election, choice=choice,
                change_tag=tag if keep_change_tags else None)
         for receipt, choice, tag in rows], batch_size=500)


def reshuffle_open_elections(now=None) -> int:
    """Rewrite the ballots of every open election, so the engine's order says nothing about
    any ballot cast before now; voters wait for the few milliseconds this takes."""
    now = now or timezone.now()
    done = 0
    for pk in Election.objects.filter(counted_at__isnull=True, opens_at__lte=now,
                                      closes_at__gt=now).values_list("pk", flat=True):
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=pk)
            _rewrite(election, keep_change_tags=True)
        done += 1
    return done


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
        _rewrite(locked, keep_change_tags=False)
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
