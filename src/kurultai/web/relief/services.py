"""Relief actions: asking, offering, proposing matches, moving a delivery on, closing a request."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.protection.access import AccessError, guards
from kurultai.web.protection.privacy import purge_if_due
from kurultai.web.relief.matching import Need, Supply, propose
from kurultai.web.relief.models import Delivery, ReliefOffer, ReliefRequest, RequestLocation


def ask(neighbourhood, kind, quantity, unit, note, address, contact, lat=None, lon=None, user=None) -> ReliefRequest:
    """Record a household's need; its location goes to the separate, protected table."""
    with transaction.atomic():
        request = ReliefRequest.objects.create(neighbourhood=neighbourhood, kind=kind, quantity=quantity,
                                               unit=unit, note=note, created_by=user)
        RequestLocation.objects.create(request=request, address=address, contact=contact, lat=lat, lon=lon)
        record("relief.requested", f"reliefrequest:{request.pk}",
               {"neighbourhood": neighbourhood.slug, "kind": kind, "quantity": str(quantity), "unit": unit},
               actor=user)
    return request


def offer(user, **fields) -> ReliefOffer:
    with transaction.atomic():
        made = ReliefOffer.objects.create(offered_by=user, **fields)
        record("relief.offered", f"reliefoffer:{made.pk}",
               {"kind": made.kind, "quantity": str(made.quantity), "unit": made.unit}, actor=user)
    return made


def committed(request: ReliefRequest) -> Decimal:
    """What active or finished deliveries already bring to this request."""
    return request.deliveries.exclude(status=Delivery.Status.CANCELLED).aggregate(
        total=Sum("quantity"))["total"] or Decimal(0)


def available(offer_obj: ReliefOffer) -> Decimal:
    used = offer_obj.deliveries.exclude(status=Delivery.Status.CANCELLED).aggregate(
        total=Sum("quantity"))["total"] or Decimal(0)
    return max(Decimal(0), offer_obj.quantity - used)


def _point(request: ReliefRequest) -> tuple[float, float]:
    """The household's point when it gave one, else its neighbourhood's centre."""
    location = getattr(request, "location", None)
    if location is not None and location.lat is not None and location.lon is not None:
        return location.lat, location.lon
    return request.neighbourhood.centre_lat, request.neighbourhood.centre_lon


def propose_for(request: ReliefRequest, user) -> list[Delivery]:
    """A protection committee member asks the platform to propose deliveries for one request."""
    if not guards(user, request.neighbourhood):
        raise AccessError(_("Only this neighbourhood's protection committee proposes deliveries."))
    if request.status != ReliefRequest.Status.OPEN:
        raise AccessError(_("This request is closed."))
    wanted = request.quantity - committed(request)
    if wanted <= 0:
        return []
    lat, lon = _point(request)
    offers = [o for o in ReliefOffer.objects.filter(status=ReliefOffer.Status.OPEN, kind=request.kind)]
    supplies = [Supply(o.pk, o.kind, available(o), o.lat, o.lon) for o in offers]
    proposals = propose([Need(request.pk, request.kind, wanted, lat, lon)], supplies)
    with transaction.atomic():
        made = [Delivery.objects.create(request=request, offer_id=p.supply_id, quantity=p.quantity,
                                        distance_km=Decimal(str(p.distance_km))) for p in proposals]
        record("relief.proposed", f"reliefrequest:{request.pk}",
               {"deliveries": [[d.offer_id, str(d.quantity)] for d in made]}, actor=user)
    return made


def may_move(delivery: Delivery, user) -> bool:
    """The request's protection committee or the person who made the offer."""
    return guards(user, delivery.request.neighbourhood) or (
        user.is_authenticated and delivery.offer.offered_by_id == user.pk)


def advance(delivery: Delivery, user) -> Delivery:
    """Move a delivery one step on: proposed, accepted, on the way, delivered."""
    if not may_move(delivery, user):
        raise AccessError(_("Only the committee or the person who offered can move this delivery on."))
    following = Delivery.NEXT.get(delivery.status)
    if following is None:
        raise AccessError(_("This delivery is finished."))
    with transaction.atomic():
        delivery.status = following
        delivery.save(update_fields=["status", "updated_at"])
        record("relief.delivery_moved", f"delivery:{delivery.pk}", {"status": following}, actor=user)
        request = delivery.request
        delivered = request.deliveries.filter(status=Delivery.Status.DELIVERED).aggregate(
            total=Sum("quantity"))["total"] or Decimal(0)
        if following == Delivery.Status.DELIVERED and delivered >= request.quantity:
            _close(request, user, timezone.now())
        offer_obj = delivery.offer
        if available(offer_obj) <= 0 and not offer_obj.deliveries.filter(status__in=Delivery.ACTIVE).exists():
            offer_obj.status = ReliefOffer.Status.CLOSED
            offer_obj.save(update_fields=["status"])
    return delivery


def cancel(delivery: Delivery, user) -> Delivery:
    if not may_move(delivery, user):
        raise AccessError(_("Only the committee or the person who offered can move this delivery on."))
    if delivery.status not in Delivery.ACTIVE:
        raise AccessError(_("This delivery is finished."))
    with transaction.atomic():
        delivery.status = Delivery.Status.CANCELLED
        delivery.save(update_fields=["status", "updated_at"])
        record("relief.delivery_cancelled", f"delivery:{delivery.pk}", {}, actor=user)
    return delivery


def close(request: ReliefRequest, user, now=None) -> ReliefRequest:
    """Close a request; its household location is deleted now or after the retention period."""
    if request.status == ReliefRequest.Status.CLOSED:
        return request
    if not guards(user, request.neighbourhood):
        raise AccessError(_("Only this neighbourhood's protection committee closes requests."))
    return _close(request, user, now or timezone.now())


def _close(request: ReliefRequest, user, now) -> ReliefRequest:
    with transaction.atomic():
        request.status, request.closed_at = ReliefRequest.Status.CLOSED, now
        request.save(update_fields=["status", "closed_at"])
        request.deliveries.filter(status=Delivery.Status.PROPOSED).update(status=Delivery.Status.CANCELLED)
        record("relief.closed", f"reliefrequest:{request.pk}", {}, actor=user)
        purge_if_due(request, now)
    return request
