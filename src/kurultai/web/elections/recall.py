"""Recall: a petition of the electors, and at enough signatures a recall vote."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.elections.calling import ElectionError, call_election
from kurultai.web.elections.models import Election, Mandate, RecallPetition, RecallSignature

RECALL_VOTE_DAYS = 7


def open_petition(mandate: Mandate, by, reason: str) -> RecallPetition:
    """Any elector of the committee that gave the mandate may start a petition to recall it."""
    if not mandate.active:
        raise ElectionError(_("This mandate has already ended."))
    if not mandate.committee.is_elector(by):
        raise ElectionError(_("Only the electors of %(committee)s can recall this delegate.")
                            % {"committee": mandate.committee.name})
    if mandate.petitions.filter(status__in=[RecallPetition.Status.COLLECTING,
                                            RecallPetition.Status.VOTING]).exists():
        raise ElectionError(_("A recall of this mandate is already under way."))
    with transaction.atomic():
        petition = RecallPetition.objects.create(
            mandate=mandate, reason=reason, opened_by=by,
            signatures_needed=mandate.committee.signatures_needed())
        record("recall.petition_opened", f"petition:{petition.pk}",
               {"mandate": mandate.pk, "holder": mandate.holder.username,
                "signatures_needed": petition.signatures_needed, "reason": reason}, actor=by)
    sign(petition, by)
    petition.refresh_from_db()
    return petition


def sign(petition: RecallPetition, member) -> RecallPetition:
    """Add a signature; the one that reaches the threshold opens the recall vote."""
    if petition.status != RecallPetition.Status.COLLECTING:
        raise ElectionError(_("This petition no longer takes signatures."))
    if not petition.mandate.committee.is_elector(member):
        raise ElectionError(_("Only the electors of %(committee)s can sign.")
                            % {"committee": petition.mandate.committee.name})
    try:
        with transaction.atomic():
            locked = RecallPetition.objects.select_for_update().get(pk=petition.pk)
            RecallSignature.objects.create(petition=locked, member=member)
            record("recall.signed", f"petition:{locked.pk}", {"member": member.username},
                   actor=member)
            if locked.signatures.count() >= locked.signatures_needed:
                _open_vote(locked)
    except IntegrityError as error:
        raise ElectionError(_("You have already signed this petition.")) from error
    return RecallPetition.objects.get(pk=petition.pk)


def _open_vote(petition: RecallPetition) -> None:
    mandate = petition.mandate
    now = timezone.now()
    holder = mandate.holder.get_full_name() or mandate.holder.username
    petition.vote = call_election(
        mandate.committee, None, title=holder, question=petition.reason,
        rule=Election.Rule.YESNO, office=Election.Office.RECALL, seats=1,
        opens_at=now, closes_at=now + timedelta(days=RECALL_VOTE_DAYS))
    petition.status = RecallPetition.Status.VOTING
    petition.save(update_fields=["vote", "status"])
