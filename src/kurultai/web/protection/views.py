"""Pages of the protection app: reports, verification, alerts (live), safe places, escorts, lock-down."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kurultai.web.committees.models import Committee, Membership
from kurultai.web.protection import conf
from kurultai.web.protection.access import (AccessError, guarded_committees, guards, is_guardian,
                                            is_guardian_officer, is_locked_down, lift_lock_down,
                                            lift_suspension, lock_down, role_in, safety_of, suspend)
from kurultai.web.protection.alerts import acknowledge, alert_text, feed_lines
from kurultai.web.protection.forms import EscortForm, FalseForm, IncidentForm, NewPlaceForm, PlaceForm
from kurultai.web.protection.mapdata import map_features
from kurultai.web.protection.models import Alert, EscortRequest, Incident, Neighbourhood, SafePlace, Suspension
from kurultai.web.protection.privacy import reveal_many
from kurultai.web.protection.services import add_place, ask_escort, report, set_escort_status, update_place
from kurultai.web.protection.throttle import Refused, check_form, count, form_stamp
from kurultai.web.protection.verification import confirm, confirmations_needed, mark_false


def map_context() -> dict:
    return {"tile_url": conf.get("PROTECTION_MAP_TILE_URL"),
            "tile_attribution": conf.get("PROTECTION_MAP_TILE_ATTRIBUTION")}


def index(request):
    incidents = Incident.objects.select_related("neighbourhood").order_by("-reported_at")[:20]
    places = SafePlace.objects.select_related("neighbourhood")
    return render(request, "protection/index.html", {
        "incidents": incidents, "places": places, "neighbourhoods": Neighbourhood.objects.all(),
        "guarded": _alerted_committees(request.user), **map_context()})


def map_json(request):
    """Public map layers: boundaries, reports (with their status) and safe places; no household ever."""
    return JsonResponse(map_features())


def _guarded_form(request, form_class, action: str):
    """Bind a public form and run the abuse checks; returns (form, refusal message or None)."""
    form = form_class(request.POST, request.FILES)
    try:
        check_form(request.POST)
        if form.is_valid():
            count(request, action)
    except Refused as refused:
        return form, str(refused)
    return form, None


def report_incident(request):
    if request.method == "POST":
        form, refusal = _guarded_form(request, IncidentForm, "report")
        if refusal:
            messages.error(request, refusal)
        elif form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("photo", "started", "website")}
            incident = report(request.user, photo=form.cleaned_data.get("photo"), **fields)
            messages.success(request, _("Thank you. Your report is shown as unverified until the "
                                        "protection committee confirms it."))
            return redirect(incident)
        form.data = form.data.copy()
        form.data["started"] = form_stamp()
    else:
        form = IncidentForm(initial={"started": form_stamp(), "happened_at": timezone.localtime().replace(
            second=0, microsecond=0), "neighbourhood": request.GET.get("n")})
    return render(request, "protection/report.html", {"form": form, **map_context()})


def incident_list(request):
    incidents = Incident.objects.select_related("neighbourhood").order_by("-reported_at")
    status = request.GET.get("status")
    if status in Incident.Status.values:
        incidents = incidents.filter(status=status)
    return render(request, "protection/incidents.html", {"incidents": incidents[:200], "status": status})


def incident_detail(request, pk):
    incident = get_object_or_404(Incident.objects.select_related("neighbourhood__committee"), pk=pk)
    committee = incident.neighbourhood.committee
    member = is_guardian(request.user, committee)
    return render(request, "protection/incident.html", {
        "incident": incident, "needed": confirmations_needed(incident),
        "confirmed": incident.confirmations.count(),
        "is_guardian": member, "is_officer": is_guardian_officer(request.user, committee),
        "mine": member and incident.confirmations.filter(member=request.user).exists(),
        "false_form": FalseForm()})


@login_required
@require_POST
def incident_confirm(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    try:
        incident = confirm(incident, request.user)
    except AccessError as error:
        messages.error(request, str(error))
    else:
        if incident.status == Incident.Status.VERIFIED:
            messages.success(request, _("The report is verified; alerts have gone out."))
        else:
            messages.success(request, _("Your confirmation is recorded."))
    return redirect(incident)


@login_required
@require_POST
def incident_false(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = FalseForm(request.POST)
    try:
        mark_false(incident, request.user, form.data.get("note", ""))
        messages.success(request, _("The report is marked false, with your note."))
    except AccessError as error:
        messages.error(request, str(error))
    return redirect(incident)


@never_cache
@login_required
def incident_photo(request, pk):
    """Photos may show faces: only the neighbourhood's protection committee sees them."""
    incident = get_object_or_404(Incident.objects.select_related("neighbourhood__committee"), pk=pk)
    if not incident.photo or not guards(request.user, incident.neighbourhood):
        raise Http404
    return FileResponse(incident.photo.open("rb"), content_type="image/jpeg")


