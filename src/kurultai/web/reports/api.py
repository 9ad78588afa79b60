"""The reports JSON API for enterprises, authenticated by per-enterprise tokens.

Documented by the OpenAPI schema in static/reports/openapi.json, served at /api/v1/openapi.json.
Every error answer has the shape {"errors": [{"field": ..., "message": ...}]}.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from kurultai.web.plans.services import active_plan
from kurultai.web.reports.compare import plan_vs_actual
from kurultai.web.reports.models import ExecutionReport
from kurultai.web.reports.submit import PERIODS_PER_YEAR, ReportError, store
from kurultai.web.reports.tokens import enterprise_of

SCHEMA = Path(__file__).parent / "static" / "reports" / "openapi.json"


def _errors(status: int, *pairs: tuple[str, str]) -> JsonResponse:
    return JsonResponse({"errors": [{"field": f, "message": m} for f, m in pairs]}, status=status)


def _enterprise(request):
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return enterprise_of(header.removeprefix("Bearer ").strip())


def _unauthorised() -> JsonResponse:
    response = _errors(401, ("Authorization", _("Send a valid enterprise token as 'Bearer <token>'.")))
    response["WWW-Authenticate"] = "Bearer"
    return response


def _report_json(report: ExecutionReport) -> dict:
    return {"id": report.pk, "version": report.version.number, "period": report.period,
            "technique": report.technique, "quantity": report.quantity, "channel": report.channel,
            "submitted_at": report.submitted_at.isoformat()}


@require_GET
def schema(request):
    return HttpResponse(SCHEMA.read_bytes(), content_type="application/json")


@require_GET
def plan(request):
    enterprise = _enterprise(request)
    if enterprise is None:
        return _unauthorised()
    version = active_plan()
    if version is None:
        return _errors(404, ("plan", _("There is no approved plan.")))
    return JsonResponse({
        "enterprise": enterprise.slug, "version": version.number, "year": version.year,
        "periods_per_year": PERIODS_PER_YEAR,
        "assignments": [{"technique": a.technique, "product": a.product, "quantity": a.quantity,
                         "capacity": a.capacity, "per_period": a.quantity / PERIODS_PER_YEAR}
                        for a in version.assignments.filter(enterprise=enterprise)]})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def reports(request):
    enterprise = _enterprise(request)
    if enterprise is None:
        return _unauthorised()
    version = active_plan()
    if request.method == "GET":
        rows = ExecutionReport.objects.filter(enterprise=enterprise).select_related("version")
        return JsonResponse({"enterprise": enterprise.slug, "reports": [_report_json(r) for r in rows]})
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return _errors(400, ("body", _("is not valid JSON: %(error)s") % {"error": error}))
    if not isinstance(body, dict):
        return _errors(400, ("body", _("must be a JSON object with period and lines.")))
    extra = sorted(set(body) - {"period", "lines", "note"})
    if extra:
        return _errors(400, (extra[0], _("is not a field of a report.")))
    try:
        stored = store(enterprise, version, body.get("period"), body.get("lines"),
                       ExecutionReport.Channel.API, note=body.get("note", ""))
    except ReportError as error:
        status = 409 if error.errors[0].field == "plan" else 400
        return _errors(status, *((e.field, e.message) for e in error.errors))
    flags = [row for row in plan_vs_actual(version, enterprise) if row.period == stored[0].period]
    return JsonResponse({
        "stored": [_report_json(r) for r in stored],
        "deviations": [{"technique": r.technique, "period": r.period, "planned": r.planned,
                        "actual": r.actual,
                        "deviation": r.deviation if math.isfinite(r.deviation) else None, "threshold_percent": r.threshold,
                        "flagged": r.flagged, "severity": r.flag.severity.value if r.flagged else None}
                       for r in flags]}, status=201)
