"""Neighbourhoods and their protection committees, incident reports, alerts, safe places, escorts.

No model here records a person's ethnicity, religion or origin, and none may: a list of who is
who is a weapon. A household's location lives in its own table (``EscortLocation``) so that it can
be shown only to its neighbourhood's protection committee and deleted when the request closes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kurultai.web.committees.models import Committee


class Neighbourhood(models.Model):
    """A mahalla or district of a town with its boundary, its protection committee and neighbours."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("town"), max_length=80)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), default=dict, blank=True)
    centre_lat = models.FloatField(_("latitude of the centre"))
    centre_lon = models.FloatField(_("longitude of the centre"))
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="guarded_neighbourhoods",
                                  verbose_name=_("protection committee"),
                                  limit_choices_to={"kind": Committee.Kind.PROTECTION})
    district = models.ForeignKey(Committee, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="district_neighbourhoods", verbose_name=_("district committee"),
                                 limit_choices_to={"kind": Committee.Kind.DISTRICT})
    adjacent = models.ManyToManyField("self", blank=True, symmetrical=True, verbose_name=_("adjacent neighbourhoods"))

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("protection:neighbourhood", args=[self.slug])


class CommitteeSafety(models.Model):
    """A protection committee's own rules (confirmations, escalation) and its lock-down switch."""

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="safety",
                                     verbose_name=_("committee"))
    confirmations_needed = models.PositiveSmallIntegerField(
        _("independent confirmations needed"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)])
    escalate_after_minutes = models.PositiveIntegerField(
        _("minutes before an unacknowledged alert goes to the district"), default=15,
        validators=[MinValueValidator(1)])
    locked_down_at = models.DateTimeField(_("locked down since"), null=True, blank=True)
    locked_down_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("locked down by"))

    class Meta:
        verbose_name = _("protection rules")
        verbose_name_plural = _("protection rules")

    def __str__(self) -> str:
        return str(self.committee)

    @property
    def locked_down(self) -> bool:
        return self.locked_down_at is not None


class Suspension(models.Model):
    """An account whose access to a committee's protected data is cut off (e.g. a stolen phone)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="suspensions",
                                  verbose_name=_("committee"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions",
                               verbose_name=_("member"))
    suspended_at = models.DateTimeField(_("suspended"), auto_now_add=True)
    suspended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("suspended by"))
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    class Meta:
        ordering = ["-suspended_at"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")


class Seriousness(models.IntegerChoices):
    MINOR = 1, _("minor")
    SERIOUS = 2, _("serious")
    VIOLENT = 3, _("violence")
    LIFE = 4, _("danger to life")


class Incident(models.Model):
    """A report by anyone of something that happened; unverified until the committee confirms it."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("unverified")
        VERIFIED = "verified", _("verified")
        FALSE = "false", _("false (rumour)")

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="incidents",
                                      verbose_name=_("neighbourhood"))
    street = models.CharField(_("street or landmark"), max_length=160)
    what = models.TextField(_("what happened"), max_length=2000)
    happened_at = models.DateTimeField(_("when"))
    seriousness = models.PositiveSmallIntegerField(_("how serious"), choices=Seriousness.choices)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="incidents/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNVERIFIED)
    false_note = models.TextField(_("why it is false"), blank=True)
    reported_at = models.DateTimeField(_("reported"), auto_now_add=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    settled_at = models.DateTimeField(_("verified or refuted"), null=True, blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("refuted by"))

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")

    def __str__(self) -> str:
        return f"{self.neighbourhood}: {self.street}"

    def get_absolute_url(self) -> str:
        return reverse("protection:incident", args=[self.pk])


class Confirmation(models.Model):
    """One protection committee member vouching that a report is true; one per member."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="confirmations",
                                 verbose_name=_("incident report"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("member"))
    at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "member"], name="one_confirmation_per_member")]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")


class Alert(models.Model):
    """A verified incident announced to one committee; escalates to the district if nobody acknowledges."""

    class Reach(models.TextChoices):
        OWN = "own", _("this neighbourhood")
        ADJACENT = "adjacent", _("adjacent neighbourhood")
        DISTRICT = "district", _("escalated to the district")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="alerts",
                                 verbose_name=_("incident report"))
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="protection_alerts",
                                  verbose_name=_("committee"))
    reach = models.CharField(_("reach"), max_length=10, choices=Reach.choices)
    raised_at = models.DateTimeField(_("raised"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+", verbose_name=_("acknowledged by"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["incident", "committee"], name="one_alert_per_committee")]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")


class SafePlace(models.Model):
    """A shelter, medical point or water point that its committee keeps up to date."""

    class Kind(models.TextChoices):
        SHELTER = "shelter", _("shelter")
        MEDICAL = "medical", _("medical point")
        WATER = "water", _("water point")

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="safe_places",
                                      verbose_name=_("neighbourhood"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    address = models.CharField(_("address"), max_length=200)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    occupancy = models.PositiveIntegerField(_("people there now"), default=0)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["neighbourhood", "kind", "name"]
        verbose_name = _("safe place")
        verbose_name_plural = _("safe places")

    def __str__(self) -> str:
        return self.name

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.occupancy)


class EscortRequest(models.Model):
    """A household asking to be escorted or evacuated; its location is kept apart (EscortLocation)."""

    class Kind(models.TextChoices):
        ESCORT = "escort", _("escort")
        EVACUATION = "evacuation", _("evacuation")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ASSIGNED = "assigned", _("someone is on the way")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    CLOSED = (Status.DONE, Status.CANCELLED)

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="escort_requests",
                                      verbose_name=_("neighbourhood"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    people = models.PositiveSmallIntegerField(_("people"), default=1, validators=[MinValueValidator(1)])
    needs = models.CharField(_("needs (e.g. wheelchair, infant)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    location_purged_at = models.DateTimeField(_("location deleted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("escort or evacuation request")
        verbose_name_plural = _("escort or evacuation requests")


class EscortLocation(models.Model):
    """Where the household is and how to reach it: seen only by its protection committee."""

    request = models.OneToOneField(EscortRequest, on_delete=models.CASCADE, related_name="location")
    address = models.CharField(_("address"), max_length=200)
    contact = models.CharField(_("phone or contact"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)


class Throttle(models.Model):
    """One submission counted against a keyed hash of its sender (IP or session), never the IP itself."""

    action = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["action", "key", "at"])]