ALERTED_KINDS = (Committee.Kind.PROTECTION, Committee.Kind.DISTRICT)


def _alerted_committees(user):
    """The protection and district committees whose alerts this user may see now."""
    return [c for c in guarded_committees(user) if c.kind in ALERTED_KINDS]


def _alerts_for(committees):
    return (Alert.objects.filter(committee__in=committees)
            .select_related("incident__neighbourhood", "committee").order_by("-raised_at", "-pk")[:50])


@never_cache
@login_required
def alerts(request):
    committees = _alerted_committees(request.user)
    return render(request, "protection/alerts.html", {
        "committees": committees, "alerts": [(a, alert_text(a)) for a in _alerts_for(committees)],
        "poll_seconds": conf.get("PROTECTION_ALERT_POLL_SECONDS")})


@never_cache
def alerts_live(request):
    """The alert list as JSON for the page's poller; public incident fields only."""
    if not request.user.is_authenticated:
        return JsonResponse({"alerts": []}, status=403)
    rows = [{"id": a.pk, "incident": a.incident_id, "url": a.incident.get_absolute_url(),
             "committee": _(a.committee.name), "reach": a.get_reach_display(), "text": alert_text(a),
             "seriousness": a.incident.seriousness,
             "acknowledged": a.acknowledged_at is not None,
             "raised": timezone.localtime(a.raised_at).strftime("%H:%M")}
            for a in _alerts_for(_alerted_committees(request.user))]
    return JsonResponse({"alerts": rows})


@login_required
@require_POST
def alert_ack(request, pk):
    alert = get_object_or_404(Alert, pk=pk)
    try:
        acknowledge(alert, request.user)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    if request.headers.get("x-requested-with") == "fetch":
        return JsonResponse({"ok": True})
    messages.success(request, _("Alert acknowledged."))
    return redirect("protection:alerts")


def feed(request, slug):
    """A plain-text feed of a committee's alerts for SMS or messaging gateways (``?after=ID``)."""
    committee = get_object_or_404(Committee, slug=slug)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return HttpResponse(_("after must be a whole number") + "\n", status=400,
                            content_type="text/plain; charset=utf-8")
    body = "".join(line + "\n" for line in feed_lines(committee, after))
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@never_cache
def neighbourhood(request, slug):
    """A neighbourhood's page; its committee also sees household requests, so it is never cached."""
    place = get_object_or_404(Neighbourhood.objects.select_related("committee", "district"), slug=slug)
    member = guards(request.user, place)
    escorts = list(place.escort_requests.exclude(status__in=EscortRequest.CLOSED)) if member else []
    relief = list(place.relief_requests.filter(status="open")) if member else []
    return render(request, "protection/neighbourhood.html", {
        "n": place, "is_guardian": member, "locked": is_locked_down(place.committee),
        "is_officer": is_guardian_officer(request.user, place.committee),
        "can_lock": role_in(place.committee, request.user) is not None,
        "can_unlock": role_in(place.committee, request.user) in Membership.OFFICERS,
        "places": place.safe_places.all(), "incidents": place.incidents.order_by("-reported_at")[:20],
        "escorts": escorts, "escort_locations": reveal_many(request.user, escorts),
        "relief": relief, "relief_locations": reveal_many(request.user, relief),
        "safety": safety_of(place.committee),
        "members": place.committee.admitted().select_related("member")
        if role_in(place.committee, request.user) in Membership.OFFICERS else [],
        "suspended": set(Suspension.objects.filter(committee=place.committee, lifted_at__isnull=True)
                         .values_list("member_id", flat=True)),
        "adjacent": place.adjacent.all(), "escort_statuses": EscortRequest.Status.choices,
        "new_place": NewPlaceForm() if member else None})


