"""Plan pages: the dashboard of a version, runs and their progress, reviews, approval, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext as _
from django.views.decorators.http import require_POST

from kurultai.web.committees.models import Enterprise
from kurultai.web.committees.services import can_edit_enterprise
from kurultai.web.economy.permissions import is_planning_commission
from kurultai.web.plans import explain, export
from kurultai.web.plans.approval import open_session, put_to_kurultai
from kurultai.web.plans.forms import ReviewForm, RunForm
from kurultai.web.plans.models import PlanRun, PlanVersion
from kurultai.web.plans.services import PlanError, active_plan, request_run, review


def index(request):
    return render(request, "plans/index.html", {
        "active": active_plan(),
        "versions": PlanVersion.objects.select_related("parent", "motion")[:30],
        "runs": PlanRun.objects.exclude(status=PlanRun.Status.DONE)[:10],
        "form": RunForm() if is_planning_commission(request.user) else None,
    })


@login_required
@require_POST
def start_run(request):
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a plan year."))
        return redirect("plans:index")
    try:
        run = request_run(form.cleaned_data["year"], form.cleaned_data["priority_round"], request.user)
    except PlanError as error:
        raise PermissionDenied(str(error)) from error
    return redirect(run)


def run_detail(request, pk):
    run = get_object_or_404(PlanRun, pk=pk)
    version = getattr(run, "version", None) if run.status == PlanRun.Status.DONE else None
    return render(request, "plans/run.html", {"run": run, "version": version})


def run_status(request, pk):
    run = get_object_or_404(PlanRun, pk=pk)
    version = run.version.number if run.status == PlanRun.Status.DONE else None
    return JsonResponse({"status": run.status, "stage": run.get_stage_display(),
                         "progress": run.progress, "gap": run.gap, "error": run.error,
                         "url": run.version.get_absolute_url() if version else None})


def _my_enterprises(user, version):
    if not user.is_authenticated:
        return []
    ids = set(version.assignments.values_list("enterprise_id", flat=True))
    return [e for e in Enterprise.objects.filter(pk__in=ids).select_related("committee")
            if can_edit_enterprise(e, user)]


def version_detail(request, number):
    version = get_object_or_404(PlanVersion.objects.select_related("run", "parent", "motion"),
                                number=number)
    board = explain.dashboard(version)
    reviews = {r.enterprise_id: r for r in version.reviews.all()}
    assignments = list(version.assignments.select_related("enterprise"))
    for a in assignments:
        a.review = reviews.get(a.enterprise_id)
    from kurultai.web.reports.compare import plan_vs_actual

    return render(request, "plans/version.html", {
        "version": version, "board": board, "assignments": assignments,
        "diff": explain.diff(version), "mine": _my_enterprises(request.user, version),
        "charts": {
            "groups": explain.group_chart(board["groups"], _("fulfilment (%)")),
            "groups_height": 40 + 32 * len(board["groups"]),
            "resources": [{"name": gettext(r["name"]), "value": round(100 * r["share"], 1)}
                          for r in board["resources"]],
            "flows": {**board["flows"], "names": {code: gettext(name) for code, name
                                                  in board["flows"]["names"].items()}},
        },
        "children": version.children.select_related("run"),
        "pending": version.replans.exclude(status=PlanRun.Status.DONE),
        "can_propose": (version.status == PlanVersion.Status.DRAFT and open_session() is not None
                        and open_session().assembly.is_officer(request.user)),
        "actual": plan_vs_actual(version),
        "snapshot": version.run.snapshot,
    })


@login_required
def review_assignment(request, number, slug):
    version = get_object_or_404(PlanVersion, number=number)
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    if not can_edit_enterprise(enterprise, request.user):
        raise PermissionDenied(_("Only the officers of the enterprise's workers' committee answer for it."))
    assignments = list(version.assignments.filter(enterprise=enterprise))
    form = ReviewForm(request.POST or None, assignments=assignments)
    if request.method == "POST" and form.is_valid():
        try:
            answer = review(version, enterprise, request.user, form.cleaned_data["decision"],
                            form.revised(), form.cleaned_data["reason"])
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            if answer.replan:
                messages.success(request, _("Your objection is recorded; the plan is being computed again."))
                return redirect(answer.replan)
            messages.success(request, _("Your committee has accepted its assignment."))
            return redirect(version)
    return render(request, "plans/review.html", {
        "version": version, "enterprise": enterprise, "assignments": assignments, "form": form,
        "existing": version.reviews.filter(enterprise=enterprise).first()})


@login_required
@require_POST
def propose(request, number):
    version = get_object_or_404(PlanVersion, number=number)
    try:
        motion = put_to_kurultai(version, request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(version)
    messages.success(request, _("The plan is before the kurultai as a motion; it needs a seconder."))
    return redirect(motion.get_absolute_url())


def download(request, number, fmt):
    version = get_object_or_404(PlanVersion, number=number)
    if fmt not in ("csv", "parquet", "json"):
        raise Http404(_("Plans are exported as csv, parquet or json."))
    if fmt == "json":
        body, kind = export.as_json(version), "application/json"
    else:
        body, kind = export.as_zip(version, fmt), "application/zip"
    ext = "json" if fmt == "json" else f"{fmt}.zip"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="plan-{version.year}-v{version.number}.{ext}"'
    return response


def review_list(request, number):
    """Reviews of a version, for the planning commission and everyone."""
    version = get_object_or_404(PlanVersion, number=number)
    return render(request, "plans/reviews.html", {
        "version": version, "reviews": version.reviews.select_related("enterprise", "by", "replan")})

