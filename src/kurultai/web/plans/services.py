"""Requesting plan runs, reviews by workers' committees, and the active plan."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Enterprise
from kurultai.web.committees.services import can_edit_enterprise
from kurultai.web.economy.permissions import is_planning_commission
from kurultai.web.plans.models import PlanRun, PlanVersion, Review
from kurultai.web.plans.snapshot import take, with_capacities
from kurultai.web.priorities.models import PriorityRound


class PlanError(Exception):
    """A step of the planning cycle that is not allowed now, with a message for the user."""


def _enqueue(run: PlanRun) -> PlanRun:
    from kurultai.web.plans.tasks import compute_plan

    result = compute_plan.enqueue(run.pk)
    run.task_id = str(result.id)
    run.save(update_fields=["task_id"])
    return run


def request_run(year: int, priority_round: PriorityRound | None, user) -> PlanRun:
    """Freeze the economy and priorities now and queue the computation; never solves here."""
    if not is_planning_commission(user):
        raise PlanError(_("Only the planning commission starts a plan run."))
    if priority_round is not None and not priority_round.counted_at:
        raise PlanError(_("The priority round must be counted before a plan uses it."))
    with transaction.atomic():
        run = PlanRun.objects.create(year=year, priority_round=priority_round,
                                     snapshot=take(priority_round), requested_by=user)
        record("plan.requested", f"plan-run:{run.pk}",
               {"year": year, "priority_round": priority_round.pk if priority_round else None},
               actor=user)
        return _enqueue(run)


def review(version: PlanVersion, enterprise: Enterprise, user, decision: str,
           revised: dict[str, float] | None = None, reason: str = "") -> Review:
    """Accept or object; an objection freezes the revised capacities and queues a re-plan."""
    if not can_edit_enterprise(enterprise, user):
        raise PlanError(_("Only the officers of the enterprise's workers' committee answer for it."))
    if version.status != PlanVersion.Status.DRAFT:
        raise PlanError(_("This plan version is no longer in review."))
    mine = set(version.assignments.filter(enterprise=enterprise).values_list("technique", flat=True))
    if not mine:
        raise PlanError(_("This plan version asks nothing of this enterprise."))
    revised = {k: float(v) for k, v in (revised or {}).items() if v is not None}
    if decision == Review.Decision.OBJECT:
        if not reason.strip():
            raise PlanError(_("Give the reason for the objection."))
        if not revised:
            raise PlanError(_("Give the capacity the enterprise can really reach."))
        unknown = sorted(set(revised) - mine)
        if unknown:
            raise PlanError(_("%(code)s is not one of this enterprise's techniques in the plan.")
                            % {"code": unknown[0]})
        if any(v < 0 for v in revised.values()):
            raise PlanError(_("A capacity cannot be negative."))
    elif decision != Review.Decision.ACCEPT:
        raise PlanError(_("Accept or object."))
    with transaction.atomic():
        if Review.objects.filter(version=version, enterprise=enterprise).exists():
            raise PlanError(_("Your committee has already answered for this version."))
        answer = Review.objects.create(version=version, enterprise=enterprise, decision=decision,
                                       revised_capacities=revised if decision == "object" else {},
                                       reason=reason, by=user)
        record("plan.reviewed", f"plan-version:{version.number}",
               {"enterprise": enterprise.slug, "decision": decision, "revised": answer.revised_capacities,
                "reason": reason}, actor=user)
        if decision == Review.Decision.OBJECT:
            answer.replan = replan(version, user)
            answer.save(update_fields=["replan"])
    return answer


def replan(version: PlanVersion, user) -> PlanRun:
    """Queue a re-plan of ``version`` with every objection made to it so far."""
    capacities: dict[str, float] = {}
    for objection in version.reviews.filter(decision=Review.Decision.OBJECT).order_by("at"):
        capacities.update(objection.revised_capacities)
    run = PlanRun.objects.create(year=version.year, priority_round=version.run.priority_round,
                                 parent=version, requested_by=user,
                                 snapshot=with_capacities(version.run.snapshot, capacities))
    record("plan.replan_requested", f"plan-run:{run.pk}",
           {"parent": version.number, "capacities": capacities}, actor=user)
    return _enqueue(run)


def active_plan() -> PlanVersion | None:
    return PlanVersion.objects.filter(status=PlanVersion.Status.APPROVED).order_by("-approved_at").first()
