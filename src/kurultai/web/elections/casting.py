"""Casting and recasting a secret ballot: participation and ballot in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.elections.models import Ballot, Election, Participation
from kurultai.web.elections.receipts import change_tag, new_change_code
from kurultai.web.voting_core import BallotError, election_spec, new_receipt, validate_choice


class VotingError(Exception):
    """A vote that cannot be accepted, with a message for the voter."""


@dataclass(frozen=True)
class Receipt:
    """What the voter takes away: shown once, stored nowhere."""

    receipt: str
    change_code: str


def _lock_election_for_voting(election_id: int) -> Election:
    """Hold the election row so that closing waits for ballots already being cast."""
    if connection.vendor == "postgresql":
        # FOR SHARE lets voters proceed together while the closer's FOR UPDATE waits for them;
        # Django's ORM offers only FOR UPDATE, which would queue every voter behind the others.
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM elections_election WHERE id = %s FOR SHARE", [election_id])
    return Election.objects.get(pk=election_id)


def check_elector(election: Election, member) -> None:
    if not election.committee.is_elector(member):
        raise VotingError(_("Only admitted members of %(committee)s vote in this election.")
                          % {"committee": election.committee.name})


def cast(election: Election, member, choice, change_code: str | None = None) -> Receipt:
    """Record ``choice`` for ``member``; with ``change_code``, replace their earlier ballot.

    The first vote inserts the participation row (unique per election and member) and the
    ballot in one transaction, so two concurrent first votes cannot both commit. A revote
    deletes the ballot whose change tag the presented code reproduces for this member.
    """
    try:
        clean = validate_choice(election_spec(election), choice)
    except BallotError as error:
        raise VotingError(str(error)) from error
    check_elector(election, member)
    receipt, new_code = new_receipt(), new_change_code()
    try:
        with transaction.atomic():
            locked = _lock_election_for_voting(election.pk)
            if not locked.is_open(timezone.now()):
                raise VotingError(_("Voting in this election is not open."))
            if change_code is None:
                Participation.objects.create(election=locked, member=member)
            else:
                if not Participation.objects.select_for_update().filter(
                        election=locked, member=member).exists():
                    raise VotingError(_("You have not voted in this election yet."))
                tag = change_tag(locked.pk, member.pk, change_code)
                replaced, _detail = Ballot.objects.filter(election=locked, change_tag=tag).delete()
                if not replaced:
                    raise VotingError(_("This change code does not match your ballot."))
            Ballot.objects.create(receipt=receipt, election=locked, choice=clean,
                                  change_tag=change_tag(locked.pk, member.pk, new_code))
    except IntegrityError as error:
        raise VotingError(_("You have already voted in this election. To change your vote, "
                            "use the change code you were given.")) from error
    return Receipt(receipt, new_code)


def has_voted(election: Election, member) -> bool:
    return Participation.objects.filter(election=election, member=member).exists()
