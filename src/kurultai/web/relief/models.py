"""Relief: what households need, what people offer, and deliveries from one to the other.

A request's household location lives in ``RequestLocation``, seen only by the neighbourhood's
protection committee and deleted when the request closes.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kurultai.web.protection.models import Neighbourhood


class Kind(models.TextChoices):
    WATER = "water", _("water")
    FOOD = "food", _("food")
    MEDICINE = "medicine", _("medicine")
    FUEL = "fuel", _("fuel")
    TRANSPORT = "transport", _("transport")


POSITIVE = [MinValueValidator(Decimal("0.01"))]


class ReliefRequest(models.Model):
    """A household's need: kind and quantity, in a neighbourhood."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="relief_requests",
                                      verbose_name=_("neighbourhood"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, validators=POSITIVE)
    unit = models.CharField(_("unit"), max_length=20)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("asked by"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    location_purged_at = models.DateTimeField(_("location deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("relief request")
        verbose_name_plural = _("relief requests")

    def get_absolute_url(self) -> str:
        return reverse("relief:request", args=[self.pk])


class RequestLocation(models.Model):
    """Where the household is and how to reach it: seen only by its protection committee."""

    request = models.OneToOneField(ReliefRequest, on_delete=models.CASCADE, related_name="location")
    address = models.CharField(_("address"), max_length=200)
    contact = models.CharField(_("phone or contact"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)


class ReliefOffer(models.Model):
    """Something someone can give (a farm's flour, a driver's truck) at a place they chose to publish."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, validators=POSITIVE)
    unit = models.CharField(_("unit"), max_length=20)
    what = models.CharField(_("what is offered"), max_length=200)
    place = models.CharField(_("where it is"), max_length=200)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("offered by"))
    created_at = models.DateTimeField(_("offered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("relief offer")
        verbose_name_plural = _("relief offers")


class Delivery(models.Model):
    """A quantity moving from one offer to one request, from proposal to arrival."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        ON_THE_WAY = "on_the_way", _("on the way")
        DELIVERED = "delivered", _("delivered")
        CANCELLED = "cancelled", _("cancelled")

    ACTIVE = (Status.PROPOSED, Status.ACCEPTED, Status.ON_THE_WAY)
    NEXT = {Status.PROPOSED: Status.ACCEPTED, Status.ACCEPTED: Status.ON_THE_WAY,
            Status.ON_THE_WAY: Status.DELIVERED}

    request = models.ForeignKey(ReliefRequest, on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("relief request"))
    offer = models.ForeignKey(ReliefOffer, on_delete=models.CASCADE, related_name="deliveries",
                              verbose_name=_("relief offer"))
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, validators=POSITIVE)
    distance_km = models.DecimalField(_("distance (km)"), max_digits=8, decimal_places=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
