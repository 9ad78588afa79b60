"""The first page: what Kurultai is and where to begin."""

from django.shortcuts import render

from kurultai.web.assembly.models import Session
from kurultai.web.committees.models import Committee, Enterprise
from kurultai.web.elections.models import Election


def home(request):
    context = {
        "committees": Committee.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "elections": Election.objects.order_by("-closes_at")[:4],
        "sessions": Session.objects.order_by("-opens_at")[:2],
    }
    return render(request, "core/home.html", context)
