"""The public audit log and the state of its chain."""

from django.core.paginator import Paginator
from django.shortcuts import render

from kurultai.web.audit.log import verify
from kurultai.web.audit.models import AuditEntry


def audit_log(request):
    page = Paginator(AuditEntry.objects.order_by("-seq"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "check": verify()})
