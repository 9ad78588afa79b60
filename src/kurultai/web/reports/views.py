"""Reports pages: plan against actual for everyone, and each enterprise's reporting page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext as _, pgettext
from django.views.decorators.http import require_POST

from kurultai.web.committees.models import Enterprise
from kurultai.web.committees.services import can_edit_enterprise
from kurultai.web.plans.services import active_plan
from kurultai.web.reports.compare import DEFAULT_THRESHOLD, plan_vs_actual
from kurultai.web.reports.forms import ReportForm, ThresholdForm, UploadForm
from kurultai.web.reports.models import ApiToken, DeviationThreshold, ExecutionReport
from kurultai.web.reports.submit import PERIODS_PER_YEAR, ReportError, store, store_csv
from kurultai.web.reports.tokens import issue


def overview(request):
    version = active_plan()
    rows = plan_vs_actual(version) if version else []
    return render(request, "reports/overview.html", {
        "version": version, "rows": rows, "flagged": [r for r in rows if r.flagged],
        "chart": _chart(rows)})


def _chart(rows) -> dict:
    return {"labels": [f"{gettext(r.enterprise.name)} · {r.period}" for r in rows],
            "planned": [round(r.planned, 4) for r in rows], "actual": [round(r.actual, 4) for r in rows],
            "flagged": [r.flagged for r in rows],
            "planned_name": _("planned"), "actual_name": pgettext("output", "reported")}


def enterprise_reports(request, slug):
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    version = active_plan()
    can_edit = can_edit_enterprise(enterprise, request.user)
    is_member = enterprise.committee.is_elector(request.user)
    assignments = list(version.assignments.filter(enterprise=enterprise)) if version else []
    for a in assignments:
        a.per_period = a.quantity / PERIODS_PER_YEAR
    form = None
    if can_edit and version and assignments:
        form = ReportForm(request.POST or None, version=version, assignments=assignments)
        if request.method == "POST" and form.is_valid():
            try:
                store(enterprise, version, form.cleaned_data["period"], form.lines(),
                      ExecutionReport.Channel.FORM, request.user, form.cleaned_data["note"])
            except ReportError as error:
                for problem in error.errors:
                    form.add_error(None, f"{problem.field}: {problem.message}")
            else:
                messages.success(request, _("The report is stored."))
                return redirect("reports:enterprise", slug=slug)
    rows = plan_vs_actual(version, enterprise) if version else []
    threshold = getattr(enterprise, "deviation_threshold", None)
    return render(request, "reports/enterprise.html", {
        "enterprise": enterprise, "version": version, "assignments": assignments, "form": form,
        "can_edit": can_edit, "is_member": is_member, "rows": rows,
        "alerts": [r for r in rows if r.flagged] if (is_member or can_edit) else [],
        "threshold": threshold.percent if threshold else DEFAULT_THRESHOLD,
        "threshold_form": ThresholdForm(initial={"percent": threshold.percent if threshold else DEFAULT_THRESHOLD}),
        "upload_form": UploadForm(), "chart": _chart(rows),
        "tokens": enterprise.api_tokens.filter(revoked_at__isnull=True) if can_edit else [],
        "history": ExecutionReport.objects.filter(enterprise=enterprise)[:40],
    })


def _editable(request, slug) -> Enterprise:
    enterprise = get_object_or_404(Enterprise.objects.select_related("committee"), slug=slug)
    if not can_edit_enterprise(enterprise, request.user):
        raise PermissionDenied(_("Only the officers of the enterprise's workers' committee do this."))
    return enterprise


@login_required
@require_POST
def upload(request, slug):
    enterprise = _editable(request, slug)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = store_csv(enterprise, active_plan(),
                              request.FILES["file"].read().decode("utf-8-sig"), request.user)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
        except ReportError as error:
            for problem in error.errors:
                messages.error(request, f"{problem.field}: {problem.message}")
        else:
            messages.success(request, _("%(count)s report lines stored from the file.") % {"count": count})
    return redirect("reports:enterprise", slug=slug)


@login_required
@require_POST
def set_threshold(request, slug):
    enterprise = _editable(request, slug)
    form = ThresholdForm(request.POST)
    if form.is_valid():
        DeviationThreshold.objects.update_or_create(
            enterprise=enterprise, defaults={"percent": form.cleaned_data["percent"], "set_by": request.user})
        messages.success(request, _("The alert threshold is saved."))
    else:
        messages.error(request, _("The threshold must be between 0.1 and 100 percent."))
    return redirect("reports:enterprise", slug=slug)


@login_required
@require_POST
def new_token(request, slug):
    enterprise = _editable(request, slug)
    token = issue(enterprise, request.user, request.POST.get("label", "")[:100])
    return render(request, "reports/token.html", {"enterprise": enterprise, "token": token})


@login_required
@require_POST
def revoke_token(request, slug, pk):
    enterprise = _editable(request, slug)
    ApiToken.objects.filter(enterprise=enterprise, pk=pk).update(revoked_at=timezone.now())
    messages.success(request, _("The token is revoked."))
    return redirect("reports:enterprise", slug=slug)
