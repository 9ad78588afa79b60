"""Protection actions other than verification: reporting, escorts, safe places."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.protection.access import AccessError, guards
from kurultai.web.protection.models import EscortLocation, EscortRequest, Incident, SafePlace
from kurultai.web.protection.privacy import purge_if_due


def report(user=None, photo=None, **fields) -> Incident:
    """File an incident report; it stays unverified until the committee confirms it."""
    with transaction.atomic():
        incident = Incident(reported_by=user if getattr(user, "is_authenticated", False) else None, **fields)
        if photo is not None:
            incident.photo.save(photo.name, photo, save=False)
        incident.save()
        record("incident.reported", f"incident:{incident.pk}",
               {"neighbourhood": incident.neighbourhood.slug, "seriousness": incident.seriousness})
    return incident


def ask_escort(neighbourhood, kind, people, needs, address, contact, lat=None, lon=None) -> EscortRequest:
    with transaction.atomic():
        escort = EscortRequest.objects.create(neighbourhood=neighbourhood, kind=kind, people=people, needs=needs)
        EscortLocation.objects.create(request=escort, address=address, contact=contact, lat=lat, lon=lon)
        record("escort.requested", f"escortrequest:{escort.pk}", {"neighbourhood": neighbourhood.slug, "kind": kind})
    return escort


def set_escort_status(escort: EscortRequest, status: str, user, now=None) -> EscortRequest:
    """The committee moves an escort request on; closing it deletes the household's location."""
    if not guards(user, escort.neighbourhood):
        raise AccessError(_("Only this neighbourhood's protection committee handles escort requests."))
    if status not in EscortRequest.Status.values:
        raise AccessError(_("Unknown status."))
    now = now or timezone.now()
    with transaction.atomic():
        escort.status = status
        if status in EscortRequest.CLOSED and escort.closed_at is None:
            escort.closed_at = now
        escort.save(update_fields=["status", "closed_at"])
        record("escort.status", f"escortrequest:{escort.pk}", {"status": status}, actor=user)
        purge_if_due(escort, now)
    return escort


def add_place(neighbourhood, user, **fields) -> SafePlace:
    """The neighbourhood's protection committee lists a new safe place."""
    if not guards(user, neighbourhood):
        raise AccessError(_("Only the committee that keeps this place can update it."))
    with transaction.atomic():
        place = SafePlace.objects.create(neighbourhood=neighbourhood, **fields)
        record("safe_place.added", f"safeplace:{place.pk}", {"kind": place.kind, "name": place.name}, actor=user)
    return place


def update_place(place: SafePlace, user, capacity: int, occupancy: int) -> SafePlace:
    """The place's committee keeps capacity and the number of people there now."""
    if not guards(user, place.neighbourhood):
        raise AccessError(_("Only the committee that keeps this place can update it."))
    if capacity < 0 or occupancy < 0:
        raise AccessError(_("Numbers cannot be negative."))
    with transaction.atomic():
        place.capacity, place.occupancy = capacity, occupancy
        place.save(update_fields=["capacity", "occupancy", "updated_at"])
        record("safe_place.updated", f"safeplace:{place.pk}",
               {"capacity": capacity, "occupancy": occupancy}, actor=user)
    return place
