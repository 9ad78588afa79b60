"""What the background task does: solve the frozen snapshot and store a plan version."""

from __future__ import annotations

import time

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kurultai.planning import Plan, solve
from kurultai.web.audit.log import record
from kurultai.web.committees.models import Enterprise
from kurultai.web.plans.models import Assignment, PlanRun, PlanVersion
from kurultai.web.plans.snapshot import economy_from_json


def plan_of(version: PlanVersion) -> Plan:
    """The planning core's Plan of a stored version, rebuilt from its frozen economy and result."""
    result = version.result
    return Plan(economy_from_json(version.run.snapshot["economy"]), np.array(result["x"]),
                np.array(result["f"]), np.array(result["p"]), np.array(result["r"]),
                method=version.method, status=result["status"], message=result.get("message", ""),
                seconds=version.seconds, iterations=result.get("iterations", 0),
                stats=_warm_state(result))


def _warm_state(result: dict) -> dict:
    """The stored warm-start state; versions stored before it was kept whole hold the basis."""
    if "warm" in result:
        return result["warm"]
    return {"basis": result["basis"]} if result.get("basis") else {}


def _solve(economy, parent: PlanVersion | None, progress) -> tuple[Plan, bool]:
    """Solve; a re-plan starts from its parent's plan (a warm start) when the shapes agree."""
    if parent is not None:
        start = plan_of(parent)
        if start.intensity.shape == (economy.t,) and start.fulfilment.shape == (economy.n,):
            return solve(economy, start=start, progress=progress), True
    return solve(economy, progress=progress), False


def gap_reporter(run: PlanRun, every: float = 1.0):
    """A planner progress callback that stores the current gap on the run, at most once every
    ``every`` seconds (the run page shows it while the planner works)."""
    last = [-np.inf]

    def report(state: dict) -> None:
        gap = state.get("gap")
        now = time.monotonic()
        if gap is not None and np.isfinite(gap) and now - last[0] >= every:
            last[0] = now
            _progress(run, gap=float(gap))

    return report


def _progress(run: PlanRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=list(fields))


def execute(run_id: int) -> int | None:
    """Compute the run's plan and store it as the next version; returns the version number."""
    run = PlanRun.objects.get(pk=run_id)
    if run.status == PlanRun.Status.DONE:
        return run.version.number
    _progress(run, status=PlanRun.Status.RUNNING, stage=PlanRun.Stage.LOADING, progress=10,
              started_at=timezone.now(), error="")
    try:
        economy = economy_from_json(run.snapshot["economy"])
        _progress(run, stage=PlanRun.Stage.SOLVING, progress=30)
        plan, warm = _solve(economy, run.parent, gap_reporter(run))
        _progress(run, stage=PlanRun.Stage.CERTIFYING, progress=80)
        certificate = plan.certificate().as_dict()
        _progress(run, stage=PlanRun.Stage.STORING, progress=90, gap=certificate["gap"])
        with transaction.atomic():
            number = (PlanVersion.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
            version = PlanVersion.objects.create(
                number=number, run=run, parent=run.parent, year=run.year, method=plan.method,
                seconds=plan.seconds, objective=plan.objective, certificate=certificate,
                result={"x": plan.intensity.tolist(), "f": plan.fulfilment.tolist(),
                        "p": plan.product_prices.tolist(), "r": plan.resource_prices.tolist(),
                        "status": plan.status, "message": plan.message,
                        "iterations": plan.iterations, "warm_start": warm,
                        "warm": plan.warm_state()})
            _store_assignments(version, run.snapshot, plan)
            _progress(run, status=PlanRun.Status.DONE, stage=PlanRun.Stage.DONE, progress=100,
                      finished_at=timezone.now())
            record("plan.computed", f"plan-version:{number}",
                   {"run": run.pk, "objective": plan.objective, "gap": certificate["gap"],
                    "solved": certificate["solved"], "parent": run.parent_id}, actor=run.requested_by)
        return number
    except Exception as error:
        _progress(run, status=PlanRun.Status.FAILED, stage=PlanRun.Stage.FAILED,
                  error=str(error), finished_at=timezone.now())
        raise


def _store_assignments(version: PlanVersion, snapshot: dict, plan: Plan) -> None:
    owners = snapshot["enterprises"]
    economy = plan.economy
    known = set(Enterprise.objects.filter(pk__in=set(owners.values())).values_list("pk", flat=True))
    rows = []
    for j, code in enumerate(economy.techniques.ids):
        owner = owners.get(str(code))
        if owner is None or owner not in known:
            continue
        cap = economy.capacity[j]
        rows.append(Assignment(version=version, enterprise_id=owner, technique=code,
                               product=economy.products.ids[economy.makes[j]],
                               quantity=float(plan.intensity[j]),
                               capacity=float(cap) if np.isfinite(cap) else None))
    Assignment.objects.bulk_create(rows)
