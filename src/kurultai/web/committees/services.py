"""Joining a committee, admission by its secretary, and editing an enterprise."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Committee, Enterprise, Membership


class CommitteeError(Exception):
    """A request that the committee's rules refuse, with a message for the member."""


def apply(committee: Committee, member) -> Membership:
    """Ask to join; the secretary admits (as a census check) before the member may vote."""
    if committee.kind == Committee.Kind.KURULTAI:
        raise CommitteeError(_("Seats in the kurultai are filled by election only."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(committee=committee, member=member)
            record("membership.applied", f"committee:{committee.slug}",
                   {"member": member.username}, actor=member)
    except IntegrityError as error:
        raise CommitteeError(_("You have already applied to this committee.")) from error
    return membership


def admit(membership: Membership, secretary) -> Membership:
    """The committee's secretary admits an applicant."""
    if not membership.committee.is_secretary(secretary):
        raise CommitteeError(_("Only the committee's secretary admits members."))
    if membership.status == Membership.Status.ADMITTED:
        return membership
    with transaction.atomic():
        membership.status = Membership.Status.ADMITTED
        membership.admitted_at = timezone.now()
        membership.admitted_by = secretary
        membership.save(update_fields=["status", "admitted_at", "admitted_by"])
        record("membership.admitted", f"committee:{membership.committee.slug}",
               {"member": membership.member.username}, actor=secretary)
    return membership


def can_edit_enterprise(enterprise: Enterprise, user) -> bool:
    """Only the officers of the enterprise's own workers' committee edit it."""
    return enterprise.committee.is_officer(user)


def save_enterprise(enterprise: Enterprise, user, changed: list[str]) -> None:
    if not can_edit_enterprise(enterprise, user):
        raise CommitteeError(_("Only the officers of this enterprise's workers' committee edit it."))
    with transaction.atomic():
        enterprise.save()
        record("enterprise.changed", f"enterprise:{enterprise.slug}",
               {"fields": {name: str(getattr(enterprise, name)) for name in changed}}, actor=user)
