"""Relief pages: open requests and offers, asking, offering, proposals and deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kurultai.web.protection.access import AccessError, guards
from kurultai.web.protection.privacy import reveal
from kurultai.web.protection.throttle import Refused, check_form, count, form_stamp
from kurultai.web.protection.views import map_context
from kurultai.web.relief import services
from kurultai.web.relief.forms import ReliefOfferForm, ReliefRequestForm
from kurultai.web.relief.models import Delivery, ReliefOffer, ReliefRequest


def index(request):
    return render(request, "relief/index.html", {
        "requests": ReliefRequest.objects.filter(status=ReliefRequest.Status.OPEN).select_related("neighbourhood"),
        "offers": ReliefOffer.objects.filter(status=ReliefOffer.Status.OPEN),
        "deliveries": Delivery.objects.filter(status__in=Delivery.ACTIVE).select_related(
            "request__neighbourhood", "offer")})


def request_new(request):
    form = ReliefRequestForm(request.POST or None,
                             initial={"started": form_stamp(), "neighbourhood": request.GET.get("n")})
    if request.method == "POST":
        try:
            check_form(request.POST)
            if form.is_valid():
                count(request, "relief")
                d = form.cleaned_data
                made = services.ask(d["neighbourhood"], d["kind"], d["quantity"], d["unit"], d["note"],
                                    d["address"], d["contact"], d["lat"], d["lon"], user=request.user
                                    if request.user.is_authenticated else None)
                messages.success(request, _("Your request is open. The protection committee will contact you."))
                return redirect(made)
        except Refused as refused:
            messages.error(request, str(refused))
        form.data = form.data.copy()
        form.data["started"] = form_stamp()
    return render(request, "relief/request_form.html", {"form": form, **map_context()})


@login_required
def offer_new(request):
    form = ReliefOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.offer(request.user, **form.cleaned_data)
        messages.success(request, _("Thank you: your offer is listed."))
        return redirect("relief:index")
    return render(request, "relief/offer_form.html", {"form": form, **map_context()})


@never_cache
def request_detail(request, pk):
    """A request's page; its committee also sees the household's location, so it is never cached."""
    relief = get_object_or_404(ReliefRequest.objects.select_related("neighbourhood__committee"), pk=pk)
    return render(request, "relief/request.html", {
        "r": relief, "location": reveal(request.user, relief),
        "is_guardian": guards(request.user, relief.neighbourhood),
        "committed": services.committed(relief),
        "deliveries": [(d, services.may_move(d, request.user)) for d in relief.deliveries.select_related("offer")]})


@login_required
@require_POST
def request_propose(request, pk):
    relief = get_object_or_404(ReliefRequest, pk=pk)
    try:
        made = services.propose_for(relief, request.user)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    if made:
        messages.success(request, _("Deliveries proposed from the nearest offers."))
    else:
        messages.error(request, _("No open offer of this kind can cover the request now."))
    return redirect(relief)


@login_required
@require_POST
def request_close(request, pk):
    relief = get_object_or_404(ReliefRequest, pk=pk)
    try:
        services.close(relief, request.user)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("The request is closed and the household's location deleted."))
    return redirect(relief)


@login_required
@require_POST
def delivery_move(request, pk, action):
    delivery = get_object_or_404(Delivery.objects.select_related("request__neighbourhood__committee", "offer"), pk=pk)
    try:
        (services.advance if action == "next" else services.cancel)(delivery, request.user)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    return redirect(delivery.request)