@login_required
@require_POST
def place_new(request, slug):
    where = get_object_or_404(Neighbourhood.objects.select_related("committee"), slug=slug)
    form = NewPlaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[name].label}: {' '.join(errors)}"
                                          for name, errors in form.errors.items()))
        return redirect(where)
    try:
        add_place(where, request.user, **form.cleaned_data)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("The safe place is updated."))
    return redirect(where)


@login_required
@require_POST
def place_update(request, pk):
    place = get_object_or_404(SafePlace.objects.select_related("neighbourhood__committee"), pk=pk)
    form = PlaceForm(request.POST, instance=SafePlace.objects.get(pk=pk))
    if not form.is_valid():
        messages.error(request, _("Capacity and occupancy must be whole numbers."))
    else:
        try:
            update_place(place, request.user, form.cleaned_data["capacity"], form.cleaned_data["occupancy"])
            messages.success(request, _("The safe place is updated."))
        except AccessError as error:
            raise PermissionDenied(str(error)) from error
    return redirect(place.neighbourhood)


def escort_new(request):
    if request.method == "POST":
        form, refusal = _guarded_form(request, EscortForm, "escort")
        if refusal:
            messages.error(request, refusal)
        elif form.is_valid():
            data = form.cleaned_data
            ask_escort(data["neighbourhood"], data["kind"], data["people"], data["needs"], data["address"],
                       data["contact"], data["lat"], data["lon"])
            messages.success(request, _("Your request is with the neighbourhood's protection committee."))
            return redirect("protection:index")
        form.data = form.data.copy()
        form.data["started"] = form_stamp()
    else:
        form = EscortForm(initial={"started": form_stamp(), "neighbourhood": request.GET.get("n")})
    return render(request, "protection/escort.html", {"form": form, **map_context()})


@login_required
@require_POST
def escort_status(request, pk):
    escort = get_object_or_404(EscortRequest.objects.select_related("neighbourhood__committee"), pk=pk)
    try:
        set_escort_status(escort, request.POST.get("status", ""), request.user)
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    return redirect(escort.neighbourhood)


@login_required
@require_POST
def committee_lock(request, slug, action):
    """Lock down, lift the lock-down, suspend an account or give it back its access."""
    committee = get_object_or_404(Committee, slug=slug)
    target = None
    if action in ("suspend", "unsuspend"):
        target = get_object_or_404(get_user_model(), pk=request.POST.get("member"))
    try:
        {"lock": lambda: lock_down(committee, request.user),
         "unlock": lambda: lift_lock_down(committee, request.user),
         "suspend": lambda: suspend(committee, target, request.user),
         "unsuspend": lambda: lift_suspension(committee, target, request.user)}[action]()
    except AccessError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, {"lock": _("The committee is locked down: its protected data is hidden from "
                                         "everyone until an officer lifts the lock-down."),
                               "unlock": _("The lock-down is lifted."),
                               "suspend": _("The account is suspended."),
                               "unsuspend": _("The account has its access back.")}[action])
    back = committee.guarded_neighbourhoods.first()
    return redirect(back or "protection:index")
