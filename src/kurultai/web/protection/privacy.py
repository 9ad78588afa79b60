"""Household locations: shown only to the neighbourhood's protection committee, every view logged,
deleted when the request closes (or after the configured retention).

Both escort requests and relief requests keep their location in a one-to-one table of its own,
so purging is deleting that row: nothing of the address is left in the request itself.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from kurultai.web.audit.log import record
from kurultai.web.protection import conf
from kurultai.web.protection.access import guards

# (app label, request model) of every kind of request whose household location lives in ``location``.
LOCATION_HOLDERS = [("protection", "EscortRequest"), ("relief", "ReliefRequest")]


def subject_of(request_obj) -> str:
    return f"{request_obj._meta.model_name}:{request_obj.pk}"


def reveal(user, request_obj):
    """The request's location if this user guards its neighbourhood (the view is audited), else None."""
    if not guards(user, request_obj.neighbourhood):
        return None
    location = getattr(request_obj, "location", None)
    if location is None:
        return None
    record("household_location.viewed", subject_of(request_obj),
           {"committee": request_obj.neighbourhood.committee.slug}, actor=user)
    return location


def reveal_many(user, request_objs) -> dict[int, object]:
    """Locations of a list of requests that this user may see, each view audited; keyed by request id."""
    shown = {}
    for obj in request_objs:
        location = reveal(user, obj)
        if location is not None:
            shown[obj.pk] = location
    return shown


def purge_if_due(request_obj, now=None) -> bool:
    """Delete a closed request's location when its retention is over; True if something was deleted."""
    now = now or timezone.now()
    retention = timedelta(hours=conf.get("PROTECTION_LOCATION_RETENTION_HOURS"))
    if request_obj.closed_at is None or request_obj.closed_at + retention > now:
        return False
    location_model = type(request_obj).location.related.related_model
    with transaction.atomic():
        deleted, _detail = location_model.objects.filter(request=request_obj).delete()
        if request_obj.location_purged_at is None:
            request_obj.location_purged_at = now
            request_obj.save(update_fields=["location_purged_at"])
        if deleted:
            record("household_location.purged", subject_of(request_obj), {})
    return bool(deleted)


def purge_closed_locations(now=None) -> int:
    """Purge every closed request whose retention is over; returns how many locations were deleted."""
    now = now or timezone.now()
    retention = timedelta(hours=conf.get("PROTECTION_LOCATION_RETENTION_HOURS"))
    purged = 0
    for app_label, request_name in LOCATION_HOLDERS:
        model = apps.get_model(app_label, request_name)
        due = model.objects.filter(closed_at__isnull=False, closed_at__lte=now - retention,
                                   location__isnull=False)
        purged += sum(purge_if_due(obj, now) for obj in due)
    return purged
