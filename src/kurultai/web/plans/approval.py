"""Approval by the kurultai: a plan version is put as a motion and decided by roll call.

The roll call is the assembly app's own (propose, second, vote, close); this module only links
the motion to the version and, when the motion is carried, makes the version the active plan.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.assembly.models import Motion, Session
from kurultai.web.assembly.services import AssemblyError, propose
from kurultai.web.audit.log import record
from kurultai.web.committees.models import Committee
from kurultai.web.plans.models import PlanVersion
from kurultai.web.plans.services import PlanError


def open_session() -> Session | None:
    """The kurultai's latest session that is not closed."""
    return (Session.objects.filter(assembly__kind=Committee.Kind.KURULTAI, closed_at__isnull=True)
            .order_by("-opens_at").first())


def put_to_kurultai(version: PlanVersion, user) -> Motion:
    """A delegate proposes that the kurultai approve this version."""
    if version.status != PlanVersion.Status.DRAFT:
        raise PlanError(_("Only a plan version in review can be put to the kurultai."))
    if not version.solved:
        raise PlanError(_("Only a plan whose certificate shows it solved can be put to the vote."))
    session = open_session()
    if session is None:
        raise PlanError(_("The kurultai has no open session."))
    certificate = version.certificate
    text = _("The kurultai approves plan %(year)s, version %(number)s (weighted fulfilment "
             "%(objective).4f, certified gap %(gap).1e) as the economy's plan. Objections of "
             "workers' committees: %(objections)s.") % {
        "year": version.year, "number": version.number, "objective": version.objective,
        "gap": certificate["gap"], "objections": version.reviews.filter(decision="object").count()}
    with transaction.atomic():
        try:
            motion = propose(session, user, _("Approve plan %(year)s, version %(number)s")
                             % {"year": version.year, "number": version.number}, text)
        except AssemblyError as error:
            raise PlanError(str(error)) from error
        version.motion = motion
        version.status = PlanVersion.Status.PROPOSED
        version.save(update_fields=["motion", "status"])
    return motion


@receiver(post_save, sender=Motion, dispatch_uid="plans-motion-decided")
def motion_decided(sender, instance: Motion, **kwargs) -> None:
    """When a plan's motion is decided, the version becomes the active plan (or is rejected)."""
    version = PlanVersion.objects.filter(motion=instance).first()
    if version is None or version.status != PlanVersion.Status.PROPOSED:
        return
    if instance.status == Motion.Status.CARRIED:
        activate(version)
    elif instance.status in (Motion.Status.REJECTED, Motion.Status.NO_QUORUM):
        version.status = PlanVersion.Status.REJECTED
        version.save(update_fields=["status"])


def activate(version: PlanVersion) -> None:
    with transaction.atomic():
        PlanVersion.objects.filter(status=PlanVersion.Status.APPROVED).update(
            status=PlanVersion.Status.SUPERSEDED)
        version.status = PlanVersion.Status.APPROVED
        version.approved_at = timezone.now()
        version.save(update_fields=["status", "approved_at"])
        record("plan.approved", f"plan-version:{version.number}",
               {"motion": version.motion_id, "objective": version.objective}, actor=None)
