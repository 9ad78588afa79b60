"""Who may see and do what: admitted, not suspended members of a committee that is not locked down.

Every check of protected data goes through ``is_guardian`` so that a lock-down or a suspension
takes effect on the very next request, whatever the member's session cookie says.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Committee, Membership
from kurultai.web.protection.models import CommitteeSafety, Neighbourhood, Suspension


class AccessError(Exception):
    """An action the committee's rules refuse, with a message for the member."""


def safety_of(committee: Committee) -> CommitteeSafety:
    safety, _created = CommitteeSafety.objects.get_or_create(committee=committee)
    return safety


def is_locked_down(committee: Committee) -> bool:
    return CommitteeSafety.objects.filter(committee=committee, locked_down_at__isnull=False).exists()


def is_suspended(committee: Committee, user) -> bool:
    return Suspension.objects.filter(committee=committee, member=user, lifted_at__isnull=True).exists()


def role_in(committee: Committee, user) -> str | None:
    """The member's role if admitted and not suspended, regardless of lock-down."""
    role = committee.role_of(user)
    if role is None or is_suspended(committee, user):
        return None
    return role


def is_guardian(user, committee: Committee) -> bool:
    """May this user see the committee's protected data and act for it right now?"""
    return role_in(committee, user) is not None and not is_locked_down(committee)


def is_guardian_officer(user, committee: Committee) -> bool:
    return is_guardian(user, committee) and committee.role_of(user) in Membership.OFFICERS


def guards(user, neighbourhood: Neighbourhood) -> bool:
    return is_guardian(user, neighbourhood.committee)


def guarded_committees(user) -> list[Committee]:
    """The committees whose alerts and protected data this user may see now."""
    if not getattr(user, "is_authenticated", False):
        return []
    ids = (Membership.objects.filter(member=user, status=Membership.Status.ADMITTED)
           .values_list("committee_id", flat=True))
    return [c for c in Committee.objects.filter(pk__in=list(ids)) if is_guardian(user, c)]


def lock_down(committee: Committee, user) -> None:
    """Any admitted member may lock the committee down at once: all its protected data goes dark."""
    if role_in(committee, user) is None:
        raise AccessError(_("Only the committee's members can lock it down."))
    with transaction.atomic():
        safety = safety_of(committee)
        if safety.locked_down:
            return
        safety.locked_down_at, safety.locked_down_by = timezone.now(), user
        safety.save(update_fields=["locked_down_at", "locked_down_by"])
        record("protection.locked_down", f"committee:{committee.slug}", {}, actor=user)


def lift_lock_down(committee: Committee, user) -> None:
    """Only an officer (secretary or delegate) who is not suspended ends a lock-down."""
    if role_in(committee, user) not in Membership.OFFICERS:
        raise AccessError(_("Only the committee's secretary or delegate can lift the lock-down."))
    with transaction.atomic():
        safety = safety_of(committee)
        safety.locked_down_at = safety.locked_down_by = None
        safety.save(update_fields=["locked_down_at", "locked_down_by"])
        record("protection.lock_down_lifted", f"committee:{committee.slug}", {}, actor=user)


def suspend(committee: Committee, member, by) -> Suspension:
    """An officer cuts off one account's access to the committee's protected data, at once."""
    if role_in(committee, by) not in Membership.OFFICERS:
        raise AccessError(_("Only the committee's secretary or delegate can suspend an account."))
    with transaction.atomic():
        suspension = Suspension.objects.filter(committee=committee, member=member, lifted_at__isnull=True).first()
        if suspension is None:
            suspension = Suspension.objects.create(committee=committee, member=member, suspended_by=by)
            record("protection.account_suspended", f"committee:{committee.slug}",
                   {"member": member.username}, actor=by)
    return suspension


def lift_suspension(committee: Committee, member, by) -> None:
    if role_in(committee, by) not in Membership.OFFICERS or by == member:
        raise AccessError(_("Only another officer of the committee can give an account its access back."))
    with transaction.atomic():
        Suspension.objects.filter(committee=committee, member=member, lifted_at__isnull=True).update(
            lifted_at=timezone.now())
        record("protection.suspension_lifted", f"committee:{committee.slug}", {"member": member.username}, actor=by)
